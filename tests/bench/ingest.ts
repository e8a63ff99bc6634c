/**
 * Ingest throughput: events/s through the HTTP API (batches of 1,000, a real server process), through
 * `cli import`, and raw COPY rows/s into an equivalent table on the same Postgres, in one run.
 * Size: BENCH_INGEST_EVENTS (default 100,000), BENCH_HTTP_CONCURRENCY (default 2).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { createTestDatabase } from '../support/database';
import { dossierLife } from '../support/events';
import { createApiKey, listeningBase, LOCAL_SERVER, runTs } from '../support/process';

const EVENTS = Number(process.env.BENCH_INGEST_EVENTS ?? 100_000);
const CONCURRENCY = Number(process.env.BENCH_HTTP_CONCURRENCY ?? 2);
const BATCH = 1_000;

/** Realistic events: whole dossier lives (5 events each) spread over Nghệ An's wards. */
function makeEvents(prefix: string, count: number) {
	const wards = ['16681', '16690', '16702', '16708', '16732'];
	const events = [];
	for (let d = 0; events.length < count; d++)
		events.push(...dossierLife(`${prefix}-${d}`, { ward: wards[d % wards.length] }));
	return events.slice(0, count);
}

const perSecond = (n: number, ms: number) => Math.round((n * 1000) / ms);

async function httpIngest(url: string, env: Record<string, string>) {
	const { key } = await createApiKey(env, 'bench', 'national');
	const server = runTs('server/index.ts', {
		...env,
		...LOCAL_SERVER
	});
	try {
		const base = await listeningBase(server);
		const events = makeEvents('HTTP', EVENTS);
		const bodies: string[] = [];
		for (let i = 0; i < events.length; i += BATCH)
			bodies.push(JSON.stringify({ events: events.slice(i, i + BATCH) }));
		let next = 0;
		let accepted = 0;
		const started = performance.now();
		await Promise.all(
			Array.from({ length: CONCURRENCY }, async () => {
				while (next < bodies.length) {
					const body = bodies[next++];
					const response = await fetch(`${base}/api/v1/events`, {
						method: 'POST',
						headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
						body
					});
					const result = (await response.json()) as { accepted: number };
					if (response.status !== 200) throw new Error(`ingest answered ${response.status}`);
					accepted += result.accepted;
				}
			})
		);
		const ms = performance.now() - started;
		if (accepted !== events.length) throw new Error(`accepted ${accepted} of ${events.length}`);
		return {
			events: accepted,
			batch: BATCH,
			concurrency: CONCURRENCY,
			ms: Math.round(ms),
			eventsPerSecond: perSecond(accepted, ms)
		};
	} finally {
		server.child.kill('SIGTERM');
		await server.exited;
	}
	void url;
}

async function cliImport(env: Record<string, string>, dir: string) {
	const file = path.join(dir, 'history.ndjson');
	writeFileSync(
		file,
		makeEvents('IMPORT', EVENTS)
			.map((e) => JSON.stringify(e))
			.join('\n') + '\n'
	);
	const started = performance.now();
	const run = runTs('server/cli/index.ts', env, ['import', file, '--source', 'bench']);
	const { code } = await run.exited;
	const wallMs = performance.now() - started;
	const last = run.output().trim().split('\n').at(-1)!;
	if (code !== 0) throw new Error(`import failed: ${run.output()}`);
	const imported = Number(/imported (\d+)/.exec(last)![1]);
	const eventsPerSecond = Number(/\((\d+) events\/s\)/.exec(last)![1]);
	return {
		events: imported,
		ms: Math.round((imported * 1000) / eventsPerSecond),
		eventsPerSecond,
		wallMsWithStartup: Math.round(wallMs)
	};
}

async function rawCopy(url: string) {
	const sql = postgres(url, { max: 1, onnotice: () => {} });
	try {
		await sql`create table bench_copy (like dossier_events including all)`;
		const events = makeEvents('COPY', EVENTS);
		const escape = (text: string) =>
			text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');
		const rows = events.map((e) =>
			['bench', e.id, e.dossier, e.ward, e.type, e.at, escape(JSON.stringify(e))].join('\t')
		);
		const started = performance.now();
		const writable =
			await sql`copy bench_copy (source, event_id, dossier_code, ward_code, type, at, payload) from stdin`.writable();
		await new Promise<void>((resolve, reject) => {
			writable.on('error', reject);
			writable.on('finish', resolve);
			for (let i = 0; i < rows.length; i += 10_000)
				writable.write(rows.slice(i, i + 10_000).join('\n') + '\n');
			writable.end();
		});
		const ms = performance.now() - started;
		const [{ count }] = await sql`select count(*)::int as count from bench_copy`;
		return { rows: count, ms: Math.round(ms), rowsPerSecond: perSecond(count, ms) };
	} finally {
		await sql.end();
	}
}

export async function ingestBench() {
	const database = await createTestDatabase();
	const dir = mkdtempSync(path.join(os.tmpdir(), 'mcl-bench-ingest-'));
	const env = { DATABASE_URL: database.url, LOG_LEVEL: 'warn' };
	try {
		const http = await httpIngest(database.url, env);
		const imported = await cliImport(env, dir);
		const copy = await rawCopy(database.url);
		return {
			targets: { httpEventsPerSecond: '>= 20000', importEventsPerSecond: '>= 50000' },
			http,
			import: imported,
			copy,
			ratios: {
				httpToCopy: Math.round((http.eventsPerSecond / copy.rowsPerSecond) * 1000) / 1000,
				importToCopy: Math.round((imported.eventsPerSecond / copy.rowsPerSecond) * 1000) / 1000
			}
		};
	} finally {
		rmSync(dir, { recursive: true, force: true });
		await database.drop();
	}
}
