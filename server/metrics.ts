import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one app instance: its own registry, so several apps can live in one test process. */
export function createMetrics() {
	const registry = new Registry();
	collectDefaultMetrics({ register: registry });
	return {
		registry,
		httpRequests: new Counter({
			name: 'http_requests_total',
			help: 'HTTP requests answered, by method, kind of route and status class',
			labelNames: ['method', 'route', 'status'] as const,
			registers: [registry]
		}),
		httpDuration: new Histogram({
			name: 'http_request_duration_seconds',
			help: 'Time to answer an HTTP request',
			labelNames: ['route'] as const,
			buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
			registers: [registry]
		}),
		liveSockets: new Gauge({
			name: 'live_sockets',
			help: 'Socket.IO connections open on the /live namespace of this process',
			registers: [registry]
		}),
		aggregateChanges: new Counter({
			name: 'aggregate_changes_total',
			help: 'Dossier changes applied to the aggregate store from the outbox',
			registers: [registry]
		}),
		aggregateRebuilds: new Counter({
			name: 'aggregate_rebuilds_total',
			help: 'Rebuilds of the aggregate store from Postgres',
			registers: [registry]
		}),
		aggregateDrift: new Gauge({
			name: 'aggregate_drift',
			help: 'Figures that differed between the aggregate store and SQL at the last reconciliation',
			registers: [registry]
		}),
		liveConnections: new Counter({
			name: 'live_connections_total',
			help: 'Socket.IO connections accepted on the /live namespace since start',
			registers: [registry]
		}),
		liveSubscriptions: new Counter({
			name: 'live_subscriptions_total',
			help: 'scope:subscribe requests answered by this process, by result (ok or the refusal code)',
			labelNames: ['result'] as const,
			registers: [registry]
		}),
		liveUpdates: new Counter({
			name: 'live_updates_total',
			help: 'scope:update broadcasts sent by this process (one per room and tick, whatever the audience)',
			registers: [registry]
		}),
		liveCoalesceSeconds: new Histogram({
			name: 'live_coalesce_seconds',
			help: 'Time of one coalescing pass of the lease holder (recompute, diff, commit, send)',
			buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
			registers: [registry]
		}),
		liveTickerDropped: new Counter({
			name: 'live_ticker_dropped_total',
			help: 'Ticker events not sent because a room had more than its share in one tick',
			registers: [registry]
		})
	};
}

export type Metrics = ReturnType<typeof createMetrics>;
