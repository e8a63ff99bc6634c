import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { Logger } from 'pino';
import { DemoFeed } from './feed/demo';
import { SnapshotReader } from './read/snapshot-reader';
import { provideServices, type AppServices } from '../src/lib/server/services';
import { demoEnabled, wallSettingsOf, type Config } from './config';
import { openDatabase, type DatabaseHandle } from './db/client';
import { ApiKeyRegistry } from './access/api-keys';
import { AccessService } from './access/access-service';
import { announceFirstAdmin } from './access/first-admin';
import { MemoryRateLimiter, RedisRateLimiter } from './access/rate-limit';
import { AdminService } from './admin/admin-service';
import { MemoryAggregateStore } from './aggregator/memory.store';
import { RedisAggregateStore } from './aggregator/redis.store';
import type { AggregateStore } from './aggregator/store';
import { createApi } from './http/api';
import { Aggregator } from './jobs/aggregator';
import { DeadlineSweeper } from './jobs/deadline-sweeper';
import { reconcile } from './jobs/reconcile';
import { createOfficerPseudonymiser } from './ingest/dvcqg';
import { IngestService } from './ingest/ingest-service';
import { sharedSecret } from './settings';
import { ReferenceData } from './reference/reference-data';
import { createLogger } from './log';
import { createMetrics, type Metrics } from './metrics';
import { attachLive, closeLive, type LiveServer } from './realtime/live';
import { LiveService } from './realtime/live-service';
import { MemoryRoomLedger, RedisRoomLedger } from './realtime/room-ledger';
import { closeRedis, openRedis, type RedisClient } from './redis/client';

export type NodeListener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Everything but the HTTP listener: database (migrated and seeded), Redis, metrics, the REST API and
 * the live namespace. The production server (`app.ts`) and the Vite dev plugin both host one.
 */
export interface Backend {
	readonly config: Config;
	readonly log: Logger;
	readonly database: DatabaseHandle;
	readonly redis?: RedisClient;
	readonly metrics: Metrics;
	readonly reference: ReferenceData;
	readonly keys: ApiKeyRegistry;
	/** Who is asking and what they may do (sessions, display tokens, keys, the access policy). */
	readonly access: AccessService;
	readonly admin: AdminService;
	readonly ingest: IngestService;
	readonly aggregator: Aggregator;
	/** Compares the store with SQL now (also every RECONCILE_INTERVAL_MS); the drift, or null when not compared. */
	reconcile(): Promise<string[] | null>;
	readonly sweeper: DeadlineSweeper;
	readonly live: LiveService;
	readonly services: AppServices;
	/** Answers REST and operations requests (see API_PATH). */
	readonly api: NodeListener;
	/** Attaches Socket.IO to the server that carries the pages. */
	attachLive(httpServer: HttpServer, build: string): LiveServer;
	close(): Promise<void>;
}

