import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../server/access/api-keys';
import type { Credentials } from '../../server/access/access-service';
import { createDisplayToken, revokeDisplayToken } from '../../server/access/display-tokens';
import { createGrant } from '../../server/access/grants';
import { createUser } from '../../server/access/users';
import { createApp, type App } from '../../server/app';
import { testConfig } from '../../server/config';
import { auditLog } from '../../server/db/schema';
import type { AccessRevoked } from '../../src/lib/contracts/socket-events';
import type { LiveSocket } from '../../src/lib/realtime/live-client';
import { openLive, signIn } from '../support/access';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { TEST_REDIS_URL } from '../support/env';
import { ensurePagesBuilt } from '../support/pages';
import { deleteRedisKeys } from '../support/redis';
import { waitUntil } from '../support/wait';

/**
 * The authorisation matrix of issue #8: every role and token kind × every relation (own ward, another ward of
 * the same province, another province, the nation) × every surface (page, REST read, REST ingest, socket
 * subscribe, export), each cell a real request to the real app (pages and exports through the built SvelteKit handler),
 * against an expectation written out here, not derived from the policy under test.
 */

/** Phường Thành Vinh (Nghệ An, 40) is home; Phường Trường Vinh is its neighbour; Thanh Hóa (38) is elsewhere. */
const HOME_WARD = '16681';
const NEIGHBOUR = '16690';
const OTHER_PROVINCE = '38';
const OTHER_PROVINCE_WARD = '15229';

const RELATIONS = ['ownWard', 'sameProvinceWard', 'otherProvince', 'national'] as const;
type Relation = (typeof RELATIONS)[number];
const SURFACES = ['page', 'read', 'ingest', 'live', 'export'] as const;
type Surface = (typeof SURFACES)[number];

/** The scope each relation names; ingest sends an event of a ward, so "another province" is one of its wards. */
const SCOPE: Record<Relation, string> = {
	ownWard: `ward:${HOME_WARD}`,
	sameProvinceWard: `ward:${NEIGHBOUR}`,
	otherProvince: `province:${OTHER_PROVINCE}`,
	national: 'national'
};
const PAGE: Record<Relation, string> = {
	ownWard: `/ward/${HOME_WARD}`,
	sameProvinceWard: `/ward/${NEIGHBOUR}`,
	otherProvince: `/province/${OTHER_PROVINCE}`,
	national: '/'
};
const INGEST_WARD: Partial<Record<Relation, string>> = {
	ownWard: HOME_WARD,
	sameProvinceWard: NEIGHBOUR,
	otherProvince: OTHER_PROVINCE_WARD
	// national: an event always belongs to one ward, so there is no national ingest to try.
};

const PRINCIPALS = [
	'admin',
	'inspectorNational',
	'inspectorWithGrant',
	'inspectorExpiredGrant',
	'provinceLeader',
	'wardDirector',
	'displayWard',
	'displayProvince',
	'apiKeyWard',
	'anonymous'
] as const;
type PrincipalName = (typeof PRINCIPALS)[number];

/** `Y` allowed, `-` denied, per relation in RELATIONS order (own ward, same-province ward, other province, nation). */
const EXPECTED: Record<PrincipalName, Record<Surface, string>> = {
	admin: { page: 'YYYY', read: 'YYYY', ingest: '---', live: 'YYYY', export: 'YYYY' },
	inspectorNational: { page: 'YYYY', read: 'YYYY', ingest: '---', live: 'YYYY', export: 'YYYY' },
	inspectorWithGrant: { page: 'YY--', read: 'YY--', ingest: '---', live: 'YY--', export: 'YY--' },
	inspectorExpiredGrant: {
		page: '----',
		read: '----',
		ingest: '---',
		live: '----',
		export: '----'
	},
	provinceLeader: { page: 'YY--', read: 'YY--', ingest: '---', live: 'YY--', export: 'YY--' },
	wardDirector: { page: 'Y---', read: 'Y---', ingest: '---', live: 'Y---', export: 'Y---' },
	displayWard: { page: 'Y---', read: 'Y---', ingest: '---', live: 'Y---', export: '----' },
	displayProvince: { page: 'YY--', read: 'YY--', ingest: '---', live: 'YY--', export: '----' },
	apiKeyWard: { page: '----', read: 'Y---', ingest: 'Y--', live: 'Y---', export: '----' },
	anonymous: { page: '----', read: '----', ingest: '---', live: '----', export: '----' }
};

/** How each principal presents itself: browsers send cookies, displays and scripts a bearer token. */
interface Presented {
	/** Cookie header for pages, REST and the socket handshake. */
	cookie?: string;
	/** Bearer token for REST, `auth.token` for the socket. */
	token?: string;
	credentials: Credentials;
}

