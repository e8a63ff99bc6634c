/**
 * Vietnam civil time. Vietnam keeps UTC+7 all year (no daylight saving), so plain arithmetic is exact and
 * no time-zone database is needed. Dates are proleptic Gregorian, converted with Howard Hinnant's
 * days-from-civil algorithm so nothing here depends on the host's `Date` or time zone.
 */

/** An instant: milliseconds since the Unix epoch (UTC). */
export type Instant = number;

/** A calendar date in Vietnam time, written `YYYY-MM-DD`. */
export type CalendarDate = string;

/** 0 = Sunday … 6 = Saturday, like `Date#getUTCDay`. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Asia/Ho_Chi_Minh is UTC+7, with no daylight saving. */
export const VN_UTC_OFFSET_MS = 7 * HOUR_MS;

/** The parts of an instant as read on a clock in Vietnam. */
export interface VnDateTime {
	date: CalendarDate;
	year: number;
	month: number;
	day: number;
	weekday: Weekday;
	hour: number;
	minute: number;
	/** Milliseconds since Vietnam midnight of `date`. */
	msOfDay: number;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const CLOCK_PATTERN = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;

function daysFromCivil(year: number, month: number, day: number): number {
	const y = month <= 2 ? year - 1 : year;
	const era = Math.floor(y / 400);
	const yearOfEra = y - era * 400;
	const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
	const dayOfEra =
		yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
	return era * 146097 + dayOfEra - 719468;
}

function civilFromDays(dayNumber: number): [number, number, number] {
	const z = dayNumber + 719468;
	const era = Math.floor(z / 146097);
	const dayOfEra = z - era * 146097;
	const yearOfEra = Math.floor(
		(dayOfEra -
			Math.floor(dayOfEra / 1460) +
			Math.floor(dayOfEra / 36524) -
			Math.floor(dayOfEra / 146096)) /
			365
	);
	const dayOfYear =
		dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
	const mp = Math.floor((5 * dayOfYear + 2) / 153);
	const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
	const month = mp < 10 ? mp + 3 : mp - 9;
	return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** True when `value` is a real `YYYY-MM-DD` date (2025-02-29 is not). */
export function isCalendarDate(value: string): boolean {
	const match = DATE_PATTERN.exec(value);
	if (!match) return false;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	if (month < 1 || month > 12 || day < 1) return false;
	const [y, m, d] = civilFromDays(daysFromCivil(year, month, day));
	return y === year && m === month && d === day;
}

/** Days since 1970-01-01 of a calendar date; throws a RangeError on a malformed date. */
export function dayNumberOf(date: CalendarDate): number {
	const known = dayNumbers.get(date);
	if (known !== undefined) return known;
	if (!isCalendarDate(date)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${date}`);
	const dayNumber = daysFromCivil(
		Number(date.slice(0, 4)),
		Number(date.slice(5, 7)),
		Number(date.slice(8))
	);
	// Calendars walk the same few hundred dates over and over; bounded, so memory stays flat.
	if (dayNumbers.size >= MEMO_LIMIT) dayNumbers.clear();
	dayNumbers.set(date, dayNumber);
	return dayNumber;
}

const MEMO_LIMIT = 20_000;
const dayNumbers = new Map<CalendarDate, number>();
const datesOfDayNumbers = new Map<number, CalendarDate>();

/** The calendar date `dayNumber` days after 1970-01-01. */
export function dateOfDayNumber(dayNumber: number): CalendarDate {
	const known = datesOfDayNumbers.get(dayNumber);
	if (known !== undefined) return known;
	const [year, month, day] = civilFromDays(dayNumber);
	const date = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
	if (datesOfDayNumbers.size >= MEMO_LIMIT) datesOfDayNumbers.clear();
	datesOfDayNumbers.set(dayNumber, date);
	return date;
}

/** `date` moved by `days` calendar days (negative moves back). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
	return dateOfDayNumber(dayNumberOf(date) + days);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
	return dayNumberOf(to) - dayNumberOf(from);
}

/** Day of the week of a calendar date (1970-01-01 was a Thursday). */
export function weekdayOf(date: CalendarDate): Weekday {
	return ((((dayNumberOf(date) + 4) % 7) + 7) % 7) as Weekday;
}

/** Saturdays and Sundays. */
export function isWeekend(date: CalendarDate): boolean {
	const weekday = weekdayOf(date);
	return weekday === 0 || weekday === 6;
}

/** The instant of Vietnam midnight at the start of `date`. */
export function startOfVnDay(date: CalendarDate): Instant {
	return dayNumberOf(date) * DAY_MS - VN_UTC_OFFSET_MS;
}

/** The Vietnam calendar date of an instant: 17:00 UTC is already the next day in Vietnam. */
export function vnDateOf(at: Instant): CalendarDate {
	return dateOfDayNumber(Math.floor((at + VN_UTC_OFFSET_MS) / DAY_MS));
}

/** Milliseconds since Vietnam midnight of the instant's own date. */
export function vnMsOfDay(at: Instant): number {
	const local = at + VN_UTC_OFFSET_MS;
	return local - Math.floor(local / DAY_MS) * DAY_MS;
}

/** An instant read on a Vietnamese clock. */
export function vnDateTimeOf(at: Instant): VnDateTime {
	const date = vnDateOf(at);
	const msOfDay = vnMsOfDay(at);
	return {
		date,
		year: Number(date.slice(0, 4)),
		month: Number(date.slice(5, 7)),
		day: Number(date.slice(8)),
		weekday: weekdayOf(date),
		hour: Math.floor(msOfDay / HOUR_MS),
		minute: Math.floor((msOfDay % HOUR_MS) / MINUTE_MS),
		msOfDay
	};
}

/** Minutes since midnight of a clock time `HH:mm` (or `HH:mm:ss`, seconds kept as a fraction); `24:00` allowed. */
export function parseClock(clock: string): number {
	const match = CLOCK_PATTERN.exec(clock);
	const [hours, minutes, seconds] = match
		? [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)]
		: [NaN, NaN, NaN];
	const total = hours * 60 + minutes + seconds / 60;
	if (!match || minutes > 59 || seconds > 59 || total > 24 * 60) {
		throw new RangeError(`not a clock time (HH:mm): ${clock}`);
	}
	return total;
}

/** The instant at a Vietnam clock time on a date: `vnInstant('2026-04-24', '10:00')`. */
export function vnInstant(date: CalendarDate, clock = '00:00'): Instant {
	return startOfVnDay(date) + Math.round(parseClock(clock) * MINUTE_MS);
}

/** `YYYY-MM-DD HH:mm` in Vietnam time, for messages and test names (not for display: i18n formats those). */
export function formatVnDateTime(at: Instant): string {
	const parts = vnDateTimeOf(at);
	return `${parts.date} ${pad(parts.hour)}:${pad(parts.minute)}`;
}
