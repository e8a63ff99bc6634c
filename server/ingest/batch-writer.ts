import type { DossierEvent } from '../../src/lib/domain/dossier';
import type { IngestService } from './ingest-service';

export interface BatchWriterTotals {
	imported: number;
	duplicates: number;
}

/**
 * Stores batches of checked events with a few in flight at once: the database works on some while the next is
 * parsed and derived, and a batch waiting on its commit leaves the CPU to the others (4 measured best on 2 cores).
 * Bounded, so memory stays constant; each batch commits on its own, and per-dossier locks keep them consistent.
 */
export class BatchWriter {
	readonly totals: BatchWriterTotals = { imported: 0, duplicates: 0 };
	private readonly inFlight = new Set<Promise<void>>();
	private failure: unknown;

	constructor(
		private readonly ingest: IngestService,
		private readonly source: string,
		private readonly options: { concurrency?: number; onStored?: () => void } = {}
	) {}

	/** Queues a batch; waits while the writer is full. A failed batch fails the next call at once. */
	async write(events: DossierEvent[]): Promise<void> {
		if (this.failure) throw this.failure;
		if (events.length === 0) return;
		const storing = this.ingest.store(this.source, events).then(
			(stored) => {
				this.totals.imported += stored.accepted;
				this.totals.duplicates += stored.duplicates;
				this.options.onStored?.();
			},
			(error: unknown) => {
				this.failure ??= error;
			}
		);
		this.inFlight.add(storing);
		void storing.then(() => this.inFlight.delete(storing));
		if (this.inFlight.size >= (this.options.concurrency ?? 4)) await Promise.race(this.inFlight);
		if (this.failure) throw this.failure;
	}

	/** Waits for every batch; throws the first failure (re-running meets only duplicates). */
	async finish(): Promise<BatchWriterTotals> {
		await Promise.all(this.inFlight);
		if (this.failure) throw this.failure;
		return this.totals;
	}
}
