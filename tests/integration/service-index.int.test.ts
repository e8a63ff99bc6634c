import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { sql } from 'drizzle-orm';
import { createApiKey } from '../../server/access/api-keys';
import { createApp, type App } from '../../server/app';
import { testConfig } from '../../server/config';
import { PacedFeed } from '../../server/feed/paced-feed';
import { planEvents, simulationPlanSchema } from '../../server/feed/simulation-plan';
import { StorageSink } from '../../server/feed/sinks';
import { storeEvents } from '../../server/ingest/store-events';
import { readRoutes } from '../../server/http/reads';
import { SnapshotReader } from '../../server/read/snapshot-reader';
import { sqlServiceIndexCounts } from '../../server/read/service-index.sql';
import { queryRows } from '../../server/read/sql-rows';
import { scopeSchema } from '../../src/lib/contracts/scope';
import { serviceIndexJsonSchema } from '../../src/lib/contracts/service-index';
import { HOUR_MS, vnInstant, type CalendarDate } from '../../src/lib/domain/calendar/vn-time';
import type { DossierEvent, DossierState, EventType } from '../../src/lib/domain/dossier';
import type { Period } from '../../src/lib/domain/period';
import { countServiceIndex, estimateFromCounts } from '../../src/lib/domain/service-index';
import { createTestDatabase, type TestDatabase } from '../support/database';

/**
 * The Decision 766 estimate read by SQL equals the domain's count over every state, for the nation, a province
 * and a ward, for a past period and for the current one; and the REST API answers the same numbers, refuses a
 * scope outside the caller's and names a bad parameter. Dossiers come from the seeded simulator (ratings,
 * payments, digitisation flags, supplements), fed into Postgres through the ingest path the demo uses.
 */
const NOW = vnInstant('2026-05-20', '10:30');
const WARDS = ['16681', '16690', '15229']; // two in Nghệ An (40), one in Thanh Hóa (38)

/** A dossier asked twice for a supplement, finished two days after its receipt, and one still open. */
function twiceSupplemented(day: CalendarDate): DossierEvent[] {
	const events: DossierEvent[] = [];
	for (const [n, finish] of [
		[1, true],
		[2, false]
	] as const) {
		const dossier = `H40.16690-TWICE-${day}-${n}`;
		let at = vnInstant(day, '08:00');
		const add = (type: EventType, extra: Partial<DossierEvent> = {}) => {
			events.push({
				id: `${dossier}:${events.length}`,
				type,
				dossier,
				ward: '16690',
				at,
				...extra
			});
			at += 3 * HOUR_MS;
		};
		add('received', { procedure: '1.001612', channel: 'online' });
		add('supplement_requested', { reason: 'thiếu giấy tờ' });
		add('supplement_received');
		add('supplement_requested', { reason: 'thiếu chữ ký' });
		add('supplement_received');
		if (finish) add('completed');
	}
	return events;
}

