import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { createApiKey } from '../../server/access/api-keys';
import { createApp, type App } from '../../server/app';
import { testConfig } from '../../server/config';
import type { Database } from '../../server/db/client';
import { readRoutes } from '../../server/http/reads';
import { SnapshotReader } from '../../server/read/snapshot-reader';
import { storeEvents } from '../../server/ingest/store-events';
import { dueSoonLimit } from '../../server/read/dossier-lists';
import { AdminUnits } from '../../server/read/scopes';
import { sqlSnapshot } from '../../server/read/snapshot.sql';
import { queryRows } from '../../server/read/sql-rows';
import type { ReferenceData } from '../../server/reference/reference-data';
import {
	snapshotJsonSchema,
	type DossierListItem,
	type DossierListPage
} from '../../src/lib/contracts/snapshot';
import { scopeSchema, type Scope } from '../../src/lib/contracts/scope';
import { HOUR_MS, vnInstant, type Instant } from '../../src/lib/domain/calendar/vn-time';
import {
	STAGES,
	type Channel,
	type DossierEvent,
	type DossierState,
	type EventType,
	type Stage
} from '../../src/lib/domain/dossier';
import { isOpenAt, openStatusAt } from '../../src/lib/domain/outcome';
import { computeSnapshot, type SnapshotScope } from '../../src/lib/domain/oracle';
import type { Period } from '../../src/lib/domain/period';
import { sql } from 'drizzle-orm';
import { createTestDatabase, type TestDatabase } from '../support/database';

/** Wednesday 20 May 2026, 10:30 in Vietnam: every seeded event happens before it. */
const NOW = vnInstant('2026-05-20', '10:30');
const NGHE_AN_WARDS = ['16681', '16690', '16702'];
const OTHER_WARD = '15229'; // Thanh Hóa (province 38)
const PROCEDURES = [
	'1.001193',
	'1.000894',
	'1.000656',
	'2.000815',
	'2.000884',
	'1.001776',
	'1.001612'
];
const UNKNOWN_PROCEDURE = '9.999999';
const DOSSIERS = 360;

/** A small seeded generator (mulberry32): the same lives on every run. */
function seededRandom(seed: number) {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
		pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
		chance: (p: number) => next() < p
	};
}

/**
 * One random but plausible life: submitted or received at any hour over ~40 days, then stage changes,
 * supplements, fees, an extension, a withdrawal, refusal, completion, a result-desk move after completion and a
 * return, each with some probability; events after NOW are cut, which leaves open dossiers.
 */
function randomLife(rng: ReturnType<typeof seededRandom>, n: number): DossierEvent[] {
	const ward = n % 9 === 0 ? OTHER_WARD : rng.pick(NGHE_AN_WARDS);
	const code = `H${ward === OTHER_WARD ? 38 : 40}.${ward}-${String(n).padStart(5, '0')}`;
	const channel: Channel = rng.pick(['direct', 'online', 'online', 'postal'] as const);
	const procedure = rng.chance(0.05) ? UNKNOWN_PROCEDURE : rng.pick(PROCEDURES);
	const events: DossierEvent[] = [];
	let at = NOW - rng.int(0, 42 * 24) * HOUR_MS - rng.int(0, 59) * 60_000;
	const add = (type: EventType, extra: Partial<DossierEvent> = {}) =>
		events.push({ id: `${code}:${events.length}`, type, dossier: code, ward, at, ...extra });
	const later = (maxHours: number) => (at += rng.int(1, maxHours * 60) * 60_000);
	const base = {
		procedure,
		channel,
		...(rng.chance(0.3) ? { field: rng.pick(['ho-tich', 'khac']) } : {})
	};

	if (channel === 'online') {
		add('submitted', base);
		if (rng.chance(0.08)) return events; // never accepted: awaiting intake
		later(30);
		if (rng.chance(0.05)) {
			add('not_accepted', { reason: 'Thiếu giấy tờ' });
			return events;
		}
	}
	add('received', {
		...base,
		...(rng.chance(0.15) ? { dueAt: at + rng.int(4, 200) * HOUR_MS } : {})
	});
	const stages: Stage[] = ['processing', 'approval'];
	if (rng.chance(0.2)) stages.splice(1, 0, 'interagency');
	stages.push('result');
	for (const stage of stages) {
		later(40);
		add('stage_changed', {
			stage,
			step: `bước ${stage}`,
			unit: rng.pick(['Văn phòng', 'Tư pháp', 'Địa chính']),
			...(rng.chance(0.2) ? { stageDueAt: at + rng.int(1, 30) * HOUR_MS } : {})
		});
		if (rng.chance(0.12)) {
			later(20);
			add('supplement_requested', { reason: 'x'.repeat(rng.int(5, 400)) });
			if (rng.chance(0.7)) {
				later(60);
				add('supplement_received');
			}
		}
		if (rng.chance(0.06)) {
			later(10);
			add('fee_requested');
			if (rng.chance(0.7)) {
				later(30);
				add('fee_paid', { paidOnline: rng.chance(0.5) });
			}
		}
		if (rng.chance(0.05)) {
			later(10);
			add('due_extended', { dueAt: at + rng.int(24, 150) * HOUR_MS, reason: 'Xin lỗi' });
		}
		if (rng.chance(0.04)) {
			later(20);
			add('withdrawn', { reason: 'Công dân rút hồ sơ' });
			return events;
		}
	}
	later(30);
	add('completed');
	if (rng.chance(0.2)) {
		later(10);
		add('stage_changed', { stage: 'result', step: 'trả kết quả' });
	}
	if (rng.chance(0.75)) {
		later(72);
		add('returned');
	}
	return events;
}

