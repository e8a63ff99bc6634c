import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { TEST_REDIS_URL } from '../support/env';
import { batchOf, killAll, SIZE, sleep, startServer } from '../support/faults';
import { follow, snapshotDifferences, type Follower } from '../support/live';
import { TcpProxy } from '../support/net';
import { oracleDifferences, receivedCounts, snapshotApi } from '../support/oracle';
import { createApiKey, type RunningProcess } from '../support/process';
import { deleteRedisKeys } from '../support/redis';
import { waitUntil } from '../support/wait';

const SCOPES = ['national', 'province:40', 'ward:16681'];

describe("a client's connection cut for 30 s", () => {
	let database: TestDatabase;
	let proxy: TcpProxy;
	const prefix = `mclfault${randomBytes(3).toString('hex')}`;
	const processes: RunningProcess[] = [];
	const followers: Follower[] = [];

	afterAll(async () => {
		for (const follower of followers) follower.stop();
		await proxy?.close();
		await killAll(processes);
		await database?.drop();
		await deleteRedisKeys(prefix);
	});

	it('resyncs with nothing missed: each client ends equal to the snapshot API, seqs never go back', async () => {
		database = await createTestDatabase();
		const env = {
			DATABASE_URL: database.url,
			REDIS_URL: TEST_REDIS_URL,
			REDIS_KEY_PREFIX: prefix,
			INGEST_RATE_LIMIT: '1000000'
		};
		const { key } = await createApiKey(env, 'connection-cut', 'national');
		const { process: server, base } = await startServer(env);
		processes.push(server);
		// The clients reach the server only through a proxy the test can cut, as a lost network does.
		proxy = await new TcpProxy([Number(new URL(base).port)]).listen();
		for (const scope of SCOPES) followers.push(follow(proxy.url, scope, key));
		await waitUntil(() => followers.every((f) => f.state() !== null), Boolean, 20_000);

		const post = async (batch: number) => {
			const response = await fetch(`${base}/api/v1/events`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
				body: JSON.stringify({ events: batchOf('CUT', batch) })
			});
			expect(response.status).toBe(200);
		};
		let batch = 0;
		await post(batch++);
		const before = followers.map((f) => f.state()!.seq);
		const disconnects = followers.map(() => 0);
		followers.forEach((f, i) => f.socket.on('disconnect', () => (disconnects[i] += 1)));

		proxy.cut();
		// Figures move on while the clients are away: a batch every few seconds for the whole cut.
		const cutEnds = Date.now() + SIZE.cutMs;
		while (Date.now() < cutEnds) {
			await post(batch++);
			await sleep(Math.min(3_000, cutEnds - Date.now()));
		}
		expect(followers.every((f) => !f.socket.connected)).toBe(true);
		proxy.restore();
		await post(batch++);

		const expected = batch * SIZE.batchDossiers;
		for (const [i, follower] of followers.entries()) {
			const left = await waitUntil(
				async () =>
					snapshotDifferences(follower.state()!.snapshot, await snapshotApi(base, key, SCOPES[i])),
				(d) => d.length === 0,
				30_000
			).catch((error: Error) => [error.message]);
			expect({ scope: SCOPES[i], left }).toEqual({ scope: SCOPES[i], left: [] });
			expect(disconnects[i]).toBeGreaterThan(0);
			expect(follower.socket.connected).toBe(true);
			// Recovered (the same room, the packets it missed) or resynced (a fresh snapshot): seqs only go forward.
			const seqs = follower.seqs.slice(follower.seqs.indexOf(before[i]));
			for (let k = 1; k < seqs.length; k++) expect(seqs[k]).toBeGreaterThan(seqs[k - 1]);
			expect(follower.state()!.seq).toBeGreaterThan(before[i]);
		}
		// Nothing missed: the nation counts every dossier sent during the cut, and equals the oracle.
		const national = followers[0].state()!.snapshot;
		const received = await receivedCounts(database.url, national.period);
		expect(received.all).toBe(expected);
		expect(national.received.total).toBe(received.inPeriod);
		const differences = await oracleDifferences(database.url, base, key, SCOPES);
		for (const scope of SCOPES)
			expect({ scope, differences: differences[scope] }).toEqual({ scope, differences: [] });
	});
});
