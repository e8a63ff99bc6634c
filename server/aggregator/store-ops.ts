import {
	addDays,
	DAY_MS,
	type CalendarDate,
	HOUR_MS,
	vnDateOf,
	vnMsOfDay,
	type Instant
} from '../../src/lib/domain/calendar/vn-time';
import type { Stage } from '../../src/lib/domain/dossier';
import { percentileRanks } from '../../src/lib/domain/statistics';
import type { Contribution } from './projection';

/**
 * A contribution flattened into the primitive writes both stores perform, once per level (the dossier's ward
 * and its province; names starting with `@` belong to the national level only). Storing the flat record per
 * dossier lets a store subtract exactly what it added, without re-running the projection (the Redis script
 * only reads this shape). Large numbers travel as strings so that Lua never formats a float.
 */

/**
 * Day buckets expire this long after a field was last added (Redis), so at least this long after they were
 * created: the live windows reach back 62 days, and a rebuild's buckets for older days go away on their own.
 */
export const DAY_BUCKET_TTL_MS = 70 * DAY_MS;
/** Hour buckets serve only the bottleneck lookback (hours, at most a day): kept for three days. */
export const HOUR_BUCKET_TTL_MS = 3 * DAY_MS;

/**
 * Builds each name once: the apply path asks for the same few hundred names (days, stages) for every dossier,
 * and fresh strings cost the garbage collector more than a lookup.
 */
function named(build: (part: string) => string): (part: string) => string {
	const built = new Map<string, string>();
	return (part) => {
		let name = built.get(part);
		if (name === undefined) {
			if (built.size >= 4_096) built.clear();
			built.set(part, (name = build(part)));
		}
		return name;
	};
}

/** Bucket (hash) names, relative to a level. */
export const BUCKETS = {
	day: named((day) => `d:${day}`),
	/** Work-in-progress entries and exits per stage and hour of a day (see `hourSlot`). */
	hours: named((day) => `h:${day}`),
	/** `r:<day>` receipts and `c:<day>` received-and-closed per date, for carriedOver. */
	carry: 'carry',
	/** `aw` awaiting citizen, `ai` awaiting intake, `nd` open with no due date. */
	open: 'open'
} as const;

/**
 * The oldest expiring buckets still worth writing on `today`: reads look back 62 days (live windows) and a day
 * or so (the bottleneck lookback), so older buckets would expire unread. Two days of margin cover clocks that
 * disagree between processes; a write skipped on both sides (old and new contribution) stays exact.
 */
export function liveBucketFloors(today: CalendarDate): { day: string; hour: string } {
	return {
		day: BUCKETS.day(addDays(today, -DAY_BUCKET_WRITE_DAYS)),
		hour: BUCKETS.hours(addDays(today, -HOUR_BUCKET_WRITE_DAYS))
	};
}
const DAY_BUCKET_WRITE_DAYS = 64;
const HOUR_BUCKET_WRITE_DAYS = 2;

/** Whether a bucket is at or after its floor (bucket names sort by date within their kind). */
export function isBucketLive(bucket: string, floors: { day: string; hour: string }): boolean {
	if (bucket.startsWith('d:')) return bucket >= floors.day;
	if (bucket.startsWith('h:')) return bucket >= floors.hour;
	return true;
}

/** How long a bucket is kept after a field was last added (Redis), or null when it is kept for good. */
export function bucketTtlMs(bucket: string): number | null {
	if (bucket.startsWith('d:')) return DAY_BUCKET_TTL_MS;
	if (bucket.startsWith('h:')) return HOUR_BUCKET_TTL_MS;
	return null;
}

/**
 * The hour bucket of a transition at `at`: the hour holding `at − 1 ms`, so that the transitions strictly after
 * a whole hour H are exactly those in the buckets of H and later.
 */
export function hourSlot(at: Instant): { day: string; hour: number } {
	return { day: vnDateOf(at - 1), hour: Math.floor(vnMsOfDay(at - 1) / HOUR_MS) };
}

/** An hour counter's names, built once per stage for its 24 hours (see `named`). */
function hourCounter(kind: 's' | 'e'): (stage: Stage, hour: number) => string {
	const byStage = new Map<string, string[]>();
	return (stage, hour) => {
		let names = byStage.get(stage);
		if (!names)
			byStage.set(stage, (names = Array.from({ length: 24 }, (_, h) => `${kind}:${stage}:${h}`)));
		return names[hour] ?? `${kind}:${stage}:${hour}`;
	};
}

/** Counter names inside an hour bucket. */
export const HOUR_COUNTERS = {
	entered: hourCounter('s'),
	left: hourCounter('e')
} as const;

/** Sorted-set names, relative to a level. */
export const SETS = {
	/** Open dossiers not awaiting the citizen, scored by due time. */
	due: 'due',
	/** Work in progress per stage, scored by stage entry time (ages are monotone in it: percentiles by rank). */
	queue: named((stage) => `wq:${stage}`) as (stage: Stage) => string,
	/** The same, scored by the instant it becomes overdue in stage. */
	overdue: named((stage) => `wo:${stage}`) as (stage: Stage) => string,
	/** The same, scored by the instant it goes over the stage's share of its legal time. */
	overShare: named((stage) => `wl:${stage}`) as (stage: Stage) => string,
	/** The nation's work in progress per stage (the only national-level set: percentiles do not sum). */
	nationalQueue: named((stage) => `@wq:${stage}`) as (stage: Stage) => string
} as const;

/** Whether a set or bucket name belongs to the national level rather than to the ward and province. */
export const isNational = (name: string) => name.startsWith('@');

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

