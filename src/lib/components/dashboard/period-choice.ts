import type { CalendarDate } from '../../domain/calendar/vn-time';
import type { Period } from '../../domain/period';

/**
 * The periods a page offers in its `?period=` parameter. Only `today` is live: the `/live` rooms hold today's
 * figures (server/realtime/room-snapshots.ts); other periods are read once by the page's load.
 */
export const PERIOD_CHOICES = ['today', 'month'] as const;
export type PeriodChoice = (typeof PERIOD_CHOICES)[number];

/** The choice in a `?period=` value; anything else (absent, misspelt) is today. */
export function parsePeriodChoice(value: string | null | undefined): PeriodChoice {
	return (PERIOD_CHOICES as readonly string[]).includes(value ?? '')
		? (value as PeriodChoice)
		: 'today';
}

/** The calendar dates of a choice on `today` (Vietnam time): the day, or the month so far. */
export function periodOfChoice(choice: PeriodChoice, today: CalendarDate): Period {
	if (choice === 'month') return { from: `${today.slice(0, 8)}01`, to: today };
	return { from: today, to: today };
}
