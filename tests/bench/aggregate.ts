/**
 * The live aggregator at national scale: dossier changes applied per second to Redis, the national snapshot
 * (34 provinces as children) read from the store next to the same figures computed by SQL, rebuild time and
 * Redis memory. Size: BENCH_DOSSIERS (default 100,000; the full scale is 1,000,000), 30% open.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import pino from 'pino';
import { createClient } from 'redis';
import { RedisAggregateStore } from '../../server/aggregator/redis.store';
import { storeSnapshot } from '../../server/aggregator/snapshot-from-store';
import { openDatabase } from '../../server/db/client';
import { upsertDossiers, type DossierChange } from '../../server/ingest/store-events';
import { Aggregator, OUTBOX_BATCH } from '../../server/jobs/aggregator';
import { reconcile } from '../../server/jobs/reconcile';
import { createMetrics } from '../../server/metrics';
import { contributionOf } from '../../server/aggregator/projection';
import { sqlSnapshot } from '../../server/read/snapshot.sql';
import { ReferenceData } from '../../server/reference/reference-data';
import type { RedisClient } from '../../server/redis/client';
import { vnDateOf } from '../../src/lib/domain/calendar/vn-time';
import type { DossierEvent } from '../../src/lib/domain/dossier';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../server/db/rows';
import { deriveDossierState } from '../../src/lib/domain/lifecycle';
import { createTestDatabase } from '../support/database';
import { TEST_REDIS_URL } from '../support/env';

const DOSSIERS = Number(process.env.BENCH_DOSSIERS ?? 100_000);
const HOUR = 3_600_000;
const CHUNK = 5_000;
/** Dossiers given a next event in the apply phase. */
const APPLY_MAX = Math.min(DOSSIERS, 200_000);
/** Changes per `apply` call: as many as the aggregator claims from the outbox at a time when it is behind. */
const APPLY_BATCH = OUTBOX_BATCH;

/** A seeded generator (mulberry32), so every run loads the same dossiers. */
function random(seed: number) {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function percentiles(times: number[]) {
	const sorted = [...times].sort((a, b) => a - b);
	const at = (p: number) =>
		Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] * 10) / 10;
	return { p50Ms: at(0.5), p99Ms: at(0.99), reads: times.length };
}

async function timed(reads: number, read: () => Promise<unknown>) {
	const times: number[] = [];
	for (let i = 0; i < reads; i++) {
		const started = performance.now();
		await read();
		times.push(performance.now() - started);
	}
	return percentiles(times);
}

