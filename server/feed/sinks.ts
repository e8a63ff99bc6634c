import type { DossierEvent } from '../../src/lib/domain/dossier';
import type { NativeEventInput } from '../../src/lib/contracts/ingest';
import { BatchWriter } from '../ingest/batch-writer';
import type { IngestService } from '../ingest/ingest-service';
import type { EventSink } from './paced-feed';

/** The fast path: straight into storage through the same checks as the API (used by the demo and backfills). */
export class StorageSink implements EventSink {
	private readonly writer: BatchWriter;

	constructor(ingest: IngestService, source: string, options: { concurrency?: number } = {}) {
		this.writer = new BatchWriter(ingest, source, options);
	}

	get totals() {
		return this.writer.totals;
	}

	write(events: DossierEvent[]): Promise<void> {
		return this.writer.write(events);
	}

	async flush(): Promise<void> {
		await this.writer.finish();
	}
}

/** A refusal that retrying cannot fix (bad key, event outside the key's scope): the feed stops. */
export class IngestRefusedError extends Error {}

export interface HttpSinkOptions {
	/** The server's base URL, e.g. http://localhost:3000. */
	url: string;
	/** An API key allowed to ingest for the simulated wards. */
	key: string;
	toWire: (event: DossierEvent) => NativeEventInput;
	/** How long to keep retrying a batch the server cannot take right now. */
	retryForMs?: number;
	fetch?: typeof fetch;
}

/**
 * Posts batches to `POST /api/v1/events`. An event is delivered once the server acknowledged it; a batch that
 * met a network error, a 429 or a 5xx is sent again (the server drops the duplicates), with growing pauses.
 */
export class HttpSink implements EventSink {
	readonly totals = { accepted: 0, duplicates: 0 };

	constructor(private readonly options: HttpSinkOptions) {}

	async write(events: DossierEvent[]): Promise<void> {
		const body = JSON.stringify({ events: events.map(this.options.toWire) });
		const endpoint = new URL('/api/v1/events', this.options.url);
		const giveUpAt = Date.now() + (this.options.retryForMs ?? 120_000);
		const send = this.options.fetch ?? fetch;
		for (let attempt = 1; ; attempt++) {
			let problem: string;
			try {
				const response = await send(endpoint, {
					method: 'POST',
					headers: {
						'content-type': 'application/json',
						authorization: `Bearer ${this.options.key}`
					},
					body
				});
				const answer = (await response.json().catch(() => ({}))) as {
					accepted?: number;
					duplicates?: number;
					rejected?: { index: number; error: string }[];
					error?: { message?: string };
				};
				if (response.ok) {
					this.totals.accepted += answer.accepted ?? 0;
					this.totals.duplicates += answer.duplicates ?? 0;
					const rejected = answer.rejected ?? [];
					if (rejected.length > 0)
						throw new IngestRefusedError(
							`${rejected.length} events rejected, first: #${rejected[0].index} ${rejected[0].error}`
						);
					return;
				}
				problem = `HTTP ${response.status} ${answer.error?.message ?? ''}`.trim();
				if (response.status !== 429 && response.status < 500)
					throw new IngestRefusedError(`${endpoint.href}: ${problem}`);
			} catch (error) {
				if (error instanceof IngestRefusedError) throw error;
				problem = error instanceof Error ? error.message : String(error);
			}
			if (Date.now() >= giveUpAt)
				throw new Error(`${endpoint.href}: still failing after ${attempt} attempts: ${problem}`);
			await new Promise((resolve) => setTimeout(resolve, Math.min(250 * 2 ** attempt, 10_000)));
		}
	}

	async flush(): Promise<void> {}
}
