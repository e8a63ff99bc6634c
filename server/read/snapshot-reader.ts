import { toSnapshotJson, type SnapshotJson } from '../../src/lib/contracts/snapshot';
import type { Scope } from '../../src/lib/contracts/scope';
import type { Instant } from '../../src/lib/domain/calendar/vn-time';
import type { Snapshot } from '../../src/lib/domain/oracle';
import type { Period } from '../../src/lib/domain/period';
import type { Database } from '../db/client';
import type { ReferenceData } from '../reference/reference-data';
import { AdminUnits } from './scopes';
import { sqlSnapshot } from './snapshot.sql';

/** What the live aggregate store is asked; it answers null for a period it does not hold (then SQL answers). */
export interface LiveSnapshotArgs {
	scope: Scope;
	period: Period;
	now: Instant;
	children: readonly string[];
}

export type LiveSnapshot = (args: LiveSnapshotArgs) => Promise<Snapshot | null>;

/**
 * Snapshots as §4.3 for the REST API and the pages alike: live windows from the aggregate store, other periods
 * (or a store still rebuilding) from SQL. Access is the caller's to check.
 */
export class SnapshotReader {
	private units: Promise<AdminUnits> | undefined;

	constructor(
		private readonly db: Database,
		private readonly reference: ReferenceData,
		private readonly liveSnapshot?: LiveSnapshot
	) {}

	/** Provinces and wards, loaded once (they change only with a new administrative map). */
	adminUnits(): Promise<AdminUnits> {
		this.units ??= AdminUnits.load(this.db).catch((error: unknown) => {
			this.units = undefined;
			throw error;
		});
		return this.units;
	}

	async read(scope: Scope, period: Period, now: Instant): Promise<SnapshotJson> {
		const known = await this.adminUnits();
		const args = { scope, period, now, children: known.childrenOf(scope) };
		const snapshot =
			(await this.liveSnapshot?.(args)) ?? (await sqlSnapshot(this.db, this.reference, args));
		return toSnapshotJson(snapshot, known.namesFor(scope));
	}
}
