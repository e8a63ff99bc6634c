import { sql } from 'drizzle-orm';
import type { Scope } from '../../contracts/scope';
import type { Instant } from '../../domain/calendar/vn-time';
import { queryRows } from '../../../../server/db/rows';
import type { WallLists } from '../../wall/wall-data';
import { WALL_LIST_ROWS } from '../../wall/wall-view';
import { services } from '../services';
import { listScopeDossiers } from './scope-reads';

/**
 * How far back the newest event of a scope is looked for, in stored events (about 7 hours at 20 events/s): the
 * events table has no index by ward, so the search walks the newest events only. Older than that is "none
 * recently", which is all the lag rule needs.
 */
const LAG_LOOKBACK_EVENTS = 500_000;

/** When the server last stored an event of a ward or province (ms), or null: none among the newest events. */
export async function lastStoredEventAt(scope: Scope): Promise<Instant | null> {
	if (scope.kind === 'national') return null;
	const { db } = services();
	const inScope =
		scope.kind === 'ward'
			? sql`ward_code = ${scope.code}`
			: sql`ward_code in (select code from wards where province_code = ${scope.code})`;
	const [row] = await queryRows<{ stored_at: Date | string }>(
		db,
		sql`select stored_at from dossier_events
			where ${inScope}
			and seq > (select coalesce(max(seq), 0) from dossier_events) - ${LAG_LOOKBACK_EVENTS}
			order by seq desc limit 1`
	);
	return row ? new Date(row.stored_at).getTime() : null;
}

/** The wall's lists at `now` (the first rows of each) and the scope's last stored event. */
export async function readWallLists(scope: Scope, now: Instant): Promise<WallLists> {
	const [overdue, dueSoon, lastEventAt] = await Promise.all([
		listScopeDossiers(scope, 'overdue', now, WALL_LIST_ROWS),
		listScopeDossiers(scope, 'dueSoon', now, WALL_LIST_ROWS),
		lastStoredEventAt(scope)
	]);
	return {
		at: new Date(now).toISOString(),
		overdue: { items: overdue.items, more: overdue.nextCursor !== null },
		dueSoon: { items: dueSoon.items, more: dueSoon.nextCursor !== null },
		lastEventAt: lastEventAt === null ? null : new Date(lastEventAt).toISOString()
	};
}
