import type { Scope } from '../../contracts/scope';
import { formatScope } from '../../contracts/scope';
import type { ServiceIndexJson } from '../../contracts/service-index';
import type { Instant } from '../../domain/calendar/vn-time';
import { periodEnd, type Period } from '../../domain/period';
import { readServiceIndexJson } from '../../../../server/read/service-index-reader';
import { services } from '../services';
import { SharedReads } from './shared-reads';

/**
 * The Decision 766 estimate as the pages and the report read it (access is checked by their load functions).
 * At the nation's scale the SQL read takes seconds, so it is cached: a period that has ended for five minutes,
 * like the overview's comparison, the running one briefly, so pages opened together share one read.
 */

const PAST_TTL_MS = 5 * 60_000;
const CURRENT_TTL_MS = 30_000;
const shared = new SharedReads<ServiceIndexJson>();

/**
 * The estimate of a scope for a period, measured at its end (or at `now` while it runs); `cached: false` reads
 * afresh at `now` (a frozen report computes everything at its own instant).
 */
export function readServiceIndex(
	scope: Scope,
	period: Period,
	now: Instant = Date.now(),
	options: { cached?: boolean } = {}
): Promise<ServiceIndexJson> {
	const { db, reference } = services();
	if (options.cached === false) return readServiceIndexJson(db, reference, { scope, period, now });
	const ttl = periodEnd(period) <= now ? PAST_TTL_MS : CURRENT_TTL_MS;
	return shared.read(`${formatScope(scope)}|${period.from}|${period.to}`, now, ttl, () =>
		readServiceIndexJson(db, reference, { scope, period, now })
	);
}

/**
 * The same for a page that streams it: null when it could not be read (the card says so; the page stands).
 * Never rejects: a streamed promise that rejects would fail the page after it has been sent.
 */
export function streamServiceIndex(
	scope: Scope,
	period: Period,
	now: Instant
): Promise<ServiceIndexJson | null> {
	return readServiceIndex(scope, period, now).catch((error: unknown) => {
		services().log.warn({ err: error, scope }, 'service index estimate not read');
		return null;
	});
}
