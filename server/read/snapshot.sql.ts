import { sql, type SQL } from 'drizzle-orm';
import type { Scope } from '../../src/lib/contracts/scope';
import { HOUR_MS, type Instant } from '../../src/lib/domain/calendar/vn-time';
import {
	DEFAULT_BOTTLENECK_RULE,
	stageFigures,
	type BottleneckRule
} from '../../src/lib/domain/bottleneck';
import type { DossierState } from '../../src/lib/domain/dossier';
import {
	inProgressFigures,
	onlineRate,
	onTimeRate,
	UNKNOWN_FIELD,
	type ReceivedFigures,
	type ResolvedFigures
} from '../../src/lib/domain/kpi';
import type { Snapshot } from '../../src/lib/domain/oracle';
import { DUE_SOON_WORKING_HOURS } from '../../src/lib/domain/outcome';
import {
	measurementInstant,
	periodEnd,
	periodStart,
	type Period
} from '../../src/lib/domain/period';
import type { Database } from '../db/client';
import type { ReferenceData } from '../reference/reference-data';
import { childScopeId } from './scopes';
import { isoOf, queryRows } from './sql-rows';

/**
 * The snapshot of ARCHITECTURE §4.3 answered from Postgres for any period. Counting figures (received, resolved,
 * withdrawn, carried over) are indexed aggregate queries grouped by child unit; time-dependent figures (in
 * progress, stages) load the few states that can matter at the measurement instant and apply the domain's own
 * functions to them, so every rule stays written once. Equal to `computeSnapshot` (tested).
 */

export interface SqlSnapshotOptions {
	scope: Scope;
	period: Period;
	now: Instant;
	/** Child unit codes (provinces of the nation, wards of a province) to give figures for; none when absent. */
	children?: readonly string[];
	bottleneck?: BottleneckRule;
	dueSoonWorkingHours?: number;
}

/** Per child unit: the counting figures and the states loaded for the time-dependent ones. */
interface Part {
	received: ReceivedFigures;
	resolved: ResolvedFigures;
	states: DossierState[];
}

const emptyPart = (): Part => ({
	received: { total: 0, online: 0, direct: 0, postal: 0, carriedOver: 0, byField: {} },
	resolved: { total: 0, early: 0, onTime: 0, late: 0, withdrawn: 0 },
	states: []
});

function scopeFilter(scope: Scope): SQL {
	if (scope.kind === 'national') return sql`true`;
	return scope.kind === 'province'
		? sql`province_code = ${scope.code}`
		: sql`ward_code = ${scope.code}`;
}

/** The column naming a row's child unit: the province under the nation, else the ward. */
const childKey = (scope: Scope): SQL =>
	sql.raw(scope.kind === 'national' ? 'province_code' : 'ward_code');

