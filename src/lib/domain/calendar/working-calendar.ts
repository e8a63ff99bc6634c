import {
	addDays,
	DAY_MS,
	dateOfDayNumber,
	HOUR_MS,
	isWeekend,
	MINUTE_MS,
	parseClock,
	startOfVnDay,
	vnDateOf,
	vnMsOfDay,
	VN_UTC_OFFSET_MS,
	type CalendarDate,
	type Instant
} from './vn-time';

/**
 * Working time as one-door systems count it (DOMAIN §4): office hours on working days, where a working day is a
 * weekday that is not a holiday or day off, or a weekend day declared a working day (a swapped Saturday).
 */

/** `holiday` a public holiday; `day_off` a compensatory or swapped weekday off; `working_day` a weekend day worked. */
export type CalendarDayKind = 'holiday' | 'day_off' | 'working_day';

/** One exception to the weekday rule, as the database stores and seeds it. */
export interface CalendarDayRow {
	date: CalendarDate;
	kind: CalendarDayKind;
	name: string;
	/** Not yet announced by the government: expected, may change. */
	provisional: boolean;
}

/** Office hours of a province, as `HH:mm` clock times in Vietnam. */
export interface OfficeHours {
	morning: readonly [string, string];
	afternoon: readonly [string, string];
	/** Same-day procedures received after this time are due at the close of the next working day. */
	sameDayCutoff: string;
}

/** 07:00–11:30 and 13:30–17:00, same-day cutoff 15:00 (NĐ 23/2015 Art. 7). */
export const DEFAULT_OFFICE_HOURS: OfficeHours = {
	morning: ['07:00', '11:30'],
	afternoon: ['13:30', '17:00'],
	sameDayCutoff: '15:00'
};

/** One working day counts as 8 working hours, whatever the office hours (DOMAIN §4). */
export const WORKING_DAY_HOURS = 8;

/** A run of this many days with no working time means the calendar data is broken. */
const MAX_DAYS_WITHOUT_WORK = 400;

interface OfficePeriod {
	startMs: number;
	endMs: number;
}

function parseOfficeHours(hours: OfficeHours): { periods: OfficePeriod[]; cutoffMs: number } {
	const toMs = (clock: string) => Math.round(parseClock(clock) * MINUTE_MS);
	const periods = [hours.morning, hours.afternoon].map(([start, end]) => ({
		startMs: toMs(start),
		endMs: toMs(end)
	}));
	const [morning, afternoon] = periods as [OfficePeriod, OfficePeriod];
	if (morning.startMs >= morning.endMs || afternoon.startMs >= afternoon.endMs) {
		throw new RangeError('office hours: each period must start before it ends');
	}
	if (morning.endMs > afternoon.startMs) {
		throw new RangeError('office hours: the morning must end before the afternoon starts');
	}
	return { periods, cutoffMs: toMs(hours.sameDayCutoff) };
}

/**
 * A working-day calendar built from calendar day rows (exceptions) plus the weekday rule, and office hours.
 * All operations are pure; instants are epoch milliseconds, dates are Vietnam calendar dates.
 * Office periods are half-open: 11:30 itself is not working time, and the next working instant after it is 13:30.
 */
export class WorkingCalendar {
	readonly officeHours: OfficeHours;
	private readonly periods: readonly OfficePeriod[];
	private readonly cutoffMs: number;
	private readonly days: ReadonlyMap<CalendarDate, CalendarDayRow>;

	/** Later rows for the same date win. Throws a RangeError on malformed office hours. */
	constructor(
		rows: readonly CalendarDayRow[] = [],
		officeHours: OfficeHours = DEFAULT_OFFICE_HOURS
	) {
		const parsed = parseOfficeHours(officeHours);
		this.officeHours = officeHours;
		this.periods = parsed.periods;
		this.cutoffMs = parsed.cutoffMs;
		this.days = new Map(rows.map((row) => [row.date, row]));
	}

