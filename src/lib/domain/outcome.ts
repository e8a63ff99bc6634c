import { HOUR_MS, vnDateOf, type Instant } from './calendar/vn-time';
import { WORKING_DAY_HOURS, type WorkingCalendar } from './calendar/working-calendar';
import { indexDueAt } from './deadline';
import { closedAt, type DossierState } from './dossier';

/**
 * How a dossier ended (or stands) against its due date: the official statistics form's calendar-date outcome,
 * the national index's timestamp outcome, and the status of an open dossier at a given instant.
 */

/** Biểu 06/VPCP/KSTT outcome of a resolved dossier: trước hạn, đúng hạn, quá hạn. */
export type Outcome = 'early' | 'on_time' | 'late';

/**
 * Biểu 06 compares calendar dates in Vietnam time, not instants: finished on a date before the due date is early,
 * on the due date (at any hour) on time, on a later date late. No due date counts as on time.
 */
export function outcomeByDate(finishedAt: Instant, dueAt: Instant | null): Outcome {
	if (dueAt === null) return 'on_time';
	const finished = vnDateOf(finishedAt);
	const due = vnDateOf(dueAt);
	return finished < due ? 'early' : finished === due ? 'on_time' : 'late';
}

/**
 * The Biểu 06 outcome of a finished dossier against its due date in force (after supplement restarts and any
 * extension); null while unfinished or when withdrawn or refused.
 */
export function outcomeOf(state: DossierState): Outcome | null {
	if (state.finishedAt === null) return null;
	return outcomeByDate(state.finishedAt, state.dueAt);
}

/** National-index outcome; `pending` = unfinished at the end of the period but not yet late. */
export type IndexOutcome = 'on_time' | 'late' | 'pending';

/**
 * Decision 766 outcome, measured at `periodEnd`: on time ⇔ finished at or before the due date with the time spent
 * waiting for supplements added to it (a timestamp comparison, not dates); more than one supplement request is
 * late; a dossier unfinished at `periodEnd` is late once its paused due date has passed, else pending.
 * Null when the dossier was not received by then, or was withdrawn or refused.
 */
export function indexOutcome(
	state: DossierState,
	calendar: WorkingCalendar,
	periodEnd: Instant
): IndexOutcome | null {
	if (state.receivedAt === null || state.receivedAt > periodEnd) return null;
	const ended = state.withdrawnAt ?? state.refusedAt;
	if (ended !== null && ended <= periodEnd) return null;
	const finished = state.finishedAt !== null && state.finishedAt <= periodEnd;
	const measuredAt = finished ? (state.finishedAt as Instant) : periodEnd;
	const requests = state.supplements.filter((s) => s.requestedAt <= measuredAt);
	if (requests.length > 1) return 'late';
	const history = state.dueAtHistory.filter((change) => change.at <= measuredAt);
	const dueAt = indexDueAt(history, requests, calendar, measuredAt);
	if (finished) return dueAt === null || measuredAt <= dueAt ? 'on_time' : 'late';
	return dueAt !== null && dueAt < periodEnd ? 'late' : 'pending';
}

/**
 * Where an unfinished dossier stands at an instant. `awaiting_intake`: submitted (online) and not yet accepted;
 * `awaiting_citizen`: waiting for a supplement or a fee; otherwise by its due date: `overdue` once the due date
 * has passed, `due_soon` when it falls within the next 8 working hours, else `within_time`.
 */
export type OpenStatus =
	'awaiting_intake' | 'awaiting_citizen' | 'within_time' | 'due_soon' | 'overdue';

/** Due soon means due within this many working hours (one working day). */
export const DUE_SOON_WORKING_HOURS = WORKING_DAY_HOURS;

/** The due date that was in force at `at` (later restarts and extensions ignored). */
export function dueAtAsOf(state: DossierState, at: Instant): Instant | null {
	return state.dueAtHistory.filter((change) => change.at <= at).at(-1)?.dueAt ?? null;
}

/** Accepted by `at` and not finished, withdrawn or refused by then. */
export function isOpenAt(state: DossierState, at: Instant): boolean {
	if (state.receivedAt === null || state.receivedAt > at) return false;
	const closed = closedAt(state);
	return closed === null || closed > at;
}

/** Waiting at `at` for the applicant: a supplement requested and not yet back, or a fee requested and unpaid. */
export function isAwaitingCitizenAt(state: DossierState, at: Instant): boolean {
	const waiting = (start: Instant | null, end: Instant | null) =>
		start !== null && start <= at && (end === null || end > at);
	return (
		state.supplements.some((s) => waiting(s.requestedAt, s.receivedAt)) ||
		state.fees.some((f) => waiting(f.requestedAt, f.paidAt))
	);
}

/**
 * The open status of a dossier at `at`, or null when it is not open then (not yet submitted or accepted, or
 * already finished, withdrawn or refused). Events after `at` are ignored, so past instants can be measured.
 */
export function openStatusAt(
	state: DossierState,
	at: Instant,
	calendar: WorkingCalendar,
	dueSoonWorkingHours = DUE_SOON_WORKING_HOURS
): OpenStatus | null {
	const closed = closedAt(state);
	if (closed !== null && closed <= at) return null;
	if (state.receivedAt === null || state.receivedAt > at) {
		return state.submittedAt !== null && state.submittedAt <= at ? 'awaiting_intake' : null;
	}
	if (isAwaitingCitizenAt(state, at)) return 'awaiting_citizen';
	const dueAt = dueAtAsOf(state, at);
	if (dueAt === null) return 'within_time';
	if (dueAt < at) return 'overdue';
	return calendar.workingMsBetween(at, dueAt) <= dueSoonWorkingHours * HOUR_MS
		? 'due_soon'
		: 'within_time';
}
