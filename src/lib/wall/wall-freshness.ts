import { vnDateOf, type Instant } from '../domain/calendar/vn-time';
import type { Freshness } from '../realtime/freshness';

/**
 * What a wall says about the age of its figures, so an unattended screen never passes old numbers off as live.
 * Pure: the clock is a parameter.
 */
export type WallBanner =
	/** The figures are live: no banner, only their age in the corner. */
	| { kind: 'none' }
	/** Nothing to show yet (first start with no stored copy). */
	| { kind: 'waiting' }
	/**
	 * The last good figures stay on screen, with the instant they were true. `connected`: the server answers but
	 * the figures stopped moving; else the connection is lost. `dayChanged`: they are not today's (escalated).
	 */
	| { kind: 'stale'; since: Instant; connected: boolean; dayChanged: boolean };

/**
 * The socket as the wall sees it: `starting` until its first connection, then `connected`, or `lost` from any
 * disconnection until it is connected again (Socket.IO's retries in between do not count as connected).
 */
export type WallLink = 'starting' | 'connected' | 'lost';

export interface WallFreshnessInputs {
	freshness: Freshness;
	/** `asOf` of the figures on screen (ms), or null. */
	asOf: Instant | null;
	link: WallLink;
	now: Instant;
}

/**
 * The banner: none while live; at once when the connection is lost (no grace period, unlike the dashboards'
 * "reconnecting"), or when the feed has gone stale though connected, with the time of the last good figures,
 * escalated when their Vietnam date is not today's. A subscription under way (at start, or a resync after a
 * reconnection) shows none until the feed's own grace runs out.
 */
export function wallBanner({ freshness, asOf, link, now }: WallFreshnessInputs): WallBanner {
	if (freshness.kind === 'live' && asOf !== null) return { kind: 'none' };
	if (asOf === null)
		return freshness.kind === 'stale' || link === 'lost' ? { kind: 'waiting' } : { kind: 'none' };
	if (link !== 'lost' && freshness.kind !== 'stale') return { kind: 'none' };
	return {
		kind: 'stale',
		since: asOf,
		connected: link === 'connected',
		dayChanged: vnDateOf(asOf) !== vnDateOf(now)
	};
}

export type AgeUnit = 'seconds' | 'minutes' | 'hours' | 'days';

/** The age of figures in the largest whole unit (never negative: a clock a little behind the server's says 0 s). */
export function ageOf(asOf: Instant, now: Instant): { value: number; unit: AgeUnit } {
	const seconds = Math.max(0, Math.floor((now - asOf) / 1000));
	if (seconds < 60) return { value: seconds, unit: 'seconds' };
	if (seconds < 3600) return { value: Math.floor(seconds / 60), unit: 'minutes' };
	if (seconds < 86_400) return { value: Math.floor(seconds / 3600), unit: 'hours' };
	return { value: Math.floor(seconds / 86_400), unit: 'days' };
}