	/** The exception row for a date, if any (holiday names for display). */
	dayRow(date: CalendarDate): CalendarDayRow | undefined {
		return this.days.get(date);
	}

	/**
	 * A weekday is a working day unless a row marks it a holiday or day off; a weekend day is not, unless a row
	 * declares it a working day (e.g. Saturday 26 April 2025, worked in exchange for Friday 2 May 2025).
	 */
	isWorkingDay(date: CalendarDate): boolean {
		const row = this.days.get(date);
		if (row) return row.kind === 'working_day';
		return !isWeekend(date);
	}

	/** The first working day strictly after `date`. */
	nextWorkingDay(date: CalendarDate): CalendarDate {
		return this.workingDayOnOrAfter(addDays(date, 1));
	}

	/** `date` itself when it is a working day, else the next working day. */
	workingDayOnOrAfter(date: CalendarDate): CalendarDate {
		let day = date;
		for (let skipped = 0; !this.isWorkingDay(day); skipped++) {
			if (skipped >= MAX_DAYS_WITHOUT_WORK) {
				throw new RangeError(`no working day within ${MAX_DAYS_WITHOUT_WORK} days of ${date}`);
			}
			day = addDays(day, 1);
		}
		return day;
	}

	/** The office periods of a date as `[start, end)` instants; none on a non-working day. */
	workingPeriods(date: CalendarDate): [Instant, Instant][] {
		if (!this.isWorkingDay(date)) return [];
		const midnight = startOfVnDay(date);
		return this.periods.map((p) => [midnight + p.startMs, midnight + p.endMs]);
	}

	/** Inside office hours of a working day; period ends (11:30, 17:00) are not working time. */
	isWorkingTime(at: Instant): boolean {
		return this.workingPeriods(vnDateOf(at)).some(([start, end]) => start <= at && at < end);
	}

	/**
	 * Working time, or exactly the end of an office period. A due instant computed by adding working time lies
	 * here: 3.5 working hours from 13:30 end at 17:00, which is a period end rather than working time.
	 */
	isWorkingTimeOrPeriodEnd(at: Instant): boolean {
		return this.workingPeriods(vnDateOf(at)).some(([start, end]) => start <= at && at <= end);
	}

	/** The close of office hours (17:00 by default) of a date. */
	closeOfDay(date: CalendarDate): Instant {
		const last = this.periods[this.periods.length - 1] as OfficePeriod;
		return startOfVnDay(date) + last.endMs;
	}

	/**
	 * When the clock starts for a receipt at `at`: `at` itself during office hours; at lunch, 13:30; after office
	 * hours or on a non-working day, the next working morning (07:00).
	 */
	nextWorkingInstant(at: Instant): Instant {
		let date = vnDateOf(at);
		for (let skipped = 0; ; skipped++) {
			for (const [start, end] of this.workingPeriods(date)) {
				if (at < end) return Math.max(at, start);
			}
			if (skipped >= MAX_DAYS_WITHOUT_WORK) {
				throw new RangeError(`no working time within ${MAX_DAYS_WITHOUT_WORK} days of ${date}`);
			}
			date = addDays(date, 1);
		}
	}

