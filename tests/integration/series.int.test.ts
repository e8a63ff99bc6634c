import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { createApiKey } from '../../server/access/api-keys';
import { createApp, type App } from '../../server/app';
import { testConfig } from '../../server/config';
import type { Database } from '../../server/db/client';
import { readRoutes } from '../../server/http/reads';
import { storeEvents } from '../../server/ingest/store-events';
import { sqlIntakeSeries } from '../../server/read/series.sql';
import { SnapshotReader } from '../../server/read/snapshot-reader';
import { seriesJsonSchema, type SeriesBucket } from '../../src/lib/contracts/series';
import { scopeSchema } from '../../src/lib/contracts/scope';
import { snapshotJsonSchema } from '../../src/lib/contracts/snapshot';
import { HOUR_MS, vnInstant, type Instant } from '../../src/lib/domain/calendar/vn-time';
import type { Channel, DossierEvent, EventType } from '../../src/lib/domain/dossier';
import type { Period } from '../../src/lib/domain/period';
import { createTestDatabase, type TestDatabase } from '../support/database';

/** Wednesday 20 May 2026, 10:30 in Vietnam: nothing happens after it. */
const NOW = vnInstant('2026-05-20', '10:30');
const WARDS = [
	{ ward: '16681', province: '40' },
	{ ward: '16690', province: '40' },
	{ ward: '15229', province: '38' }
];
const PROCEDURES = ['1.001193', '2.000815', '1.001776', '1.001612'];

/** mulberry32: the same dossiers on every run. */
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
		int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
		pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
		chance: (p: number) => next() < p
	};
}

/** A dossier's life from its events, plus what the test itself counts as its received and resolved instants. */
interface Life {
	ward: string;
	events: DossierEvent[];
	receivedAt: Instant | null;
	resolvedAt: Instant | null;
}

function life(
	code: string,
	ward: string,
	steps: [EventType, Instant][],
	channel: Channel = 'direct'
): Life {
	const events = steps
		.filter(([, at]) => at <= NOW)
		.map(([type, at], i): DossierEvent => {
			const first = type === 'submitted' || type === 'received';
			return {
				id: `${code}:${i}`,
				type,
				dossier: code,
				ward,
				at,
				...(first ? { procedure: PROCEDURES[i % PROCEDURES.length], channel } : {}),
				...(type === 'stage_changed' ? { stage: 'processing' as const } : {})
			};
		});
	const at = (type: EventType) => events.find((e) => e.type === type)?.at ?? null;
	// The definitions, written from the events: received = accepted at the desk; resolved = finished or
	// withdrawn after acceptance (a refusal at intake is neither, an event without a receipt counts nowhere).
	const receivedAt = at('received');
	const resolvedAt = receivedAt === null ? null : (at('completed') ?? at('withdrawn'));
	return { ward, events, receivedAt, resolvedAt };
}

/** ~40 days of random lives, each received at any minute, some finished, some withdrawn, some still open. */
function randomLives(count: number): Life[] {
	const rng = seededRandom(20261128);
	return Array.from({ length: count }, (_, n) => {
		const { ward } = rng.pick(WARDS);
		const code = `S${ward}-${String(n).padStart(5, '0')}`;
		const channel = rng.pick(['direct', 'online', 'postal'] as const);
		const received = NOW - rng.int(0, 40 * 24 * 60) * 60_000;
		const steps: [EventType, Instant][] = [];
		if (channel === 'online') steps.push(['submitted', received - rng.int(1, 600) * 60_000]);
		if (channel === 'online' && rng.chance(0.1)) {
			steps.push([rng.chance(0.5) ? 'not_accepted' : 'stage_changed', received]);
			return life(code, ward, steps, channel);
		}
		steps.push(['received', received], ['stage_changed', received + rng.int(1, 120) * 60_000]);
		if (rng.chance(0.08)) steps.push(['withdrawn', received + rng.int(3, 72 * 60) * 60_000]);
		else if (rng.chance(0.75)) steps.push(['completed', received + rng.int(3, 96 * 60) * 60_000]);
		return life(code, ward, steps, channel);
	});
}

