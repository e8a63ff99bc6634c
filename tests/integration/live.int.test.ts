import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { createApiKey } from '../../server/access/api-keys';
import { createApp, type App } from '../../server/app';
import { testConfig } from '../../server/config';
import type { NativeEventInput } from '../../src/lib/contracts/ingest';
import { startOfVnDay, vnDateOf } from '../../src/lib/domain/calendar/vn-time';
import type { SnapshotJson } from '../../src/lib/contracts/snapshot';
import {
	LIVE_NAMESPACE,
	SOCKET_PATH,
	type LiveAck,
	type ScopeSubscribed,
	type ScopeUpdate
} from '../../src/lib/contracts/socket-events';
import { connectLive, type LiveSocket } from '../../src/lib/realtime/live-client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { TEST_REDIS_URL } from '../support/env';
import { follow, snapshotDifferences, type Follower } from '../support/live';
import { deleteRedisKeys } from '../support/redis';
import { waitUntil } from '../support/wait';

const HOUR = 3_600_000;
/** Phường Thành Vinh and Phường Vinh Hưng (Nghệ An, 40), and a ward of another province. */
const WARD = '16681';
const NEIGHBOUR = '16690';
const PROVINCE = '40';
/** Phường Ba Đình, Hà Nội. */
const OTHER_PROVINCE_WARD = '00004';

/** A dossier received an hour ago and now in processing: it adds to received and in-progress figures today. */
function openDossier(code: string, ward = WARD): NativeEventInput[] {
	// Within today in Vietnam, so the test's "today" figures hold in the first hour after midnight too.
	const now = Date.now();
	const received = Math.max(startOfVnDay(vnDateOf(now)), now - HOUR);
	return [
		{
			id: `${code}:r`,
			type: 'received',
			dossier: code,
			ward,
			at: new Date(received).toISOString(),
			procedure: '1.001612',
			channel: 'online'
		},
		{
			id: `${code}:s`,
			type: 'stage_changed',
			dossier: code,
			ward,
			at: new Date(Math.min(received + 60_000, now)).toISOString(),
			stage: 'processing'
		}
	];
}

function subscribe(socket: LiveSocket, scope: string): Promise<LiveAck<ScopeSubscribed>> {
	return socket.timeout(10_000).emitWithAck('scope:subscribe', { scope });
}

async function connected(socket: LiveSocket): Promise<LiveSocket> {
	if (socket.connected) return socket;
	await new Promise<void>((resolve, reject) => {
		socket.once('connect', () => resolve());
		socket.once('connect_error', reject);
	});
	return socket;
}