const scopeOf = (text: string): Scope => scopeSchema.parse(text);

/** The lists' order for a descending sort: newest instant first, ties by code, descending. */
const newestFirst =
	(key: 'receivedAt' | 'finishedAt') =>
	(a: DossierState, b: DossierState): number =>
		a[key] === b[key] ? (a.code < b.code ? 1 : -1) : (b[key] as number) - (a[key] as number);
describe('reads: snapshot, lists and detail against real Postgres', () => {
	let database: TestDatabase;
	let app: App;
	let base: string;
	let db: Database;
	let reference: ReferenceData;
	let units: AdminUnits;
	let fixed: Hono;
	let states: DossierState[];
	let wardsByProvince: Map<string, string[]>;
	const keys = { national: '', province: '', ward: '', other: '' };

	const get = (path: string, key: string | null, via: 'fixed' | 'app' = 'fixed') => {
		const headers = key ? { authorization: `Bearer ${key}` } : undefined;
		return via === 'fixed'
			? fixed.request(path, { headers })
			: fetch(`${base}${path}`, { headers });
	};

	beforeAll(async () => {
		database = await createTestDatabase();
		app = await createApp(testConfig({ DATABASE_URL: database.url }), { pages: false });
		base = `http://127.0.0.1:${(await app.listen(0, '127.0.0.1')).port}`;
		db = app.backend.database.db;
		reference = app.backend.reference;
		units = await AdminUnits.load(db);
		keys.national = (await createApiKey(db, { name: 'n', scope: 'national' }, 'test')).key;
		keys.province = (await createApiKey(db, { name: 'p', scope: 'province:40' }, 'test')).key;
		keys.ward = (await createApiKey(db, { name: 'w', scope: 'ward:16681' }, 'test')).key;
		keys.other = (await createApiKey(db, { name: 'o', scope: 'ward:15229' }, 'test')).key;
		fixed = readRoutes({
			database: app.backend.database,
			access: app.backend.access,
			reference,
			snapshots: new SnapshotReader(db, reference),
			now: () => NOW
		});

		const rng = seededRandom(20260520);
		const events = Array.from({ length: DOSSIERS }, (_, n) => randomLife(rng, n))
			.flat()
			.filter((e) => e.at <= NOW);
		for (let i = 0; i < events.length; i += 500) {
			await storeEvents(db, 'test', events.slice(i, i + 500), reference);
		}
		states = (
			await queryRows<{ state: DossierState }>(db, sql`select state from dossiers order by code`)
		).map((row) => row.state);
		const wardRows = await queryRows<{ code: string; province_code: string }>(
			db,
			sql`select code, province_code from wards order by code`
		);
		wardsByProvince = new Map();
		for (const w of wardRows) {
			wardsByProvince.set(w.province_code, [
				...(wardsByProvince.get(w.province_code) ?? []),
				w.code
			]);
		}
	});

	afterAll(async () => {
		await app?.close();
		await database?.drop();
	});

	/** The oracle's scopes for a scope text, with the same children the SQL side is given. */
	function oracleScopes(text: string): { scope: SnapshotScope; children: SnapshotScope[] } {
		const scope = scopeOf(text);
		if (scope.kind === 'national') {
			const provinces = [...wardsByProvince.keys()].sort();
			return {
				scope: { id: 'national', wards: null },
				children: provinces.map((p) => ({
					id: `province:${p}`,
					wards: wardsByProvince.get(p) ?? []
				}))
			};
		}
		if (scope.kind === 'province') {
			const wards = wardsByProvince.get(scope.code) ?? [];
			return {
				scope: { id: text, wards },
				children: wards.map((w) => ({ id: `ward:${w}`, wards: [w] }))
			};
		}
		return { scope: { id: text, wards: [scope.code] }, children: [] };
	}

	it('seeds a varied population', () => {
		expect(states.length).toBe(DOSSIERS);
		const statuses = new Set(states.map((s) => openStatusAt(s, NOW, reference.calendar)));
		for (const status of [
			'awaiting_intake',
			'awaiting_citizen',
			'within_time',
			'due_soon',
			'overdue',
			null
		]) {
			expect(statuses).toContain(status);
		}
		expect(states.some((s) => s.withdrawnAt !== null)).toBe(true);
		expect(states.some((s) => s.refusedAt !== null)).toBe(true);
		expect(states.some((s) => s.finishedAt !== null && s.returnedAt === null)).toBe(true);
	});

	const periods: [string, Period][] = [
		['today', { from: '2026-05-20', to: '2026-05-20' }],
		['a past week', { from: '2026-05-11', to: '2026-05-17' }],
		['a month to today', { from: '2026-04-21', to: '2026-05-20' }],
		['a past day', { from: '2026-05-04', to: '2026-05-04' }],
		['a past month', { from: '2026-04-01', to: '2026-04-30' }]
	];
	for (const scopeText of ['national', 'province:40', 'ward:16681', 'ward:15229']) {
		for (const [label, period] of periods) {
			it(`sqlSnapshot equals computeSnapshot for ${scopeText}, ${label}`, async () => {
				const scope = scopeOf(scopeText);
				const { scope: oracleScope, children } = oracleScopes(scopeText);
				const expected = computeSnapshot(states, {
					scope: oracleScope,
					period,
					now: NOW,
					calendar: reference.calendar,
					children
				});
				const actual = await sqlSnapshot(db, reference, {
					scope,
					period,
					now: NOW,
					children: units.childrenOf(scope)
				});
				expect(actual).toEqual(expected);
				if (scopeText !== 'ward:15229' && label !== 'a past day') {
					expect(actual.received.total + actual.inProgress.total).toBeGreaterThan(0);
				}
			});
		}
	}

	it('answers the province snapshot over HTTP with all 130 wards of Nghệ An, ranked stably', async () => {
		const path = '/api/v1/snapshot?scope=province:40&from=2026-04-21&to=2026-05-20';
		const response = await get(path, keys.province);
		expect(response.status).toBe(200);
		const body = snapshotJsonSchema.parse(await response.json());
		expect(body.children).toHaveLength(130);
		expect(body.name).toBe('Nghệ An');
		expect(body.asOf).toBe(new Date(NOW).toISOString());
		const ranks = body.children.map((c) => c.rank).sort((a, b) => a - b);
		expect(ranks).toEqual(Array.from({ length: 130 }, (_, i) => i + 1));
		// The seeded wards have finished dossiers, so they rank ahead of the wards without a rate.
		const seeded = body.children.filter((c) => NGHE_AN_WARDS.includes(c.scope.slice(5)));
		expect(seeded.every((c) => c.rank <= 3)).toBe(true);
		const byRank = [...body.children].sort((a, b) => a.rank - b.rank);
		for (let i = 1; i < byRank.length; i++) {
			const [a, b] = [byRank[i - 1]!, byRank[i]!];
			expect((a.onTimeRate ?? -1) >= (b.onTimeRate ?? -1)).toBe(true);
		}
		const zeroRows = byRank.slice(3);
		expect(zeroRows.map((c) => c.scope)).toEqual(zeroRows.map((c) => c.scope).sort());
		const again = snapshotJsonSchema.parse(await (await get(path, keys.province)).json());
		expect(again).toEqual(body);
	});

	it('defaults the period to today and serves the real app with the national 34 provinces', async () => {
		const response = await get('/api/v1/snapshot?scope=national', keys.national, 'app');
		expect(response.status).toBe(200);
		const body = snapshotJsonSchema.parse(await response.json());
		expect(body.children).toHaveLength(34);
		expect(body.period.from).toBe(body.period.to);
		const ward = snapshotJsonSchema.parse(
			await (await get('/api/v1/snapshot?scope=ward:16690', keys.province, 'app')).json()
		);
		expect(ward.children).toEqual([]);
	});

	it('prefers the live store when it answers, and falls back to SQL when it does not', async () => {
		const period = { from: '2026-05-20', to: '2026-05-20' };
		const live = await sqlSnapshot(db, reference, {
			scope: scopeOf('ward:16681'),
			period,
			now: NOW
		});
		live.received.total = 987_654;
		const asked: string[] = [];
		const routes = (answer: boolean) =>
			readRoutes({
				database: app.backend.database,
				access: app.backend.access,
				reference,
				now: () => NOW,
				snapshots: new SnapshotReader(db, reference, async (args) => {
					asked.push(args.period.from);
					return answer ? live : null;
				})
			});
		const headers = { authorization: `Bearer ${keys.ward}` };
		const path = '/api/v1/snapshot?scope=ward:16681';
		const fromLive = await (await routes(true).request(path, { headers })).json();
		expect(fromLive.received.total).toBe(987_654);
		const fromSql = await (await routes(false).request(path, { headers })).json();
		expect(fromSql.received.total).not.toBe(987_654);
		expect(asked).toEqual(['2026-05-20', '2026-05-20']);
	});

	/** Every page of a list, following `nextCursor`. */
	async function allPages(query: string, key = keys.province): Promise<DossierListItem[]> {
		const items: DossierListItem[] = [];
		let cursor: string | null = null;
		for (let pages = 0; pages < 500; pages++) {
			const path: string = `/api/v1/dossiers?${query}${cursor ? `&cursor=${cursor}` : ''}`;
			const response = await get(path, key);
			expect(response.status).toBe(200);
			const page = (await response.json()) as DossierListPage;
			items.push(...page.items);
			cursor = page.nextCursor;
			if (!cursor) return items;
		}
		throw new Error('paging did not end');
	}

	const inNgheAn = (s: DossierState) => NGHE_AN_WARDS.includes(s.ward);
	const byDueThenCode = (a: DossierState, b: DossierState) =>
		a.dueAt === b.dueAt
			? a.code < b.code
				? -1
				: 1
			: a.dueAt === null
				? 1
				: b.dueAt === null
					? -1
					: a.dueAt - b.dueAt;

	for (const status of ['overdue', 'dueSoon'] as const) {
		it(`lists the oracle's ${status} set exactly once across pages, soonest due first`, async () => {
			const want = status === 'overdue' ? 'overdue' : 'due_soon';
			const expected = states
				.filter((s) => inNgheAn(s) && openStatusAt(s, NOW, reference.calendar) === want)
				.sort(byDueThenCode)
				.map((s) => s.code);
			expect(expected.length).toBeGreaterThan(2);
			const items = await allPages(`scope=province:40&status=${status}&limit=3`);
			expect(items.map((i) => i.code)).toEqual(expected);
			if (status === 'overdue') {
				expect(items.every((i) => (i.overdueWorkingDays ?? -1) >= 0)).toBe(true);
				expect(items.some((i) => (i.overdueWorkingDays ?? 0) >= 1)).toBe(true);
			}
		});
	}

	it('bounds due soon at the next working instant after 8 working hours', () => {
		const limit = dueSoonLimit(reference, NOW);
		expect(reference.calendar.workingMsBetween(NOW, limit)).toBe(8 * HOUR_MS);
		expect(reference.calendar.workingMsBetween(NOW, limit + 1)).toBeGreaterThan(8 * HOUR_MS);
	});

	it('pages open dossiers newest first, with stage and field filters, each exactly once', async () => {
		const stage = 'processing';
		const expectedOpen = states
			.filter((s) => inNgheAn(s) && isOpenAt(s, NOW) && s.stage === stage)
			.sort(newestFirst('receivedAt'))
			.map((s) => s.code);
		expect(expectedOpen.length).toBeGreaterThan(3);
		const items = await allPages(
			`scope=province:40&status=open&stage=${stage}&sort=-receivedAt&limit=4`
		);
		expect(items.map((i) => i.code)).toEqual(expectedOpen);

		const resolved = await allPages('scope=ward:16681&status=resolved&field=ho-tich&limit=5');
		const expectedResolved = states
			.filter((s) => s.ward === '16681' && s.finishedAt !== null && s.receivedAt !== null)
			.filter((s) => s.field === 'ho-tich')
			.sort(newestFirst('finishedAt'))
			.map((s) => s.code);
		expect(expectedResolved.length).toBeGreaterThan(5);
		expect(resolved.map((i) => i.code)).toEqual(expectedResolved);
		expect(Object.keys(resolved[0]!).sort()).toEqual(
			[
				'code',
				'ward',
				'procedure',
				'field',
				'channel',
				'status',
				'stage',
				'receivedAt',
				'dueAt',
				'finishedAt',
				'outcome'
			].sort()
		);
	});

	it('pages open dossiers by due date with the undated ones last, and the open count matches the snapshot', async () => {
		const items = await allPages('scope=national&status=open&limit=25', keys.national);
		const expected = states
			.filter((s) => isOpenAt(s, NOW))
			.sort(byDueThenCode)
			.map((s) => s.code);
		expect(states.some((s) => isOpenAt(s, NOW) && s.dueAt === null)).toBe(true);
		expect(items.map((i) => i.code)).toEqual(expected);
		const snapshot = await sqlSnapshot(db, reference, {
			scope: { kind: 'national' },
			period: { from: '2026-05-20', to: '2026-05-20' },
			now: NOW
		});
		expect(items.length).toBe(snapshot.inProgress.total);
	});

	it('shows a dossier with its timeline, reasons cut to 200 characters, no officer', async () => {
		const target = states.find(
			(s) =>
				s.ward === '16681' &&
				s.supplements.some((x) => (x.reason?.length ?? 0) > 200) &&
				s.stages.length > 2
		) as DossierState;
		expect(target).toBeDefined();
		const response = await get(`/api/v1/dossiers/${target.code}`, keys.ward);
		expect(response.status).toBe(200);
		const body = await response.json();
		expect(body).toMatchObject({
			code: target.code,
			ward: '16681',
			procedure: target.procedure,
			status: target.status,
			receivedAt: new Date(target.receivedAt as Instant).toISOString()
		});
		expect(body.stages).toHaveLength(target.stages.length);
		expect(body.supplements[0].reason.length).toBeLessThanOrEqual(200);
		const [{ n }] = await queryRows<{ n: number }>(
			db,
			sql`select count(*)::int as n from dossier_events where dossier_code = ${target.code}`
		);
		expect(body.timeline).toHaveLength(n);
		const times = body.timeline.map((e: { at: string }) => Date.parse(e.at));
		expect(times).toEqual([...times].sort((a, b) => a - b));
		expect(body.timeline[0].type).toMatch(/^(submitted|received)$/);
		expect(
			body.timeline.every((e: { reason: string | null }) => (e.reason?.length ?? 0) <= 200)
		).toBe(true);
		expect(JSON.stringify(body)).not.toContain('officer');
		expect(STAGES).toContain(body.stages[1].stage);
	});

	it('answers 404 for an unknown dossier and for one outside the scope, alike', async () => {
		const outside = states.find((s) => s.ward === '16690') as DossierState;
		const unknown = await get('/api/v1/dossiers/NO-SUCH-CODE', keys.ward);
		const hidden = await get(`/api/v1/dossiers/${outside.code}`, keys.ward);
		expect(unknown.status).toBe(404);
		expect(hidden.status).toBe(404);
		expect((await hidden.json()).error.code).toBe('not_found');
		expect((await get(`/api/v1/dossiers/${outside.code}`, keys.province)).status).toBe(200);
		expect((await get(`/api/v1/dossiers/${outside.code}`, keys.other)).status).toBe(404);
	});

	it('answers 401 without a valid key on every read route', async () => {
		for (const path of [
			'/api/v1/snapshot?scope=national',
			'/api/v1/dossiers?scope=national',
			'/api/v1/dossiers/ANY'
		]) {
			expect((await get(path, null, 'app')).status).toBe(401);
			const bad = await get(path, 'mcl_not-a-key', 'app');
			expect(bad.status).toBe(401);
			expect((await bad.json()).error.code).toBe('unauthorized');
		}
	});

	it('answers 403 for a scope outside the key, and lets a province read its wards', async () => {
		const cases: [string, string, number][] = [
			['ward', '/api/v1/snapshot?scope=province:40', 403],
			['ward', '/api/v1/snapshot?scope=ward:16690', 403],
			['ward', '/api/v1/snapshot?scope=national', 403],
			['province', '/api/v1/snapshot?scope=ward:15229', 403],
			['province', '/api/v1/snapshot?scope=province:38', 403],
			['province', '/api/v1/dossiers?scope=national', 403],
			['province', '/api/v1/snapshot?scope=ward:16690', 200],
			['ward', '/api/v1/dossiers?scope=ward:16681&status=overdue', 200],
			['national', '/api/v1/dossiers?scope=ward:15229', 200]
		];
		for (const [who, path, status] of cases) {
			const response = await get(path, keys[who as keyof typeof keys], 'app');
			expect([path, response.status]).toEqual([path, status]);
			if (status === 403) expect((await response.json()).error.code).toBe('forbidden');
		}
	});

	it('answers 400 naming the bad query parameter', async () => {
		const cases: [string, string][] = [
			['/api/v1/snapshot', 'scope'],
			['/api/v1/snapshot?scope=city:1', 'scope'],
			['/api/v1/snapshot?scope=ward:99999', 'scope'],
			['/api/v1/snapshot?scope=province:99', 'scope'],
			['/api/v1/snapshot?scope=national&from=2026-02-30', 'from'],
			['/api/v1/snapshot?scope=national&to=20260520', 'to'],
			['/api/v1/snapshot?scope=national&from=2026-05-21&to=2026-05-20', 'from'],
			['/api/v1/snapshot?scope=national&from=2025-01-01&to=2026-05-20', 'from'],
			['/api/v1/dossiers?scope=national&status=late', 'status'],
			['/api/v1/dossiers?scope=national&stage=desk', 'stage'],
			['/api/v1/dossiers?scope=national&sort=name', 'sort'],
			['/api/v1/dossiers?scope=national&sort=finishedAt', 'sort'],
			['/api/v1/dossiers?scope=national&limit=0', 'limit'],
			['/api/v1/dossiers?scope=national&limit=1000', 'limit'],
			['/api/v1/dossiers?scope=national&cursor=not*a*cursor', 'cursor'],
			['/api/v1/dossiers?scope=national&cursor=bm90LWpzb24', 'cursor']
		];
		for (const [path, parameter] of cases) {
			const response = await get(path, keys.national);
			const body = await response.json();
			expect([path, response.status, body.error?.details?.parameter]).toEqual([
				path,
				400,
				parameter
			]);
			expect(body.error.code).toBe('invalid_query');
			expect(body.error.message.startsWith(`${parameter}: `)).toBe(true);
		}
		const first = (await (
			await get('/api/v1/dossiers?scope=national&status=open&limit=2', keys.national)
		).json()) as DossierListPage;
		const reused = await get(
			`/api/v1/dossiers?scope=national&status=open&sort=-receivedAt&cursor=${first.nextCursor}`,
			keys.national
		);
		expect(reused.status).toBe(400);
		expect((await reused.json()).error.details.parameter).toBe('cursor');
	});
});
