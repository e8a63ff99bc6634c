import { vnDateOf, vnInstant, addDays, type Instant } from '../domain/calendar/vn-time';

/**
 * When an unattended screen reloads or resyncs itself: once a night, once per newly deployed build, and after the
 * machine slept. Pure: clocks and stored values are parameters.
 */

/** True when the nightly reload instant (`HH:mm` Vietnam time) fell in `(loadedAt, now]`. */
export function nightlyReloadDue(loadedAt: Instant, now: Instant, clock: string): boolean {
	if (now <= loadedAt) return false;
	let day = vnDateOf(loadedAt);
	for (let i = 0; i < 3; i++, day = addDays(day, 1)) {
		const at = vnInstant(day, clock);
		if (at > loadedAt) return at <= now;
	}
	return true;
}

/**
 * What to do about the build `version.json` serves: nothing while it is the running one (or unreadable), reload
 * when it is new, and hold when the screen already reloaded for that very version (a cache still serving the old
 * pages must not make it reload in a loop).
 */
export function versionAction(
	running: string,
	served: string | null,
	reloadedFor: string | null
): 'none' | 'reload' | 'hold' {
	if (served === null || served === running) return 'none';
	return served === reloadedFor ? 'hold' : 'reload';
}

/**
 * A timer that fires every `intervalMs` and finds far more time passed since its last run slept with the machine
 * (or the clock was set): then the figures must be fetched again. A clock set backwards counts too.
 */
export function isClockJump(
	previous: Instant,
	now: Instant,
	intervalMs: number,
	toleranceMs = 30_000
): boolean {
	return now - previous > intervalMs + toleranceMs || now < previous - toleranceMs;
}