/** Hand-built lives at the edges: Vietnam midnight (17:00 UTC), hour edges, refusals, orphans. */
function edgeLives(): Life[] {
	const midnight = vnInstant('2026-05-19'); // 2026-05-18T17:00:00Z
	return [
		life('E-1', '16681', [
			['received', midnight - 1],
			['completed', midnight]
		]),
		life('E-2', '16681', [
			['received', midnight],
			['withdrawn', midnight + HOUR_MS - 1]
		]),
		life('E-3', '16690', [
			['received', vnInstant('2026-05-20', '00:00')],
			['completed', vnInstant('2026-05-20', '08:00')]
		]),
		// Refused at intake: received nowhere, resolved nowhere.
		life('E-4', '16681', [
			['submitted', vnInstant('2026-05-18', '09:10')],
			['not_accepted', vnInstant('2026-05-18', '10:00')]
		]),
		// Completed, but its receipt never arrived: counts nowhere until it does.
		life('E-5', '16681', [['completed', vnInstant('2026-05-18', '11:00')]]),
		// Received before the window, finished inside it (resolved only).
		life('E-6', '15229', [
			['received', vnInstant('2026-03-30', '16:00')],
			['completed', vnInstant('2026-05-01', '07:30')]
		])
	];
}

/** The test's own bucket label of an instant: UTC shifted by seven hours, read off an ISO string. */
const labelOf = (at: Instant, bucket: SeriesBucket) =>
	new Date(at + 7 * HOUR_MS).toISOString().slice(0, bucket === 'hour' ? 13 : 10);

function expectedCounts(lives: Life[], scope: string, period: Period, bucket: SeriesBucket) {
	const parsed = scopeSchema.parse(scope);
	const within = (l: Life) =>
		parsed.kind === 'national' ||
		(parsed.kind === 'ward'
			? l.ward === parsed.code
			: WARDS.some((w) => w.ward === l.ward && w.province === parsed.code));
	const counts = new Map<string, { received: number; resolved: number }>();
	const add = (at: Instant | null, kind: 'received' | 'resolved') => {
		if (at === null || labelOf(at, 'day') < period.from || labelOf(at, 'day') > period.to) return;
		const label = labelOf(at, bucket);
		const found = counts.get(label) ?? { received: 0, resolved: 0 };
		found[kind]++;
		counts.set(label, found);
	};
	for (const l of lives.filter(within)) {
		add(l.receivedAt, 'received');
		add(l.resolvedAt, 'resolved');
	}
	return counts;
}

const PERIODS: [string, Period, SeriesBucket][] = [
	['today by hour', { from: '2026-05-20', to: '2026-05-20' }, 'hour'],
	['a day by hour', { from: '2026-05-19', to: '2026-05-19' }, 'hour'],
	['three days by hour, across two midnights', { from: '2026-05-17', to: '2026-05-19' }, 'hour'],
	['the last 30 days by day', { from: '2026-04-21', to: '2026-05-20' }, 'day'],
	['April into May by day', { from: '2026-04-25', to: '2026-05-05' }, 'day']
];
const SCOPES = ['ward:16681', 'ward:15229', 'province:40', 'national'];

const lives = [...randomLives(420), ...edgeLives()];