export async function aggregateBench() {
	const log = pino({ level: 'warn' });
	const test = await createTestDatabase();
	const database = openDatabase({ databaseUrl: test.url, dataDir: '.' }, log);
	const redis = createClient({ url: TEST_REDIS_URL }) as unknown as RedisClient;
	await redis.connect();
	const prefix = `mclbench${randomBytes(3).toString('hex')}`;
	try {
		await database.prepare();
		const reference = await new ReferenceData(database.db).load();
		const units = JSON.parse(
			readFileSync(new URL('../../server/db/seed/vn-admin-units.json', import.meta.url), 'utf8')
		) as { wards: { code: string }[] };
		const wards = units.wards.map((w) => w.code);
		const next = random(20261128);
		const now = Date.now();
		const context = { procedures: reference.procedures, calendar: reference.calendar };
		const procedures = ['2.000815', '2.000884', '1.001193', '1.001612', '1.001776'];

		// Load: derived states straight into `dossiers` (no events: the aggregator reads states only). The
		// events of the first APPLY_MAX dossiers are kept to give each its next event in the apply phase.
		const eventsOf = new Map<string, DossierEvent[]>();
		let loadMs = 0;
		for (let start = 0; start < DOSSIERS; start += CHUNK) {
			const changes: DossierChange[] = [];
			for (let i = start; i < Math.min(DOSSIERS, start + CHUNK); i++) {
				const code = `BENCH-${i}`;
				const ward = wards[Math.floor(next() * wards.length)];
				const received = now - Math.floor(next() * 40 * 24) * HOUR - HOUR;
				const events: DossierEvent[] = [
					{
						id: `${code}:r`,
						type: 'received',
						dossier: code,
						ward,
						at: received,
						procedure: procedures[i % 5],
						channel: next() < 0.66 ? 'online' : 'direct'
					},
					{
						id: `${code}:s`,
						type: 'stage_changed',
						dossier: code,
						ward,
						at: received + HOUR / 2,
						stage: 'processing'
					}
				];
				if (next() >= 0.3)
					events.push({
						id: `${code}:c`,
						type: 'completed',
						dossier: code,
						ward,
						at: Math.min(now - 1, received + Math.floor(next() * 48) * HOUR)
					});
				else if (next() < 0.3)
					events.push({
						id: `${code}:a`,
						type: 'stage_changed',
						dossier: code,
						ward,
						at: Math.min(now - 1, received + HOUR),
						stage: 'approval'
					});
				if (i < APPLY_MAX) eventsOf.set(code, events);
				changes.push({ code, before: null, after: deriveDossierState(events, context) });
			}
			const started = performance.now();
			await database.db.transaction((tx) => upsertDossiers(tx as never, changes, reference));
			loadMs += performance.now() - started;
		}

		const store = new RedisAggregateStore({
			client: redis,
			prefix,
			provinceOf: (w) => reference.provinceOf(w)
		});
		const metrics = createMetrics();
		const aggregator = new Aggregator(database.db, store, reference, log, metrics);
		const memoryBefore = Number(/used_memory:(\d+)/.exec(await redis.info('memory'))![1]);
		const redisCpu = async () => {
			const info = await redis.info('cpu');
			return ['used_cpu_sys', 'used_cpu_user'].reduce(
				(sum, name) => sum + Number(new RegExp(`${name}:([\\d.]+)`).exec(info)![1]),
				0
			);
		};
		const redisCpuBefore = await redisCpu();
		const nodeCpuBefore = process.cpuUsage();
		let started = performance.now();
		await aggregator.rebuild();
		const rebuildSeconds = (performance.now() - started) / 1000;
		const nodeCpu = process.cpuUsage(nodeCpuBefore);
		const rebuildCpu = {
			nodeSeconds: Math.round((nodeCpu.user + nodeCpu.system) / 1e5) / 10,
			redisSeconds: Math.round(((await redisCpu()) - redisCpuBefore) * 10) / 10
		};
		const memoryAfter = Number(/used_memory:(\d+)/.exec(await redis.info('memory'))![1]);
		aggregator.ready = true;
		// One reconciliation as the server runs it (every RECONCILE_INTERVAL_MS): the store's whole live window
		// against SQL, national with every province. Just rebuilt, both sides must agree.
		const reconcileStarted = performance.now();
		const drift = await reconcile({
			db: database.db,
			reference,
			aggregator,
			metrics,
			log,
			now,
			otherProcesses: true
		});
		const reconcileSeconds = Math.round((performance.now() - reconcileStarted) / 100) / 10;
		if (drift === null || drift.length > 0)
			throw new Error(`reconciliation after the rebuild: ${JSON.stringify(drift)}`);

		// Apply: each dossier's next event as a live change would bring it (an open dossier moves to approval
		// or is completed, a finished one is returned to the citizen), derived before the clock starts.
		const list = await queryRows<{ code: string; version: number }>(
			database.db,
			sql`select code, version from dossiers where code = any(${sql.param([...eventsOf.keys()])}::text[])`
		);
		const changes = list.map((row, index) => {
			const events = eventsOf.get(row.code)!;
			const last = events[events.length - 1]!;
			const at = Math.min(now - 1, last.at + HOUR);
			const base = { id: `${row.code}:next`, dossier: row.code, ward: last.ward, at };
			const next: DossierEvent =
				last.type === 'completed'
					? { ...base, type: 'returned' }
					: index % 2 === 0 && last.stage !== 'approval'
						? { ...base, type: 'stage_changed', stage: 'approval' }
						: { ...base, type: 'completed' };
			return {
				code: row.code,
				version: row.version + 1,
				contribution: contributionOf(deriveDossierState([...events, next], context), {
					provinceOf: (w) => reference.provinceOf(w),
					calendar: reference.calendar
				})
			};
		});
		// Batch after batch, as one server process drains the outbox (`Aggregator`): within a batch Node prepares
		// one province's script while Redis runs the previous one's. BENCH_APPLIERS > 1 runs that many at once in
		// this one process (they share its heap and its event loop).
		const appliers = Number(process.env.BENCH_APPLIERS ?? 1);
		// BENCH_PROFILE=<file>: a V8 CPU profile of the apply phase (open in Chrome's DevTools) and Redis's
		// per-command times, to see where each side's time goes.
		const profile = process.env.BENCH_PROFILE ? new Session() : null;
		if (profile) {
			profile.connect();
			await profile.post('Profiler.enable');
			await profile.post('Profiler.start');
			await redis.configResetStat();
		}
		const applyCpuBefore = { node: process.cpuUsage(), redis: await redisCpu() };
		started = performance.now();
		let nextBatch = 0;
		await Promise.all(
			Array.from({ length: appliers }, async () => {
				for (let i = nextBatch; i < changes.length; i = nextBatch) {
					nextBatch += APPLY_BATCH;
					await store.apply(changes.slice(i, i + APPLY_BATCH));
				}
			})
		);
		const applySeconds = (performance.now() - started) / 1000;
		// CPU per change on each side: the wall figure moves with the instance, these show where the time goes.
		const applyNodeCpu = process.cpuUsage(applyCpuBefore.node);
		const applyCpu = {
			nodeMicrosPerChange: Math.round((applyNodeCpu.user + applyNodeCpu.system) / changes.length),
			redisMicrosPerChange: Math.round(
				(((await redisCpu()) - applyCpuBefore.redis) * 1e6) / changes.length
			)
		};

		let commandMicrosPerChange: Record<string, number> | undefined;
		if (profile) {
			const { profile: cpuProfile } = await profile.post('Profiler.stop');
			writeFileSync(process.env.BENCH_PROFILE!, JSON.stringify(cpuProfile));
			profile.disconnect();
			commandMicrosPerChange = {};
			for (const [, command, micros] of (await redis.info('commandstats')).matchAll(
				/cmdstat_(\w+):calls=\d+,usec=(\d+)/g
			))
				commandMicrosPerChange[command!] = Math.round((Number(micros) / changes.length) * 10) / 10;
		}

		const today = vnDateOf(now);
		const provinces = await store.provinces();
		const args = {
			scope: { kind: 'national' as const },
			period: { from: today, to: today },
			now,
			children: provinces
		};
		const storeRead = await timed(20, () =>
			storeSnapshot(store, {
				scope: { id: 'national', wards: null },
				period: args.period,
				now,
				calendar: reference.calendar,
				children: provinces.map((code) => ({ id: `province:${code}`, wards: null }))
			})
		);
		const sqlRead = await timed(5, () => sqlSnapshot(database.db, reference, args));
		const open = (await aggregator.liveSnapshot(args))!.inProgress;
		return {
			targets: {
				applyPerSecond: '>= 50000',
				nationalSnapshotP50Ms: '<= 20 (store)',
				rebuildSecondsAt1M: '<= 60',
				redisMemoryAt1M: '<= 1 GB'
			},
			dossiers: DOSSIERS,
			open: open.total + open.awaitingIntake,
			loadSeconds: Math.round(loadMs / 100) / 10,
			rebuild: {
				seconds: Math.round(rebuildSeconds * 10) / 10,
				dossiersPerSecond: Math.round(DOSSIERS / rebuildSeconds),
				// CPU spent during the rebuild, by the bench process (Postgres reads, projection) and Redis.
				cpu: rebuildCpu
			},
			redisMemoryMB: Math.round((memoryAfter - memoryBefore) / 2 ** 20),
			apply: {
				changes: changes.length,
				batch: APPLY_BATCH,
				appliers,
				perSecond: Math.round(changes.length / applySeconds),
				cpu: applyCpu,
				...(commandMicrosPerChange && { commandMicrosPerChange })
			},
			nationalSnapshot: {
				store: storeRead,
				sql: sqlRead,
				sqlToStoreP50: Math.round((sqlRead.p50Ms / storeRead.p50Ms) * 10) / 10
			},
			reconcileSeconds
		};
	} finally {
		// Delete this run's keys even when it failed half-way.
		await new RedisAggregateStore({ client: redis, prefix, provinceOf: () => undefined }).destroy();
		await redis.close();
		await database.close();
		await test.drop();
	}
}
