import type { DossierListItem } from '../contracts/snapshot';
import type { Instant } from '../domain/calendar/vn-time';
import type { RankedSnapshot } from '../components/dashboard/scope-view';
import type { WallLevel } from './playlist';
import type { WallSettings } from './wall-settings';

/** What a wall's lists panel shows: the first overdue and due-soon dossiers, and the scope's last event. */
export interface WallLists {
	/** When the lists were read (UTC ISO). */
	at: string;
	overdue: { items: DossierListItem[]; more: boolean };
	dueSoon: { items: DossierListItem[]; more: boolean };
	/** When the server last stored an event of the scope (UTC ISO), or null: none recently. */
	lastEventAt: string | null;
}

/** Everything a wall page is rendered from (its load's answer). */
export interface WallData {
	level: WallLevel;
	unit: { code: string; fullName: string };
	/** `ward:<code>` or `province:<code>`. */
	scope: string;
	/** Today's snapshot for the first paint (a province's wards cut to ranking rows). */
	snapshot: RankedSnapshot;
	lists: WallLists;
	fieldNames: Record<string, string>;
	/** A province's wards' full names by code; empty for a ward. */
	wardNames: Record<string, string>;
	/** Office periods of today and tomorrow, `[start, end)` instants, for the lag rule. */
	officePeriods: [Instant, Instant][];
	settings: WallSettings;
	/** When the page was rendered (ms). */
	loadedAt: Instant;
}
