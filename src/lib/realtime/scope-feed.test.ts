import { describe, expect, it } from 'vitest';
import type { SnapshotJson } from '../contracts/snapshot';
import type { ScopeUpdate } from '../contracts/socket-events';
import { catchUp, feedFromAck, stepFeed, type FeedState } from './scope-feed';

const snapshot = {
	scope: 'ward:16681',
	asOf: '2026-11-28T02:00:00.000Z',
	received: { total: 1 },
	inProgress: { total: 1, overdue: 0 }
} as unknown as SnapshotJson;

const start: FeedState = feedFromAck({ epoch: 3, seq: 100, snapshot });

const update = (seq: number, changes: ScopeUpdate['changes'], epoch = 3): ScopeUpdate => ({
	scope: 'ward:16681',
	epoch,
	seq,
	asOf: `2026-11-28T02:00:${String(seq - 100).padStart(2, '0')}.000Z`,
	changes
});

describe('a scope feed', () => {
	it('applies the next seq and takes its asOf', () => {
		const step = stepFeed(start, update(101, { '/received/total': 2 }));
		expect(step.kind).toBe('applied');
		if (step.kind !== 'applied') return;
		expect(step.state.seq).toBe(101);
		expect(step.state.snapshot.received.total).toBe(2);
		expect(step.state.snapshot.asOf).toBe('2026-11-28T02:00:01.000Z');
		expect(start.snapshot.received.total).toBe(1);
	});

	it('ignores what it already holds, and resyncs on a gap, another epoch or a change that does not fit', () => {
		expect(stepFeed(start, update(100, {}))).toEqual({ kind: 'ignored' });
		expect(stepFeed(start, update(99, {}))).toEqual({ kind: 'ignored' });
		expect(stepFeed(start, update(102, {}))).toEqual({ kind: 'resync', reason: 'gap' });
		expect(stepFeed(start, update(101, {}, 4))).toEqual({ kind: 'resync', reason: 'epoch' });
		expect(stepFeed(start, update(101, { '/children/3/x': 1 }))).toEqual({
			kind: 'resync',
			reason: 'drift'
		});
	});

	it('an empty update still moves asOf: the figures were checked', () => {
		const step = stepFeed(start, update(101, {}));
		expect(step.kind === 'applied' && step.state.snapshot.asOf).toBe('2026-11-28T02:00:01.000Z');
	});

	it('catches up on updates that arrived before the acknowledgement, in seq order', () => {
		const pending = [
			update(102, { '/received/total': 3 }),
			update(99, { '/received/total': 0 }),
			update(101, { '/received/total': 2 })
		];
		const step = catchUp(start, pending);
		expect(step.kind).toBe('applied');
		if (step.kind === 'applied') {
			expect(step.state.seq).toBe(102);
			expect(step.state.snapshot.received.total).toBe(3);
		}
		expect(catchUp(start, [update(103, {})])).toEqual({ kind: 'resync', reason: 'gap' });
		expect(catchUp(start, [])).toEqual({ kind: 'applied', state: start });
	});
});
