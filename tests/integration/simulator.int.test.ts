import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { sql } from 'drizzle-orm';
import { createApiKey } from '../../server/access/api-keys';
import { createApp, type App } from '../../server/app';
import { testConfig } from '../../server/config';
import { DemoFeed, demoScenarios, loadDemoCheckpoint } from '../../server/feed/demo';
import { PacedFeed } from '../../server/feed/paced-feed';
import {
	planEvents,
	simulatedWards,
	simulationPlanSchema,
	wardsToSimulate
} from '../../server/feed/simulation-plan';
import { StorageSink } from '../../server/feed/sinks';
import { readRoutes } from '../../server/http/reads';
import { SnapshotReader } from '../../server/read/snapshot-reader';
import { queryRows } from '../../server/read/sql-rows';
import { SCENARIOS, type ScenarioName } from '../../server/simulator/scenarios';
import { snapshotJsonSchema, type SnapshotJson } from '../../src/lib/contracts/snapshot';
import { vnInstant, type Instant } from '../../src/lib/domain/calendar/vn-time';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { runCli } from '../support/process';

/**
 * The simulator through the real parts: its streams go into Postgres through the ingest fast path (the feed
 * and sink the demo and the CLI use), and the snapshot API, read at a fixed instant, must show each scenario's
 * bottleneck at its ward and stage and none at the control ward (Phường Thành Vinh, simulated alongside).
 * The day is Monday 23 February 2026, the first working day after Tết; the problems start at its midnight.
 */
const FROM = vnInstant('2026-02-23');
const NOW = vnInstant('2026-02-23', '11:00');
const CONTROL = '16681';

