import { sql, type SQL } from 'drizzle-orm';
import type { Scope } from '../../src/lib/contracts/scope';
import type { Instant } from '../../src/lib/domain/calendar/vn-time';
import type { DossierState } from '../../src/lib/domain/dossier';
import {
	measurementInstant,
	periodEnd,
	periodStart,
	type Period
} from '../../src/lib/domain/period';
import { countServiceIndex, type ServiceIndexCounts } from '../../src/lib/domain/service-index';
import type { Database } from '../db/client';
import type { ReferenceData } from '../reference/reference-data';
import { isoOf, queryRows } from './sql-rows';

/**
 * The counts behind the Decision 766 estimate (`countServiceIndex`) for a scope and period, from the `dossiers`
 * table in one query, so the nation's million dossiers are never loaded. Every rule is the domain's, written in
 * SQL: received in the period by channel, fee, online payment and digitisation flag; and the national-index
 * outcome of each measured dossier (finished in the period, or unfinished at the measurement instant). The one
 * rule SQL cannot apply is a single supplement's pause (working time, the holiday calendar): those few dossiers
 * come back as states and the domain judges them. Equal to `countServiceIndex` over all states (tested).
 */

interface CountsRow {
	received: number;
	online: number;
	with_fee: number;
	paid_online: number;
	digitisable: number;
	digitised: number;
	on_time: number;
	late: number;
	disliked: number;
	/** Measured dossiers with exactly one supplement request by their measurement instant. */
	deferred: DossierState[] | null;
}

function scopeFilter(scope: Scope): SQL {
	if (scope.kind === 'national') return sql`true`;
	return scope.kind === 'province'
		? sql`province_code = ${scope.code}`
		: sql`ward_code = ${scope.code}`;
}

/** The counts of `scope` over `period`, measured at `measurementInstant(period, now)`. */
export async function sqlServiceIndexCounts(
	db: Database,
	reference: ReferenceData,
	options: { scope: Scope; period: Period; now: Instant }
): Promise<ServiceIndexCounts> {
	const { scope, period, now } = options;
	const at = measurementInstant(period, now);
	const start = periodStart(period);
	const [S, E, AT] = [isoOf(start), isoOf(periodEnd(period)), isoOf(at)];
	const [row] = await queryRows<CountsRow>(
		db,
		sql`with scoped as (
			select channel, state,
				received_at >= ${S}::timestamptz and received_at < ${E}::timestamptz as in_period,
				-- Measured: received by then, not finished before the period, not withdrawn or refused by then.
				received_at <= ${AT}::timestamptz and (finished_at is null or finished_at >= ${S}::timestamptz)
					and coalesce((state->>'withdrawnAt')::float8, (state->>'refusedAt')::float8, 'Infinity') > ${at}
					as counted,
				finished_at is not null and finished_at <= ${AT}::timestamptz as finished,
				-- A finished dossier is judged at its finish, an unfinished one at the measurement instant.
				case when finished_at is not null and finished_at <= ${AT}::timestamptz
					then (state->>'finishedAt')::float8 else ${at}::float8 end as m
			from dossiers
			where ${scopeFilter(scope)} and received_at is not null
				and ((received_at >= ${S}::timestamptz and received_at < ${E}::timestamptz)
					or (received_at <= ${AT}::timestamptz and (finished_at is null or finished_at >= ${S}::timestamptz)))
		), judged as (
			select scoped.*,
				case when not counted then null
					when requests > 1 then 'late'
					when requests = 1 then 'deferred'
					when finished then case when due is null or m <= due then 'on_time' else 'late' end
					when due is not null and due < ${at} then 'late'
					else 'pending' end as outcome
			from scoped
			cross join lateral (
				select count(*) as requests from jsonb_array_elements(state->'supplements') as s
				where (s->>'requestedAt')::float8 <= m
			) as r
			-- The index's due date without supplements: set at receipt or by the last extension by then.
			left join lateral (
				select (h->>'dueAt')::float8 as due
				from jsonb_array_elements(state->'dueAtHistory') with ordinality as x(h, i)
				where (h->>'at')::float8 <= m and h->>'cause' <> 'supplement'
				order by i desc limit 1
			) as d on true
		)
		select
			count(*) filter (where in_period)::int as received,
			count(*) filter (where in_period and channel = 'online')::int as online,
			count(*) filter (where in_period and jsonb_array_length(state->'fees') > 0)::int as with_fee,
			count(*) filter (where in_period and state->'fees' @> '[{"paidOnline": true}]'::jsonb)::int
				as paid_online,
			count(*) filter (where in_period and jsonb_typeof(state->'digitised') = 'boolean')::int
				as digitisable,
			count(*) filter (where in_period and state->'digitised' = 'true'::jsonb)::int as digitised,
			count(*) filter (where outcome = 'on_time')::int as on_time,
			count(*) filter (where outcome = 'late')::int as late,
			count(*) filter (where outcome in ('on_time', 'late')
				and state->'rating'->'satisfied' = 'false'::jsonb
				and (state->'rating'->>'at')::float8 <= ${at})::int as disliked,
			jsonb_agg(state) filter (where outcome = 'deferred') as deferred
		from judged`
	);
	const deferred = countServiceIndex(row?.deferred ?? [], {
		period,
		now,
		calendar: reference.calendar
	}).measured;
	return {
		received: row?.received ?? 0,
		online: row?.online ?? 0,
		withFee: row?.with_fee ?? 0,
		paidOnline: row?.paid_online ?? 0,
		digitisable: row?.digitisable ?? 0,
		digitised: row?.digitised ?? 0,
		measured: {
			onTime: (row?.on_time ?? 0) + deferred.onTime,
			late: (row?.late ?? 0) + deferred.late,
			disliked: (row?.disliked ?? 0) + deferred.disliked
		}
	};
}
