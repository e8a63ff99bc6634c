import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NativeEventInput } from '../../src/lib/contracts/ingest';
import type { SnapshotJson } from '../../src/lib/contracts/snapshot';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { TEST_REDIS_URL } from '../support/env';
import { follow, snapshotDifferences, type Follower } from '../support/live';
import {
	createApiKey,
	LISTENING,
	LOCAL_SERVER,
	runTs,
	type RunningProcess
} from '../support/process';
import { deleteRedisKeys } from '../support/redis';
import { waitUntil } from '../support/wait';

const WARD = '16681';

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as { port: number };
			probe.close(() => resolve(port));
		});
	});
}

function received(code: string): NativeEventInput[] {
	return [
		{
			id: `${code}:r`,
			type: 'received',
			dossier: code,
			ward: WARD,
			at: new Date(Date.now() - 600_000).toISOString(),
			procedure: '1.001612',
			channel: 'direct'
		}
	];
}

describe('live delivery across server processes on one Redis', () => {
	let database: TestDatabase;
	const prefix = `mcltest${randomBytes(3).toString('hex')}`;
	const processes: RunningProcess[] = [];
	const followers: Follower[] = [];
	let env: Record<string, string>;
	let key = '';
	const servers = { a: { port: 0, base: '' }, b: { port: 0, base: '' } };
	let serverA: RunningProcess;

	const start = async (port: number) => {
		const server = runTs('server/index.ts', { ...env, PORT: String(port) });
		processes.push(server);
		await server.waitFor(LISTENING);
		const base = `http://127.0.0.1:${port}`;
		await waitUntil(
			() =>
				fetch(`${base}/readyz`)
					.then((r) => r.status)
					.catch(() => 0),
			(status) => status === 200,
			30_000
		);
		return server;
	};
	const post = async (base: string, events: NativeEventInput[]) => {
		const response = await fetch(`${base}/api/v1/events`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
			body: JSON.stringify({ events })
		});
		expect(response.status).toBe(200);
	};
	const snapshotApi = async (base: string, scope: string) => {
		const response = await fetch(`${base}/api/v1/snapshot?scope=${scope}`, {
			headers: { authorization: `Bearer ${key}` }
		});
		return (await response.json()) as SnapshotJson;
	};
	/** Waits until the follower's figures equal the REST API's (read again each time). */
	const convergesToApi = (follower: Follower, base: string, scope: string) =>
		waitUntil(
			async () => {
				const state = follower.state();
				if (!state) return ['no state yet'];
				return snapshotDifferences(state.snapshot, await snapshotApi(base, scope));
			},
			(differences) => differences.length === 0,
			20_000
		);

	beforeAll(async () => {
		database = await createTestDatabase();
		servers.a.port = await freePort();
		servers.b.port = await freePort();
		servers.a.base = `http://127.0.0.1:${servers.a.port}`;
		servers.b.base = `http://127.0.0.1:${servers.b.port}`;
		env = {
			DATABASE_URL: database.url,
			REDIS_URL: TEST_REDIS_URL,
			REDIS_KEY_PREFIX: prefix,
			...LOCAL_SERVER
		};
		const created = await createApiKey(env, 'live-cluster', 'national');
		expect(created.exit.code).toBe(0);
		key = created.key;
		[serverA] = await Promise.all([start(servers.a.port), start(servers.b.port)]);
	});

	afterAll(async () => {
		for (const follower of followers) follower.stop();
		for (const p of processes) if (p.child.exitCode === null) p.child.kill('SIGKILL');
		await Promise.all(processes.map((p) => p.exited));
		await database?.drop();
		await deleteRedisKeys(prefix);
	});

	/** Followers of these scopes on server A, once each has its first snapshot. */
	const followOnA = async (scopes: string[]) => {
		const started = scopes.map((scope) => follow(servers.a.base, scope, key));
		followers.push(...started);
		await waitUntil(
			() => started.every((follower) => follower.state() !== null),
			(ready) => ready
		);
		return started;
	};

	it('brings events ingested on one process to clients connected to the other', async () => {
		const [national, ward] = await followOnA(['national', `ward:${WARD}`]);
		const before = ward.state()!.snapshot.received.total;
		await post(servers.b.base, received('CLUSTER-1'));
		await waitUntil(
			() => ward.state()!.snapshot.received.total,
			(total) => total === before + 1
		);
		await waitUntil(
			() => national.ticks.some((t) => t.dossier === 'CLUSTER-1'),
			(seen) => seen
		);
		await convergesToApi(national, servers.b.base, 'national');
	});

	it('resyncs clients after their server crashes and restarts, to the state the snapshot API gives', async () => {
		const [national, ward] = await followOnA(['national', `ward:${WARD}`]);
		const subscriptions = ward.seqs.length;

		// A crash: no session is saved for connection-state recovery, so the clients must resync.
		serverA.child.kill('SIGKILL');
		await serverA.exited;
		// Figures move on while the clients' server is down.
		for (let i = 0; i < 3; i++) await post(servers.b.base, received(`RESTART-${i}`));
		serverA = await start(servers.a.port);

		await convergesToApi(ward, servers.b.base, `ward:${WARD}`);
		await convergesToApi(national, servers.b.base, 'national');
		expect(ward.socket.recovered).toBe(false);
		expect(ward.seqs.length).toBeGreaterThan(subscriptions);
		const seqs = ward.seqs;
		for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1]);
	});

	it('resyncs clients when Redis loses everything and the aggregates are rebuilt', async () => {
		const ward = follow(servers.b.base, `ward:${WARD}`, key);
		followers.push(ward);
		await waitUntil(
			() => ward.state() !== null,
			(ready) => ready
		);
		const before = ward.state()!;
		await deleteRedisKeys(prefix);
		await post(servers.a.base, received('AFTER-FLUSH'));
		await waitUntil(
			() => ward.state()!.snapshot.received.total,
			(total) => total === before.snapshot.received.total + 1,
			30_000
		);
		await convergesToApi(ward, servers.a.base, `ward:${WARD}`);
		expect(ward.state()!.seq).toBeGreaterThan(before.seq);
	});
});
