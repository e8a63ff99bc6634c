import { sql, type SQL } from 'drizzle-orm';
import type { Scope } from '../../src/lib/contracts/scope';
import { HOUR_MS, type Instant } from '../../src/lib/domain/calendar/vn-time';
import { WORKING_DAY_HOURS } from '../../src/lib/domain/calendar/working-calendar';
import { wipVisitAt } from '../../src/lib/domain/bottleneck';
import type { DossierState } from '../../src/lib/domain/dossier';
import {
	inProgressFigures,
	UNKNOWN_FIELD,
	type InProgressFigures,
	type ReceivedFigures,
	type ResolvedFigures
} from '../../src/lib/domain/kpi';
import { dueAtAsOf, openStatusAt } from '../../src/lib/domain/outcome';
import {
	measurementInstant,
	periodEnd,
	periodStart,
	type Period
} from '../../src/lib/domain/period';
import type { Database } from '../db/client';
import type { ReferenceData } from '../reference/reference-data';
import { isoOf, queryRows } from './sql-rows';

/**
 * The snapshot's figures of one scope split by field (lĩnh vực), for the Biểu 06/VPCP/KSTT form: the same
 * definitions as `sqlSnapshot` (server/read/snapshot.sql.ts) grouped by field instead of by child unit, so the
 * rows sum to the snapshot's own figures (tested). Also the dossiers overdue at the measurement instant, from
 * the same states as the in-progress count, so the report's list agrees with its figure.
 */

/** One field's figures; `received.byField` is left out (the row is the field). */
export interface FieldFigures {
	field: string;
	received: Omit<ReceivedFigures, 'byField'>;
	resolved: ResolvedFigures;
	inProgress: InProgressFigures;
}

/** A dossier overdue at the measurement instant: no personal data, only what the supervision needs. */
export interface OverdueDossier {
	code: string;
	ward: string;
	field: string;
	procedure: string | null;
	stage: string | null;
	receivedAt: Instant;
	/** The due date in force at the measurement instant. */
	dueAt: Instant;
	/** Started working days past the due date at the measurement instant (as the dossier lists count them). */
	overdueWorkingDays: number;
}

export interface ReportByField {
	/** The instant in-progress figures are measured at: `measurementInstant(period, now)`. */
	measuredAt: Instant;
	/** Fields in code order, `unknown` last; only fields with at least one non-zero figure. */
	fields: FieldFigures[];
	/** Every dossier overdue at `measuredAt`, the longest overdue first (then by code). */
	overdue: OverdueDossier[];
}

const emptyField = (field: string): FieldFigures => ({
	field,
	received: { total: 0, online: 0, direct: 0, postal: 0, carriedOver: 0 },
	resolved: { total: 0, early: 0, onTime: 0, late: 0, withdrawn: 0 },
	inProgress: {
		total: 0,
		withinTime: 0,
		dueSoon: 0,
		overdue: 0,
		awaitingCitizen: 0,
		awaitingIntake: 0
	}
});

function scopeFilter(scope: Scope): SQL {
	if (scope.kind === 'national') return sql`true`;
	return scope.kind === 'province'
		? sql`province_code = ${scope.code}`
		: sql`ward_code = ${scope.code}`;
}

const FIELD = sql`coalesce(field_code, ${UNKNOWN_FIELD})`;

