import { describe, expect, it } from 'vitest';
import type { DossierEvent } from '../../src/lib/domain/dossier';
import { PacedFeed, type EventSink } from './paced-feed';

/** A stream of one event per second from t = 1,000 ms, ids e1, e2, … */
function* everySecond(count: number): Generator<DossierEvent> {
	for (let n = 1; n <= count; n++)
		yield { id: `e${n}`, type: 'received', dossier: `D${n}`, ward: '16681', at: n * 1_000 };
}

/** A sink that keeps what it was given (this is a unit test of pure scheduling code). */
function recordingSink(): EventSink & { batches: string[][]; flushes: number } {
	const sink = {
		batches: [] as string[][],
		flushes: 0,
		write: async (events: DossierEvent[]) => {
			sink.batches.push(events.map((e) => e.id));
		},
		flush: async () => {
			sink.flushes++;
		}
	};
	return sink;
}

const ids = (sink: { batches: string[][] }) => sink.batches.flat();

describe('PacedFeed', () => {
	it('backfills everything up to the clock in batches of the given size, then checkpoints the clock', async () => {
		const sink = recordingSink();
		const checkpoints: number[] = [];
		const feed = new PacedFeed(everySecond(20), sink, {
			clock: () => 10_500,
			batchSize: 4,
			onCheckpoint: (at) => void checkpoints.push(at)
		});
		await feed.backfill();
		expect(sink.batches.map((b) => b.length)).toEqual([4, 4, 2]);
		expect(ids(sink)).toEqual(Array.from({ length: 10 }, (_, i) => `e${i + 1}`));
		expect(checkpoints).toEqual([10_500]);
		expect(feed.progress).toMatchObject({ sent: 10, at: 10_000, phase: 'backfill' });
	});

	it('skips what an earlier run delivered, even when that is far more than a batch', async () => {
		const sink = recordingSink();
		const feed = new PacedFeed(everySecond(200), sink, {
			clock: () => 200_000,
			batchSize: 2,
			skipUntil: 190_000
		});
		await feed.backfill();
		expect(ids(sink)).toEqual(Array.from({ length: 10 }, (_, i) => `e${i + 191}`));
	});

	it('stops at `until`, leaving later events to another feed', async () => {
		const sink = recordingSink();
		const checkpoints: number[] = [];
		const feed = new PacedFeed(everySecond(20), sink, {
			clock: () => 50_000,
			until: 5_000,
			onCheckpoint: (at) => void checkpoints.push(at)
		});
		await feed.backfill();
		expect(ids(sink)).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);
		expect(checkpoints).toEqual([5_000]);
	});

	it('checkpoints during a long backfill just before the last event sent, after flushing the sink', async () => {
		const sink = recordingSink();
		const checkpoints: { at: number; flushes: number }[] = [];
		const feed = new PacedFeed(everySecond(6), sink, {
			clock: () => 6_000,
			batchSize: 2,
			checkpointEveryMs: 0,
			onCheckpoint: (at) => void checkpoints.push({ at, flushes: sink.flushes })
		});
		await feed.backfill();
		expect(checkpoints.map((c) => c.at)).toEqual([1_999, 3_999, 5_999, 6_000]);
		expect(checkpoints.every((c, i) => c.flushes === i + 1)).toBe(true);
	});

	it('goes live: sends each event once its time has come, and stops when told', async () => {
		const sink = recordingSink();
		let now = 2_000;
		const feed = new PacedFeed(everySecond(1_000), sink, { clock: () => now, tickMs: 10 });
		await feed.backfill();
		expect(ids(sink)).toEqual(['e1', 'e2']);
		const running = feed.live();
		now = 4_000;
		await expect.poll(() => ids(sink)).toEqual(['e1', 'e2', 'e3', 'e4']);
		expect(feed.progress.phase).toBe('live');
		feed.stop();
		await running;
		now = 9_000;
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(ids(sink)).toHaveLength(4);
	});

	it('stops a backfill midway without flushing or checkpointing', async () => {
		const sink = recordingSink();
		const checkpoints: number[] = [];
		let feed: PacedFeed | undefined = undefined;
		const stoppingSink: EventSink = {
			write: async (events) => {
				await sink.write(events);
				feed?.stop();
			},
			flush: sink.flush
		};
		feed = new PacedFeed(everySecond(10), stoppingSink, {
			clock: () => 10_000,
			batchSize: 3,
			onCheckpoint: (at) => void checkpoints.push(at)
		});
		await feed.backfill();
		expect(ids(sink)).toEqual(['e1', 'e2', 'e3']);
		expect(checkpoints).toEqual([]);
	});
});
