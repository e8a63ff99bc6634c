import type { CalendarDate, Instant } from '../../src/lib/domain/calendar/vn-time';
import { STAGES, type Stage } from '../../src/lib/domain/dossier';
import type { Contribution } from './projection';

/**
 * The aggregate store port (ARCHITECTURE §2): sums of per-dossier contributions, kept per ward and per province,
 * in epochs so that a rebuild can be swapped in atomically. Two adapters: `memory.store.ts` (in-process) and
 * `redis.store.ts`; both pass `store.contract.ts`. Snapshots are assembled from these reads by
 * `snapshot-from-store.ts`.
 */

/** A dossier's new contribution; `version` (e.g. the dossiers row version) makes stale re-sends harmless. */
export interface ContributionChange {
	code: string;
	contribution: Contribution | null;
	/** Monotone per dossier; a change whose version is ≤ the applied one is ignored. Absent: last write wins. */
	version?: number;
}

/**
 * A level the store keeps figures for. National figures are the sum of the provinces, except the percentiles of
 * work-in-progress age, which do not sum: the national level holds only its work-in-progress queues.
 */
export type StoreUnit =
	{ kind: 'ward'; code: string } | { kind: 'province'; code: string } | { kind: 'national' };

/** What to read for one unit, all at one reading instant. */
export interface UnitReadRequest {
	/** Day buckets to sum. */
	days: readonly CalendarDate[];
	/** Inclusive `[min, max]` ranges of due instants to count among open dossiers not awaiting the citizen. */
	dueRanges: readonly (readonly [number, number])[];
	/** Work in progress overdue in stage, or over the stage's share, strictly before this instant. */
	now: Instant;
	/** A whole hour (see `lookbackInstant`): work-in-progress entries and exits strictly after it. */
	lookbackFrom: Instant;
	/** Percentiles of work-in-progress age to locate, e.g. `[0.5, 0.9]`. */
	percentiles: readonly number[];
}

/** One stage's work in progress as read. */
export interface StageRead {
	wip: number;
	overdue: number;
	overShare: number;
	/** Entries into and exits from the stage's work in progress after `lookbackFrom`. */
	entered: number;
	left: number;
	/**
	 * Per requested percentile, the stage entry instants at its two ranks (`percentileRanks`) counted from the
	 * newest entry (the youngest age); null for figures summed over units, empty lists when there is no work.
	 */
	percentileEntries: (readonly [Instant, Instant])[] | null;
}

/** Raw figures of one unit; summable across units (except the percentile entries). */
export interface UnitFigures {
	/** Day counters summed over the requested days (see `DAY_COUNTERS`). */
	days: Record<string, number>;
	/** `r:<day>` receipts and `c:<day>` received-and-closed, over all days. */
	carry: Record<string, number>;
	/** `aw`, `ai`, `nd` (see `OPEN_COUNTERS`). */
	open: Record<string, number>;
	/** Count per requested due range. */
	due: number[];
	/** Open dossiers with a due date, not awaiting the citizen. */
	dueTotal: number;
	stages: Record<Stage, StageRead>;
}

/** Writes into an epoch being rebuilt; readers keep the old epoch until `commit`. */
export interface RebuildWriter {
	readonly epoch: number;
	apply(changes: readonly ContributionChange[]): Promise<void>;
	/** Switches readers to the new epoch atomically and drops the old one. */
	commit(): Promise<void>;
	/** Drops the new epoch; readers never saw it. */
	abort(): Promise<void>;
}

export interface AggregateStore {
	/**
	 * Replaces each dossier's applied contribution with the new one, atomically per dossier (null removes it).
	 * Also writes into an epoch being rebuilt, so live changes are not lost by a rebuild.
	 */
	apply(changes: readonly ContributionChange[]): Promise<void>;
	/** Reads units from one consistent epoch; a missing epoch reads as empty. */
	read(units: readonly StoreUnit[], request: UnitReadRequest): Promise<UnitFigures[]>;
	/** Provinces holding at least one contribution in the current epoch (national = their sum). */
	provinces(): Promise<string[]>;
	/** The epoch readers use; null when the marker is missing (the store must be rebuilt). */
	currentEpoch(): Promise<number | null>;
	beginRebuild(): Promise<RebuildWriter>;
	/** Deletes everything and starts an empty current epoch (tests, and a fresh install). */
	clear(): Promise<void>;
	close(): Promise<void>;
}

const emptyStage = (): StageRead => ({
	wip: 0,
	overdue: 0,
	overShare: 0,
	entered: 0,
	left: 0,
	percentileEntries: null
});

/** Empty figures, to sum into. */
export function emptyUnitFigures(ranges: number): UnitFigures {
	return {
		days: {},
		carry: {},
		open: {},
		due: Array.from({ length: ranges }, () => 0),
		dueTotal: 0,
		stages: Object.fromEntries(STAGES.map((stage) => [stage, emptyStage()])) as Record<
			Stage,
			StageRead
		>
	};
}

function addInto(target: Record<string, number>, source: Record<string, number>): void {
	for (const [key, value] of Object.entries(source)) target[key] = (target[key] ?? 0) + value;
}

/** Sums units' figures (a province's wards, or the nation's provinces); percentile entries do not sum. */
export function sumUnitFigures(parts: readonly UnitFigures[], ranges: number): UnitFigures {
	const total = emptyUnitFigures(ranges);
	for (const part of parts) {
		addInto(total.days, part.days);
		addInto(total.carry, part.carry);
		addInto(total.open, part.open);
		part.due.forEach((count, index) => (total.due[index] = (total.due[index] ?? 0) + count));
		total.dueTotal += part.dueTotal;
		for (const stage of STAGES) {
			const sum = total.stages[stage];
			const add = part.stages[stage];
			sum.wip += add.wip;
			sum.overdue += add.overdue;
			sum.overShare += add.overShare;
			sum.entered += add.entered;
			sum.left += add.left;
		}
	}
	return total;
}