const PASSWORD = 'mat-khau-kiem-thu-du-dai';

describe('the authorisation matrix, every cell a real request', () => {
	let database: TestDatabase;
	let app: App;
	let base = '';
	const prefix = `mcltest${randomBytes(3).toString('hex')}`;
	const presented = {} as Record<PrincipalName, Presented>;
	const sockets: LiveSocket[] = [];
	let ingestSeq = 0;

	const headersOf = (who: Presented): Record<string, string> => ({
		...(who.cookie && { cookie: who.cookie }),
		...(who.token && { authorization: `Bearer ${who.token}` })
	});

	/** Each surface's real request: true when allowed, false when refused (401, 403, a redirect, a refusal). */
	const attempt: Record<Surface, (who: Presented, relation: Relation) => Promise<boolean>> = {
		async page(who, relation) {
			// Browsers open pages with cookies; a bearer token is not a way into pages.
			const response = await fetch(`${base}${PAGE[relation]}`, {
				redirect: 'manual',
				headers: who.cookie ? { cookie: who.cookie, accept: 'text/html' } : { accept: 'text/html' }
			});
			await response.arrayBuffer();
			if (response.status === 200) return true;
			if ([303, 401, 403].includes(response.status)) return false;
			throw new Error(`page ${PAGE[relation]}: unexpected ${response.status}`);
		},
		async read(who, relation) {
			const response = await fetch(`${base}/api/v1/snapshot?scope=${SCOPE[relation]}`, {
				headers: headersOf(who)
			});
			await response.arrayBuffer();
			if (response.status === 200) return true;
			if ([401, 403].includes(response.status)) return false;
			throw new Error(`read ${SCOPE[relation]}: unexpected ${response.status}`);
		},
		async ingest(who, relation) {
			const ward = INGEST_WARD[relation]!;
			ingestSeq += 1;
			const response = await fetch(`${base}/api/v1/events`, {
				method: 'POST',
				headers: { ...headersOf(who), 'content-type': 'application/json' },
				body: JSON.stringify({
					events: [
						{
							id: `matrix-${ingestSeq}`,
							type: 'received',
							dossier: `MATRIX-${ingestSeq}`,
							ward,
							at: new Date(Date.now() - 3_600_000).toISOString(),
							procedure: '1.001612',
							channel: 'direct'
						}
					]
				})
			});
			const body = (await response.json()) as { accepted?: number };
			if (response.status === 200 && body.accepted === 1) return true;
			if ([401, 403].includes(response.status)) return false;
			throw new Error(`ingest ${ward}: unexpected ${response.status} ${JSON.stringify(body)}`);
		},
		async live(who, relation) {
			const { socket, connected } = await openLive(base, who);
			sockets.push(socket);
			if (!connected) return false;
			const ack = await socket.timeout(10_000).emitWithAck('scope:subscribe', {
				scope: SCOPE[relation]
			});
			socket.disconnect();
			if (ack.ok) return true;
			if (ack.error.code === 'forbidden') return false;
			throw new Error(`live ${SCOPE[relation]}: unexpected ${ack.error.code}`);
		},
		async export(who, relation) {
			// A real export (issue #11): the scope's overdue list as CSV, presenting whatever the principal holds.
			const response = await fetch(`${base}/report/${SCOPE[relation]}/lists/overdue/csv`, {
				redirect: 'manual',
				headers: headersOf(who)
			});
			await response.arrayBuffer();
			if (response.status === 200) return true;
			if ([303, 401, 403].includes(response.status)) return false;
			throw new Error(`export ${SCOPE[relation]}: unexpected ${response.status}`);
		}
	};

	beforeAll(async () => {
		ensurePagesBuilt();
		database = await createTestDatabase();
		app = await createApp(
			testConfig({
				DATABASE_URL: database.url,
				REDIS_URL: TEST_REDIS_URL,
				REDIS_KEY_PREFIX: prefix
			}),
			{ pages: true }
		);
		base = `http://127.0.0.1:${(await app.listen(0, '127.0.0.1')).port}`;
		const db = app.backend.database.db;
		const actor = { id: 'test' };
		const exists = () => true;
		const person = async (name: PrincipalName, role: string, scope: string | null) => {
			const email = `${name.toLowerCase()}@matrix.test`;
			const { user } = await createUser(
				db,
				{ email, role, scope, password: PASSWORD },
				actor,
				exists
			);
			return user;
		};
		const signedIn = async (name: PrincipalName) => {
			const { cookie } = await signIn(base, `${name.toLowerCase()}@matrix.test`, PASSWORD);
			expect(cookie, `${name} signs in`).not.toBeNull();
			presented[name] = {
				cookie: cookie!,
				credentials: { session: cookie!.slice('mcl_session='.length) }
			};
		};

		await person('admin', 'admin', 'national');
		await person('inspectorNational', 'inspector', 'national');
		const granted = await person('inspectorWithGrant', 'inspector', null);
		const lapsed = await person('inspectorExpiredGrant', 'inspector', null);
		await person('provinceLeader', 'province_leader', 'province:40');
		await person('wardDirector', 'ward_director', `ward:${HOME_WARD}`);
		const now = Date.now();
		await createGrant(
			db,
			{
				userId: granted.id,
				scope: 'province:40',
				startsAt: new Date(now - 3_600_000),
				expiresAt: new Date(now + 86_400_000),
				reason: 'Đoàn kiểm tra'
			},
			actor,
			exists
		);
		// A grant that lapses by itself two seconds from now, with nothing done to it.
		const lapsesAt = now + 2_000;
		await createGrant(
			db,
			{
				userId: lapsed.id,
				scope: 'province:40',
				startsAt: new Date(now - 3_600_000),
				expiresAt: new Date(lapsesAt),
				reason: 'Đoàn kiểm tra đã kết thúc'
			},
			actor,
			exists
		);
		for (const name of [
			'admin',
			'inspectorNational',
			'inspectorWithGrant',
			'inspectorExpiredGrant',
			'provinceLeader',
			'wardDirector'
		] as const)
			await signedIn(name);

		const display = async (scope: string) => {
			const { token } = await createDisplayToken(db, { name: scope, scope }, actor, exists);
			return token;
		};
		// A wall display's browser holds its token in the display cookie; its REST calls may bear it too.
		for (const [name, scope] of [
			['displayWard', `ward:${HOME_WARD}`],
			['displayProvince', 'province:40']
		] as const) {
			const token = await display(scope);
			presented[name] = { cookie: `mcl_display=${token}`, credentials: { display: token } };
		}
		const { key } = await createApiKey(
			db,
			{ name: 'connector', scope: `ward:${HOME_WARD}` },
			'test'
		);
		presented.apiKeyWard = { token: key, credentials: { token: key } };
		presented.anonymous = { credentials: {} };

		await waitUntil(
			() => app.backend.aggregator.ready,
			(ready) => ready,
			20_000
		);
		await new Promise((resolve) => setTimeout(resolve, Math.max(0, lapsesAt - Date.now() + 100)));
	});

	afterAll(async () => {
		for (const socket of sockets) socket.disconnect();
		await app?.close();
		await database?.drop();
		await deleteRedisKeys(prefix);
	});

	it('matches the expected decision in every cell', async () => {
		const mismatches: string[] = [];
		let cells = 0;
		for (const principal of PRINCIPALS)
			for (const surface of SURFACES)
				for (const [i, relation] of RELATIONS.entries()) {
					if (surface === 'ingest' && INGEST_WARD[relation] === undefined) continue;
					const expected = EXPECTED[principal][surface][i] === 'Y';
					const actual = await attempt[surface](presented[principal], relation);
					cells += 1;
					if (actual !== expected)
						mismatches.push(
							`${principal} × ${surface} × ${relation}: expected ${expected ? 'allow' : 'deny'}, got ${actual ? 'allow' : 'deny'}`
						);
				}
		expect(cells).toBe(PRINCIPALS.length * (SURFACES.length * RELATIONS.length - 1));
		expect(mismatches).toEqual([]);
		// Each allowed export was written to the audit log, with its scope.
		const allowedExports = Object.values(EXPECTED).flatMap((row) =>
			[...row.export].filter((cell) => cell === 'Y')
		).length;
		const exports = await app.backend.database.db
			.select()
			.from(auditLog)
			.where(eq(auditLog.action, 'export'));
		expect(exports).toHaveLength(allowedExports);
		expect(exports.every((row) => row.actor.startsWith('user:') && row.target !== null)).toBe(true);
	});

	it('refuses a display token and a session on ingest, and says why', async () => {
		const bearer = await fetch(`${base}/api/v1/events`, {
			method: 'POST',
			headers: {
				authorization: `Bearer ${presented.displayWard.credentials.display}`,
				'content-type': 'application/json'
			},
			body: '{"events":[]}'
		});
		expect(bearer.status).toBe(401);
		expect(((await bearer.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
	});
});

describe('revocation and expiry reach open sockets', () => {
	let database: TestDatabase;
	let app: App;
	let base = '';
	const prefix = `mcltest${randomBytes(3).toString('hex')}`;
	const sockets: LiveSocket[] = [];

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
		await waitUntil(
			() => app.backend.aggregator.ready,
			(ready) => ready,
			20_000
		);
	});

	afterAll(async () => {
		for (const socket of sockets) socket.disconnect();
		await app?.close();
		await database?.drop();
		await deleteRedisKeys(prefix);
	});

	const revokedOn = (socket: LiveSocket) =>
		new Promise<{ revoked: AccessRevoked; at: number }>((resolve) =>
			socket.once('access:revoked', (revoked) => resolve({ revoked, at: Date.now() }))
		);

	it('cuts a revoked display token’s sockets within 5 seconds and tells the screen why', async () => {
		const db = app.backend.database.db;
		const { id, token } = await createDisplayToken(
			db,
			{ name: 'TV sảnh', scope: `ward:${HOME_WARD}` },
			{ id: 'test' },
			() => true
		);
		// The display's own player (auth.token) and its browser (cookie) alike.
		const viaToken = await openLive(base, { token });
		const viaCookie = await openLive(base, { cookie: `mcl_display=${token}` });
		sockets.push(viaToken.socket, viaCookie.socket);
		for (const { socket, connected } of [viaToken, viaCookie]) {
			expect(connected).toBe(true);
			const ack = await socket.timeout(10_000).emitWithAck('scope:subscribe', {
				scope: `ward:${HOME_WARD}`
			});
			expect(ack.ok).toBe(true);
		}
		const told = [viaToken, viaCookie].map(({ socket }) => revokedOn(socket));
		const cut = [viaToken, viaCookie].map(
			({ socket }) =>
				new Promise<{ reason: string; at: number }>((resolve) =>
					socket.once('disconnect', (reason) => resolve({ reason, at: Date.now() }))
				)
		);
		const revokedAt = Date.now();
		expect(await revokeDisplayToken(db, id, { id: 'test' })).toBe(true);
		for (const [i, disconnected] of (await Promise.all(cut)).entries()) {
			expect(disconnected.reason).toBe('io server disconnect');
			expect(disconnected.at - revokedAt).toBeLessThan(5_000);
			const { revoked } = await told[i];
			expect(revoked.reason).toBe('revoked');
			expect(revoked.scope).toBeUndefined();
		}
		// And the token opens nothing any more.
		const read = await fetch(`${base}/api/v1/snapshot?scope=ward:${HOME_WARD}`, {
			headers: { authorization: `Bearer ${token}` }
		});
		expect(read.status).toBe(401);
		expect((await openLive(base, { token })).connected).toBe(false);
	});

	it('lets an inspector’s grant lapse by itself: REST, new and open subscriptions, exports', async () => {
		const db = app.backend.database.db;
		const { user } = await createUser(
			db,
			{ email: 'doan@lapse.test', role: 'inspector', scope: null, password: PASSWORD },
			{ id: 'test' },
			() => true
		);
		const expiresAt = Date.now() + 3_000;
		await createGrant(
			db,
			{
				userId: user.id,
				scope: 'province:40',
				startsAt: new Date(Date.now() - 60_000),
				expiresAt: new Date(expiresAt)
			},
			{ id: 'test' },
			() => true
		);
		// This app serves no pages: the session is opened by the same call the sign-in form makes.
		const session = await app.backend.access.login('doan@lapse.test', PASSWORD, {
			address: '127.0.0.1'
		});
		if (!session.ok) throw new Error('sign-in failed');
		const sessionCookie = `mcl_session=${session.token}`;
		const read = () =>
			fetch(`${base}/api/v1/snapshot?scope=province:40`, { headers: { cookie: sessionCookie } });
		expect((await read()).status).toBe(200);
		const { socket, connected } = await openLive(base, { cookie: sessionCookie });
		sockets.push(socket);
		expect(connected).toBe(true);
		const ack = await socket.timeout(10_000).emitWithAck('scope:subscribe', {
			scope: 'province:40'
		});
		expect(ack.ok).toBe(true);
		const told = revokedOn(socket);

		const { revoked, at } = await told;
		expect(revoked).toMatchObject({ reason: 'scope_removed', scope: 'province:40' });
		expect(at - expiresAt).toBeLessThan(5_000);
		// The socket stays (the person is still signed in) but its scope is gone everywhere.
		expect(socket.connected).toBe(true);
		expect((await read()).status).toBe(403);
		const again = await socket.timeout(10_000).emitWithAck('scope:subscribe', {
			scope: 'province:40'
		});
		expect(again).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		const principal = (
			await app.backend.access.authenticate({ session: sessionCookie.split('=')[1] })
		)?.principal;
		expect(principal?.scopes).toEqual([]);
		expect(
			await app.backend.access.authorizeExport(principal, { kind: 'province', code: '40' }, {})
		).toBe(false);
	});
});
