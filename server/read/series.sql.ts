import { sql, type SQL } from 'drizzle-orm';
import {
	bucketMs,
	MAX_HOURLY_DAYS,
	toSeriesJson,
	type BucketCounts,
	type SeriesBucket,
	type SeriesJson
} from '../../src/lib/contracts/series';
import { formatScope, type Scope } from '../../src/lib/contracts/scope';
import { daysBetween, type Instant } from '../../src/lib/domain/calendar/vn-time';
import { periodEnd, periodStart, type Period } from '../../src/lib/domain/period';
import type { Database } from '../db/client';
import { isoOf, queryRows } from './sql-rows';

/**
 * Intake against resolved per bucket (`GET /api/v1/series`), in one grouped query over `dossiers`. Each branch
 * filters exactly as the snapshot's received, resolved and withdrawn queries do (server/read/snapshot.sql.ts),
 * so the buckets of a period add up to that period's snapshot totals.
 */

export interface IntakeSeriesOptions {
	scope: Scope;
	period: Period;
	bucket: SeriesBucket;
	/** Marks the buckets that start after it as `future`; the counts do not depend on it. */
	now: Instant;
}

function scopeFilter(scope: Scope): SQL {
	if (scope.kind === 'national') return sql`true`;
	return scope.kind === 'province'
		? sql`province_code = ${scope.code}`
		: sql`ward_code = ${scope.code}`;
}

/**
 * The bucket index of an epoch-milliseconds expression. The period starts at Vietnam midnight and a bucket is a
 * whole hour or day, so counting from the start buckets in Vietnam time; numeric keeps milliseconds exact.
 */
const slotOf = (ms: SQL, start: Instant, size: number): SQL =>
	sql`floor((${ms} - ${start}::numeric) / ${size}::numeric)::int`;

const epochMs = (column: string): SQL => sql`extract(epoch from ${sql.raw(column)}) * 1000`;

/** Counts per bucket of the scope and period; every bucket present, zeros included. */
export async function sqlIntakeSeries(
	db: Database,
	options: IntakeSeriesOptions
): Promise<SeriesJson> {
	const { scope, period, bucket, now } = options;
	// The REST query refuses this with a 400; a page's load must not ask for thousands of hours either.
	if (bucket === 'hour' && daysBetween(period.from, period.to) + 1 > MAX_HOURLY_DAYS) {
		throw new RangeError(`hour buckets cover at most ${MAX_HOURLY_DAYS} days`);
	}
	const [start, end] = [periodStart(period), periodEnd(period)];
	const [S, E] = [isoOf(start), isoOf(end)];
	const size = bucketMs(bucket);
	const where = scopeFilter(scope);

	// Received: the (ward|province, received_at) indexes. Resolved: finished with a Biểu 06 outcome, on the
	// (ward|province, finished_at) indexes, plus withdrawn (status 7, the instant in the state, as the snapshot).
	const rows = await queryRows<{ kind: 'received' | 'resolved'; slot: number; n: number }>(
		db,
		sql`select kind, slot, count(*)::int as n from (
			select 'received' as kind, ${slotOf(epochMs('received_at'), start, size)} as slot
			from dossiers where ${where} and received_at >= ${S}::timestamptz and received_at < ${E}::timestamptz
			union all
			select 'resolved', ${slotOf(epochMs('finished_at'), start, size)}
			from dossiers where ${where} and finished_at >= ${S}::timestamptz and finished_at < ${E}::timestamptz
				and received_at is not null and outcome in ('early', 'on_time', 'late')
			union all
			select 'resolved', ${slotOf(sql`(state->>'withdrawnAt')::numeric`, start, size)}
			from dossiers where ${where} and status = 7 and received_at is not null
				and (state->>'withdrawnAt')::float8 >= ${start} and (state->>'withdrawnAt')::float8 < ${end}
		) as moves group by 1, 2`
	);

	const counts = new Map<number, BucketCounts>();
	for (const row of rows) {
		const found = counts.get(row.slot) ?? { received: 0, resolved: 0 };
		found[row.kind] += row.n;
		counts.set(row.slot, found);
	}
	return toSeriesJson(formatScope(scope), period, bucket, now, counts);
}
