import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { createApiKey } from '../../server/access/api-keys';
import { createApp, type App } from '../../server/app';
import { testConfig } from '../../server/config';
import type { RedisAggregateStore } from '../../server/aggregator/redis.store';
import { sqlSnapshot } from '../../server/read/snapshot.sql';
import { APPLY_LOCK_KEY } from '../../server/jobs/aggregator';
import { nativeEventSchema, type NativeEventInput } from '../../src/lib/contracts/ingest';
import { storeEvents } from '../../server/ingest/store-events';
import { computeSnapshot } from '../../src/lib/domain/oracle';
import { vnDateOf, addDays } from '../../src/lib/domain/calendar/vn-time';
import type { DossierState } from '../../src/lib/domain/dossier';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { TEST_REDIS_URL } from '../support/env';
import { runTs } from '../support/process';
import { waitUntil } from '../support/wait';
import { deleteRedisKeys } from '../support/redis';

const WARDS = ['16681', '16690', '16702', '15229'];
const HOUR = 3_600_000;

/** Dossier lives ending before `now`: received 0–9 days ago, some finished, some at approval, some waiting. */
function recentLives(prefix: string, count: number, now: number): NativeEventInput[] {
	const events: NativeEventInput[] = [];
	for (let i = 0; i < count; i++) {
		const code = `${prefix}-${i}`;
		const ward = WARDS[i % WARDS.length];
		const received = now - ((i * 7) % 216) * HOUR - 3 * HOUR;
		const iso = (at: number) => new Date(at).toISOString();
		const base = { dossier: code, ward };
		events.push({
			...base,
			id: `${code}:r`,
			type: 'received',
			at: iso(received),
			procedure: i % 3 ? '1.001612' : '2.000815',
			channel: i % 2 ? 'online' : 'direct'
		});
		events.push({
			...base,
			id: `${code}:s`,
			type: 'stage_changed',
			at: iso(received + HOUR),
			stage: 'processing'
		});
		if (i % 4 === 0)
			events.push({ ...base, id: `${code}:c`, type: 'completed', at: iso(received + 2 * HOUR) });
		else if (i % 4 === 1)
			events.push({
				...base,
				id: `${code}:a`,
				type: 'stage_changed',
				at: iso(received + 2 * HOUR),
				stage: 'approval'
			});
		else if (i % 4 === 2)
			events.push({
				...base,
				id: `${code}:q`,
				type: 'supplement_requested',
				at: iso(received + 2 * HOUR)
			});
	}
	return events;
}