/** Reads the per-field figures of `scope` over `period`, in-progress ones measured as the snapshot does. */
export async function reportByField(
	db: Database,
	reference: ReferenceData,
	options: { scope: Scope; period: Period; now: Instant }
): Promise<ReportByField> {
	const { scope, period, now } = options;
	const at = measurementInstant(period, now);
	const [start, end] = [periodStart(period), periodEnd(period)];
	const [S, E, A] = [isoOf(start), isoOf(end), isoOf(at)];
	const where = scopeFilter(scope);

	const [received, resolved, withdrawn, carriedOver, states] = await Promise.all([
		queryRows<{ field: string; channel: string; n: number }>(
			db,
			sql`select ${FIELD} as field, coalesce(channel, 'direct') as channel, count(*)::int as n
			from dossiers where ${where} and received_at >= ${S}::timestamptz and received_at < ${E}::timestamptz
			group by 1, 2`
		),
		queryRows<{ field: string; outcome: string; n: number }>(
			db,
			sql`select ${FIELD} as field, outcome, count(*)::int as n
			from dossiers where ${where} and finished_at >= ${S}::timestamptz and finished_at < ${E}::timestamptz
				and received_at is not null
			group by 1, 2`
		),
		queryRows<{ field: string; n: number }>(
			db,
			sql`select ${FIELD} as field, count(*)::int as n
			from dossiers where ${where} and status = 7 and received_at is not null
				and (state->>'withdrawnAt')::float8 >= ${start} and (state->>'withdrawnAt')::float8 < ${end}
			group by 1`
		),
		queryRows<{ field: string; n: number }>(
			db,
			sql`select field, sum(n)::int as n from (
				select ${FIELD} as field, count(*) as n from dossiers
				where ${where} and finished_at is null and received_at < ${S}::timestamptz
					and (status <> 7 or (state->>'withdrawnAt')::float8 >= ${start})
					and (status <> 3 or (state->>'refusedAt')::float8 >= ${start})
				group by 1
				union all
				select ${FIELD} as field, count(*) as n from dossiers
				where ${where} and finished_at >= ${S}::timestamptz and received_at < ${S}::timestamptz
				group by 1
			) as branches group by field`
		),
		// Candidates for "open at `at`": not finished, withdrawn or refused before it; the domain decides.
		queryRows<{ state: DossierState }>(
			db,
			sql`select state from dossiers
			where ${where} and (finished_at is null or finished_at > ${A}::timestamptz)
				and (status not in (3, 7) or coalesce((state->>'withdrawnAt')::float8,
					(state->>'refusedAt')::float8) > ${at})`
		)
	]);

	const byField = new Map<string, FieldFigures>();
	const of = (field: string) => {
		let found = byField.get(field);
		if (!found) byField.set(field, (found = emptyField(field)));
		return found;
	};
	for (const row of received) {
		const figures = of(row.field).received;
		figures.total += row.n;
		figures[row.channel as 'direct' | 'online' | 'postal'] += row.n;
	}
	for (const row of resolved) {
		const figures = of(row.field).resolved;
		if (row.outcome === 'early') figures.early += row.n;
		if (row.outcome === 'on_time') figures.onTime += row.n;
		if (row.outcome === 'late') figures.late += row.n;
	}
	for (const row of withdrawn) of(row.field).resolved.withdrawn += row.n;
	for (const row of carriedOver) of(row.field).received.carriedOver += row.n;
	for (const figures of byField.values()) {
		const r = figures.resolved;
		r.total = r.early + r.onTime + r.late + r.withdrawn;
	}

	const calendar = reference.calendar;
	const statesByField = new Map<string, DossierState[]>();
	const overdue: OverdueDossier[] = [];
	for (const { state } of states) {
		const field = state.field ?? UNKNOWN_FIELD;
		const list = statesByField.get(field) ?? [];
		list.push(state);
		statesByField.set(field, list);
		if (openStatusAt(state, at, calendar) !== 'overdue') continue;
		const dueAt = dueAtAsOf(state, at) as Instant;
		overdue.push({
			code: state.code,
			ward: state.ward,
			field,
			procedure: state.procedure,
			stage: wipVisitAt(state, at)?.stage ?? null,
			receivedAt: state.receivedAt as Instant,
			dueAt,
			overdueWorkingDays: Math.ceil(
				calendar.workingMsBetween(dueAt, at) / (WORKING_DAY_HOURS * HOUR_MS)
			)
		});
	}
	for (const [field, list] of statesByField) {
		const figures = inProgressFigures(list, at, calendar);
		if (figures.total + figures.awaitingIntake > 0) of(field).inProgress = figures;
	}
	overdue.sort((a, b) => a.dueAt - b.dueAt || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

	const fields = [...byField.values()].sort((a, b) =>
		a.field === b.field
			? 0
			: a.field === UNKNOWN_FIELD
				? 1
				: b.field === UNKNOWN_FIELD
					? -1
					: a.field < b.field
						? -1
						: 1
	);
	return { measuredAt: at, fields, overdue };
}
