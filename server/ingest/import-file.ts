import { createReadStream, statSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { IngestRejection } from '../../src/lib/contracts/ingest';
import type { IngestService } from './ingest-service';

export interface ImportProgress {
	bytesRead: number;
	bytesTotal: number;
	imported: number;
	duplicates: number;
	rejected: number;
}

export interface ImportSummary {
	file: string;
	imported: number;
	duplicates: number;
	rejected: number;
	/** The first rejections, each with its line number in the file (1-based). */
	rejections: { line: number; error: string }[];
	ms: number;
}

export interface ImportOptions {
	/** The source the event ids belong to; keep it the same when re-running an import. */
	source: string;
	batchSize?: number;
	onProgress?: (progress: ImportProgress) => void;
}

/** Rejections kept for the summary; the count is exact beyond it. */
const MAX_LISTED_REJECTIONS = 1_000;

/** One parsed record of a file: its line number and the native events it stands for (or why it cannot). */
export type ImportRecord = { line: number; events: unknown[] } | { line: number; error: string };

/**
 * Streams records into storage in batches with constant memory: each batch is committed before the next is
 * read, so a re-run after a crash only meets duplicates.
 */
export async function importRecords(
	file: string,
	records: AsyncIterable<ImportRecord>,
	ingest: IngestService,
	options: ImportOptions & { bytesRead: () => number }
): Promise<ImportSummary> {
	const started = performance.now();
	const batchSize = options.batchSize ?? 5_000;
	const bytesTotal = statSync(file).size;
	const summary: ImportSummary = {
		file: path.basename(file),
		imported: 0,
		duplicates: 0,
		rejected: 0,
		rejections: [],
		ms: 0
	};
	const reject = (line: number, error: string) => {
		summary.rejected += 1;
		if (summary.rejections.length < MAX_LISTED_REJECTIONS) summary.rejections.push({ line, error });
	};
	let raw: unknown[] = [];
	let lines: number[] = [];

	const flush = async () => {
		if (raw.length === 0) return;
		const checked = ingest.check(raw, null);
		checked.rejected.forEach((r: IngestRejection) => reject(lines[r.index], r.error));
		const stored = await ingest.store(options.source, checked.events);
		summary.imported += stored.accepted;
		summary.duplicates += stored.duplicates;
		raw = [];
		lines = [];
		options.onProgress?.({
			bytesRead: options.bytesRead(),
			bytesTotal,
			imported: summary.imported,
			duplicates: summary.duplicates,
			rejected: summary.rejected
		});
	};

	for await (const record of records) {
		if ('error' in record) {
			reject(record.line, record.error);
			continue;
		}
		for (const event of record.events) {
			raw.push(event);
			lines.push(record.line);
		}
		if (raw.length >= batchSize) await flush();
	}
	await flush();
	summary.ms = Math.round(performance.now() - started);
	return summary;
}

/** Native events, one JSON object per line. */
export function ndjsonRecords(file: string) {
	const stream = createReadStream(file);
	const records = async function* (): AsyncGenerator<ImportRecord> {
		const reader = createInterface({ input: stream, crlfDelay: Infinity });
		let line = 0;
		for await (const text of reader) {
			line += 1;
			if (text.trim() === '') continue;
			try {
				yield { line, events: [JSON.parse(text)] };
			} catch {
				yield { line, error: 'not valid JSON' };
			}
		}
	};
	return { records: records(), bytesRead: () => stream.bytesRead };
}
