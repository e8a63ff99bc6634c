import { parseClock } from '../domain/calendar/vn-time';

/**
 * How a wall display behaves: the server's defaults (WALL_* settings) with a display URL's query overriding
 * them, so one screen can differ from the others without a redeploy. Pure.
 */
export interface WallSettings {
	/** Seconds each panel of the playlist stays on screen. */
	panelSeconds: number;
	/** `HH:mm-HH:mm` in Vietnam time; outside it the screen shows standby. `00:00-24:00`: always on. */
	activeHours: string;
	/** Minutes without an event from the scope's source, during office hours, before its lag is shown. */
	lagMinutes: number;
	/** `HH:mm` in Vietnam time when the screen reloads itself once a night. */
	nightlyReload: string;
	/** Seconds between checks of the deployed build (`version.json`). */
	versionPollSeconds: number;
}

export const DEFAULT_WALL_SETTINGS: WallSettings = {
	panelSeconds: 20,
	activeHours: '06:30-18:30',
	lagMinutes: 30,
	nightlyReload: '03:00',
	versionPollSeconds: 60
};

const HOURS = /^(\d{2}:\d{2})-(\d{2}:\d{2})$/;
const CLOCK = /^\d{2}:\d{2}$/;

/** A clock `HH:mm` from 00:00 to 24:00 inclusive, or null. */
function clockMinutes(clock: string): number | null {
	if (!CLOCK.test(clock)) return null;
	try {
		return Math.round(parseClock(clock));
	} catch {
		return null;
	}
}

/** `[from, to)` minutes of the day of an active-hours setting, or null when malformed or empty. */
export function activeWindow(hours: string): [number, number] | null {
	const match = HOURS.exec(hours);
	if (!match) return null;
	const from = clockMinutes(match[1]);
	const to = clockMinutes(match[2]);
	if (from === null || to === null || from === to) return null;
	return [from, to];
}

export const isActiveHours = (value: string): boolean => activeWindow(value) !== null;
export const isClock = (value: string): boolean => {
	const minutes = clockMinutes(value);
	return minutes !== null && minutes < 24 * 60;
};

const bounded = (value: string | null, min: number, max: number): number | null => {
	if (value === null || !/^\d+$/.test(value)) return null;
	const n = Number(value);
	return n >= min && n <= max ? n : null;
};

/**
 * The settings of one screen: `?interval=<s>` (5–600), `?active=HH:mm-HH:mm`, `?lag=<min>` (1–1440),
 * `?nightly=HH:mm`, `?versionPoll=<s>` (2–3600) override the defaults; a malformed value is ignored.
 */
export function wallSettingsFrom(query: URLSearchParams, defaults: WallSettings): WallSettings {
	const active = query.get('active');
	const nightly = query.get('nightly');
	return {
		panelSeconds: bounded(query.get('interval'), 5, 600) ?? defaults.panelSeconds,
		activeHours: active !== null && isActiveHours(active) ? active : defaults.activeHours,
		lagMinutes: bounded(query.get('lag'), 1, 1440) ?? defaults.lagMinutes,
		nightlyReload: nightly !== null && isClock(nightly) ? nightly : defaults.nightlyReload,
		versionPollSeconds: bounded(query.get('versionPoll'), 2, 3600) ?? defaults.versionPollSeconds
	};
}
