import {
	addDays,
	startOfVnDay,
	vnDateOf,
	type Instant
} from '../../src/lib/domain/calendar/vn-time';
import type { WorkingCalendar } from '../../src/lib/domain/calendar/working-calendar';

/**
 * Desk work happens strictly inside office hours. The domain's `addWorkingMs` may end exactly at a period end
 * (11:30, 17:00), which is not working time; these helpers keep simulated desk actions inside it.
 */

/** Times are whole seconds so the wire format (RFC 3339 without fractions) round-trips exactly. */
export const SECOND_MS = 1000;

export const wholeSeconds = (ms: number): number => Math.round(ms / SECOND_MS) * SECOND_MS;

/**
 * The desk instant `ms` of working time after `start` (from the next working instant). When the time runs out
 * exactly at a period end, one second before it: the officer finished just before closing.
 */
export function deskAfter(calendar: WorkingCalendar, start: Instant, ms: number): Instant {
	const spent = wholeSeconds(Math.max(0, ms));
	const at = calendar.addWorkingMs(start, spent);
	return spent > 0 && !calendar.isWorkingTime(at) ? at - SECOND_MS : at;
}

/** The instant `ms` of working time before `end` (the reverse of `addWorkingMs`); at least 400 days back. */
export function subtractWorkingMs(calendar: WorkingCalendar, end: Instant, ms: number): Instant {
	let remaining = wholeSeconds(Math.max(0, ms));
	let date = vnDateOf(end);
	for (let day = 0; day < 400; day++) {
		const periods = calendar.workingPeriods(date);
		for (let i = periods.length - 1; i >= 0; i--) {
			const [start, stop] = periods[i];
			if (start >= end) continue;
			const until = Math.min(stop, end);
			if (remaining <= until - start) return until - remaining;
			remaining -= until - start;
		}
		date = addDays(date, -1);
	}
	throw new RangeError('no working time within 400 days before the instant');
}

/** A uniformly drawn desk instant on a working day (`fraction` in [0, 1) of its working time). */
export function deskInstantOn(calendar: WorkingCalendar, date: string, fraction: number): Instant {
	const day = calendar.workingDayOnOrAfter(date);
	const total = calendar.workingMsBetween(startOfVnDay(day), startOfVnDay(addDays(day, 1)));
	return deskAfter(calendar, startOfVnDay(day), Math.min(total - SECOND_MS, fraction * total));
}
