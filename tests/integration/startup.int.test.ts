import { readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { LOCAL_SERVER, ROOT, runTs, type RunningProcess } from '../support/process';

const LISTENING = /"msg":"Một Cửa Live listening/;
const migrationFiles = readdirSync(`${ROOT}server/db/migrations`).filter((f) => f.endsWith('.sql'));

describe('start-up of the real server process', () => {
	const databases: TestDatabase[] = [];
	const processes: RunningProcess[] = [];

	afterAll(async () => {
		for (const p of processes) if (p.child.exitCode === null) p.child.kill('SIGKILL');
		await Promise.all(processes.map((p) => p.exited));
		await Promise.all(databases.map((d) => d.drop()));
	});

	it('refuses to start with an invalid REDIS_URL and names every bad variable', async () => {
		const run = runTs('server/index.ts', { REDIS_URL: 'not-a-url', PORT: 'eighty' });
		processes.push(run);
		const { code } = await run.exited;
		expect(code).not.toBe(0);
		expect(run.output()).toMatch(
			/REDIS_URL: must be a URL starting with redis:\/\/ or rediss:\/\//
		);
		expect(run.output()).toMatch(/PORT:/);
	});

	it('two processes started at the same instant on one empty database both come up; migrations run once', async () => {
		const database = await createTestDatabase();
		databases.push(database);
		const env = { DATABASE_URL: database.url, ...LOCAL_SERVER };
		const pair = [runTs('server/index.ts', env), runTs('server/index.ts', env)];
		processes.push(...pair);
		await Promise.all(pair.map((p) => p.waitFor(LISTENING)));

		const sql = postgres(database.url, { max: 1, onnotice: () => {} });
		try {
			const [{ count }] = await sql<{ count: number }[]>`
				select count(*)::int as count from drizzle.__drizzle_migrations`;
			expect(count).toBe(migrationFiles.length);
			const [{ wards }] = await sql<{ wards: number }[]>`select count(*)::int as wards from wards`;
			expect(wards).toBe(3321);
		} finally {
			await sql.end();
		}
		// Exactly one of the two applied the reference data; the other found it current.
		const seeded = pair.filter((p) => p.output().includes('"seed":"admin-units"'));
		expect(seeded).toHaveLength(1);

		// SIGTERM: a graceful stop well inside the 10 s budget.
		const started = Date.now();
		for (const p of pair) p.child.kill('SIGTERM');
		const exits = await Promise.all(pair.map((p) => p.exited));
		expect(exits.map((e) => e.code)).toEqual([0, 0]);
		expect(Date.now() - started).toBeLessThan(10_000);
	});
});
