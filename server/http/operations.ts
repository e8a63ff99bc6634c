import { Hono } from 'hono';
import type { Logger } from 'pino';
import type { DatabaseHandle } from '../db/client';
import type { Metrics } from '../metrics';
import type { RedisClient } from '../redis/client';
import type { Aggregator } from '../jobs/aggregator';

interface Check {
	ok: boolean;
	kind?: string;
	latencyMs?: number;
	error?: string;
}

const CHECK_TIMEOUT_MS = 2_000;

async function timed(kind: string, probe: () => Promise<unknown>): Promise<Check> {
	const started = performance.now();
	let timer: NodeJS.Timeout | undefined;
	try {
		await Promise.race([
			probe(),
			new Promise((_, reject) => {
				timer = setTimeout(
					() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
					CHECK_TIMEOUT_MS
				);
			})
		]);
		return { ok: true, kind, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
	} catch (error) {
		return { ok: false, kind, error: (error as Error).message };
	} finally {
		clearTimeout(timer);
	}
}

/** Liveness, readiness and Prometheus metrics for orchestrators and monitoring. */
export function operationsRoutes(deps: {
	database: DatabaseHandle;
	redis?: RedisClient;
	metrics: Metrics;
	log: Logger;
	aggregator: Aggregator;
}) {
	const routes = new Hono();

	routes.get('/healthz', (c) => c.json({ status: 'ok' }));

	routes.get('/readyz', async (c) => {
		const [database, redis] = await Promise.all([
			timed(deps.database.kind, () => deps.database.ping()),
			deps.redis
				? timed('redis', async () => {
						if (!deps.redis!.isReady) throw new Error('not connected');
						await deps.redis!.ping();
					})
				: Promise.resolve<Check>({ ok: true, kind: 'in-process' })
		]);
		// Live figures are only true once the aggregate store holds every dossier.
		const aggregates: Check = deps.aggregator.ready
			? { ok: true, kind: 'aggregates' }
			: { ok: false, kind: 'aggregates', error: 'being built from Postgres' };
		const ready = database.ok && redis.ok && aggregates.ok;
		if (!ready) deps.log.warn({ database, redis, aggregates }, 'not ready');
		return c.json(
			{ status: ready ? 'ready' : 'not_ready', checks: { database, redis, aggregates } },
			ready ? 200 : 503
		);
	});

	routes.get('/metrics', async (c) => {
		c.header('Content-Type', deps.metrics.registry.contentType);
		return c.body(await deps.metrics.registry.metrics());
	});

	return routes;
}
