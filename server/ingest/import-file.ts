import { createReadStream, statSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import type { IngestRejection } from '../../src/lib/contracts/ingest';
import type { DossierEvent } from '../../src/lib/domain/dossier';
import { BatchWriter } from './batch-writer';
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
	/** Batches stored at the same time (default 4). */
	concurrency?: number;
	onProgress?: (progress: ImportProgress) => void;
}

/** Rejections kept for the summary; the count is exact beyond it. */
const MAX_LISTED_REJECTIONS = 1_000;

/**
 * One parsed record of a file with its line number: a raw native event still to be checked, events already
 * translated and checked (a DVCQG row), or why the line cannot be used.
 */
export type ImportRecord =
	| { line: number; raw: unknown }
	| { line: number; events: DossierEvent[] }
	| { line: number; error: string };

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
	let ready: DossierEvent[] = [];

	const writer = new BatchWriter(ingest, options.source, {
		concurrency: options.concurrency,
		onStored: () =>
			options.onProgress?.({
				bytesRead: options.bytesRead(),
				bytesTotal,
				imported: writer.totals.imported,
				duplicates: writer.totals.duplicates,
				rejected: summary.rejected
			})
	});

	const flush = async () => {
		if (raw.length === 0 && ready.length === 0) return;
		const checked = ingest.check(raw, null);
		checked.rejected.forEach((r: IngestRejection) => reject(lines[r.index], r.error));
		const batch = [...checked.events, ...ready];
		raw = [];
		lines = [];
		ready = [];
		// A failed batch stops the import at once; re-running it meets only duplicates.
		await writer.write(batch);
	};

	for await (const record of records) {
		if ('error' in record) {
			reject(record.line, record.error);
			continue;
		}
		if ('raw' in record) {
			raw.push(record.raw);
			lines.push(record.line);
		} else ready.push(...record.events);
		if (raw.length + ready.length >= batchSize) await flush();
	}
	await flush();
	Object.assign(summary, await writer.finish());
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
				yield { line, raw: JSON.parse(text) };
			} catch {
				yield { line, error: 'not valid JSON' };
			}
		}
	};
	return { records: records(), bytesRead: () => stream.bytesRead };
}

/** Columns that hold lists in the DVCQG sync; in a CSV row they carry JSON text. */
const LIST_COLUMNS = ['DanhSachHoSoBoSung', 'TaiLieuNop', 'DanhSachLePhi', 'DanhSachGiayToKetQua'];

/**
 * DVCQG dossiers, one CSV row each, with the sync's column names (UTF-8, a BOM allowed). Rows are translated
 * in chunks like a DongBoHoSoMC request, each compared with the stored dossier; a bad row is rejected alone.
 */
export function dvcqgCsvRecords(
	file: string,
	translate: (
		rows: Record<string, unknown>[]
	) => Promise<({ events: DossierEvent[] } | { error: string })[]>,
	chunkSize = 1_000
) {
	const stream = createReadStream(file);
	const records = async function* (): AsyncGenerator<ImportRecord> {
		const parser = stream.pipe(
			parse({
				columns: true,
				bom: true,
				skip_empty_lines: true,
				trim: true,
				relax_column_count: true,
				info: true
			})
		);
		let rows: Record<string, unknown>[] = [];
		let lines: number[] = [];
		const emit = async function* () {
			const results = await translate(rows);
			for (let i = 0; i < results.length; i++)
				yield { line: lines[i], ...results[i] } as ImportRecord;
			rows = [];
			lines = [];
		};
		for await (const { record, info } of parser as AsyncIterable<{
			record: Record<string, string>;
			info: { lines: number };
		}>) {
			const row: Record<string, unknown> = { ...record };
			let problem: string | undefined;
			for (const column of LIST_COLUMNS) {
				const text = record[column];
				if (text === undefined || text === '') {
					delete row[column];
					continue;
				}
				try {
					row[column] = JSON.parse(text);
				} catch {
					problem = `${column}: not a JSON list`;
				}
			}
			if (problem) {
				yield { line: info.lines, error: problem };
				continue;
			}
			rows.push(row);
			lines.push(info.lines);
			if (rows.length >= chunkSize) yield* emit();
		}
		if (rows.length) yield* emit();
	};
	return { records: records(), bytesRead: () => stream.bytesRead };
}
