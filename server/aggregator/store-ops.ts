import { DAY_MS } from '../../src/lib/domain/calendar/vn-time';
import type { Stage } from '../../src/lib/domain/dossier';
import type { Contribution, WipEntry } from './projection';

/**
 * A contribution flattened into the primitive writes both stores perform, once per level (the dossier's ward
 * and its province). Storing the flat record per dossier lets a store subtract exactly what it added, without
 * re-running the projection (the Redis script only reads this shape). Large numbers travel as strings so that
 * Lua never formats a float.
 */

/**
 * Day buckets expire this long after their last write (Redis): the live windows reach back 62 days, and a
 * rebuild's buckets for older days go away on their own.
 */
export const DAY_BUCKET_TTL_MS = 70 * DAY_MS;

/** Bucket (hash) names, relative to a level. */
export const BUCKETS = {
	day: (day: string) => `d:${day}`,
	/** `r:<day>` receipts and `c:<day>` received-and-closed per date, for carriedOver. */
	carry: 'carry',
	/** `aw` awaiting citizen, `ai` awaiting intake, `nd` open with no due date. */
	open: 'open'
} as const;

/** Sorted-set and hash names, relative to a level. */
export const SETS = {
	/** Open dossiers not awaiting the citizen, scored by due time. */
	due: 'due',
	/** Work-in-progress entries (scored by time) and exits, per stage. */
	wipStarts: (stage: Stage) => `ts:${stage}`,
	wipEnds: (stage: Stage) => `te:${stage}`,
	/** Hash: dossier code → encoded `WipEntry`. */
	wip: (stage: Stage) => `wip:${stage}`
} as const;

export const OPEN_COUNTERS = { awaitingCitizen: 'aw', awaitingIntake: 'ai', noDue: 'nd' } as const;

/** `[bucket, field, delta, 1 when the bucket expires (day buckets) else 0]` */
export type CounterOp = [string, string, number, 0 | 1];
/** `[sorted set, member, score]` */
export type MemberOp = [string, string, string];
/** `[hash, field, value]` */
export type FieldOp = [string, string, string];

export interface StoreOps {
	c: CounterOp[];
	z: MemberOp[];
	h: FieldOp[];
}

/** What a store remembers per dossier: the version applied (−1: none given), the ward, the province, the ops. */
export interface AppliedRecord {
	v: number;
	w: string;
	p: string;
	o: StoreOps;
}

const str = (value: number | null) => (value === null ? '' : String(value));
const num = (value: string) => (value === '' ? null : Number(value));

/** `enteredAt,overdueAt,allotFrom,allotTo` (empty for null). */
export function encodeWipEntry(entry: WipEntry): string {
	return [entry.enteredAt, entry.overdueAt, entry.allotFrom, entry.allotTo].map(str).join(',');
}

export function decodeWipEntry(stage: Stage, value: string): WipEntry {
	const [enteredAt, overdueAt, allotFrom, allotTo] = value.split(',') as [
		string,
		string,
		string,
		string
	];
	return {
		stage,
		enteredAt: Number(enteredAt),
		overdueAt: num(overdueAt),
		allotFrom: num(allotFrom),
		allotTo: num(allotTo)
	};
}

/** The flat writes of one dossier's contribution (the same at ward and province level). */
export function opsOf(code: string, contribution: Contribution): StoreOps {
	const c: CounterOp[] = [];
	for (const [day, counters] of Object.entries(contribution.days)) {
		for (const [field, delta] of Object.entries(counters)) {
			c.push([BUCKETS.day(day), field, delta, 1]);
		}
	}
	if (contribution.receivedDay !== null) {
		c.push([BUCKETS.carry, `r:${contribution.receivedDay}`, 1, 0]);
	}
	if (contribution.closedDay !== null) c.push([BUCKETS.carry, `c:${contribution.closedDay}`, 1, 0]);
	if (contribution.awaitingIntake) c.push([BUCKETS.open, OPEN_COUNTERS.awaitingIntake, 1, 0]);
	const z: MemberOp[] = [];
	const open = contribution.open;
	if (open?.awaitingCitizen) c.push([BUCKETS.open, OPEN_COUNTERS.awaitingCitizen, 1, 0]);
	else if (open && open.dueAt === null) c.push([BUCKETS.open, OPEN_COUNTERS.noDue, 1, 0]);
	else if (open && open.dueAt !== null) z.push([SETS.due, code, String(open.dueAt)]);
	contribution.wipTransitions.forEach((t, index) => {
		const set = t.delta === 1 ? SETS.wipStarts(t.stage) : SETS.wipEnds(t.stage);
		z.push([set, `${code}|${index}`, String(t.at)]);
	});
	const h: FieldOp[] = [];
	if (contribution.wip) {
		h.push([SETS.wip(contribution.wip.stage), code, encodeWipEntry(contribution.wip)]);
	}
	return { c, z, h };
}

/** The record a store keeps for a dossier after applying `contribution` at `version` (−1 when none). */
export function appliedRecord(
	code: string,
	contribution: Contribution,
	version: number | undefined
): AppliedRecord {
	return {
		v: version ?? -1,
		w: contribution.ward,
		p: contribution.province,
		o: opsOf(code, contribution)
	};
}

/**
 * Whether a change at `version` must be ignored: an older or equal version than the one applied is a replay or
 * a stale re-send. Changes without a version always apply (last write wins).
 */
export function isStale(version: number | undefined, applied: AppliedRecord | undefined): boolean {
	return version !== undefined && applied !== undefined && applied.v >= 0 && version <= applied.v;
}
