/**
 * How fresh a live figure on screen is, for people who must never be misled by an old number (a wall display
 * runs unattended for weeks). Pure: the clock is a parameter.
 */

/**
 * While the server works, a scope's `asOf` is under 60 s old (parts recomputed within 45 s, an update at least
 * every 15 s); older than this means the live figures stopped moving.
 */
export const STALE_AFTER_MS = 75_000;
/** How long a lost connection shows as "reconnecting" before the figures are called stale. */
export const RECONNECT_GRACE_MS = 15_000;

export type Freshness =
	| { kind: 'live' }
	| { kind: 'reconnecting' }
	/** `since`: the instant the figures on screen were last known true (null: nothing to show yet). */
	| { kind: 'stale'; since: number | null };

export interface FreshnessInputs {
	/** Subscribed and in sequence. */
	synced: boolean;
	/** `asOf` of the figures held (ms), or null. */
	asOf: number | null;
	/** When the feed last stopped being synced (or the page loaded), ms. */
	lostAt: number;
	now: number;
}

export function freshnessOf({ synced, asOf, lostAt, now }: FreshnessInputs): Freshness {
	if (synced && asOf !== null && now - asOf <= STALE_AFTER_MS) return { kind: 'live' };
	if (!synced && now - lostAt < RECONNECT_GRACE_MS) return { kind: 'reconnecting' };
	return { kind: 'stale', since: asOf };
}
