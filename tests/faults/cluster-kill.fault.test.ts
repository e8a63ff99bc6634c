import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { TEST_REDIS_URL } from '../support/env';
import {
	killAll,
	SIZE,
	sleep,
	startServer,
	sustainIngest,
	type ServerProcess
} from '../support/faults';
import { follow, snapshotDifferences, type Follower } from '../support/live';
import { freePort, TcpProxy } from '../support/net';
import { oracleDifferences, receivedCounts, snapshotApi } from '../support/oracle';
import { createApiKey, type RunningProcess } from '../support/process';
import { deleteRedisKeys } from '../support/redis';
import { waitUntil } from '../support/wait';

const SCOPES = ['national', 'province:40', 'ward:16681', 'ward:16690', 'ward:16702', 'national'];
/** Clients per scope: enough that every process holds some. */
const CLIENTS = 2;

describe('three server processes behind one Redis, one killed', () => {
	let database: TestDatabase;
	let balancer: TcpProxy;
	const prefix = `mclfault${randomBytes(3).toString('hex')}`;
	const processes: RunningProcess[] = [];
	const followers: Follower[] = [];

	afterAll(async () => {
		for (const follower of followers) follower.stop();
		await balancer?.close();
		await killAll(processes);
		await database?.drop();
		await deleteRedisKeys(prefix);
	});

	it("moves the killed process's clients to the others, and every client stays exact", async () => {
		database = await createTestDatabase();
		const env = {
			DATABASE_URL: database.url,
			REDIS_URL: TEST_REDIS_URL,
			REDIS_KEY_PREFIX: prefix,
			INGEST_RATE_LIMIT: '1000000'
		};
		const { key } = await createApiKey(env, 'cluster-kill', 'national');
		const ports = [await freePort(), await freePort(), await freePort()];
		const servers: ServerProcess[] = await Promise.all(
			ports.map((port) => startServer(env, { port }))
		);
		processes.push(...servers.map((s) => s.process));
		// A round-robin TCP balancer that skips a process that refuses, like a load balancer's health check.
		balancer = await new TcpProxy(ports).listen();

		for (let c = 0; c < CLIENTS; c++)
			for (const scope of SCOPES) followers.push(follow(balancer.url, scope, key));
		await waitUntil(() => followers.every((f) => f.state() !== null), Boolean, 30_000);
		// The victim is the holder of the coalescing lease (its value starts with the pid): the hardest one to lose.
		const redis = createClient({ url: TEST_REDIS_URL });
		await redis.connect();
		const holder = await waitUntil(() => redis.get(`${prefix}:live:lease`), Boolean, 10_000);
		await redis.close();
		const victimIndex = servers.findIndex((s) => holder!.startsWith(`${s.process.child.pid}-`));
		expect(victimIndex).toBeGreaterThanOrEqual(0);
		const victim = servers[victimIndex];
		const onVictim = balancer.connections.filter((port) => port === ports[victimIndex]).length;
		expect(onVictim).toBeGreaterThan(0);
		const disconnects = followers.map(() => 0);
		followers.forEach((f, i) => f.socket.on('disconnect', () => (disconnects[i] += 1)));

		// Ingest goes to the survivors, so every acknowledged batch is known to have been answered.
		const survivors = servers.filter((s) => s !== victim);
		let turn = 0;
		const load = sustainIngest({
			target: () => survivors[turn++ % survivors.length].base,
			key,
			label: 'CLUSTER',
			concurrency: 2
		});
		await sleep(SIZE.loadMs);
		victim.process.child.kill('SIGKILL');
		await victim.process.exited;
		await sleep(SIZE.loadMs);
		await load.stop();
		expect(load.outcomes.every((o) => o.status === 200)).toBe(true);

		// The clients that were on the killed process lost it, and are connected again, to the others.
		const moved = followers.filter((_, i) => disconnects[i] > 0);
		expect(moved.length).toBe(onVictim);
		await waitUntil(() => followers.every((f) => f.socket.connected), Boolean, 30_000);
		expect(balancer.connections.filter((port) => port === ports[victimIndex])).toEqual([]);

		for (const [i, follower] of followers.entries()) {
			const scope = SCOPES[i % SCOPES.length];
			const left = await waitUntil(
				async () =>
					snapshotDifferences(
						follower.state()!.snapshot,
						await snapshotApi(survivors[i % 2].base, key, scope)
					),
				(d) => d.length === 0,
				30_000
			).catch((error: Error) => [error.message]);
			expect({ client: i, scope, left }).toEqual({ client: i, scope, left: [] });
		}
		const national = followers[0].state()!.snapshot;
		const received = await receivedCounts(database.url, national.period);
		expect(received.all).toBe(load.acknowledged().length * SIZE.batchDossiers);
		expect(national.received.total).toBe(received.inPeriod);
		const differences = await oracleDifferences(database.url, survivors[0].base, key, [
			...new Set(SCOPES)
		]);
		for (const scope of new Set(SCOPES))
			expect({ scope, differences: differences[scope] }).toEqual({ scope, differences: [] });
	});
});
