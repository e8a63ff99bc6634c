import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import {
	batchOf,
	killAll,
	SIZE,
	sleep,
	startServer,
	sustainIngest,
	waitReady
} from '../support/faults';
import { oracleDifferences } from '../support/oracle';
import { createApiKey, type RunningProcess } from '../support/process';
import { PrivatePostgres } from '../support/services';
import { waitUntil } from '../support/wait';

const SCOPES = ['national', 'province:40', 'ward:16681', 'ward:16702'];

describe('Postgres stopped during load', () => {
	let cluster: PrivatePostgres;
	const processes: RunningProcess[] = [];

	afterAll(async () => {
		await killAll(processes);
		cluster?.destroy();
	});

	it('answers 503 with a message and stores nothing partial; ingests again once Postgres is back', async () => {
		// A private cluster that can be stopped: the shared Postgres is never touched.
		cluster = await PrivatePostgres.create();
		const url = await cluster.createDatabase('motcua_faults');
		const env = { DATABASE_URL: url, INGEST_RATE_LIMIT: '1000000' };
		const { key } = await createApiKey(env, 'postgres-stop', 'national');
		const { process: server, base } = await startServer(env);
		processes.push(server);

		const load = sustainIngest({ target: () => base, key, label: 'PG', concurrency: 2 });
		await sleep(SIZE.loadMs);
		cluster.stop();
		const stoppedAt = Date.now();
		// The API key's cached grant expires while Postgres is away (5 s): refusals must stay 503 after that too.
		await sleep(Math.max(SIZE.loadMs, 6_000));
		// The process must live through the outage: a dead one refuses connections instead of answering 503.
		if (server.child.exitCode !== null || server.child.signalCode !== null)
			throw new Error(`the server died while Postgres was away:\n${server.output().slice(-4_000)}`);
		// A DVCQG sync during the outage is refused the portal's way, with a reason.
		const dvcqg = await fetch(`${base}/api/v1/dvcqg`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
			body: JSON.stringify({ service: 'DongBoHoSoMC', isUpdating: 'False', data: [] })
		});
		const restartedAt = Date.now();
		cluster.start();
		await waitReady(base, 30_000);
		// Ingest comes back by itself: new batches are acknowledged again.
		await waitUntil(
			() => load.outcomes.filter((o) => o.status === 200 && o.sentAt > restartedAt).length,
			(n) => n >= 3,
			30_000
		);
		await load.stop();

		expect(dvcqg.status).toBe(503);
		expect(((await dvcqg.json()) as { message: string }).message).toMatch(/unavailable/i);

		const during = load.outcomes.filter((o) => o.sentAt > stoppedAt && o.answeredAt < restartedAt);
		expect(during.length).toBeGreaterThan(3);
		for (const outcome of during) {
			expect(outcome.status).toBe(503);
			expect(outcome.body).toMatchObject({
				error: { code: 'storage_unavailable', message: expect.stringMatching(/nothing was stored/) }
			});
		}

		const sql = postgres(url, { max: 1, onnotice: () => {} });
		try {
			const rows = await sql<{ batch: number; events: number }[]>`
				select split_part(dossier_code, '-', 2)::int as batch, count(*)::int as events
				from dossier_events group by 1`;
			const stored = new Map(rows.map((row) => [row.batch, row.events]));
			for (const outcome of load.outcomes) {
				// Acknowledged: whole. Refused while Postgres was away: nothing. In flight at the stop: all or nothing.
				if (outcome.status === 200) expect(stored.get(outcome.batch)).toBe(outcome.events);
				else if (during.includes(outcome)) expect(stored.has(outcome.batch)).toBe(false);
				else expect([undefined, outcome.events]).toContain(stored.get(outcome.batch));
			}
			const [{ n: orphans }] = await sql<{ n: number }[]>`
				select count(*)::int as n from dossier_events e
				where not exists (select 1 from dossiers d where d.code = e.dossier_code)`;
			expect(orphans).toBe(0);
			await waitUntil(
				async () => (await sql`select count(*)::int as n from dossier_changes`)[0].n as number,
				(n) => n === 0,
				20_000
			);
		} finally {
			await sql.end();
		}
		// A retry of a refused batch is stored now, whole.
		const retried = during[0];
		const again = await fetch(`${base}/api/v1/events`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
			body: JSON.stringify({ events: batchOf('PG', retried.batch) })
		});
		expect(again.status).toBe(200);
		expect(await again.json()).toMatchObject({ accepted: retried.events, duplicates: 0 });
		await sleep(500);

		const differences = await oracleDifferences(url, base, key, SCOPES);
		for (const scope of SCOPES)
			expect({ scope, differences: differences[scope] }).toEqual({ scope, differences: [] });
	});
});
