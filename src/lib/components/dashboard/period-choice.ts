import { addDays, daysBetween, weekdayOf, type CalendarDate } from '../../domain/calendar/vn-time';
import type { Period } from '../../domain/period';
import { parseInputDate } from '../../i18n/date-input';
import { MAX_PERIOD_DAYS } from '../../contracts/snapshot';

/**
 * The periods a page offers in its URL (`?period=week`, or `?period=custom&from=…&to=…`). Only `today` is live:
 * the `/live` rooms hold today's figures (server/realtime/room-snapshots.ts); other periods are read once by the
 * page's load. Every period runs up to today at most; each is compared with the previous period of equal length.
 */
export const PERIOD_CHOICES = ['today', 'week', 'month', 'quarter', 'year', 'custom'] as const;
export type PeriodChoice = (typeof PERIOD_CHOICES)[number];

/** What a page shows: the choice, its dates, and why a custom period asked for was not taken. */
export interface PeriodSelection {
	choice: PeriodChoice;
	period: Period;
	/** Set when the URL asked for a custom period that cannot be shown; the page then shows today. */
	invalid?: 'dates' | 'order' | 'future' | 'length';
}

/** The choice in a `?period=` value; anything else (absent, misspelt) is today. */
export function parsePeriodChoice(value: string | null | undefined): PeriodChoice {
	return (PERIOD_CHOICES as readonly string[]).includes(value ?? '')
		? (value as PeriodChoice)
		: 'today';
}

/** `date` moved by whole months, kept inside the target month (31 March − 1 month = 28 or 29 February). */
export function shiftMonths(date: CalendarDate, months: number): CalendarDate {
	const index = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + months;
	const year = Math.floor(index / 12);
	const month = (index % 12) + 1;
	const first = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`;
	const lastDay = daysBetween(first, shiftMonthStart(first));
	const day = Math.min(Number(date.slice(8)), lastDay);
	return `${first.slice(0, 8)}${String(day).padStart(2, '0')}`;
}

/** The first day of the month after the month of `first` (a first of month). */
function shiftMonthStart(first: CalendarDate): CalendarDate {
	const month = Number(first.slice(5, 7));
	const year = Number(first.slice(0, 4)) + (month === 12 ? 1 : 0);
	return `${String(year).padStart(4, '0')}-${String((month % 12) + 1).padStart(2, '0')}-01`;
}

/** The calendar dates of a choice on `today` (Vietnam time): the period so far, weeks starting on Monday. */
export function periodOfChoice(
	choice: Exclude<PeriodChoice, 'custom'>,
	today: CalendarDate
): Period {
	switch (choice) {
		case 'today':
			return { from: today, to: today };
		case 'week':
			return { from: addDays(today, -((weekdayOf(today) + 6) % 7)), to: today };
		case 'month':
			return { from: `${today.slice(0, 8)}01`, to: today };
		case 'quarter': {
			const firstMonth = Math.floor((Number(today.slice(5, 7)) - 1) / 3) * 3 + 1;
			return { from: `${today.slice(0, 5)}${String(firstMonth).padStart(2, '0')}-01`, to: today };
		}
		case 'year':
			return { from: `${today.slice(0, 5)}01-01`, to: today };
	}
}

/**
 * The period a page shows for its URL on `today`: a named choice, or a custom period of real dates, from ≤ to,
 * not after today, at most MAX_PERIOD_DAYS long (otherwise today, with the reason).
 */
export function periodFromUrl(params: URLSearchParams, today: CalendarDate): PeriodSelection {
	const choice = parsePeriodChoice(params.get('period'));
	if (choice !== 'custom') return { choice, period: periodOfChoice(choice, today) };
	const from = parseInputDate(params.get('from') ?? '');
	const to = parseInputDate(params.get('to') ?? '');
	const fallback = (invalid: PeriodSelection['invalid']): PeriodSelection => ({
		choice: 'today',
		period: periodOfChoice('today', today),
		invalid
	});
	if (from === null || to === null) return fallback('dates');
	if (from > to) return fallback('order');
	if (to > today) return fallback('future');
	if (daysBetween(from, to) + 1 > MAX_PERIOD_DAYS) return fallback('length');
	return { choice, period: { from, to } };
}

/**
 * The period to compare with: the one before, of equal length: yesterday; the same days of last week; of last
 * month, quarter or year (clamped to the shorter month); for a custom period the days just before it.
 */
export function previousPeriod(selection: Pick<PeriodSelection, 'choice' | 'period'>): Period {
	const { from, to } = selection.period;
	switch (selection.choice) {
		case 'today':
			return { from: addDays(from, -1), to: addDays(to, -1) };
		case 'week':
			return { from: addDays(from, -7), to: addDays(to, -7) };
		case 'month':
		case 'quarter':
		case 'year': {
			const months = { month: 1, quarter: 3, year: 12 }[selection.choice];
			return { from: shiftMonths(from, -months), to: shiftMonths(to, -months) };
		}
		case 'custom': {
			const days = daysBetween(from, to) + 1;
			return { from: addDays(from, -days), to: addDays(from, -1) };
		}
	}
}

/** The query string that keeps a page's period in its links ('' for today, the default). */
export function periodQuery(selection: Pick<PeriodSelection, 'choice' | 'period'>): string {
	if (selection.choice === 'today') return '';
	if (selection.choice !== 'custom') return `?period=${selection.choice}`;
	const { from, to } = selection.period;
	return `?${new URLSearchParams({ period: 'custom', from, to })}`;
}