export async function createBackend(
	config: Config,
	log = createLogger(config.LOG_LEVEL)
): Promise<Backend> {
	const database = openDatabase(
		{ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR },
		log
	);
	const started = performance.now();
	try {
		await database.prepare();
	} catch (error) {
		await database.close().catch(() => {});
		throw error;
	}
	log.info(
		{ database: database.kind, ms: Math.round(performance.now() - started) },
		'database migrated and seeded'
	);
	const redis = config.REDIS_URL ? openRedis(config.REDIS_URL, log) : undefined;
	const metrics = createMetrics();
	const reference = await new ReferenceData(database.db).load();
	const keys = new ApiKeyRegistry(database.db);
	const ingest = new IngestService(database.db, reference, log);
	const pseudonymise = createOfficerPseudonymiser(
		await sharedSecret(database.db, 'officer-pseudonym-key')
	);
	const provinceOf = (ward: string) => reference.provinceOf(ward);
	const store: AggregateStore = redis
		? new RedisAggregateStore({ client: redis, prefix: config.REDIS_KEY_PREFIX, provinceOf })
		: new MemoryAggregateStore();
	const aggregator = new Aggregator(database.db, store, reference, log, metrics);
	const snapshots = new SnapshotReader(database.db, reference, (args) =>
		aggregator.liveSnapshot(args)
	);
	const access = new AccessService({
		db: database.db,
		config,
		log,
		keys,
		reference,
		limiter: redis ? new RedisRateLimiter(redis, config.REDIS_KEY_PREFIX) : new MemoryRateLimiter(),
		csrfSecret: await sharedSecret(database.db, 'csrf-key')
	});
	const admin = new AdminService({
		db: database.db,
		reference,
		units: () => snapshots.adminUnits(),
		log
	});
	// The embedded demo starts with an administrator (its password printed once); a real database gets its
	// first one from `npm run cli -- user create`.
	if (!config.DATABASE_URL) await announceFirstAdmin(database.db, log);
	const services: AppServices = {
		db: database.db,
		database,
		log,
		reference,
		snapshots,
		access,
		admin,
		wall: wallSettingsOf(config)
	};
	provideServices(services);
	// Committed changes reach the store at once; the outbox poll covers other processes and crashes.
	ingest.onChanges(() => void aggregator.drain().catch(() => {}));
	let closed = false;
	// In the background: the process serves (and reports not ready) while a large rebuild runs.
	void (async () => {
		for (let attempt = 1; !closed; attempt++) {
			try {
				await aggregator.start({ rebuild: redis ? 'when_missing' : 'always' });
				return;
			} catch (error) {
				log.warn({ err: error, attempt }, 'aggregator could not start; retrying');
				await new Promise((resolve) => setTimeout(resolve, Math.min(1_000 * attempt, 10_000)));
			}
		}
	})();
	const demo = demoEnabled(config)
		? new DemoFeed(
				{ db: database.db, ingest, reference, log },
				{
					province: config.DEMO_PROVINCE,
					days: config.DEMO_DAYS,
					seed: config.DEMO_SEED,
					rate: config.DEMO_RATE
				}
			)
		: undefined;
	demo?.start();
	const sweeper = new DeadlineSweeper(database.db, redis, log, Date.now, config.REDIS_KEY_PREFIX);
	sweeper.start();
	const liveService = new LiveService({
		db: database.db,
		aggregator,
		reference,
		ledger: redis ? new RedisRoomLedger(redis, config.REDIS_KEY_PREFIX) : new MemoryRoomLedger(),
		log,
		metrics,
		coalesceMs: config.LIVE_COALESCE_MS
	});
	// Live delivery hears of applied changes (any process's), accepted events and deadline crossings.
	aggregator.onApplied((applied) => liveService.markChanged(applied.map((change) => change.ward)));
	ingest.onAccepted((events) => liveService.announceEvents(events));
	sweeper.on('overdue', (crossing) => liveService.announceOverdue(crossing));
	const api = getRequestListener(
		createApi({
			database,
			redis,
			metrics,
			log,
			keys,
			access,
			ingest,
			reference,
			pseudonymise,
			aggregator,
			snapshots
		}).fetch
	);
	const flushKeyUse = () =>
		keys.flushUse().catch((err: unknown) => log.warn({ err }, 'key use not recorded'));
	const reconcileNow = () =>
		reconcile({
			db: database.db,
			reference,
			aggregator,
			metrics,
			log,
			now: Date.now(),
			otherProcesses: database.kind === 'postgres'
		});
	const timers = [
		setInterval(
			() =>
				access.sweepSessions().catch((err: unknown) => log.warn({ err }, 'session sweep failed')),
			600_000
		).unref(),
		setInterval(flushKeyUse, 30_000).unref(),
		// Catalogue and calendar edits made by other processes reach this one within a minute.
		setInterval(
			() => reference.load().catch((err: unknown) => log.warn({ err }, 'reference reload failed')),
			60_000
		).unref(),
		setInterval(() => {
			if (!aggregator.ready) return;
			reconcileNow().catch((err: unknown) => log.warn({ err }, 'reconciliation failed'));
		}, config.RECONCILE_INTERVAL_MS).unref()
	];
	let live: LiveServer | undefined;

	return {
		config,
		log,
		database,
		redis,
		metrics,
		reference,
		keys,
		access,
		admin,
		ingest,
		aggregator,
		reconcile: reconcileNow,
		sweeper,
		live: liveService,
		services,
		api,
		attachLive(httpServer, build) {
			live = attachLive(httpServer, {
				build,
				config,
				metrics,
				log,
				access,
				reference,
				service: liveService,
				redis
			});
			return live;
		},
		async close() {
			// Socket.IO's close() would also close the HTTP server; the host does that itself.
			if (live) await closeLive(live, liveService);
			else await liveService.stop();
			provideServices(undefined);
			for (const timer of timers) clearInterval(timer);
			closed = true;
			await demo?.stop();
			sweeper.stop();
			// A start still waiting for Redis ends when the client is closed below; do not wait for it here.
			await Promise.race([aggregator.stop(), new Promise((r) => setTimeout(r, 2_000))]);
			await flushKeyUse();
			await Promise.allSettled([database.close(), redis && closeRedis(redis)]);
		}
	};
}