describe('live delivery over Socket.IO against real Postgres and Redis', () => {
	let database: TestDatabase;
	let app: App;
	let base = '';
	const prefix = `mcltest${randomBytes(3).toString('hex')}`;
	const keys = { national: '', ward: '', writer: '' };
	const sockets: LiveSocket[] = [];
	const followers: Follower[] = [];

	const post = (events: NativeEventInput[], target = base) =>
		fetch(`${target}/api/v1/events`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${keys.writer}` },
			body: JSON.stringify({ events })
		}).then(async (response) => {
			expect(response.status).toBe(200);
			return (await response.json()) as { accepted: number };
		});
	const snapshotApi = async (scope: string, target = base) => {
		const response = await fetch(`${target}/api/v1/snapshot?scope=${scope}`, {
			headers: { authorization: `Bearer ${keys.national}` }
		});
		expect(response.status).toBe(200);
		return (await response.json()) as SnapshotJson;
	};
	const open = (token: string) => {
		const socket = connectLive({ url: base, token });
		sockets.push(socket);
		return connected(socket);
	};
	const followed = (scope: string, target = base) => {
		const follower = follow(target, scope, keys.national);
		followers.push(follower);
		return follower;
	};

	beforeAll(async () => {
		database = await createTestDatabase();
		app = await createApp(
			testConfig({
				DATABASE_URL: database.url,
				REDIS_URL: TEST_REDIS_URL,
				REDIS_KEY_PREFIX: prefix
			}),
			{ pages: false }
		);
		base = `http://127.0.0.1:${(await app.listen(0, '127.0.0.1')).port}`;
		const db = app.backend.database.db;
		keys.national = (await createApiKey(db, { name: 'n', scope: 'national' }, 'test')).key;
		keys.ward = (await createApiKey(db, { name: 'w', scope: `ward:${WARD}` }, 'test')).key;
		keys.writer = (
			await createApiKey(db, { name: 'x', scope: `province:${PROVINCE}` }, 'test')
		).key;
		await waitUntil(
			() => app.backend.aggregator.ready,
			(ready) => ready,
			20_000
		);
		await post([...openDossier('LIVE-SEED-1'), ...openDossier('LIVE-SEED-2', NEIGHBOUR)]);
	});

	afterAll(async () => {
		for (const follower of followers) follower.stop();
		for (const socket of sockets) socket.disconnect();
		await app?.close();
		await database?.drop();
		await deleteRedisKeys(prefix);
	});

	it('acknowledges a subscription with the snapshot the REST API gives for the scope today', async () => {
		await waitUntil(
			() => snapshotApi(`ward:${WARD}`),
			(snapshot) => snapshot.received.total === 1
		);
		const socket = await open(keys.national);
		for (const scope of ['national', `province:${PROVINCE}`, `ward:${WARD}`]) {
			const ack = await subscribe(socket, scope);
			const rest = await snapshotApi(scope);
			expect(ack.ok).toBe(true);
			if (!ack.ok) continue;
			expect(ack.data.snapshot.scope).toBe(scope);
			expect(Number.isInteger(ack.data.seq)).toBe(true);
			expect(Number.isInteger(ack.data.epoch)).toBe(true);
			expect(snapshotDifferences(ack.data.snapshot, rest)).toEqual([]);
		}
	});

	it('brings an ingested event to the subscribers of its ward, its province and the nation', async () => {
		const scopes = ['national', `province:${PROVINCE}`, `ward:${WARD}`];
		const ours = scopes.map((scope) => followed(scope));
		const bystander = followed(`ward:${NEIGHBOUR}`);
		await waitUntil(
			() => [...ours, bystander].every((f) => f.state() !== null),
			(all) => all
		);
		const before = ours.map((f) => f.state()!.snapshot.received.total);
		const updates = new Map<string, ScopeUpdate[]>();
		for (const f of ours)
			f.socket.on('scope:update', (update) => {
				updates.set(update.scope, [...(updates.get(update.scope) ?? []), update]);
			});
		const bystanderSeq = bystander.state()!.seq;

		expect((await post(openDossier('LIVE-NEW-1'))).accepted).toBe(2);
		for (const [i, f] of ours.entries()) {
			await waitUntil(
				() => f.state()!.snapshot.received.total,
				(total) => total === before[i] + 1
			);
			// The ticker is a sample (one event per room and tick): at least one of the two shows.
			await waitUntil(
				() => f.ticks.filter((t) => t.dossier === 'LIVE-NEW-1').length,
				(n) => n >= 1
			);
		}
		// The update carried the changed figures as absolute values.
		const wardUpdates = updates.get(`ward:${WARD}`) ?? [];
		expect(wardUpdates.some((u) => u.changes['/received/total'] === before[2] + 1)).toBe(true);
		const nationalUpdates = updates.get('national') ?? [];
		expect(
			nationalUpdates.some((u) =>
				Object.keys(u.changes).some((pointer) => pointer.startsWith('/children/'))
			)
		).toBe(true);
		// Each follower's state equals the REST API's.
		for (const [i, f] of ours.entries())
			expect(snapshotDifferences(f.state()!.snapshot, await snapshotApi(scopes[i]))).toEqual([]);
		// The other ward heard nothing of it.
		expect(bystander.ticks.some((t) => t.dossier === 'LIVE-NEW-1')).toBe(false);
		expect(bystander.state()!.snapshot.received.total).toBe(1);
		expect(bystander.state()!.seq).toBeGreaterThanOrEqual(bystanderSeq);
	});

	it('announces a dossier crossing its due time to its ward, province and nation, and counts it', async () => {
		const scopes = [`ward:${WARD}`, `province:${PROVINCE}`, 'national'];
		const watching = scopes.map((scope) => followed(scope));
		await waitUntil(
			() => watching.every((f) => f.state() !== null),
			(all) => all
		);
		const overdueBefore = watching[0].state()!.snapshot.inProgress.overdue;
		const dueAt = new Date(Date.now() + 1_500).toISOString();
		await post([
			{
				id: 'LIVE-DUE:r',
				type: 'received',
				dossier: 'LIVE-DUE',
				ward: WARD,
				at: new Date(Date.now() - HOUR).toISOString(),
				procedure: '1.001612',
				channel: 'direct',
				dueAt
			}
		]);
		for (const f of watching) {
			await waitUntil(
				() => f.overdue.find((o) => o.dossier === 'LIVE-DUE'),
				(found) => found !== undefined
			);
			expect(f.overdue.find((o) => o.dossier === 'LIVE-DUE')).toMatchObject({
				ward: WARD,
				dueAt: new Date(dueAt).toISOString()
			});
		}
		await waitUntil(
			() => watching[0].state()!.snapshot.inProgress.overdue,
			(overdue) => overdue === overdueBefore + 1
		);
	});

	it('numbers each room’s updates with strictly increasing seqs, one at a time', async () => {
		const socket = await open(keys.national);
		const ack = await subscribe(socket, `province:${PROVINCE}`);
		expect(ack.ok).toBe(true);
		if (!ack.ok) return;
		const seqs: number[] = [];
		socket.on('scope:update', (update) => {
			if (update.scope === `province:${PROVINCE}`) seqs.push(update.seq);
		});
		for (let i = 0; i < 4; i++) {
			await post(openDossier(`LIVE-SEQ-${i}`, i % 2 ? WARD : NEIGHBOUR));
			await new Promise((resolve) => setTimeout(resolve, 150));
		}
		await waitUntil(
			() => seqs.length,
			(n) => n >= 2
		);
		const after = seqs.filter((seq) => seq > ack.data.seq);
		expect(after[0]).toBe(ack.data.seq + 1);
		for (let i = 1; i < after.length; i++) expect(after[i]).toBe(after[i - 1] + 1);
	});

	it('refuses scopes the token may not see, and unknown or malformed ones', async () => {
		const socket = await open(keys.ward);
		const own = await subscribe(socket, `ward:${WARD}`);
		expect(own.ok).toBe(true);
		for (const scope of [`ward:${NEIGHBOUR}`, `province:${PROVINCE}`, 'national']) {
			const reply = await subscribe(socket, scope);
			expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		}
		const national = await open(keys.national);
		expect(await subscribe(national, 'ward:99999')).toMatchObject({
			ok: false,
			error: { code: 'unknown_scope' }
		});
		const malformed = await national
			.timeout(5_000)
			.emitWithAck('scope:subscribe', { scope: 'city:1' } as { scope: string });
		expect(malformed).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
	});

	it('limits subscriptions per socket and their rate', async () => {
		const socket = await open(keys.national);
		const replies = await Promise.all(
			Array.from({ length: 14 }, () => subscribe(socket, `ward:${WARD}`))
		);
		const refused = replies.filter((r) => !r.ok);
		expect(refused.length).toBeGreaterThan(0);
		expect(refused.every((r) => !r.ok && r.error.code === 'rate_limited')).toBe(true);
	});

	it('authenticates the handshake and checks the Origin of browsers', async () => {
		const attempt = (options: { token?: string; origin?: string }) =>
			new Promise<'connected' | string>((resolve) => {
				const socket = io(new URL(LIVE_NAMESPACE, base).toString(), {
					path: SOCKET_PATH,
					transports: ['websocket'],
					forceNew: true,
					reconnection: false,
					auth: options.token ? { token: options.token } : {},
					extraHeaders: options.origin ? { origin: options.origin } : {}
				});
				sockets.push(socket);
				socket.on('connect', () => resolve('connected'));
				socket.on('connect_error', (error) => resolve(error.message));
			});
		// A script without a token, a wrong token, and a foreign web page are refused.
		expect(await attempt({})).not.toBe('connected');
		expect(await attempt({ token: 'mcl_not-a-key' })).not.toBe('connected');
		expect(await attempt({ token: keys.national, origin: 'https://evil.example' })).not.toBe(
			'connected'
		);
		// With a database configured, anonymous browsers of this very site are not let in either (LIVE_PUBLIC_READ).
		expect(await attempt({ origin: base })).not.toBe('connected');
		expect(await attempt({ token: keys.ward, origin: base })).toBe('connected');
	});

	it('starts a new subscriber’s ticker with the scope’s events of the last day', async () => {
		const now = Date.now();
		const received = (code: string, ward: string, ago: number): NativeEventInput => ({
			id: `${code}:r`,
			type: 'received',
			dossier: code,
			ward,
			at: new Date(now - ago).toISOString(),
			procedure: '1.001612',
			channel: 'online'
		});
		// Older than the live ticker's horizon (not announced live), yet within the last day; and one from a
		// source whose clock runs two minutes fast (accepted: at most 5 minutes ahead), shown as its live tick is.
		await post([
			received('RECENT-1', WARD, 8 * HOUR),
			received('RECENT-STALE', WARD, 25 * HOUR),
			received('RECENT-AHEAD', WARD, -2 * 60_000)
		]);
		const elsewhere = await fetch(`${base}/api/v1/events`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${keys.national}` },
			body: JSON.stringify({ events: [received('RECENT-ELSEWHERE', OTHER_PROVINCE_WARD, HOUR)] })
		});
		expect(((await elsewhere.json()) as { accepted: number }).accepted).toBe(1);

		const ward = followed(`ward:${WARD}`);
		const nation = followed('national');
		await waitUntil(
			() => ward.ticks.some((t) => t.dossier === 'RECENT-1'),
			(found) => found
		);
		await waitUntil(
			() => nation.ticks.some((t) => t.dossier === 'RECENT-ELSEWHERE'),
			(found) => found
		);
		const recent = ward.ticks.find((t) => t.dossier === 'RECENT-1')!;
		expect(recent).toEqual({
			scope: `ward:${WARD}`,
			dossier: 'RECENT-1',
			type: 'received',
			at: new Date(now - 8 * HOUR).toISOString(),
			ward: WARD,
			field: expect.any(String),
			stage: null
		});
		for (const tick of ward.ticks) {
			expect(Object.keys(tick).sort()).toEqual(
				['at', 'dossier', 'field', 'scope', 'stage', 'type', 'ward'].sort()
			);
			expect(tick.scope).toBe(`ward:${WARD}`);
			expect(tick.ward).toBe(WARD);
			expect(Date.parse(tick.at)).toBeGreaterThan(now - 24 * HOUR);
		}
		expect(ward.ticks.some((t) => t.dossier === 'RECENT-STALE')).toBe(false);
		expect(ward.ticks.at(-1)?.dossier).toBe('RECENT-AHEAD');
		// A stage change names its stage; the seeded dossiers moved to processing.
		expect(ward.ticks.some((t) => t.type === 'stage_changed' && t.stage === 'processing')).toBe(
			true
		);
		expect(nation.ticks.every((t) => t.scope === 'national')).toBe(true);
	});
});

describe('live delivery in one process without Redis', () => {
	let database: TestDatabase;
	let app: App;
	let base = '';
	let key = '';
	const followers: Follower[] = [];

	beforeAll(async () => {
		database = await createTestDatabase();
		app = await createApp(testConfig({ DATABASE_URL: database.url }), { pages: false });
		base = `http://127.0.0.1:${(await app.listen(0, '127.0.0.1')).port}`;
		key = (await createApiKey(app.backend.database.db, { name: 'n', scope: 'national' }, 'test'))
			.key;
		await waitUntil(
			() => app.backend.aggregator.ready,
			(ready) => ready,
			20_000
		);
	});

	afterAll(async () => {
		for (const follower of followers) follower.stop();
		await app?.close();
		await database?.drop();
	});

	it('coalesces updates in process and keeps the followers equal to the snapshot API', async () => {
		const province = follow(base, `province:${PROVINCE}`, key);
		followers.push(province);
		await waitUntil(
			() => province.state() !== null,
			(ready) => ready
		);
		for (let i = 0; i < 5; i++) {
			const response = await fetch(`${base}/api/v1/events`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
				body: JSON.stringify({ events: openDossier(`MEM-${i}`, i % 2 ? WARD : NEIGHBOUR) })
			});
			expect(response.status).toBe(200);
		}
		await waitUntil(
			() => province.state()!.snapshot.received.total,
			(total) => total === 5
		);
		const rest = (await (
			await fetch(`${base}/api/v1/snapshot?scope=province:${PROVINCE}`, {
				headers: { authorization: `Bearer ${key}` }
			})
		).json()) as SnapshotJson;
		expect(snapshotDifferences(province.state()!.snapshot, rest)).toEqual([]);
		const seqs = province.seqs;
		for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBe(seqs[i - 1] + 1);
	});
});
