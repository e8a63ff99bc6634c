import { isCalendarDate, type CalendarDate } from '../domain/calendar/vn-time';

/**
 * Dates typed into forms as Vietnamese write them: day/month/year (`27/11/2026`, `2/9/2026`; dots or dashes also
 * separate), whatever the browser's language; a date input would follow the browser instead.
 */

/** What a date field accepts, as an HTML `pattern` (the server reads the same, and says what is wrong otherwise). */
export const DATE_INPUT_PATTERN = String.raw`\s*(\d{1,2}[\/.\-]\d{1,2}[\/.\-]\d{4}|\d{4}-\d{2}-\d{2})\s*`;

/** A typed date, or ISO (`2026-11-27`, as links carry it). Null unless it is a real date. */
export function parseInputDate(text: string): CalendarDate | null {
	const typed = text.trim();
	if (isCalendarDate(typed)) return typed;
	const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(typed);
	if (!match) return null;
	const [, day, month, year] = match as unknown as [string, string, string, string];
	const date = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
	return isCalendarDate(date) ? date : null;
}

/** A date as a field shows it: `27/11/2026`. */
export const inputDateOf = (date: CalendarDate): string =>
	`${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
