import { afterAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { dossierLife } from '../support/events';
import {
	createApiKey,
	listeningBase,
	LOCAL_SERVER,
	runTs,
	type RunningProcess
} from '../support/process';

const BATCH_DOSSIERS = 40;

async function startServer(env: Record<string, string>) {
	const server = runTs('server/index.ts', env);
	return { server, base: await listeningBase(server) };
}

describe('a server killed with SIGKILL in the middle of a stream of batches', () => {
	let database: TestDatabase;
	const processes: RunningProcess[] = [];

	afterAll(async () => {
		for (const p of processes) if (p.child.exitCode === null) p.child.kill('SIGKILL');
		await Promise.all(processes.map((p) => p.exited));
		await database?.drop();
	});

	it('loses no acknowledged event and leaves no half-written batch', async () => {
		database = await createTestDatabase();
		const env = { DATABASE_URL: database.url, ...LOCAL_SERVER };
		const { key, exit } = await createApiKey(env, 'crash-test', 'province:40');
		expect(exit.code).toBe(0);

		const first = await startServer(env);
		processes.push(first.server);
		const acknowledged: number[] = [];
		let stop = false;
		const stream = (async () => {
			for (let batch = 0; !stop; batch++) {
				const events = Array.from({ length: BATCH_DOSSIERS }, (_, d) =>
					dossierLife(`CRASH-${batch}-${d}`, { idPrefix: `b${batch}-d${d}` })
				).flat();
				try {
					const response = await fetch(`${first.base}/api/v1/events`, {
						method: 'POST',
						headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
						body: JSON.stringify({ events })
					});
					if (response.status === 200) acknowledged.push(batch);
				} catch {
					return; // the server is gone
				}
			}
		})();
		// Let a few batches through, then kill the process without warning while one is in flight.
		while (acknowledged.length < 5) await new Promise((r) => setTimeout(r, 20));
		first.server.child.kill('SIGKILL');
		await first.server.exited;
		stop = true;
		await stream;

		const second = await startServer(env);
		processes.push(second.server);
		// Ready once its in-process aggregates are rebuilt from Postgres.
		await expect
			.poll(async () => (await fetch(`${second.base}/readyz`)).status, { timeout: 20_000 })
			.toBe(200);

		const sql = postgres(database.url, { max: 1, onnotice: () => {} });
		try {
			const perBatch = await sql<{ batch: number; events: number; dossiers: number }[]>`
				select split_part(e.dossier_code, '-', 2)::int as batch, count(*)::int as events,
				       count(distinct d.code)::int as dossiers
				from dossier_events e left join dossiers d on d.code = e.dossier_code
				group by 1 order by 1`;
			const stored = new Map(perBatch.map((row) => [row.batch, row]));
			for (const batch of acknowledged)
				expect(stored.get(batch)).toEqual({
					batch,
					events: BATCH_DOSSIERS * 5,
					dossiers: BATCH_DOSSIERS
				});
			// Every batch that reached the database is whole: its events and every dossier state.
			for (const row of perBatch)
				expect(row).toEqual({
					batch: row.batch,
					events: BATCH_DOSSIERS * 5,
					dossiers: BATCH_DOSSIERS
				});
			// Changes committed but not yet aggregated when the process died are applied after the restart.
			await expect
				.poll(async () => (await sql`select count(*)::int as n from dossier_changes`)[0].n, {
					timeout: 10_000
				})
				.toBe(0);
		} finally {
			await sql.end();
		}
	});
});
