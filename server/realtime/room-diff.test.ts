import { describe, expect, it } from 'vitest';
import type { SnapshotJson } from '../../src/lib/contracts/snapshot';
import { diffSnapshot } from '../../src/lib/realtime/snapshot-changes';
import { diffRoom } from './room-diff';

const child = (scope: string, rank: number, total: number) => ({
	scope,
	name: null,
	rank,
	received: { total },
	inProgress: { overdue: 0 }
});

const before = {
	scope: 'province:40',
	asOf: '2026-11-28T02:00:00.000Z',
	received: { total: 3 },
	children: [child('ward:1', 1, 2), child('ward:2', 2, 1), child('ward:3', 3, 0)]
} as unknown as SnapshotJson;

describe('room diffs that know which rows were recomputed', () => {
	it('equal the full diff when the other rows are unchanged, ranks included', () => {
		const after = structuredClone(before) as unknown as typeof before;
		after.asOf = '2026-11-28T02:00:01.000Z';
		after.received.total = 5;
		after.children[2].received.total = 2;
		after.children[2].rank = 1;
		after.children[0].rank = 2;
		after.children[1].rank = 3;
		const full = diffSnapshot(before, after, ['/asOf']);
		expect(diffRoom(before, after, new Set([2]))).toEqual(full);
		expect(full).toEqual({
			'/received/total': 5,
			'/children/0/rank': 2,
			'/children/1/rank': 3,
			'/children/2/rank': 1,
			'/children/2/received/total': 2
		});
	});

	it('fall back to the full diff without the knowledge', () => {
		const after = structuredClone(before) as unknown as typeof before;
		after.children[1].inProgress.overdue = 4;
		expect(diffRoom(before, after, null)).toEqual({ '/children/1/inProgress/overdue': 4 });
		// Told wrongly that nothing was recomputed, it misses the change: the caller's knowledge matters.
		expect(diffRoom(before, after, new Set())).toEqual({});
	});
});
