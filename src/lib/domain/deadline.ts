import { HOUR_MS, type Instant } from './calendar/vn-time';
import { WORKING_DAY_HOURS, type WorkingCalendar } from './calendar/working-calendar';
import type { DueChange, SupplementEpisode } from './dossier';

/**
 * Due dates (ngày hẹn trả) from a procedure's legal processing time, the receipt and the working calendar
 * (DOMAIN §4), and the two ways a supplement request affects them.
 */

export type ProcessingTimeUnit = 'working_days' | 'working_hours' | 'days' | 'same_day';

/** A procedure's legal processing time (ThoiGianGiaiQuyet); `same_day` needs no value. */
export interface ProcessingTime {
	value?: number | null;
	unit: ProcessingTimeUnit;
}

/**
 * The due date of a dossier received at `receivedAt`.
 * - `working_days` / `working_hours`: that much working time from the next working instant (1 day = 8 hours).
 * - `days`: calendar days; a limit ending on a non-working day moves to the next working day.
 * - `same_day`, `null` (none, done on the spot) or no positive value: the close of office hours (17:00) of the
 *   day the clock starts, or of the next working day when it starts after the cutoff (15:00).
 */
export function computeDueAt(
	processingTime: ProcessingTime | null,
	receivedAt: Instant,
	calendar: WorkingCalendar
): Instant {
	const value = processingTime?.value ?? 0;
	if (
		!processingTime ||
		processingTime.unit === 'same_day' ||
		!(Number.isFinite(value) && value > 0)
	) {
		return calendar.sameDayDueAt(receivedAt);
	}
	switch (processingTime.unit) {
		case 'working_days':
			return calendar.addWorkingDays(receivedAt, value);
		case 'working_hours':
			return calendar.addWorkingHours(receivedAt, value);
		case 'days':
			return calendar.addCalendarDays(receivedAt, Math.ceil(value));
	}
}

/**
 * A due date supplied by the source wins; else computed from the catalogue. `processingTime` is `undefined`
 * when the procedure is not in the catalogue: then there is no due date (null), which counts as on time.
 */
export function resolveDueAt(
	sourceDueAt: Instant | null | undefined,
	processingTime: ProcessingTime | null | undefined,
	receivedAt: Instant,
	calendar: WorkingCalendar
): Instant | null {
	if (sourceDueAt !== null && sourceDueAt !== undefined) return sourceDueAt;
	if (processingTime === undefined) return null;
	return computeDueAt(processingTime, receivedAt, calendar);
}

/**
 * The legal view of a supplement (NĐ 61/2018 Art. 19.4): the clock restarts from zero when the complete dossier
 * comes back, so the due date is the full processing time counted from the return. With no catalogue entry, the
 * working time first allotted (`allotment`: the due change whose clock is restarting) is counted again.
 */
export function restartedDueAt(
	returnedAt: Instant,
	processingTime: ProcessingTime | null | undefined,
	allotment: DueChange | null,
	calendar: WorkingCalendar
): Instant | null {
	if (processingTime !== undefined) return computeDueAt(processingTime, returnedAt, calendar);
	if (!allotment) return null;
	const allotted = Math.max(0, calendar.workingMsBetween(allotment.at, allotment.dueAt));
	return calendar.addWorkingMs(returnedAt, allotted);
}

/**
 * The legal due date after supplement episodes, computed from the catalogue: the full processing time from the
 * return of the last supplement; null while a supplement is still awaited (the clock is not running).
 */
export function legalDueAt(
	processingTime: ProcessingTime | null,
	receivedAt: Instant,
	supplements: readonly SupplementEpisode[],
	calendar: WorkingCalendar
): Instant | null {
	const last = supplements[supplements.length - 1];
	if (!last) return computeDueAt(processingTime, receivedAt, calendar);
	if (last.receivedAt === null) return null;
	return computeDueAt(processingTime, last.receivedAt, calendar);
}

/**
 * Working time spent waiting for supplements up to `asOf` (a pending episode counts until `asOf`), for episodes
 * requested at or after `since`.
 */
export function supplementWaitingMs(
	supplements: readonly SupplementEpisode[],
	calendar: WorkingCalendar,
	asOf: Instant,
	since = -Infinity
): number {
	let total = 0;
	for (const episode of supplements) {
		if (episode.requestedAt < since || episode.requestedAt >= asOf) continue;
		const end = Math.min(episode.receivedAt ?? asOf, asOf);
		total += Math.max(0, calendar.workingMsBetween(episode.requestedAt, end));
	}
	return total;
}

/**
 * The national-index view of a supplement (Decision 766): the clock pauses, so the due date moves later by the
 * working time spent waiting (measured up to `asOf` for an episode still open).
 */
export function pausedDueAt(
	dueAt: Instant,
	supplements: readonly SupplementEpisode[],
	calendar: WorkingCalendar,
	asOf: Instant,
	since = -Infinity
): Instant {
	const waited = supplementWaitingMs(supplements, calendar, asOf, since);
	return waited === 0 ? dueAt : calendar.addWorkingMs(dueAt, waited);
}

/**
 * The national-index due date of a dossier: the due date set at receipt or by the last extension (legal restarts
 * after supplements are ignored), paused by the working time waited for supplements requested since then.
 * Null when the dossier has no due date.
 */
export function indexDueAt(
	dueAtHistory: readonly DueChange[],
	supplements: readonly SupplementEpisode[],
	calendar: WorkingCalendar,
	asOf: Instant
): Instant | null {
	const anchor = dueAtHistory.filter((change) => change.cause !== 'supplement').at(-1);
	if (!anchor) return null;
	return pausedDueAt(anchor.dueAt, supplements, calendar, asOf, anchor.at);
}

/**
 * An apology with a new date must reach the applicant at least one working day (8 working hours) before the old
 * due date; without an old due date it cannot be in time.
 */
export function isApologyInTime(
	extendedAt: Instant,
	previousDueAt: Instant | null,
	calendar: WorkingCalendar
): boolean {
	if (previousDueAt === null) return false;
	return calendar.workingMsBetween(extendedAt, previousDueAt) >= WORKING_DAY_HOURS * HOUR_MS;
}