/**
 * Receives a contribution's flat writes one by one (`visitOps`): a counter with its delta (`expiring`: a day or
 * hour bucket), a sorted-set member with its score. Stores build what they keep straight from it.
 */
export interface OpsSink {
	counter(bucket: string, field: string, delta: number, expiring: 0 | 1): void;
	member(set: string, member: string, score: number): void;
}

/** Walks the flat writes of one dossier's contribution (the same at ward and province level), in a fixed order. */
export function visitOps(code: string, contribution: Contribution, sink: OpsSink): void {
	for (const day in contribution.days) {
		const bucket = BUCKETS.day(day);
		const counters = contribution.days[day] as Record<string, number>;
		for (const field in counters) sink.counter(bucket, field, counters[field] as number, 1);
	}
	if (contribution.receivedDay !== null)
		sink.counter(BUCKETS.carry, `r:${contribution.receivedDay}`, 1, 0);
	if (contribution.closedDay !== null)
		sink.counter(BUCKETS.carry, `c:${contribution.closedDay}`, 1, 0);
	if (contribution.awaitingIntake) sink.counter(BUCKETS.open, OPEN_COUNTERS.awaitingIntake, 1, 0);
	const open = contribution.open;
	if (open?.awaitingCitizen) sink.counter(BUCKETS.open, OPEN_COUNTERS.awaitingCitizen, 1, 0);
	else if (open && open.dueAt === null) sink.counter(BUCKETS.open, OPEN_COUNTERS.noDue, 1, 0);
	else if (open && open.dueAt !== null) sink.member(SETS.due, code, open.dueAt);
	// One write per (bucket, counter): records are compared item by item, so repeats are summed first (a
	// dossier has a few transitions: a list beats a map).
	const hourly: [string, string, number][] = [];
	for (const t of contribution.wipTransitions) {
		const { day, hour } = hourSlot(t.at);
		const bucket = BUCKETS.hours(day);
		const counter =
			t.delta === 1 ? HOUR_COUNTERS.entered(t.stage, hour) : HOUR_COUNTERS.left(t.stage, hour);
		const op = hourly.find((item) => item[1] === counter && item[0] === bucket);
		if (op) op[2] += 1;
		else hourly.push([bucket, counter, 1]);
	}
	for (const [bucket, counter, delta] of hourly) sink.counter(bucket, counter, delta, 1);
	const wip = contribution.wip;
	if (wip) {
		sink.member(SETS.queue(wip.stage), code, wip.enteredAt);
		sink.member(SETS.nationalQueue(wip.stage), code, wip.enteredAt);
		if (wip.overdueAt !== null) sink.member(SETS.overdue(wip.stage), code, wip.overdueAt);
		if (wip.overShareAfter !== null)
			sink.member(SETS.overShare(wip.stage), code, wip.overShareAfter);
	}
}

/** The flat writes of one dossier's contribution, as lists (`visitOps`). */
export function opsOf(code: string, contribution: Contribution): StoreOps {
	const c: CounterOp[] = [];
	const z: MemberOp[] = [];
	visitOps(code, contribution, {
		counter: (bucket, field, delta, expiring) => c.push([bucket, field, delta, expiring]),
		member: (set, member, score) => z.push([set, member, String(score)])
	});
	return { c, z, h: [] };
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
 * Whether a change at `version` must be ignored, given the version applied (undefined: nothing applied; −1:
 * applied without one): an older or equal version than the one applied is a replay or a stale re-send. Changes
 * without a version always apply (last write wins).
 */
export function isStale(version: number | undefined, applied: number | undefined): boolean {
	return version !== undefined && applied !== undefined && applied >= 0 && version <= applied;
}

/** The hour buckets holding the transitions strictly after `lookbackFrom` (a whole hour) up to `now`. */
export function lookbackBuckets(
	lookbackFrom: Instant,
	now: Instant
): { bucket: string; fromHour: number }[] {
	const first = hourSlot(lookbackFrom + 1);
	const buckets = [{ bucket: BUCKETS.hours(first.day), fromHour: first.hour }];
	for (let day = addDays(first.day, 1); day <= vnDateOf(now); day = addDays(day, 1))
		buckets.push({ bucket: BUCKETS.hours(day), fromHour: 0 });
	return buckets;
}

/** Sums hour-bucket counters (`s:<stage>:<hour>`, `e:<stage>:<hour>`) from each bucket's first hour on. */
export function sumTransitions(
	buckets: readonly { fromHour: number; counters: Iterable<[string, number]> }[]
): Map<string, { entered: number; left: number }> {
	const sums = new Map<string, { entered: number; left: number }>();
	for (const { fromHour, counters } of buckets) {
		for (const [field, value] of counters) {
			const [kind, stage, hour] = field.split(':') as [string, string, string];
			if (Number(hour) < fromHour) continue;
			let sum = sums.get(stage);
			if (!sum) sums.set(stage, (sum = { entered: 0, left: 0 }));
			if (kind === 's') sum.entered += value;
			else sum.left += value;
		}
	}
	return sums;
}

/**
 * The entry instants at the two ranks of each percentile (`percentileRanks`), from entry instants sorted
 * newest first (youngest age first).
 */
export function percentileEntries(
	newestFirst: readonly Instant[],
	percentiles: readonly number[]
): (readonly [Instant, Instant])[] {
	const entries: (readonly [Instant, Instant])[] = [];
	for (const p of percentiles) {
		const ranks = percentileRanks(newestFirst.length, p);
		if (ranks)
			entries.push([newestFirst[ranks.lower] as Instant, newestFirst[ranks.upper] as Instant]);
	}
	return entries;
}
