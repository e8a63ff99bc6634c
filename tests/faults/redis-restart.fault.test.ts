import postgres from 'postgres';
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
import { follow, snapshotDifferences, type Follower } from '../support/live';
import { oracleDifferences, receivedCounts, snapshotApi } from '../support/oracle';
import { createApiKey, type RunningProcess } from '../support/process';
import { PrivateRedis } from '../support/services';
import { waitUntil } from '../support/wait';

const SCOPES = ['national', 'province:40', 'ward:16681', 'ward:16690'];

describe('Redis restarted empty during load', () => {
	let database: TestDatabase;
	let redis: PrivateRedis;
	const processes: RunningProcess[] = [];
	const followers: Follower[] = [];

	afterAll(async () => {
		for (const follower of followers) follower.stop();
		await killAll(processes);
		await redis?.kill();
		await database?.drop();
	});

	it('rebuilds the aggregates by itself: snapshots equal SQL and the oracle, socket clients resync', async () => {
		database = await createTestDatabase();
		// A private redis-server: the shared one is never restarted.
		redis = await PrivateRedis.start();
		const env = {
			DATABASE_URL: database.url,
			REDIS_URL: redis.url,
			INGEST_RATE_LIMIT: '1000000'
		};
		const { key } = await createApiKey(env, 'redis-restart', 'national');
		const { process: server, base } = await startServer(env);
		processes.push(server);

		for (const scope of SCOPES) followers.push(follow(base, scope, key));
		await waitUntil(() => followers.every((f) => f.state() !== null), Boolean, 20_000);
		const rebuildsBefore = await aggregateRebuilds(base);

		const load = sustainIngest({ target: () => base, key, label: 'REDIS', concurrency: 2 });
		await sleep(SIZE.loadMs);
		await redis.kill();
		await sleep(1_000);
		const restartedAt = Date.now();
		await redis.start();
		await sleep(SIZE.loadMs);
		await load.stop();
		// Ingest never depends on Redis: it went on answering while Redis was away.
		expect(load.acknowledged().length).toBeGreaterThan(0);

		await waitReady(base);
		await waitUntil(
			() => aggregateRebuilds(base),
			(n) => n > rebuildsBefore,
			30_000
		).catch((error: Error) => {
			throw new Error(`${error.message}; the server said:\n${server.output().slice(-6_000)}`);
		});
		const sql = postgres(database.url, { max: 1, onnotice: () => {} });
		try {
			await waitUntil(
				async () => (await sql`select count(*)::int as n from dossier_changes`)[0].n as number,
				(n) => n === 0,
				20_000
			);
		} finally {
			await sql.end();
		}

		const differences = await oracleDifferences(database.url, base, key, SCOPES);
		for (const scope of SCOPES)
			expect({ scope, differences: differences[scope] }).toEqual({ scope, differences: [] });
		const national = await snapshotApi(base, key, 'national');
		const received = await receivedCounts(database.url, national.period);
		expect(received.all).toBeGreaterThanOrEqual(load.acknowledged().length * SIZE.batchDossiers);
		expect(national.received.total).toBe(received.inPeriod);

		// Every client resynced onto a room record made after the loss (a first record's seq is the clock) and
		// holds exactly what the snapshot API gives.
		for (const [i, follower] of followers.entries()) {
			const left = await waitUntil(
				async () => {
					const state = follower.state()!;
					return snapshotDifferences(state.snapshot, await snapshotApi(base, key, SCOPES[i]));
				},
				(d) => d.length === 0,
				20_000
			).catch((error: Error) => [error.message]);
			expect({ scope: SCOPES[i], left }).toEqual({ scope: SCOPES[i], left: [] });
			expect(follower.state()!.seq).toBeGreaterThanOrEqual(restartedAt);
		}
	});
});
