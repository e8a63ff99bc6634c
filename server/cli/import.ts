import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { IngestService } from '../ingest/ingest-service';
import { WARD_CODE } from '../../src/lib/contracts/scope';
import { createOfficerPseudonymiser, dossierCodesOf, translateDvcqgRequest } from '../ingest/dvcqg';
import {
	dvcqgCsvRecords,
	importRecords,
	ndjsonRecords,
	type ImportProgress
} from '../ingest/import-file';
import { sharedSecret } from '../settings';
import { ReferenceData } from '../reference/reference-data';
import { CliUsageError, type CliContext } from './context';

export const IMPORT_USAGE =
	'import <file.ndjson|file.csv> [--source <name>] [--batch <events>] [--ward <code> (CSV rows whose ward cannot be told otherwise)]';

/** A one-line progress bar on stderr: redrawn in place on a terminal, a line every few seconds otherwise. */
function progressReporter() {
	const tty = process.stderr.isTTY;
	let last = 0;
	const started = performance.now();
	return (p: ImportProgress) => {
		const now = performance.now();
		if (now - last < (tty ? 200 : 5_000) && p.bytesRead < p.bytesTotal) return;
		last = now;
		const share = p.bytesTotal ? p.bytesRead / p.bytesTotal : 1;
		const width = 30;
		const bar = '█'.repeat(Math.round(share * width)).padEnd(width, '░');
		const rate = Math.round((p.imported + p.duplicates) / ((now - started) / 1000));
		const text = `${bar} ${(share * 100).toFixed(1)}%  ${p.imported} imported, ${p.duplicates} duplicates, ${p.rejected} rejected  ${rate} events/s`;
		process.stderr.write(tty ? `\r${text}` : `${text}\n`);
	};
}

/** `import <file>`: bulk history through the same validation and storage as the API, in large batches. */
export async function importCommand(args: string[], cli: CliContext): Promise<string> {
	const { values, positionals } = parseArgs({
		args,
		allowPositionals: true,
		options: { source: { type: 'string' }, batch: { type: 'string' }, ward: { type: 'string' } }
	});
	const file = positionals[0];
	if (!file) throw new CliUsageError('<file>: is required', IMPORT_USAGE);
	if (!existsSync(file)) throw new CliUsageError(`<file>: ${file} does not exist`, IMPORT_USAGE);
	const batchSize = values.batch === undefined ? 5_000 : Number(values.batch);
	if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 50_000)
		throw new CliUsageError('--batch: must be a whole number from 1 to 50000', IMPORT_USAGE);
	const csv = /\.csv$/i.test(file);
	if (!csv && !/\.(nd)?jsonl?$/i.test(file))
		throw new CliUsageError('<file>: must end in .ndjson, .jsonl or .csv', IMPORT_USAGE);
	const ward = values.ward?.trim();
	if (ward !== undefined && !WARD_CODE.test(ward))
		throw new CliUsageError('--ward: must be a 5-digit ward code', IMPORT_USAGE);

	const reference = await new ReferenceData(cli.db).load();
	const ingest = new IngestService(cli.db, reference, cli.log);
	const pseudonymise = createOfficerPseudonymiser(
		await sharedSecret(cli.db, 'officer-pseudonym-key')
	);
	const { records, bytesRead } = csv
		? dvcqgCsvRecords(file, async (rows) => {
				const body = { service: 'DongBoHoSoMC', isUpdating: 'False', data: rows };
				const translated = translateDvcqgRequest(body, {
					isWardCode: (code) => reference.isWard(code),
					unitWards: reference.unitWards,
					keyWard: ward,
					storedStates: await ingest.storedStates(dossierCodesOf(body)),
					pseudonymise
				});
				if (!translated.ok) return rows.map(() => ({ error: translated.error }));
				return translated.items.map((item) =>
					'error' in item ? { error: item.error } : { events: item.events }
				);
			})
		: ndjsonRecords(file);
	const summary = await importRecords(file, records, ingest, {
		source: values.source ?? 'import',
		batchSize,
		bytesRead,
		onProgress: progressReporter()
	});
	if (process.stderr.isTTY) process.stderr.write('\n');
	for (const r of summary.rejections) console.log(`line ${r.line}: ${r.error}`);
	if (summary.rejected > summary.rejections.length)
		console.log(`… and ${summary.rejected - summary.rejections.length} more rejected lines`);
	const rate = Math.round(
		((summary.imported + summary.duplicates) * 1000) / Math.max(summary.ms, 1)
	);
	return `imported ${summary.imported}, duplicates ${summary.duplicates}, rejected ${summary.rejected} in ${(summary.ms / 1000).toFixed(1)} s (${rate} events/s)`;
}
