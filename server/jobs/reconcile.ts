import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { MAX_CLOCK_AHEAD_MS } from '../../src/lib/contracts/ingest';
import type { Instant } from '../../src/lib/domain/calendar/vn-time';
import type { Database } from '../db/client';
import { rowsOf } from '../db/rows';
import type { Metrics } from '../metrics';
import { sqlSnapshot } from '../read/snapshot.sql';
import type { ReferenceData } from '../reference/reference-data';
import { applyLocked, dossierRows, liveWindow, type Aggregator } from './aggregator';

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
 * Compares the national figures (with every province) of the widest period the store answers, its live window
 * up to today, with the same figures computed by SQL, both read at `now + MAX_CLOCK_AHEAD_MS` (below): every day
 * bucket the store serves is in the sums, not only today's. Any difference is drift: exposed as a metric, logged,
 * and repaired by a rebuild.
 *
 * Both sides are read at one instant of the data, or changes still on their way to the store would show as
 * drift (at national scale, all day). In one repeatable-read transaction, while no process applies a change
 * (this one pauses its outbox batches, others are held off by the apply lock when `otherProcesses`), the
 * transaction's snapshot is taken, the outbox rows it still holds are applied from it, and the store is read;
 * applies then resume while SQL computes the same figures from that snapshot, for as long as it takes.
 * Returns null when nothing was compared (no live figures, or a rebuild running).
 */
export async function reconcile(deps: {
	db: Database;
	reference: ReferenceData;
	aggregator: Aggregator;
	metrics: Metrics;
	log: Logger;
	now: Instant;
	/** Whether other processes may apply changes (Postgres); false for PGlite (one process, one connection). */
	otherProcesses: boolean;
}): Promise<string[] | null> {
	const { aggregator } = deps;
	if (aggregator.isRebuilding) return null;
	// Both sides are read at the latest instant an accepted event can bear (ingest refuses events further ahead
	// of the clock): the store holds each dossier as its latest event left it, SQL at an instant before a
	// source's fast clock would still see it as it was, and call the difference drift.
	const at = deps.now + MAX_CLOCK_AHEAD_MS;
	const period = liveWindow(at);
	const provinces = await aggregator.store.provinces();
	const args = { scope: { kind: 'national' as const }, period, now: at, children: provinces };
	const compared = await deps.db.transaction(
		async (tx) => {
			const snapshotDb = tx as unknown as Database;
			const atRest = async () => {
				// The transaction's first statement: its snapshot is taken now, with no apply in flight anywhere.
				const pending = rowsOf<{ code: string }>(
					await tx.execute(sql`select distinct dossier_code as code from dossier_changes`)
				);
				await aggregator.applyRows(
					await dossierRows(
						snapshotDb,
						pending.map(({ code }) => code)
					)
				);
				return aggregator.liveSnapshot(args);
			};
			const live = await aggregator.whilePaused(() =>
				deps.otherProcesses ? applyLocked(deps.db, atRest) : atRest()
			);
			if (live === null) return null;
			return { live, truth: await sqlSnapshot(snapshotDb, deps.reference, args) };
		},
		{ isolationLevel: 'repeatable read', accessMode: 'read only' }
	);
	// A rebuild that started meanwhile may have switched epochs under the read.
	if (compared === null || aggregator.isRebuilding) return null;
	const drift = snapshotDifferences(compared.live, compared.truth);
	deps.metrics.aggregateDrift.set(drift.length);
	if (drift.length > 0) {
		deps.log.warn(
			{ drift: drift.slice(0, 20), count: drift.length },
			'aggregate drift: rebuilding'
		);
		await aggregator.rebuild();
	}
	return drift;
}
