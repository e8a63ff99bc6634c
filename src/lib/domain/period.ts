import {
	addDays,
	isCalendarDate,
	startOfVnDay,
	type CalendarDate,
	type Instant
} from './calendar/vn-time';

/** A reporting period: calendar dates in Vietnam time, both inclusive (ARCHITECTURE §4.3). */
export interface Period {
	from: CalendarDate;
	to: CalendarDate;
}

/** Throws a RangeError unless both ends are real dates and `from` ≤ `to`. */
export function assertPeriod(period: Period): Period {
	if (!isCalendarDate(period.from) || !isCalendarDate(period.to) || period.from > period.to) {
		throw new RangeError(`not a period (from ≤ to, YYYY-MM-DD): ${period.from} – ${period.to}`);
	}
	return period;
}

/** One day as a period (the default snapshot period is today). */
export function periodOfDay(date: CalendarDate): Period {
	return { from: date, to: date };
}

/** Vietnam midnight at the start of `from`. */
export function periodStart(period: Period): Instant {
	return startOfVnDay(period.from);
}

/** Vietnam midnight after `to`: the period is `[periodStart, periodEnd)`. */
export function periodEnd(period: Period): Instant {
	return startOfVnDay(addDays(period.to, 1));
}

/** Whether an instant falls inside the period (null never does). */
export function isInPeriod(at: Instant | null, period: Period): boolean {
	return at !== null && at >= periodStart(period) && at < periodEnd(period);
}

/**
 * The instant at which a period's time-dependent figures (in progress, stages, index) are measured: its last
 * millisecond, or `now` when the period has not ended yet (a period that includes today is measured now).
 */
export function measurementInstant(period: Period, now: Instant): Instant {
	return Math.min(now, periodEnd(period) - 1);
}