describe('service index estimate: SQL counts, REST', () => {
	let database: TestDatabase;
	let app: App;
	let reads: Hono;
	let rows: { province: string; state: DossierState }[];
	const keys = { national: '', ward: '' };

	beforeAll(async () => {
		database = await createTestDatabase();
		app = await createApp(testConfig({ DATABASE_URL: database.url }), { pages: false });
		const { reference, ingest } = app.backend;
		const db = app.backend.database.db;
		keys.national = (await createApiKey(db, { name: 'n', scope: 'national' }, 'test')).key;
		keys.ward = (await createApiKey(db, { name: 'w', scope: 'ward:16681' }, 'test')).key;
		reads = readRoutes({
			database: app.backend.database,
			access: app.backend.access,
			reference,
			snapshots: new SnapshotReader(db, reference),
			now: () => NOW
		});
		const plan = simulationPlanSchema.parse({
			seed: 'service-index',
			wards: WARDS,
			from: vnInstant('2026-03-20'),
			rateMultiplier: 0.3
		});
		const sink = new StorageSink(ingest, 'service-index-test');
		await new PacedFeed(await planEvents(db, reference, plan), sink, {
			clock: () => NOW
		}).backfill();
		// The simulator never asks twice for a supplement: a few dossiers that do (late by the index's rule).
		await storeEvents(
			db,
			'test',
			[...twiceSupplemented('2026-04-06'), ...twiceSupplemented('2026-05-18')],
			reference
		);
		rows = await queryRows<{ province: string; state: DossierState }>(
			db,
			sql`select province_code as province, state from dossiers order by code`
		);
	}, 240_000);

	afterAll(async () => {
		await app?.close();
		await database?.drop();
	});

	const statesOf = (scope: string) =>
		rows
			.filter(({ province, state }) =>
				scope === 'national'
					? true
					: scope.startsWith('province:')
						? province === scope.slice(9)
						: state.ward === scope.slice(5)
			)
			.map((row) => row.state);

	it('seeds dossiers that exercise every rule of the estimate', () => {
		const states = statesOf('national');
		expect(states.length).toBeGreaterThan(1_000);
		expect(states.some((s) => s.supplements.length === 1)).toBe(true);
		expect(states.some((s) => s.supplements.length > 1)).toBe(true);
		expect(states.some((s) => s.dueAtHistory.some((d) => d.cause === 'extension'))).toBe(true);
		expect(states.some((s) => s.rating?.satisfied === false)).toBe(true);
		expect(states.some((s) => s.fees.some((f) => f.paidOnline === true))).toBe(true);
		expect(states.some((s) => s.digitised === false)).toBe(true);
		expect(states.some((s) => s.withdrawnAt !== null)).toBe(true);
	});

	const periods: [string, Period][] = [
		['a past month', { from: '2026-04-01', to: '2026-04-30' }],
		['the current month', { from: '2026-05-01', to: '2026-05-20' }],
		['today', { from: '2026-05-20', to: '2026-05-20' }]
	];
	for (const scopeText of ['national', 'province:40', 'ward:16690']) {
		for (const [label, period] of periods) {
			it(`SQL counts equal the domain's for ${scopeText}, ${label}`, async () => {
				const { reference } = app.backend;
				const expected = countServiceIndex(statesOf(scopeText), {
					period,
					now: NOW,
					calendar: reference.calendar
				});
				const actual = await sqlServiceIndexCounts(app.backend.database.db, reference, {
					scope: scopeSchema.parse(scopeText),
					period,
					now: NOW
				});
				expect(actual).toEqual(expected);
				expect(actual.received).toBeGreaterThan(0);
				if (label !== 'today') {
					expect(actual.measured.onTime).toBeGreaterThan(0);
					expect(actual.measured.late).toBeGreaterThan(0);
				}
			});
		}
	}

	const get = (path: string, key: string | null) =>
		reads.request(path, { headers: key ? { authorization: `Bearer ${key}` } : undefined });

	it('answers the estimate over REST with the domain numbers, labelled an estimate', async () => {
		const period: Period = { from: '2026-04-01', to: '2026-04-30' };
		const response = await get(
			`/api/v1/service-index?scope=province:40&from=${period.from}&to=${period.to}`,
			keys.national
		);
		expect(response.status).toBe(200);
		const body = serviceIndexJsonSchema.parse(await response.json());
		const counts = countServiceIndex(statesOf('province:40'), {
			period,
			now: NOW,
			calendar: app.backend.reference.calendar
		});
		const estimate = estimateFromCounts(counts);
		expect(body.estimate).toBe(true);
		expect(body.scope).toBe('province:40');
		expect(body.period).toEqual(period);
		expect(body.asOf).toBe(new Date(NOW).toISOString());
		expect(body.counts).toEqual(counts);
		expect(body.points).toBeCloseTo(estimate.points, 9);
		expect(body.maxPoints).toBe(estimate.maxPoints);
		expect(body.groups.publicity).toEqual({ rate: null, points: null, maxPoints: 18 });
		for (const name of ['progress', 'onlineService', 'onlinePayment', 'satisfaction'] as const) {
			expect(body.groups[name].rate).toBeCloseTo(estimate.groups[name].rate as number, 9);
			expect(body.groups[name].points).toBeCloseTo(estimate.groups[name].points as number, 9);
		}
	});

	it('defaults the period to today, like the snapshot', async () => {
		const response = await get('/api/v1/service-index?scope=ward:16681', keys.ward);
		expect(response.status).toBe(200);
		const body = serviceIndexJsonSchema.parse(await response.json());
		expect(body.period).toEqual({ from: '2026-05-20', to: '2026-05-20' });
		expect(body.counts).toEqual(
			countServiceIndex(statesOf('ward:16681'), {
				period: body.period,
				now: NOW,
				calendar: app.backend.reference.calendar
			})
		);
	});

	it('refuses a scope the caller may not read (403), and an anonymous caller (401)', async () => {
		const forbidden = await get('/api/v1/service-index?scope=province:40', keys.ward);
		expect(forbidden.status).toBe(403);
		const body = (await forbidden.json()) as { error: { code: string; message: string } };
		expect(body.error.code).toBe('forbidden');
		expect(body.error.message).toContain('ward:16681');
		expect((await get('/api/v1/service-index?scope=national', null)).status).toBe(401);
	});

	it('answers 400 naming the bad parameter', async () => {
		const cases: [string, string][] = [
			['scope=province:xx', 'scope'],
			['scope=national&from=2026-05-10&to=2026-05-01', 'from'],
			['scope=national&from=2026-13-01&to=2026-13-02', 'from'],
			['scope=ward:99999', 'scope']
		];
		for (const [query, parameter] of cases) {
			const response = await get(`/api/v1/service-index?${query}`, keys.national);
			expect(response.status, query).toBe(400);
			const body = (await response.json()) as {
				error: { code: string; message: string; details: { parameter: string } };
			};
			expect(body.error.code).toBe('invalid_query');
			expect(body.error.details.parameter, query).toBe(parameter);
			expect(body.error.message.startsWith(`${parameter}:`)).toBe(true);
		}
	});

	it('is served by the real app and described in the OpenAPI document', async () => {
		const base = `http://127.0.0.1:${(await app.listen(0, '127.0.0.1')).port}`;
		const doc = (await (await fetch(`${base}/api/v1/openapi.json`)).json()) as {
			paths: Record<string, { get?: { operationId?: string } }>;
			components: { schemas: Record<string, unknown> };
		};
		expect(doc.paths['/api/v1/service-index']?.get?.operationId).toBe('getServiceIndex');
		expect(doc.components.schemas.ServiceIndex).toBeDefined();
		const response = await fetch(`${base}/api/v1/service-index?scope=ward:16681`, {
			headers: { authorization: `Bearer ${keys.national}` }
		});
		expect(response.status).toBe(200);
		expect(serviceIndexJsonSchema.parse(await response.json()).estimate).toBe(true);
	});

	it('counts the same on the embedded engine (PGlite)', async () => {
		const dataDir = mkdtempSync(path.join(tmpdir(), 'mcl-service-index-'));
		const embedded = await createApp(testConfig({ DATA_DIR: dataDir }), { pages: false });
		try {
			const edb = embedded.backend.database.db;
			const { reference, ingest } = embedded.backend;
			const plan = simulationPlanSchema.parse({
				seed: 'service-index',
				wards: ['16690'],
				from: vnInstant('2026-03-20'),
				rateMultiplier: 0.3
			});
			const sink = new StorageSink(ingest, 'service-index-test');
			await new PacedFeed(await planEvents(edb, reference, plan), sink, {
				clock: () => NOW
			}).backfill();
			const events = [...twiceSupplemented('2026-04-06'), ...twiceSupplemented('2026-05-18')];
			await storeEvents(edb, 'test', events, reference);
			const kept = await queryRows<{ state: DossierState }>(edb, sql`select state from dossiers`);
			expect(kept.length).toBeGreaterThan(100);
			for (const [, period] of periods) {
				const options = { scope: scopeSchema.parse('ward:16690'), period, now: NOW };
				const expected = countServiceIndex(
					kept.map((row) => row.state),
					{ period, now: NOW, calendar: reference.calendar }
				);
				expect(await sqlServiceIndexCounts(edb, reference, options)).toEqual(expected);
			}
		} finally {
			await embedded.close();
			rmSync(dataDir, { recursive: true, force: true });
		}
	});
});
