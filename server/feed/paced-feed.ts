import type { Instant } from '../../src/lib/domain/calendar/vn-time';
import type { DossierEvent } from '../../src/lib/domain/dossier';

/** Where a feed delivers its events: the database directly (fast path) or an ingest API. */
export interface EventSink {
	/** Resolves once the batch is durable (or safely queued); rejects to stop the feed. */
	write(events: DossierEvent[]): Promise<void>;
	/** Waits for everything written so far. */
	flush(): Promise<void>;
}

export interface FeedProgress {
	/** Events handed to the sink so far. */
	sent: number;
	/** The time of the last event sent. */
	at: Instant | null;
	phase: 'backfill' | 'live';
}

export interface PacedFeedOptions {
	/** Events up to here already reached the sink in an earlier run: skipped, not re-sent. */
	skipUntil?: Instant;
	/** Events after this instant are left alone (another feed takes them): the stream ends here. */
	until?: Instant;
	/** Largest batch in backfill (the API takes at most 5,000). */
	batchSize?: number;
	/** How often live mode delivers what has become due. */
	tickMs?: number;
	clock?: () => Instant;
	onProgress?: (progress: FeedProgress) => void;
	/**
	 * Called with the instant up to which everything is durable: after each live batch, at the end of the
	 * backfill, and during the backfill at most every `checkpointEveryMs` (which then waits for the sink).
	 */
	onCheckpoint?: (until: Instant) => Promise<void> | void;
	checkpointEveryMs?: number;
}

/**
 * Replays a time-ordered event stream against the wall clock: everything already in the past goes out at once
 * in large batches (the backfill), then each event goes out once its time has come (live). The stream is lazy
 * and may be endless; only one event is held ahead.
 */
export class PacedFeed {
	private stopped = false;
	private wake: (() => void) | null = null;
	readonly progress: FeedProgress = { sent: 0, at: null, phase: 'backfill' };

	constructor(
		private readonly events: Iterator<DossierEvent>,
		private readonly sink: EventSink,
		private readonly options: PacedFeedOptions = {}
	) {}

	private get clock() {
		return this.options.clock ?? Date.now;
	}

	private next: DossierEvent | null | undefined;

	/** The next event of the stream without taking it; null when the stream has ended. */
	private peek(): DossierEvent | null {
		if (this.next === undefined) {
			const result = this.events.next();
			this.next = result.done ? null : result.value;
		}
		return this.next;
	}

	/**
	 * Takes the events due by `due` (at most `limit`), skipping those an earlier run delivered; `caughtUp` when
	 * nothing more is due. Skipping a long delivered past is bounded per call too, so the caller can yield.
	 */
	private take(due: Instant, limit: number): { events: DossierEvent[]; caughtUp: boolean } {
		const until = Math.min(due, this.options.until ?? Infinity);
		const skipUntil = this.options.skipUntil ?? -Infinity;
		const events: DossierEvent[] = [];
		let skipped = 0;
		for (let event = this.peek(); event && event.at <= until; event = this.peek()) {
			this.next = undefined;
			if (event.at <= skipUntil) {
				if (++skipped >= limit * 10) return { events, caughtUp: false };
				continue;
			}
			events.push(event);
			if (events.length >= limit) return { events, caughtUp: false };
		}
		return { events, caughtUp: true };
	}

	private async send(batch: DossierEvent[]) {
		await this.sink.write(batch);
		this.progress.sent += batch.length;
		this.progress.at = batch[batch.length - 1].at;
		this.options.onProgress?.(this.progress);
	}

	/** Sends the past in bulk; resolves when caught up with the clock (or with `until`). */
	async backfill(): Promise<void> {
		const batchSize = this.options.batchSize ?? 5_000;
		const every = this.options.checkpointEveryMs;
		let checkpointed = performance.now();
		for (;;) {
			if (this.stopped) return;
			const { events: batch, caughtUp } = this.take(this.clock(), batchSize);
			if (batch.length > 0) await this.send(batch);
			else if (caughtUp) break;
			if (batch.length > 0 && every !== undefined && performance.now() - checkpointed >= every) {
				await this.sink.flush();
				// A millisecond back: events tied with the last one sent may still be ahead in the stream.
				await this.options.onCheckpoint?.(batch[batch.length - 1].at - 1);
				checkpointed = performance.now();
			}
			// An embedded database settles its promises without ever leaving the microtask queue: yield, or the
			// history would starve every request, timer and log line until it is all in.
			await new Promise((resolve) => setImmediate(resolve));
		}
		if (this.stopped) return;
		await this.sink.flush();
		await this.options.onCheckpoint?.(Math.min(this.clock(), this.options.until ?? Infinity));
	}

	/** Runs live until stopped or the stream ends; each tick sends what has become due. */
	async live(): Promise<void> {
		this.progress.phase = 'live';
		const tickMs = this.options.tickMs ?? 1_000;
		while (!this.stopped && this.peek()) {
			const now = this.clock();
			const { events: batch, caughtUp } = this.take(now, this.options.batchSize ?? 5_000);
			if (batch.length > 0) {
				await this.send(batch);
				await this.sink.flush();
				// Delivered up to now only when nothing more was due; else up to just before the last event sent.
				await this.options.onCheckpoint?.(caughtUp ? now : batch[batch.length - 1].at - 1);
			}
			const upcoming = this.peek();
			const wait =
				upcoming && caughtUp ? Math.min(tickMs, Math.max(0, upcoming.at - this.clock())) : 0;
			await new Promise<void>((resolve) => {
				this.wake = resolve;
				setTimeout(resolve, Math.max(wait, 50));
			});
			this.wake = null;
		}
	}

	stop(): void {
		this.stopped = true;
		this.wake?.();
	}
}
