import {
	addDays,
	daysBetween,
	HOUR_MS,
	startOfVnDay,
	weekdayOf,
	type CalendarDate,
	type Instant,
	type Weekday
} from '../../src/lib/domain/calendar/vn-time';
import type { WorkingCalendar } from '../../src/lib/domain/calendar/working-calendar';

/**
 * When dossiers arrive: walk-ins only in office hours (morning peak, nothing at lunch, a quieter afternoon, a
 * Monday surge), online submissions around the clock (evening as well as office hours, fewer at weekends and on
 * holidays), and more of both in the weeks before Tết Nguyên đán. Factors are relative: a ward's profile sets
 * the level.
 */

/**
 * Walk-ins per weekday, relative to an average working day (Monday–Friday sum to 5). Monday carries the
 * weekend's waiting; Friday afternoon is quiet. A swapped working Saturday is a half-hearted day.
 */
export const DIRECT_WEEKDAY_FACTOR: Readonly<Record<Weekday, number>> = {
	0: 0.6,
	1: 1.25,
	2: 1.05,
	3: 0.95,
	4: 0.95,
	5: 0.8,
	6: 0.8
};

/** Online submissions on days off (weekends, holidays), relative to an average working day. */
export const ONLINE_DAY_OFF_FACTOR: Readonly<Record<'saturday' | 'sunday' | 'holiday', number>> = {
	saturday: 0.35,
	sunday: 0.25,
	holiday: 0.3
};

/**
 * The calibration month's online factors summed: 22 average working days and four weekends (30 days). A ward's
 * monthly online dossiers spread over these units.
 */
export const ONLINE_MONTH_UNITS =
	22 + 4 * ONLINE_DAY_OFF_FACTOR.saturday + 4 * ONLINE_DAY_OFF_FACTOR.sunday;

/** Walk-ins by clock hour: a peak from 8 to 10, a quieter afternoon (hours outside office hours never count). */
const DIRECT_HOUR_WEIGHT: readonly number[] = [
	0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.5, 1.0, 1.5, 1.6, 1.3, 0.8, 0.5, 0.7, 1.0, 1.0, 0.8, 0.5, 0.3,
	0.3, 0.3, 0.3, 0.3, 0.3
];

/** Online submissions by clock hour: office hours, a lunch dip and an evening after work. */
export const ONLINE_HOUR_WEIGHT: readonly number[] = [
	0.15, 0.08, 0.05, 0.04, 0.05, 0.15, 0.4, 0.8, 1.2, 1.5, 1.5, 1.3, 0.9, 1.0, 1.3, 1.3, 1.2, 1.0,
	0.8, 0.9, 1.0, 0.9, 0.6, 0.3
];
const ONLINE_HOUR_TOTAL = ONLINE_HOUR_WEIGHT.reduce((sum, w) => sum + w, 0);

/** Lunar new year (Tết Nguyên đán, day 1 of the first lunar month): astronomical dates, Vietnam time. */
export const LUNAR_NEW_YEAR: readonly CalendarDate[] = [
	'2024-02-10',
	'2025-01-29',
	'2026-02-17',
	'2027-02-06',
	'2028-01-26',
	'2029-02-13',
	'2030-02-03',
	'2031-01-23',
	'2032-02-11'
];

/** How long before the Tết break the rush builds, and how high it peaks (last working days before the break). */
export const PRE_TET_DAYS = 21;
export const PRE_TET_PEAK = 1.35;

/** One day's arrival shape, shared by every ward (the calendar is the province's). */
export interface DayPlan {
	date: CalendarDate;
	working: boolean;
	/** Walk-ins relative to an average working day (0 on days off). */
	directFactor: number;
	/** Online submissions relative to an average working day. */
	onlineFactor: number;
	/** Share of the day's walk-ins in each clock hour (sums to 1 on a working day). */
	directHourShare: readonly number[];
	/** Working sub-intervals of each clock hour, for placing walk-ins. */
	directHourWindows: readonly (readonly [Instant, Instant])[][];
}

/** Share of the day's online submissions in clock hour `hour`. */
export function onlineHourShare(hour: number): number {
	return ONLINE_HOUR_WEIGHT[hour] / ONLINE_HOUR_TOTAL;
}

/**
 * The first day of the Tết break around a lunar new year: walk back from the new year over the days that are
 * not working days (read from the calendar, since the government sets the break each year).
 */
export function tetBreakStart(lunarNewYear: CalendarDate, calendar: WorkingCalendar): CalendarDate {
	let day = lunarNewYear;
	for (let i = 0; i < 14 && !calendar.isWorkingDay(addDays(day, -1)); i++) day = addDays(day, -1);
	return day;
}

/** The pre-Tết rush: rises linearly over the three weeks before the break to its peak. */
export function preTetFactor(date: CalendarDate, calendar: WorkingCalendar): number {
	for (const newYear of LUNAR_NEW_YEAR) {
		const gap = daysBetween(date, newYear);
		if (gap < 0 || gap > PRE_TET_DAYS + 14) continue;
		const days = daysBetween(date, tetBreakStart(newYear, calendar));
		if (days <= 0 || days > PRE_TET_DAYS) return 1;
		return 1 + (PRE_TET_PEAK - 1) * (1 - (days - 1) / PRE_TET_DAYS);
	}
	return 1;
}

/** Builds and caches day plans for one calendar. */
export class Seasonality {
	private readonly plans = new Map<CalendarDate, DayPlan>();

	constructor(private readonly calendar: WorkingCalendar) {}

	day(date: CalendarDate): DayPlan {
		let plan = this.plans.get(date);
		if (!plan) {
			plan = this.build(date);
			// Bounded: a long run walks forward, so old days are never needed again.
			if (this.plans.size > 4000) this.plans.clear();
			this.plans.set(date, plan);
		}
		return plan;
	}

	private build(date: CalendarDate): DayPlan {
		const calendar = this.calendar;
		const weekday = weekdayOf(date);
		const working = calendar.isWorkingDay(date);
		const rush = preTetFactor(date, calendar);
		const directFactor = working ? DIRECT_WEEKDAY_FACTOR[weekday] * rush : 0;
		const dayOff =
			weekday === 6
				? ONLINE_DAY_OFF_FACTOR.saturday
				: weekday === 0
					? ONLINE_DAY_OFF_FACTOR.sunday
					: ONLINE_DAY_OFF_FACTOR.holiday;
		const onlineFactor = (working ? DIRECT_WEEKDAY_FACTOR[weekday] : dayOff) * rush;

		const midnight = startOfVnDay(date);
		const periods = calendar.workingPeriods(date);
		const windows: [Instant, Instant][][] = [];
		const weights: number[] = [];
		for (let hour = 0; hour < 24; hour++) {
			const start = midnight + hour * HOUR_MS;
			const end = start + HOUR_MS;
			const inHour: [Instant, Instant][] = [];
			let overlap = 0;
			for (const [from, to] of periods) {
				const a = Math.max(from, start);
				const b = Math.min(to, end);
				if (a < b) {
					inHour.push([a, b]);
					overlap += b - a;
				}
			}
			windows.push(inHour);
			weights.push((DIRECT_HOUR_WEIGHT[hour] * overlap) / HOUR_MS);
		}
		const total = weights.reduce((sum, w) => sum + w, 0);
		return {
			date,
			working,
			directFactor,
			onlineFactor,
			directHourShare: weights.map((w) => (total > 0 ? w / total : 0)),
			directHourWindows: windows
		};
	}
}
