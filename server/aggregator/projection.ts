import { vnDateOf, type CalendarDate, type Instant } from '../../src/lib/domain/calendar/vn-time';
import type { WorkingCalendar } from '../../src/lib/domain/calendar/working-calendar';
import {
	DEFAULT_BOTTLENECK_RULE,
	overShareAfter,
	stageAllowanceMs,
	wipVisitAt,
	type BottleneckRule
} from '../../src/lib/domain/bottleneck';
import { closedAt, type DossierState, type Stage } from '../../src/lib/domain/dossier';
import { channelOf, UNKNOWN_FIELD } from '../../src/lib/domain/kpi';
import { dueAtAsOf, isAwaitingCitizenAt, outcomeOf } from '../../src/lib/domain/outcome';

/**
 * What one dossier adds to the aggregates, as plain JSON. The store sums contributions; a change replaces the
 * dossier's previous contribution. Time-dependent figures are not decided here: open dossiers carry their due
 * time and stage entry so the reader classifies them at the instant of reading.
 *
 * Facts are taken as of "after every event" (instant +∞): the store is exact when read at a `now` no earlier
 * than the dossier's last event, which is the live case.
 */

/** The latest instant: the state as of after all its events. */
const END = Number.POSITIVE_INFINITY;

/** Counter names inside a day bucket (Vietnam calendar date). */
export const DAY_COUNTERS = {
	receivedBy: (channel: string) => `rc:${channel}`,
	receivedIn: (field: string) => `rf:${field}`,
	resolved: (outcome: string) => `ro:${outcome}`,
	withdrawn: 'wd',
	inflow: (stage: Stage) => `in:${stage}`,
	outflow: (stage: Stage) => `out:${stage}`
} as const;

/** The dossier's current stage visit when it counts as work in progress. */
export interface WipEntry {
	stage: Stage;
	enteredAt: Instant;
	/** Earliest of the due date in force and the step's own deadline: overdue in stage once passed. */
	overdueAt: Instant | null;
	/** Over the stage's share of its legal time once this instant has passed (null without a due date). */
	overShareAfter: Instant | null;
}

/** The dossier entered (+1) or left (−1) work in progress of a stage at `at`. */
export interface WipTransition {
	at: Instant;
	stage: Stage;
	delta: 1 | -1;
}

export interface Contribution {
	ward: string;
	province: string;
	/** Day → counter → amount (see `DAY_COUNTERS`). */
	days: Record<CalendarDate, Record<string, number>>;
	/** Vietnam date of the receipt (for carriedOver), null when not received. */
	receivedDay: CalendarDate | null;
	/** Date by which it was both received and closed (max of the two), null while open or never received. */
	closedDay: CalendarDate | null;
	/** Accepted and not closed: awaiting the citizen, or classified at read time by its due time. */
	open: { dueAt: Instant | null; awaitingCitizen: boolean } | null;
	/** Submitted, not yet received, not closed. */
	awaitingIntake: boolean;
	wip: WipEntry | null;
	/** Every entry into and exit from work in progress, for "work in progress N hours ago". */
	wipTransitions: WipTransition[];
}

export interface ProjectionContext {
	provinceOf(ward: string): string | undefined;
	calendar: WorkingCalendar;
	/** The stage shares are fixed into the contribution; a changed rule needs a rebuild. */
	rule?: BottleneckRule;
}

function bump(days: Contribution['days'], at: Instant, counter: string): void {
	const day = vnDateOf(at);
	const bucket = (days[day] ??= {});
	bucket[counter] = (bucket[counter] ?? 0) + 1;
}

/**
 * Instants where `wipVisitAt(state, t)` can change: every condition it tests is `a ≤ t` or `t < b` for one of
 * these, so it is constant between consecutive ones and null before the first.
 */
function breakpoints(state: DossierState): Instant[] {
	const points = [state.receivedAt, state.finishedAt, state.withdrawnAt, state.refusedAt];
	for (const s of state.supplements) points.push(s.requestedAt, s.receivedAt);
	for (const f of state.fees) points.push(f.requestedAt, f.paidAt);
	for (const v of state.stages) points.push(v.enteredAt, v.exitedAt);
	return [...new Set(points.filter((p): p is Instant => p !== null))].sort((a, b) => a - b);
}

/** The exact timeline of the dossier's work in progress per stage, as entries and exits. */
export function wipTransitionsOf(state: DossierState): WipTransition[] {
	const transitions: WipTransition[] = [];
	let previous: Stage | null = null;
	for (const at of breakpoints(state)) {
		const stage = wipVisitAt(state, at)?.stage ?? null;
		if (stage === previous) continue;
		if (previous !== null) transitions.push({ at, stage: previous, delta: -1 });
		if (stage !== null) transitions.push({ at, stage, delta: 1 });
		previous = stage;
	}
	return transitions;
}

function wipEntryOf(state: DossierState, ctx: ProjectionContext): WipEntry | null {
	const visit = wipVisitAt(state, END);
	if (visit === null) return null;
	const dueAt = dueAtAsOf(state, END);
	const deadlines = [dueAt, visit.stageDueAt].filter((d): d is Instant => d !== null);
	const rule = ctx.rule ?? DEFAULT_BOTTLENECK_RULE;
	const allowance = stageAllowanceMs(state, visit.stage, END, ctx.calendar, rule);
	return {
		stage: visit.stage,
		enteredAt: visit.enteredAt,
		overdueAt: deadlines.length === 0 ? null : Math.min(...deadlines),
		overShareAfter:
			allowance === null ? null : overShareAfter(visit.enteredAt, allowance, ctx.calendar)
	};
}

/**
 * Everything a dossier adds to the aggregates, mirroring the oracle's definitions: received (by channel and
 * field) on the receipt's date; resolved by Biểu 06 outcome on the finish date and withdrawn on the withdrawal
 * date, both only for accepted dossiers; stage inflow/outflow for every visit. Null when the handling ward has
 * no known province (the dossier cannot be placed in any scope).
 */
export function contributionOf(state: DossierState, ctx: ProjectionContext): Contribution | null {
	const province = ctx.provinceOf(state.ward);
	if (province === undefined) return null;
	const days: Contribution['days'] = {};
	const received = state.receivedAt;
	const closed = closedAt(state);
	if (received !== null) {
		bump(days, received, DAY_COUNTERS.receivedBy(channelOf(state)));
		bump(days, received, DAY_COUNTERS.receivedIn(state.field ?? UNKNOWN_FIELD));
		const outcome = outcomeOf(state);
		if (outcome !== null && state.finishedAt !== null) {
			bump(days, state.finishedAt, DAY_COUNTERS.resolved(outcome));
		}
		if (state.withdrawnAt !== null) bump(days, state.withdrawnAt, DAY_COUNTERS.withdrawn);
	}
	for (const visit of state.stages) {
		bump(days, visit.enteredAt, DAY_COUNTERS.inflow(visit.stage));
		if (visit.exitedAt !== null) bump(days, visit.exitedAt, DAY_COUNTERS.outflow(visit.stage));
	}
	const isOpen = received !== null && closed === null;
	return {
		ward: state.ward,
		province,
		days,
		receivedDay: received === null ? null : vnDateOf(received),
		closedDay: received === null || closed === null ? null : vnDateOf(Math.max(received, closed)),
		open: isOpen
			? { dueAt: dueAtAsOf(state, END), awaitingCitizen: isAwaitingCitizenAt(state, END) }
			: null,
		awaitingIntake: received === null && closed === null && state.submittedAt !== null,
		wip: wipEntryOf(state, ctx),
		wipTransitions: wipTransitionsOf(state)
	};
}
