import {
	startOfVnDay,
	vnDateOf,
	vnMsOfDay,
	MINUTE_MS,
	type Instant
} from '../domain/calendar/vn-time';
import { activeWindow } from './wall-settings';

/**
 * Whether a wall shows its figures or its standby screen at an instant: active within `HH:mm-HH:mm` (Vietnam
 * time, start included, end excluded); a window that ends before it starts runs past midnight (`22:00-06:00`).
 * A malformed setting keeps the screen active: a blank wall is worse than one on at night.
 */
export function isActiveAt(now: Instant, activeHours: string): boolean {
	const window = activeWindow(activeHours);
	if (!window) return true;
	const [from, to] = window;
	const minute = vnMsOfDay(now) / MINUTE_MS;
	return from < to ? minute >= from && minute < to : minute >= from || minute < to;
}

/** The next instant the screen becomes active after `now` (for the standby screen's "back at"), or null. */
export function nextActiveStart(now: Instant, activeHours: string): Instant | null {
	const window = activeWindow(activeHours);
	if (!window) return null;
	const today = startOfVnDay(vnDateOf(now)) + window[0] * MINUTE_MS;
	return today > now ? today : today + 24 * 60 * MINUTE_MS;
}
