import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { killAll, SIZE, sleep, startServer, sustainIngest } from '../support/faults';
import { oracleDifferences, receivedCounts, snapshotApi } from '../support/oracle';
import { createApiKey, type RunningProcess } from '../support/process';

const SCOPES = ['national', 'province:40', 'ward:16681', 'ward:16690', 'ward:16702'];

describe('a server killed with SIGKILL during sustained ingest', () => {
	let database: TestDatabase;
	const processes: RunningProcess[] = [];

	afterAll(async () => {
		await killAll(processes);
		await database?.drop();
	});

	it('keeps every acknowledged event, and after the restart every snapshot equals the oracle', async () => {
		database = await createTestDatabase();
		const env = { DATABASE_URL: database.url, INGEST_RATE_LIMIT: '1000000' };
		const { key } = await createApiKey(env, 'kill-test', 'national');
		const first = await startServer(env);
		processes.push(first.process);

		let base = first.base;
		const load = sustainIngest({ target: () => base, key, label: 'KILL', concurrency: 3 });
		await sleep(SIZE.loadMs);
		// No warning, no shutdown hook: batches in flight die with the process.
		first.process.child.kill('SIGKILL');
		await first.process.exited;
		const killedAt = Date.now();

		const second = await startServer(env);
		processes.push(second.process);
		base = second.base;
		await sleep(SIZE.loadMs);
		await load.stop();

		const acknowledged = load.acknowledged();
		expect(acknowledged.filter((o) => o.answeredAt < killedAt).length).toBeGreaterThan(0);
		expect(acknowledged.filter((o) => o.sentAt > killedAt).length).toBeGreaterThan(0);

		const sql = postgres(database.url, { max: 1, onnotice: () => {} });
		let stored: Map<number, number>;
		try {
			const rows = await sql<{ batch: number; events: number }[]>`
				select split_part(dossier_code, '-', 2)::int as batch, count(*)::int as events
				from dossier_events group by 1`;
			stored = new Map(rows.map((row) => [row.batch, row.events]));
			// Every acknowledged batch is stored whole; any other batch is whole or absent, never half.
			for (const outcome of acknowledged) expect(stored.get(outcome.batch)).toBe(outcome.events);
			const sizes = new Map(load.outcomes.map((o) => [o.batch, o.events]));
			for (const [batch, events] of stored) expect(events).toBe(sizes.get(batch));
			// Changes committed before the kill but not yet aggregated are applied by the new process.
			await expect
				.poll(async () => (await sql`select count(*)::int as n from dossier_changes`)[0].n, {
					timeout: 20_000
				})
				.toBe(0);
		} finally {
			await sql.end();
		}

		// The figures hold every stored dossier, so the oracle compares real counts.
		const dossiers = load.outcomes
			.filter((o) => stored.has(o.batch))
			.reduce((sum) => sum + SIZE.batchDossiers, 0);
		const national = await snapshotApi(base, key, 'national');
		const received = await receivedCounts(database.url, national.period);
		expect(received.all).toBe(dossiers);
		expect(national.received.total).toBe(received.inPeriod);
		const differences = await oracleDifferences(database.url, base, key, SCOPES);
		for (const scope of SCOPES)
			expect({ scope, differences: differences[scope] }).toEqual({ scope, differences: [] });
	});
});