describe('the live aggregator against real Postgres and Redis', () => {
	let database: TestDatabase;
	const prefix = `mcltest${randomBytes(3).toString('hex')}`;
	const apps: App[] = [];
	let sql: postgres.Sql;
	let key = '';

	const start = async () => {
		const app = await createApp(
			testConfig({
				DATABASE_URL: database.url,
				REDIS_URL: TEST_REDIS_URL,
				REDIS_KEY_PREFIX: prefix
			}),
			{ pages: false }
		);
		await app.listen(0, '127.0.0.1');
		apps.push(app);
		await waitUntil(
			() => app.backend.aggregator.ready,
			(ready) => ready,
			20_000
		);
		return app;
	};
	const baseOf = (app: App) =>
		`http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
	const send = (app: App, events: NativeEventInput[]) =>
		fetch(`${baseOf(app)}/api/v1/events`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
			body: JSON.stringify({ events })
		}).then((r) => r.json());
	const outboxDrained = () =>
		expect
			.poll(async () => (await sql`select count(*)::int as n from dossier_changes`)[0].n, {
				timeout: 10_000
			})
			.toBe(0);

	/** Store, SQL and oracle figures for national, Nghệ An and one ward, today / last 7 days / this month. */
	async function expectStoreEqualsSqlAndOracle(app: App) {
		const now = Date.now();
		const today = vnDateOf(now);
		const states = (await sql`select state from dossiers`).map((row) => row.state as DossierState);
		const { reference, aggregator, database: handle } = app.backend;
		const wardsOf = (province: string) => WARDS.filter((w) => reference.provinceOf(w) === province);
		const scopes = [
			{ scope: { kind: 'national' as const }, children: ['38', '40'], oracleWards: null },
			{
				scope: { kind: 'province' as const, code: '40' },
				children: wardsOf('40'),
				oracleWards: wardsOf('40')
			},
			{ scope: { kind: 'ward' as const, code: '16681' }, children: [], oracleWards: ['16681'] }
		];
		for (const period of [
			{ from: today, to: today },
			{ from: addDays(today, -6), to: today },
			{ from: `${today.slice(0, 8)}01`, to: today }
		]) {
			for (const { scope, children, oracleWards } of scopes) {
				const args = { scope, period, now, children };
				const live = await aggregator.liveSnapshot(args);
				const truth = await sqlSnapshot(handle.db, reference, args);
				expect(live).not.toBeNull();
				expect(live).toEqual(truth);
				const id = scope.kind === 'national' ? 'national' : `${scope.kind}:${scope.code}`;
				const oracle = computeSnapshot(states, {
					scope: { id, wards: oracleWards },
					period,
					now,
					calendar: reference.calendar
				});
				const { children: _c, ...withoutChildren } = live!;
				expect(withoutChildren).toEqual(oracle);
			}
		}
	}

	beforeAll(async () => {
		database = await createTestDatabase();
		sql = postgres(database.url, { max: 2, onnotice: () => {} });
		const first = await start();
		key = (
			await createApiKey(
				first.backend.database.db,
				{ name: 'aggregator test', scope: 'national' },
				'test'
			)
		).key;
	});

	afterAll(async () => {
		for (const app of apps) await app.close();
		await deleteRedisKeys(prefix);
		await sql?.end();
		await database?.drop();
	});

	it('two processes ingesting concurrently into one Redis give exactly the SQL and oracle figures', async () => {
		const second = await start();
		const now = Date.now();
		const a = recentLives('AGG-A', 120, now);
		const b = recentLives('AGG-B', 120, now);
		await Promise.all([
			...[0, 1, 2].map((k) => send(apps[0], a.slice(k * 100, (k + 1) * 100))),
			...[0, 1, 2].map((k) => send(second, b.slice(k * 100, (k + 1) * 100)))
		]);
		await send(apps[0], a.slice(300));
		await send(second, b.slice(300));
		await outboxDrained();
		await expectStoreEqualsSqlAndOracle(apps[0]);
		await expectStoreEqualsSqlAndOracle(second);
	});

	it('rebuilds automatically when Redis loses its aggregates, and agrees with SQL afterwards', async () => {
		const app = apps[0];
		const store = app.backend.aggregator.store as RedisAggregateStore;
		// Whichever process notices first rebuilds; count the rebuilds of both.
		const rebuilds = async () => {
			let total = 0;
			for (const one of apps)
				total += (await one.backend.metrics.aggregateRebuilds.get()).values[0]?.value ?? 0;
			return total;
		};
		const rebuildsBefore = await rebuilds();
		await store.destroy();
		expect(await store.currentEpoch()).toBeNull();
		await expect.poll(() => store.currentEpoch(), { timeout: 10_000 }).not.toBeNull();
		await expect.poll(rebuilds, { timeout: 10_000 }).toBeGreaterThan(rebuildsBefore);
		await expectStoreEqualsSqlAndOracle(app);
	});

	it('serves live windows over HTTP from the store and agrees with the SQL answer for older periods', async () => {
		const base = baseOf(apps[0]);
		const get = async (query: string) => {
			const response = await fetch(`${base}/api/v1/snapshot?${query}`, {
				headers: { authorization: `Bearer ${key}` }
			});
			expect(response.status, query).toBe(200);
			return (await response.json()) as Record<string, unknown>;
		};
		const now = Date.now();
		const today = vnDateOf(now);
		const live = await get(`scope=province:40&from=${addDays(today, -6)}&to=${today}`);
		expect((live.received as { total: number }).total).toBeGreaterThan(0);
		expect((live.children as unknown[]).length).toBe(130);
		expect(live.asOf).toMatch(/Z$/);
		// A period that ended before today (inside the store's window) is measured at its end, by SQL.
		const { aggregator, reference, database: handle } = apps[0].backend;
		for (const period of [
			{ from: addDays(today, -1), to: addDays(today, -1) },
			{ from: addDays(today, -8), to: addDays(today, -2) }
		]) {
			const args = { scope: { kind: 'ward' as const, code: '16681' }, period, now, children: [] };
			expect(aggregator.coversPeriod(period, now)).toBe(false);
			const past = await get(`scope=ward:16681&from=${period.from}&to=${period.to}`);
			const truth = await sqlSnapshot(handle.db, reference, args);
			expect(past.received).toEqual(truth.received);
			expect(past.resolved).toEqual(truth.resolved);
			expect(past.inProgress).toEqual(truth.inProgress);
		}
	});

	it('reconciliation finds drift between the store and SQL, reports it and repairs it', async () => {
		const app = apps[0];
		const { aggregator, metrics } = app.backend;
		// Drift: a dossier vanishes from the store behind the outbox's back (a huge version makes it stick).
		const [{ code }] =
			await sql`select code from dossiers where received_at >= now() - interval '12 hours' limit 1`;
		await aggregator.store.apply([{ code, contribution: null, version: 1e12 }]);
		const drift = (await app.backend.reconcile()) as string[];
		expect(drift.length).toBeGreaterThan(0);
		expect((await metrics.aggregateDrift.get()).values[0].value).toBe(drift.length);
		const after = await app.backend.reconcile();
		expect(after).toEqual([]);
		await expectStoreEqualsSqlAndOracle(app);
	});

	/** How many rebuilds this app's aggregator has done. */
	const rebuilds = async (app: App) =>
		(await app.backend.metrics.aggregateRebuilds.get()).values[0]?.value ?? 0;

	it('reconciliation reads the store and SQL at one instant: a change still in the outbox is not drift', async () => {
		const app = apps[0];
		const { reference, database: handle } = app.backend;
		await outboxDrained();
		const rebuildsBefore = await rebuilds(app);
		const events = recentLives('AGG-RECON', 4, Date.now()).map((e) => nativeEventSchema.parse(e));
		await storeEvents(handle.db, 'test', events, reference);
		// Committed in Postgres, not applied yet: its outbox rows are locked, so no process's batch claims them.
		const drift = await sql.begin(async (tx) => {
			await tx`select id from dossier_changes where dossier_code like 'AGG-RECON-%' for update`;
			return app.backend.reconcile();
		});
		expect(drift).toEqual([]);
		expect(await rebuilds(app)).toBe(rebuildsBefore);
		await outboxDrained();
		await expectStoreEqualsSqlAndOracle(app);
	});

	it('reconciliation takes an event a source’s fast clock dated ahead of now as it is, not as drift', async () => {
		const app = apps[0];
		await outboxDrained();
		const rebuildsBefore = await rebuilds(app);
		// The second life waits at approval; its source's fast clock moves it on a few seconds from now (seconds,
		// not minutes: later tests compare the store with SQL at the present instant).
		const lives = recentLives('AGG-AHEAD', 2, Date.now());
		const aheadAt = Date.now() + 8_000;
		const ahead: NativeEventInput = {
			id: 'AGG-AHEAD-1:ahead',
			type: 'stage_changed',
			dossier: 'AGG-AHEAD-1',
			ward: WARDS[1],
			at: new Date(aheadAt).toISOString(),
			stage: 'result'
		};
		expect(await send(app, [...lives, ahead])).toMatchObject({ accepted: 7, rejected: [] });
		await outboxDrained();
		expect(Date.now()).toBeLessThan(aheadAt - 2_000);
		expect(await app.backend.reconcile()).toEqual([]);
		expect(Date.now()).toBeLessThan(aheadAt);
		expect(await rebuilds(app)).toBe(rebuildsBefore);
		await new Promise((resolve) => setTimeout(resolve, aheadAt - Date.now() + 50));
	});

	/** Another process's outbox batch: it holds the apply lock shared until `commit`. */
	async function batchInFlightElsewhere(): Promise<{ commit(): Promise<void> }> {
		let commit = () => {};
		let holding = () => {};
		const held = new Promise<void>((resolve) => (holding = resolve));
		const batch = sql.begin(async (tx) => {
			await tx`select pg_advisory_xact_lock_shared(${APPLY_LOCK_KEY})`;
			holding();
			await new Promise<void>((resolve) => (commit = resolve));
		});
		await held;
		return {
			async commit() {
				commit();
				await batch;
			}
		};
	}

	it('reconciliation waits for another process’s outbox batch in flight before it reads', async () => {
		const app = apps[0];
		await outboxDrained();
		const batch = await batchInFlightElsewhere();
		let finished = false;
		const reconciled = app.backend.reconcile().then((drift) => {
			finished = true;
			return drift;
		});
		await new Promise((resolve) => setTimeout(resolve, 500));
		expect(finished).toBe(false);
		await batch.commit();
		expect(await reconciled).toEqual([]);
	});

	it('reconciliation gives up when a batch elsewhere holds the apply lock for seconds, and applies resume', async () => {
		const app = apps[0];
		const { reference, database: handle } = app.backend;
		await outboxDrained();
		const stuck = await batchInFlightElsewhere();
		try {
			await expect(app.backend.reconcile()).rejects.toThrow(/apply lock not taken within 5 s/);
		} finally {
			await stuck.commit();
		}
		// This process's batches were paused only while reconciliation waited.
		const events = recentLives('AGG-RESUME', 2, Date.now()).map((e) => nativeEventSchema.parse(e));
		await storeEvents(handle.db, 'test', events, reference);
		await outboxDrained();
		await expectStoreEqualsSqlAndOracle(app);
	}, 20_000);

	it('cli rebuild switches to a new epoch with every dossier', async () => {
		const store = apps[0].backend.aggregator.store as RedisAggregateStore;
		const before = await store.currentEpoch();
		const run = runTs(
			'server/cli/index.ts',
			{ DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: prefix },
			['rebuild']
		);
		expect((await run.exited).code).toBe(0);
		const [{ n }] = await sql`select count(*)::int as n from dossiers`;
		expect(run.output().trim().split('\n').at(-1)).toMatch(
			new RegExp(`^rebuilt ${n} dossiers into epoch \\d+ in `)
		);
		expect(await store.currentEpoch()).not.toBe(before);
		await expectStoreEqualsSqlAndOracle(apps[0]);
	});

	it('announces a dossier crossing its due time once across processes, within a second or so', async () => {
		const now = Date.now();
		const code = 'AGG-DUE-1';
		await send(apps[0], [
			{
				id: `${code}:r`,
				type: 'received',
				dossier: code,
				ward: '16681',
				at: new Date(now - HOUR).toISOString(),
				procedure: '1.001612',
				channel: 'direct',
				dueAt: new Date(now + 1_500).toISOString()
			}
		]);
		const seen: string[] = [];
		for (const app of apps)
			app.backend.sweeper.on('overdue', (crossing) =>
				seen.push(`${crossing.dossier}@${crossing.dueAt}`)
			);
		await new Promise((resolve) => setTimeout(resolve, 4_000));
		expect(seen).toEqual([`${code}@${now + 1_500}`]);
	});

	it('rebuilds a province with thousands of dossiers (one page of a province is not one script call)', async () => {
		const { aggregator, reference, database: handle } = apps[0].backend;
		// 18,000 dossiers of Nghệ An in one rebuild page: in one script call their arguments overflowed the stack.
		const events = recentLives('AGG-BIG', 24_000, Date.now()).filter((e) => e.ward !== '15229');
		const parsed = events.map((e) => nativeEventSchema.parse(e));
		for (let i = 0; i < parsed.length; i += 5_000)
			await storeEvents(handle.db, 'test', parsed.slice(i, i + 5_000), reference);
		await outboxDrained();
		expect(await aggregator.rebuild()).toBeGreaterThanOrEqual(18_000);
		const now = Date.now();
		const args = {
			scope: { kind: 'province' as const, code: '40' },
			period: { from: addDays(vnDateOf(now), -6), to: vnDateOf(now) },
			now,
			children: ['16681', '16690', '16702']
		};
		expect(await aggregator.liveSnapshot(args)).toEqual(
			await sqlSnapshot(handle.db, reference, args)
		);
	});
});