describe('simulator and demo', () => {
	let database: TestDatabase;
	let app: App;
	let reads: Hono;
	let key: string;
	const target = {} as Record<ScenarioName, string>;

	const snapshot = async (ward: string): Promise<SnapshotJson> => {
		const response = await reads.request(
			`/api/v1/snapshot?scope=ward:${ward}&from=2026-02-23&to=2026-02-23`,
			{ headers: { authorization: `Bearer ${key}` } }
		);
		expect(response.status).toBe(200);
		return snapshotJsonSchema.parse(await response.json());
	};
	const flagged = (s: SnapshotJson) => s.stages.filter((x) => x.bottleneck).map((x) => x.stage);

	/** Feeds a plan up to NOW through the same feed and sink as the demo. */
	async function feed(plan: unknown) {
		const { reference, ingest } = app.backend;
		const db = app.backend.database.db;
		const sink = new StorageSink(ingest, 'simulator-test');
		await new PacedFeed(await planEvents(db, reference, simulationPlanSchema.parse(plan)), sink, {
			clock: () => NOW
		}).backfill();
		return sink.totals;
	}

	beforeAll(async () => {
		database = await createTestDatabase();
		app = await createApp(testConfig({ DATABASE_URL: database.url }), { pages: false });
		const { reference } = app.backend;
		const db = app.backend.database.db;
		key = (await createApiKey(db, { name: 'sim', scope: 'province:40' }, 'test')).key;
		reads = readRoutes({
			database: app.backend.database,
			access: app.backend.access,
			reference,
			snapshots: new SnapshotReader(db, reference),
			now: () => NOW
		});
		// The busiest wards of Nghệ An, as the demo picks them: a small ward's pile is too thin to stay flagged.
		const nghean = await simulatedWards(db, await wardsToSimulate(db, { province: '40' }));
		const busiest = demoScenarios(nghean, NOW).map((s) => s.ward);
		const others = nghean
			.filter((w) => w.code !== CONTROL && !busiest.includes(w.code))
			.sort((a, b) => b.receivedPerMonth - a.receivedPerMonth);
		target['land-backlog'] = busiest[0];
		target['short-staffed'] = busiest[1];
		target['interlinked-stall'] = busiest[2];
		target['after-tet'] = others[0].code;
		const spec = (name: ScenarioName) => ({ name, ward: target[name], from: FROM });
		// Land needs weeks of history (a 20-working-day procedure, a backlog that builds for 22 working days).
		const land = await feed({
			seed: 'scenarios',
			wards: [CONTROL, target['land-backlog']],
			from: vnInstant('2025-12-01'),
			scenarios: [spec('land-backlog')]
		});
		const rest = await feed({
			seed: 'scenarios',
			wards: [target['short-staffed'], target['interlinked-stall'], target['after-tet']],
			from: vnInstant('2026-01-10'),
			scenarios: [spec('short-staffed'), spec('interlinked-stall'), spec('after-tet')]
		});
		expect(land.imported).toBeGreaterThan(10_000);
		expect(rest.imported).toBeGreaterThan(10_000);
	}, 240_000);

	afterAll(async () => {
		await app?.close();
		await database?.drop();
	});

	it('leaves the control ward without a bottleneck, with a normal morning’s intake', async () => {
		const control = await snapshot(CONTROL);
		expect(flagged(control)).toEqual([]);
		expect(control.received.total).toBeGreaterThan(20);
		expect(control.inProgress.overdue).toBeLessThanOrEqual(2);
	});

	for (const name of Object.keys(SCENARIOS) as ScenarioName[]) {
		it(`${name}: the snapshot API flags the ${SCENARIOS[name].stage} stage at its ward`, async () => {
			const ward = (await snapshot(target[name])).stages.find(
				(s) => s.stage === SCENARIOS[name].stage
			);
			expect(ward?.bottleneck, `${name} at ${target[name]}`).toBe(true);
			expect(ward?.bottleneckReason).toBeTruthy();
		});
	}

	it('stored each simulated event once, from a deterministic stream (feeding again adds nothing)', async () => {
		const again = await feed({
			seed: 'scenarios',
			wards: [target['short-staffed'], target['interlinked-stall'], target['after-tet']],
			from: vnInstant('2026-01-10'),
			scenarios: (['short-staffed', 'interlinked-stall', 'after-tet'] as const).map((name) => ({
				name,
				ward: target[name],
				from: FROM
			}))
		});
		expect(again.imported).toBe(0);
		expect(again.duplicates).toBeGreaterThan(10_000);
	});

	it('the demo goes live at once, loads its history behind, and resumes from its checkpoint', async () => {
		const { reference, ingest, log } = app.backend;
		const db = app.backend.database.db;
		const ward = ['16690'];
		const countDemo = async () =>
			Number(
				(
					await queryRows<{ n: string }>(
						db,
						sql`select count(*) as n from dossier_events where source = 'demo' and ward_code = '16690'`
					)
				)[0].n
			);
		const before = await countDemo();
		let now: Instant = vnInstant('2026-03-02', '09:00');
		const demo = () =>
			new DemoFeed(
				{ db, ingest, reference, log },
				{ province: '40', days: 2, seed: 'demo-test', clock: () => now, wards: ward }
			);
		const first = demo();
		first.start();
		await Promise.all([first.historyLoaded, first.liveCaughtUp]);
		await first.stop();
		const saved = await loadDemoCheckpoint(db);
		expect(saved?.liveFrom).toBe(now);
		expect(saved?.historyUntil).toBe(now);
		expect(saved?.plan.from).toBe(vnInstant('2026-02-28'));
		const afterFirst = await countDemo();
		expect(afterFirst).toBeGreaterThan(before);

		// An hour later: only the gap is sent, nothing twice; the total equals the stream up to then.
		now += 3_600_000;
		const second = demo();
		second.start();
		await Promise.all([second.historyLoaded, second.liveCaughtUp]);
		await second.stop();
		expect((await loadDemoCheckpoint(db))?.liveUntil).toBe(now);
		const plan = (await loadDemoCheckpoint(db))!.plan;
		let expected = 0;
		const events = await planEvents(db, reference, plan);
		for (let e = events.next(); !e.done && e.value.at <= now; e = events.next()) expected++;
		expect((await countDemo()) - before).toBe(expected);
		expect(expected).toBeGreaterThan(afterFirst - before);

		// Stopped while still starting (a server shut down at once): it ends instead of running on.
		const early = demo();
		early.start();
		await early.stop();
		expect((await countDemo()) - before).toBe(expected);
	}, 120_000);

	it('`npm run cli -- simulate` backfills a ward into the database and prints its summary', async () => {
		const run = await runCli({ DATABASE_URL: database.url, LOG_LEVEL: 'warn' }, [
			'simulate',
			'--ward',
			'16702',
			// Two weeks: always several working days, even across a weekend or a holiday week.
			'--days',
			'14',
			'--seed',
			'cli-test',
			'--no-live'
		]);
		expect(run.code, run.output).toBe(0);
		const summary = JSON.parse(run.last) as {
			wards: number;
			history: { events: number };
			stored: { imported: number; duplicates: number };
		};
		expect(summary.wards).toBe(1);
		expect(summary.history.events).toBeGreaterThan(50);
		expect(summary.stored.imported).toBe(summary.history.events);
		const [row] = await queryRows<{ n: string }>(
			app.backend.database.db,
			sql`select count(*) as n from dossier_events where source = 'simulator' and ward_code = '16702'`
		);
		expect(Number(row.n)).toBe(summary.history.events);
	}, 120_000);
});
