import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessRevoked } from '../../src/lib/contracts/socket-events';
import type { LiveSocket } from '../../src/lib/realtime/live-client';
import { csrfOf, openLive, postForm, signIn } from '../support/access';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { TEST_REDIS_URL } from '../support/env';
import { ensurePagesBuilt } from '../support/pages';
import {
	listeningBase,
	LOCAL_SERVER,
	runCli,
	runTs,
	type RunningProcess
} from '../support/process';
import { deleteRedisKeys } from '../support/redis';
import { waitUntil } from '../support/wait';
import { LOGIN_LIMITS } from '../../server/access/login-throttle';

/**
 * Sessions across real server processes sharing one Postgres and one Redis: a session opened on one process
 * holds on another and after a restart; signing out ends it on every process at once (open sockets included);
 * sign-in failures are throttled per account and per address, whichever process they reach.
 */
describe('sessions and sign-in throttling across processes', () => {
	let database: TestDatabase;
	let sql: postgres.Sql;
	const prefix = `mcltest${randomBytes(3).toString('hex')}`;
	const processes: RunningProcess[] = [];
	const sockets: LiveSocket[] = [];
	let env: Record<string, string>;
	const passwords: Record<string, string> = {};

	/** Starts a server process and waits until it is ready (live figures built: subscriptions are answered). */
	const start = async () => {
		const server = runTs('server/index.ts', env);
		processes.push(server);
		const base = await listeningBase(server);
		await waitUntil(
			() => fetch(`${base}/readyz`).then((r) => r.status),
			(status) => status === 200,
			30_000
		);
		return base;
	};
	const stop = async (server: RunningProcess) => {
		server.child.kill('SIGTERM');
		return server.exited;
	};
	/** `npm run cli -- user create …` as an operator runs it; the generated password is the last line. */
	const createPerson = async (email: string, role: string, scope: string) => {
		const run = await runCli(env, [
			'user',
			'create',
			'--email',
			email,
			'--role',
			role,
			'--scope',
			scope
		]);
		expect(run.code, run.output).toBe(0);
		passwords[email] = run.last;
	};
	const read = (base: string, cookie: string) =>
		fetch(`${base}/api/v1/snapshot?scope=province:40`, { headers: { cookie } });
	const page = (base: string, cookie: string) =>
		fetch(`${base}/province/40`, { redirect: 'manual', headers: { cookie, accept: 'text/html' } });

	beforeAll(async () => {
		ensurePagesBuilt();
		database = await createTestDatabase();
		sql = postgres(database.url, { max: 1, onnotice: () => {} });
		env = {
			DATABASE_URL: database.url,
			REDIS_URL: TEST_REDIS_URL,
			REDIS_KEY_PREFIX: prefix,
			...LOCAL_SERVER
		};
		await createPerson('lanhdao@sessions.test', 'province_leader', 'province:40');
		await createPerson('thanhtra@sessions.test', 'inspector', 'national');
	});

	afterAll(async () => {
		for (const socket of sockets) socket.disconnect();
		for (const p of processes) if (p.child.exitCode === null) p.child.kill('SIGKILL');
		await Promise.all(processes.map((p) => p.exited));
		await sql?.end();
		await database?.drop();
		await deleteRedisKeys(prefix);
	});

	it('prints a generated password alone on the last line of `user create`', () => {
		expect(passwords['lanhdao@sessions.test']).toMatch(/^[a-zA-Z2-9]{5}(-[a-zA-Z2-9]{5}){3}$/);
	});

	it('holds a session on every process and after a restart; signing out ends it everywhere', async () => {
		const first = processes.length;
		const [one, two] = await Promise.all([start(), start()]);
		const email = 'lanhdao@sessions.test';

		// Signed in on one process, the session opens pages, REST and sockets on the other.
		const { cookie } = await signIn(one, email, passwords[email]);
		expect(cookie).not.toBeNull();
		expect((await page(two, cookie!)).status).toBe(200);
		expect((await read(two, cookie!)).status).toBe(200);
		const { socket, connected } = await openLive(two, { cookie: cookie! });
		sockets.push(socket);
		expect(connected).toBe(true);
		expect(
			(await socket.timeout(10_000).emitWithAck('scope:subscribe', { scope: 'province:40' })).ok
		).toBe(true);
		const told = new Promise<{ revoked: AccessRevoked; at: number }>((resolve) =>
			socket.once('access:revoked', (revoked) => resolve({ revoked, at: Date.now() }))
		);
		const cut = new Promise<number>((resolve) =>
			socket.once('disconnect', () => resolve(Date.now()))
		);

		// Signing out on the first process: the second refuses the cookie at once and cuts its socket.
		const signedOutAt = Date.now();
		const out = await postForm(one, '/logout', cookie!, { _csrf: await csrfOf(one, cookie!) });
		expect(out.status).toBe(303);
		expect(out.headers.get('location')).toBe('/login?signedOut');
		expect((await read(two, cookie!)).status).toBe(401);
		const refused = await page(two, cookie!);
		expect(refused.status).toBe(303);
		expect(refused.headers.get('location')).toBe('/login?next=%2Fprovince%2F40');
		expect((await told).revoked.reason).toBe('signed_out');
		expect((await cut) - signedOutAt).toBeLessThan(5_000);

		// A new session survives both processes being restarted.
		const again = await signIn(two, email, passwords[email]);
		expect(again.cookie).not.toBeNull();
		expect(again.cookie).not.toBe(cookie);
		const exits = await Promise.all(processes.slice(first).map(stop));
		expect(exits.map((e) => e.code)).toEqual([0, 0]);
		const three = await start();
		expect((await page(three, again.cookie!)).status).toBe(200);
		expect((await read(three, again.cookie!)).status).toBe(200);

		const [{ count }] = await sql<{ count: number }[]>`
			select count(*)::int as count from sessions`;
		expect(count).toBe(1);
		const trail = await sql<{ action: string }[]>`
			select action from audit_log where action in ('login.success', 'logout') order by id`;
		expect(trail.map((r) => r.action)).toEqual(['login.success', 'logout', 'login.success']);
	});

	it('throttles sign-in failures per account and per address, whichever process they reach', async () => {
		const [one, two] = [await start(), await start()];
		const email = 'thanhtra@sessions.test';
		for (let i = 0; i < 5; i++) {
			const { cookie, response } = await signIn(i % 2 ? one : two, email, `wrong-password-${i}`);
			expect(cookie).toBeNull();
			expect(response.status).toBe(400);
		}
		// The sixth attempt is refused even with the right password, on either process.
		const throttled = await signIn(one, email, passwords[email]);
		expect(throttled.cookie).toBeNull();
		expect(throttled.response.status).toBe(429);
		expect(await throttled.response.text()).toContain('Đăng nhập sai quá nhiều lần');
		expect((await signIn(two, email, passwords[email])).response.status).toBe(429);

		// Another account from the same address still gets in, until the address has failed 20 times.
		const other = 'lanhdao@sessions.test';
		const fine = await signIn(two, other, passwords[other]);
		expect(fine.cookie).not.toBeNull();
		let failures = 0;
		for (let i = 0; failures < LOGIN_LIMITS.address.failures; i++) {
			const { response } = await signIn(i % 2 ? one : two, `nobody${i}@sessions.test`, 'guess-it');
			if (response.status === 429) break;
			expect(response.status).toBe(400);
			failures += 1;
		}
		const blocked = await signIn(one, other, passwords[other]);
		expect(blocked.response.status).toBe(429);
		// Every attempt from the address counted, the two refused while the account was throttled included.
		expect(5 + 2 + failures).toBe(LOGIN_LIMITS.address.failures);
		// The session opened before is untouched: throttling guards sign-in, not the signed-in.
		expect((await read(one, fine.cookie!)).status).toBe(200);

		const trail = await sql<{ action: string; target: string; address: string | null }[]>`
			select action, target, address from audit_log
			where action in ('login.failure', 'login.throttled') order by id`;
		expect(trail.filter((r) => r.action === 'login.failure').length).toBe(5 + failures);
		expect(trail.find((r) => r.action === 'login.throttled' && r.target === email)).toBeTruthy();
		expect(trail.every((r) => r.address !== null)).toBe(true);
	});
});