	/**
	 * The instant when `ms` of working time have run from `start` (counting from the next working instant).
	 * When the time runs out exactly at a period end the result is that end (11:30 or 17:00), not the next start.
	 * With `ms = 0` the result is the next working instant.
	 */
	addWorkingMs(start: Instant, ms: number): Instant {
		if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`working time must be ≥ 0, got ${ms}`);
		let remaining = ms;
		let from = this.nextWorkingInstant(start);
		for (;;) {
			const date = vnDateOf(from);
			for (const [periodStart, end] of this.workingPeriods(date)) {
				if (end <= from) continue;
				const begin = Math.max(from, periodStart);
				if (remaining <= end - begin) return begin + remaining;
				remaining -= end - begin;
			}
			from = this.nextWorkingInstant(startOfVnDay(addDays(date, 1)));
		}
	}

	/** `addWorkingMs` in hours. */
	addWorkingHours(start: Instant, hours: number): Instant {
		return this.addWorkingMs(start, hours * HOUR_MS);
	}

	/**
	 * N working days end N × 8 working hours after the clock starts: received Monday 10:00 with 1 working day,
	 * due Tuesday 10:00.
	 */
	addWorkingDays(start: Instant, days: number): Instant {
		return this.addWorkingHours(start, days * WORKING_DAY_HOURS);
	}

	/**
	 * A limit in calendar days: the same clock time `days` calendar days after the clock starts (the next working
	 * instant); when that date is not a working day, the same clock time on the next working day.
	 */
	addCalendarDays(start: Instant, days: number): Instant {
		if (!Number.isInteger(days) || days < 0) {
			throw new RangeError(`calendar days must be a whole number ≥ 0, got ${days}`);
		}
		const clockStart = this.nextWorkingInstant(start);
		const target = this.workingDayOnOrAfter(addDays(vnDateOf(clockStart), days));
		return startOfVnDay(target) + vnMsOfDay(clockStart);
	}

	/**
	 * Same-day procedures are due at the close of office hours of the day the clock starts, or of the next working
	 * day when the clock starts after the cutoff (15:00). A receipt at lunch starts at 13:30 (same day); after
	 * office hours or on a non-working day, the next working morning (so that day's close). 15:00:00 exactly is
	 * not after 15:00.
	 */
	sameDayDueAt(receivedAt: Instant): Instant {
		const clockStart = this.nextWorkingInstant(receivedAt);
		const date = vnDateOf(clockStart);
		const dueDate = vnMsOfDay(clockStart) > this.cutoffMs ? this.nextWorkingDay(date) : date;
		return this.closeOfDay(dueDate);
	}

	/** Working time between two instants in ms; negative when `to` is before `from`. */
	workingMsBetween(from: Instant, to: Instant): number {
		if (to < from) return -this.workingMsBetween(to, from);
		// The earlier instant first: extending the cache backwards moves the origin, forwards never does.
		const before = this.workingMsSinceOrigin(from);
		return this.workingMsSinceOrigin(to) - before;
	}

	/**
	 * Working time from the start of a reference day to `at`: whole days come from cached prefix sums, so
	 * measuring ages of many dossiers costs a lookup each instead of a walk over their days.
	 */
	private workingMsSinceOrigin(at: Instant): number {
		const day = Math.floor((at + VN_UTC_OFFSET_MS) / DAY_MS);
		let within = 0;
		for (const [start, end] of this.workingPeriods(dateOfDayNumber(day))) {
			within += Math.max(0, Math.min(end, at) - start);
		}
		return this.workingMsBeforeDay(day) + within;
	}

	// cumulative[i] = working ms of the days [firstDay, firstDay + i); extended on demand in either direction.
	private firstDay: number | null = null;
	private cumulative: number[] = [];

	private workingMsOfDay(day: number): number {
		return this.workingPeriods(dateOfDayNumber(day)).reduce(
			(sum, [start, end]) => sum + end - start,
			0
		);
	}

	private workingMsBeforeDay(day: number): number {
		if (this.firstDay === null) {
			this.firstDay = day;
			this.cumulative = [0];
		}
		if (day < this.firstDay) {
			const earlier: number[] = [0];
			for (let d = day; d < this.firstDay; d++)
				earlier.push(earlier.at(-1)! + this.workingMsOfDay(d));
			const shift = earlier.pop()!;
			this.cumulative = [...earlier, ...this.cumulative.map((value) => value + shift)];
			this.firstDay = day;
		}
		while (this.firstDay + this.cumulative.length - 1 < day) {
			const last = this.firstDay + this.cumulative.length - 1;
			this.cumulative.push(this.cumulative.at(-1)! + this.workingMsOfDay(last));
		}
		return this.cumulative[day - this.firstDay];
	}

	/** `workingMsBetween` in hours. */
	workingHoursBetween(from: Instant, to: Instant): number {
		return this.workingMsBetween(from, to) / HOUR_MS;
	}
}