describe('GET /api/v1/series against real Postgres', () => {
	let database: TestDatabase;
	let app: App;
	let base: string;
	let db: Database;
	let fixed: Hono;
	const keys = { national: '', province: '', ward: '' };

	const get = (pathname: string, key: string | null, via: 'fixed' | 'app' = 'fixed') => {
		const headers = key ? { authorization: `Bearer ${key}` } : undefined;
		return via === 'fixed'
			? fixed.request(pathname, { headers })
			: fetch(`${base}${pathname}`, { headers });
	};

	beforeAll(async () => {
		database = await createTestDatabase();
		app = await createApp(testConfig({ DATABASE_URL: database.url }), { pages: false });
		base = `http://127.0.0.1:${(await app.listen(0, '127.0.0.1')).port}`;
		db = app.backend.database.db;
		const reference = app.backend.reference;
		keys.national = (await createApiKey(db, { name: 'n', scope: 'national' }, 'test')).key;
		keys.province = (await createApiKey(db, { name: 'p', scope: 'province:40' }, 'test')).key;
		keys.ward = (await createApiKey(db, { name: 'w', scope: 'ward:16681' }, 'test')).key;
		// The snapshot from SQL with the same fixed clock: the reference the series must add up to.
		fixed = readRoutes({
			database: app.backend.database,
			access: app.backend.access,
			reference,
			snapshots: new SnapshotReader(db, reference),
			now: () => NOW
		});
		const events = lives.flatMap((l) => l.events);
		for (let i = 0; i < events.length; i += 500) {
			await storeEvents(db, 'test', events.slice(i, i + 500), reference);
		}
	});

	afterAll(async () => {
		await app?.close();
		await database?.drop();
	});

	it('seeds lives that reach every rule of the counts', () => {
		expect(lives.some((l) => l.events.some((e) => e.type === 'withdrawn'))).toBe(true);
		expect(lives.some((l) => l.events.some((e) => e.type === 'not_accepted'))).toBe(true);
		expect(lives.some((l) => l.receivedAt !== null && l.resolvedAt === null)).toBe(true);
		expect(lives.some((l) => l.receivedAt === null && l.resolvedAt === null)).toBe(true);
	});

	for (const scope of SCOPES) {
		for (const [name, period, bucket] of PERIODS) {
			it(`${scope}, ${name}: each bucket as counted from the events, adding up to the snapshot`, async () => {
				const query = `scope=${scope}&from=${period.from}&to=${period.to}`;
				const response = await get(`/api/v1/series?${query}&bucket=${bucket}`, keys.national);
				expect(response.status).toBe(200);
				const series = seriesJsonSchema.parse(await response.json());
				expect(series).toMatchObject({ scope, period, bucket, asOf: new Date(NOW).toISOString() });

				const days = (Date.parse(period.to) - Date.parse(period.from)) / 86_400_000 + 1;
				expect(series.points).toHaveLength(bucket === 'hour' ? days * 24 : days);
				expect(series.points.map((p) => p.label)).toEqual(
					series.points.map((p) => labelOf(Date.parse(p.start), bucket))
				);
				const expected = expectedCounts(lives, scope, period, bucket);
				const got = new Map(
					series.points
						.filter((p) => p.received + p.resolved > 0)
						.map((p) => [p.label, { received: p.received, resolved: p.resolved }])
				);
				expect(got).toEqual(expected);
				// Zero buckets are present, not left out: every bucket the events do not reach is a zero point.
				const zeros = series.points.filter((p) => p.received === 0 && p.resolved === 0);
				expect(zeros.length).toBe(series.points.length - expected.size);
				if (bucket === 'hour') expect(zeros.length).toBeGreaterThan(0);
				expect(series.points.every((p) => p.future === Date.parse(p.start) > NOW)).toBe(true);

				const snapshot = snapshotJsonSchema.parse(
					await (await get(`/api/v1/snapshot?${query}`, keys.national)).json()
				);
				const sum = (k: 'received' | 'resolved') =>
					series.points.reduce((total, p) => total + p[k], 0);
				expect({ received: sum('received'), resolved: sum('resolved') }).toEqual({
					received: snapshot.received.total,
					resolved: snapshot.resolved.total
				});
				if (scope !== 'ward:15229' && days > 1) expect(sum('received')).toBeGreaterThan(0);
			});
		}
	}

	it('puts 17:00 UTC in the next Vietnam day and keeps the hour edges exact', async () => {
		const hours = seriesJsonSchema.parse(
			await (
				await get(
					'/api/v1/series?scope=ward:16681&from=2026-05-18&to=2026-05-19&bucket=hour',
					keys.ward
				)
			).json()
		);
		const at = (label: string) => hours.points.find((p) => p.label === label);
		// E-1 received 23:59:59.999 on the 18th, completed at 00:00 on the 19th; E-2 received at 00:00 on the 19th.
		expect(at('2026-05-18T23')?.received).toBeGreaterThanOrEqual(1);
		expect(at('2026-05-19T00')).toMatchObject({ start: '2026-05-18T17:00:00.000Z' });
		expect(at('2026-05-19T00')?.received).toBeGreaterThanOrEqual(1);
		expect(at('2026-05-19T00')?.resolved).toBeGreaterThanOrEqual(2);
	});

	it('defaults to today by hour, future hours marked, and matches the real app’s live snapshot', async () => {
		const response = await get('/api/v1/series?scope=ward:16681', keys.ward, 'app');
		expect(response.status).toBe(200);
		const series = seriesJsonSchema.parse(await response.json());
		expect(series.bucket).toBe('hour');
		expect(series.period.from).toBe(series.period.to);
		expect(series.points).toHaveLength(24);
		const snapshot = snapshotJsonSchema.parse(
			await (await get('/api/v1/snapshot?scope=ward:16681', keys.ward, 'app')).json()
		);
		expect(series.period).toEqual(snapshot.period);
		const received = series.points.reduce((total, p) => total + p.received, 0);
		expect(received).toBe(snapshot.received.total);
		const pastDays = await get(
			'/api/v1/series?scope=ward:16681&from=2026-05-01&to=2026-05-20',
			keys.ward,
			'app'
		);
		expect(seriesJsonSchema.parse(await pastDays.json()).bucket).toBe('day');
	});

	it('answers 400 naming the bad parameter, as the snapshot does', async () => {
		const cases: [string, string][] = [
			['scope=national&from=2026-04-21&to=2026-05-20&bucket=hour', 'bucket'],
			['scope=national&from=2026-05-13&to=2026-05-20&bucket=hour', 'bucket'],
			['scope=national&bucket=week', 'bucket'],
			['scope=national&from=2026-05-21&to=2026-05-20', 'from'],
			['scope=national&from=2025-01-01&to=2026-05-20', 'from'],
			['scope=national&to=2026-02-30', 'to'],
			['', 'scope'],
			['scope=ward:99999', 'scope']
		];
		for (const [query, parameter] of cases) {
			const response = await get(`/api/v1/series?${query}`, keys.national);
			const body = await response.json();
			expect([query, response.status, body.error?.details?.parameter]).toEqual([
				query,
				400,
				parameter
			]);
			expect(body.error.code).toBe('invalid_query');
			expect(body.error.message.startsWith(`${parameter}: `)).toBe(true);
		}
		const month = { from: '2026-04-21', to: '2026-05-20' };
		await expect(
			sqlIntakeSeries(db, { scope: { kind: 'national' }, period: month, bucket: 'hour', now: NOW })
		).rejects.toThrow(RangeError);
		const week = await get(
			'/api/v1/series?scope=national&from=2026-05-14&to=2026-05-20&bucket=hour',
			keys.national
		);
		expect(week.status).toBe(200);
	});

	it('refuses a scope outside the key with the snapshot’s own status, and 401 without a key', async () => {
		const cases: [keyof typeof keys, string, number][] = [
			['ward', 'province:40', 403],
			['ward', 'ward:16690', 403],
			['ward', 'national', 403],
			['province', 'ward:15229', 403],
			['province', 'province:38', 403],
			['province', 'national', 403],
			['province', 'ward:16690', 200],
			['ward', 'ward:16681', 200]
		];
		for (const [who, scope, status] of cases) {
			const series = await get(`/api/v1/series?scope=${scope}`, keys[who], 'app');
			const snapshot = await get(`/api/v1/snapshot?scope=${scope}`, keys[who], 'app');
			expect([who, scope, series.status, snapshot.status]).toEqual([who, scope, status, status]);
			if (status === 403) expect((await series.json()).error.code).toBe('forbidden');
		}
		expect((await get('/api/v1/series?scope=national', null, 'app')).status).toBe(401);
		expect((await get('/api/v1/series?scope=national', 'mcl_not-a-key', 'app')).status).toBe(401);
	});

	it('is described in the OpenAPI document', async () => {
		const doc = (await (await fetch(`${base}/api/v1/openapi.json`)).json()) as {
			paths: Record<string, { get?: { operationId?: string } }>;
			components: { schemas: Record<string, unknown> };
		};
		expect(doc.paths['/api/v1/series']?.get?.operationId).toBe('getSeries');
		expect(doc.components.schemas.Series).toBeDefined();
	});

	it('gives the same series on the embedded engine (PGlite)', async () => {
		const dataDir = mkdtempSync(path.join(tmpdir(), 'mcl-series-'));
		const embedded = await createApp(testConfig({ DATA_DIR: dataDir }), { pages: false });
		try {
			const edb = embedded.backend.database.db;
			const events = lives.flatMap((l) => l.events);
			for (let i = 0; i < events.length; i += 500) {
				await storeEvents(edb, 'test', events.slice(i, i + 500), embedded.backend.reference);
			}
			for (const scope of ['ward:16681', 'national']) {
				for (const [, period, bucket] of [PERIODS[2]!, PERIODS[3]!]) {
					const options = { scope: scopeSchema.parse(scope), period, bucket, now: NOW };
					expect(await sqlIntakeSeries(edb, options)).toEqual(await sqlIntakeSeries(db, options));
				}
			}
		} finally {
			await embedded.close();
			rmSync(dataDir, { recursive: true, force: true });
		}
	});
});