/** Computes the snapshot of `options.scope` (and of its children) from the `dossiers` table. */
export async function sqlSnapshot(
	db: Database,
	reference: ReferenceData,
	options: SqlSnapshotOptions
): Promise<Snapshot> {
	const { scope, period, now } = options;
	const rule = options.bottleneck ?? DEFAULT_BOTTLENECK_RULE;
	const dueSoonHours = options.dueSoonWorkingHours ?? DUE_SOON_WORKING_HOURS;
	const at = measurementInstant(period, now);
	const start = periodStart(period);
	const end = periodEnd(period);
	// The earliest instant a time-dependent figure looks at: the period start, or the bottleneck lookback.
	const earliest = Math.min(start, at - rule.lookbackHours * HOUR_MS);
	const where = scopeFilter(scope);
	const key = childKey(scope);
	const [S, E, LO] = [isoOf(start), isoOf(end), isoOf(earliest)];

	const [received, resolved, withdrawn, carriedOver, states] = await Promise.all([
		// (ward|province, received_at) indexes.
		queryRows<{ key: string; channel: string; field: string; n: number }>(
			db,
			sql`select ${key} as key, coalesce(channel, 'direct') as channel,
				coalesce(field_code, ${UNKNOWN_FIELD}) as field, count(*)::int as n
			from dossiers where ${where} and received_at >= ${S}::timestamptz and received_at < ${E}::timestamptz
			group by 1, 2, 3`
		),
		// (ward|province, finished_at) indexes; `outcome` is the stored Biểu 06 verdict of the finished dossier.
		queryRows<{ key: string; outcome: string; n: number }>(
			db,
			sql`select ${key} as key, outcome, count(*)::int as n
			from dossiers where ${where} and finished_at >= ${S}::timestamptz and finished_at < ${E}::timestamptz
				and received_at is not null
			group by 1, 2`
		),
		// Status 7 exactly when withdrawnAt is set (the lifecycle's first status rule); no index on the instant.
		queryRows<{ key: string; n: number }>(
			db,
			sql`select ${key} as key, count(*)::int as n
			from dossiers where ${where} and status = 7 and received_at is not null
				and (state->>'withdrawnAt')::float8 >= ${start} and (state->>'withdrawnAt')::float8 < ${end}
			group by 1`
		),
		// Two disjoint branches so each uses an index: open (partial due-date index) and finished since the start.
		queryRows<{ key: string; n: number }>(
			db,
			sql`select key, sum(n)::int as n from (
				select ${key} as key, count(*) as n from dossiers
				where ${where} and finished_at is null and received_at < ${S}::timestamptz
					and (status <> 7 or (state->>'withdrawnAt')::float8 >= ${start})
					and (status <> 3 or (state->>'refusedAt')::float8 >= ${start})
				group by 1
				union all
				select ${key} as key, count(*) as n from dossiers
				where ${where} and finished_at >= ${S}::timestamptz and received_at < ${S}::timestamptz
				group by 1
			) as branches group by key`
		),
		loadStates(db, where, key, { start: S, earliest: LO, earliestMs: earliest })
	]);

	const parts = new Map<string, Part>();
	const part = (code: string) => {
		let found = parts.get(code);
		if (!found) parts.set(code, (found = emptyPart()));
		return found;
	};
	for (const row of received) {
		const figures = part(row.key).received;
		figures.total += row.n;
		figures[row.channel as 'direct' | 'online' | 'postal'] += row.n;
		figures.byField[row.field] = (figures.byField[row.field] ?? 0) + row.n;
	}
	for (const row of resolved) {
		const figures = part(row.key).resolved;
		if (row.outcome === 'early') figures.early += row.n;
		if (row.outcome === 'on_time') figures.onTime += row.n;
		if (row.outcome === 'late') figures.late += row.n;
	}
	for (const row of withdrawn) part(row.key).resolved.withdrawn += row.n;
	for (const row of carriedOver) part(row.key).received.carriedOver += row.n;
	for (const row of states) part(row.key).states.push(row.state);

	const snapshotOf = (id: string, pieces: readonly Part[]): Snapshot => {
		const whole = emptyPart();
		for (const piece of pieces) {
			const r = whole.received;
			r.total += piece.received.total;
			r.online += piece.received.online;
			r.direct += piece.received.direct;
			r.postal += piece.received.postal;
			r.carriedOver += piece.received.carriedOver;
			for (const [field, n] of Object.entries(piece.received.byField)) {
				r.byField[field] = (r.byField[field] ?? 0) + n;
			}
			for (const k of ['early', 'onTime', 'late', 'withdrawn'] as const) {
				whole.resolved[k] += piece.resolved[k];
			}
			whole.states.push(...piece.states);
		}
		const res = whole.resolved;
		res.total = res.early + res.onTime + res.late + res.withdrawn;
		return {
			scope: id,
			asOf: now,
			period,
			received: whole.received,
			resolved: res,
			onTimeRate: onTimeRate(res),
			onlineRate: onlineRate(whole.received),
			inProgress: inProgressFigures(whole.states, at, reference.calendar, dueSoonHours),
			stages: stageFigures(whole.states, { period, at, calendar: reference.calendar, rule })
		};
	};

	const id = scope.kind === 'national' ? 'national' : `${scope.kind}:${scope.code}`;
	const snapshot = snapshotOf(id, [...parts.values()]);
	if (options.children) {
		snapshot.children = options.children.map((code) =>
			snapshotOf(childScopeId(scope, code), parts.has(code) ? [part(code)] : [])
		);
	}
	return snapshot;
}

/**
 * States that can count for in-progress and stage figures: open at some instant from `earliest` on (so not
 * finished, withdrawn or refused before it), or with a stage visit in the period. A visit never starts after a
 * return, so a dossier returned before the period start has none in it; a finished but unreturned one may still
 * move to the result desk, so it stays a candidate. The domain then decides which of them count.
 */
function loadStates(
	db: Database,
	where: SQL,
	key: SQL,
	bounds: { start: string; earliest: string; earliestMs: Instant }
) {
	return queryRows<{ key: string; state: DossierState }>(
		db,
		sql`select ${key} as key, state from dossiers
		where ${where}
			and (finished_at is null or finished_at >= ${bounds.earliest}::timestamptz
				or returned_at is null or returned_at >= ${bounds.start}::timestamptz)
			and (status not in (3, 7) or coalesce((state->>'withdrawnAt')::float8,
				(state->>'refusedAt')::float8) >= ${bounds.earliestMs})`
	);
}
