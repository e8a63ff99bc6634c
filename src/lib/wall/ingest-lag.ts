import type { Instant } from '../domain/calendar/vn-time';

/**
 * The ingest lag of a scope's source system: shown only during office hours (a quiet desk at night is no
 * fault) and only once no event has arrived from it for `lagMs`. Pure.
 */
export interface IngestLagInputs {
	now: Instant;
	/** When the server last stored an event of the scope (or the screen last saw one), or null: none known. */
	lastEventAt: Instant | null;
	/** Today's office periods as `[start, end)` instants (none on a day off). */
	officePeriods: readonly (readonly [Instant, Instant])[];
	lagMs: number;
}

/** `{since}` when the lag must be shown (`since` null: no event known at all), else null. */
export function ingestLag({
	now,
	lastEventAt,
	officePeriods,
	lagMs
}: IngestLagInputs): { since: Instant | null } | null {
	const inOffice = officePeriods.some(([start, end]) => start <= now && now < end);
	if (!inOffice) return null;
	// Time before the office opened does not count: a desk's first event of the day comes after it opens.
	const opened = officePeriods.reduce(
		(first, [start]) => Math.min(first, start),
		Number.POSITIVE_INFINITY
	);
	const quietFrom = Math.max(lastEventAt ?? Number.NEGATIVE_INFINITY, opened);
	return now - quietFrom >= lagMs ? { since: lastEventAt } : null;
}
