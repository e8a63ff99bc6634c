import type { Logger } from 'pino';
import { vnDateOf, type Instant } from '../../src/lib/domain/calendar/vn-time';
import type { Snapshot } from '../../src/lib/domain/oracle';
import type { Database } from '../db/client';
import type { Metrics } from '../metrics';
import { sqlSnapshot } from '../read/snapshot.sql';
import type { ReferenceData } from '../reference/reference-data';
import type { Aggregator } from './aggregator';

/** The paths of every number that differs between two snapshots (children matched by scope). */
export function snapshotDifferences(a: unknown, b: unknown, path = ''): string[] {
	if (typeof a === 'number' || typeof b === 'number' || a === null || b === null)
		return a === b ? [] : [path || '.'];
	if (typeof a !== 'object' || typeof b !== 'object') return a === b ? [] : [path || '.'];
	const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
	keys.delete('asOf');
	keys.delete('bottleneckReason');
	return [...keys].flatMap((key) =>
		snapshotDifferences(
			(a as Record<string, unknown>)[key],
			(b as Record<string, unknown>)[key],
			`${path}.${key}`
		)
	);
}

/**
 * Compares today's national figures (with every province) from the store with the same figures computed by
 * SQL; any difference is drift: exposed as a metric, logged, and repaired by a rebuild.
 */
export async function reconcile(deps: {
	db: Database;
	reference: ReferenceData;
	aggregator: Aggregator;
	metrics: Metrics;
	log: Logger;
	now: Instant;
}): Promise<string[]> {
	const today = vnDateOf(deps.now);
	const period = { from: today, to: today };
	const provinces = await deps.aggregator.store.provinces();
	const args = { scope: { kind: 'national' as const }, period, now: deps.now, children: provinces };
	const [live, truth] = await Promise.all([
		deps.aggregator.liveSnapshot(args) as Promise<Snapshot | null>,
		sqlSnapshot(deps.db, deps.reference, args)
	]);
	if (live === null) return [];
	const drift = snapshotDifferences(live, truth);
	deps.metrics.aggregateDrift.set(drift.length);
	if (drift.length > 0) {
		deps.log.warn(
			{ drift: drift.slice(0, 20), count: drift.length },
			'aggregate drift: rebuilding'
		);
		await deps.aggregator.rebuild();
	}
	return drift;
}
