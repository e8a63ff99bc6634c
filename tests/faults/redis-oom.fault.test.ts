import postgres from 'postgres';
import { createClient } from 'redis';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database';
import {
	aggregateRebuilds,
	killAll,
	SIZE,
	sleep,
	startServer,
	sustainIngest,
	waitReady
} from '../support/faults';
import { oracleDifferences } from '../support/oracle';
import { createApiKey, type RunningProcess } from '../support/process';
import { PrivateRedis } from '../support/services';
import { waitUntil } from '../support/wait';

const SCOPES = ['national', 'province:40', 'ward:16681', 'ward:16690'];

/**
 * Redis full under load (its memory limit reached, `noeviction`: every write refused). Redis refuses a script's
 * first write only, and the apply script's first write is its sequence INCR, so a batch is refused whole: the
 * outbox keeps it, and it is applied once memory is freed. A batch applied twice in part would show as a
 * difference from the oracle; a repair would show as a rebuild.
 */
describe('Redis out of memory during load', () => {
	let database: TestDatabase;
	let redis: PrivateRedis;
	const processes: RunningProcess[] = [];

	afterAll(async () => {
		await killAll(processes);
		await redis?.kill();
		await database?.drop();
	});

	it('refuses whole batches, then drains the outbox: figures equal the oracle, no rebuild', async () => {
		database = await createTestDatabase();
		redis = await PrivateRedis.start();
		const env = { DATABASE_URL: database.url, REDIS_URL: redis.url, INGEST_RATE_LIMIT: '1000000' };
		const { key } = await createApiKey(env, 'redis-oom', 'national');
		const { process: server, base } = await startServer(env);
		processes.push(server);
		await waitReady(base);
		const rebuildsBefore = await aggregateRebuilds(base);

		const admin = createClient({ url: redis.url });
		await admin.connect();
		const sql = postgres(database.url, { max: 1, onnotice: () => {} });
		const pending = async () =>
			(await sql`select count(*)::int as n from dossier_changes`)[0].n as number;
		try {
			const load = sustainIngest({ target: () => base, key, label: 'OOM', concurrency: 2 });
			await sleep(SIZE.loadMs);
			// The limit at what Redis holds now: the next writes take it over, and from then on all are refused.
			const used = Number(/used_memory:(\d+)/.exec(await admin.info('memory'))?.[1]);
			await admin.configSet({ maxmemory: String(used), 'maxmemory-policy': 'noeviction' });
			const fullFrom = Date.now();
			// Changes wait in the outbox while Redis refuses them (ingest stores them in Postgres meanwhile).
			const waiting = await waitUntil(pending, (n) => n > 0, 20_000);
			await sleep(SIZE.loadMs);
			expect(await pending()).toBeGreaterThanOrEqual(waiting);
			// Redis did refuse the server's writes (its log says so): the outbox waited on a refusal, not a slow drain.
			expect(server.output()).toContain('OOM command not allowed');
			await admin.configSet({ maxmemory: '0' });
			const fullTo = Date.now();
			await sleep(SIZE.loadMs);
			await load.stop();
			// Ingest never depends on Redis: it went on acknowledging while Redis was full.
			expect(
				load.acknowledged().filter((b) => b.sentAt >= fullFrom && b.answeredAt <= fullTo).length
			).toBeGreaterThan(0);

			await waitUntil(pending, (n) => n === 0, 30_000).catch((error: Error) => {
				throw new Error(`${error.message}; the server said:\n${server.output().slice(-6_000)}`);
			});
		} finally {
			await sql.end();
			await admin.close();
		}
		const differences = await oracleDifferences(database.url, base, key, SCOPES);
		for (const scope of SCOPES)
			expect({ scope, differences: differences[scope] }).toEqual({ scope, differences: [] });
		expect(await aggregateRebuilds(base)).toBe(rebuildsBefore);
	});
});
