import { sql } from 'drizzle-orm';
import type { DossierTick } from '../../src/lib/contracts/socket-events';
import { tickKey } from '../../src/lib/realtime/ticker';
import { STAGES, type EventType, type Stage } from '../../src/lib/domain/dossier';
import type { Instant } from '../../src/lib/domain/calendar/vn-time';
import { MAX_CLOCK_AHEAD_MS } from '../../src/lib/contracts/ingest';
import type { Database } from '../db/client';
import { instantOf, isoOf, queryRows } from './sql-rows';

/** How far back a new subscriber's ticker reaches: a province at night may be quiet for an hour or more. */
export const RECENT_TICKS_WINDOW_MS = 24 * 3_600_000;
/** How many of the latest events a new subscriber's ticker starts with (the browser's ticker shows 20). */
export const RECENT_TICKS_LIMIT = 20;
/**
 * The nation's latest events are found among the newest stored rows (the primary key's order), so the read
 * needs no index on time over every event: the nation stores thousands an hour in working time.
 */
const NATIONAL_NEWEST_ROWS = 5_000;

const isStage = (value: string | null): value is Stage =>
	value !== null && (STAGES as readonly string[]).includes(value);

/**
 * The latest dossier events of a scope within the last day, oldest first, as the live ticker shows them: codes,
 * types, times, wards, fields and stages only. `wards` null: the whole nation. A subscriber's ticker starts from
 * them, so at 03:00 it tells what happened last and when instead of staying empty until the next event.
 */
export async function recentTicks(
	db: Database,
	scope: string,
	wards: readonly string[] | null,
	now: Instant,
	limit = RECENT_TICKS_LIMIT
): Promise<DossierTick[]> {
	if (wards !== null && wards.length === 0) return [];
	const from = isoOf(now - RECENT_TICKS_WINDOW_MS);
	// Events from a source whose clock runs fast are accepted up to MAX_CLOCK_AHEAD_MS ahead and ticked live at once.
	const to = isoOf(now + MAX_CLOCK_AHEAD_MS);
	const where =
		wards === null
			? sql`e.seq > (select coalesce(max(seq), 0) from dossier_events) - ${NATIONAL_NEWEST_ROWS}`
			: sql`e.ward_code = any(${sql.param([...wards])}::text[])`;
	const rows = await queryRows<{
		dossier: string;
		type: EventType;
		at: Date | string;
		ward: string;
		field: string | null;
		stage: string | null;
	}>(
		db,
		sql`select e.dossier_code as dossier, e.type, e.at, e.ward_code as ward,
				coalesce(e.payload->>'field', d.field_code) as field, e.payload->>'stage' as stage
			from dossier_events e left join dossiers d on d.code = e.dossier_code
			where ${where} and e.at > ${from}::timestamptz and e.at <= ${to}::timestamptz
			order by e.at desc, e.seq desc
			limit ${limit}`
	);
	return rows.reverse().map((row) => ({
		scope,
		dossier: row.dossier,
		type: row.type,
		at: isoOf(instantOf(row.at) as number),
		ward: row.ward,
		field: row.field,
		stage: row.type === 'stage_changed' && isStage(row.stage) ? row.stage : null
	}));
}

/**
 * The latest `limit` of two lists of ticks (each oldest first), oldest first, each event once: a room's read and
 * the events accepted since, which the read may already hold.
 */
export function latestTicks(
	read: readonly DossierTick[],
	since: readonly DossierTick[],
	limit = RECENT_TICKS_LIMIT
): DossierTick[] {
	const byKey = new Map<string, DossierTick>();
	for (const tick of [...read, ...since]) byKey.set(tickKey(tick), tick);
	return [...byKey.values()].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)).slice(-limit);
}
