import type { DossierEvent, EventType } from './dossier';

/**
 * The one order in which a dossier's events are folded. Arrival order plays no part, so late and out-of-order
 * events give the same state as ordered ones (ARCHITECTURE §2).
 */

/**
 * Events with the same `at` are ordered by this rank (the natural order of a dossier's life), then by id.
 * Arrival order (`seq`) is deliberately not used: an event arriving late must give the same state as one on time.
 */
export const EVENT_TYPE_RANK: Readonly<Record<EventType, number>> = {
	submitted: 0,
	received: 1,
	not_accepted: 2,
	stage_changed: 3,
	fee_requested: 4,
	fee_paid: 5,
	supplement_requested: 6,
	supplement_received: 7,
	stopped: 8,
	resumed: 9,
	due_extended: 10,
	completed: 11,
	returned: 12,
	withdrawn: 13,
	rated: 14
};

/** An event's content without its arrival order, with sorted keys: equal keys mean the same event. */
function contentKey(event: DossierEvent): string {
	const entries = Object.entries(event)
		.filter(([key, value]) => key !== 'seq' && value !== undefined)
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return JSON.stringify(entries);
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The total order of events: time, then type rank, then id, then content (for conflicting duplicates). */
export function compareEvents(a: DossierEvent, b: DossierEvent): number {
	return (
		a.at - b.at ||
		EVENT_TYPE_RANK[a.type] - EVENT_TYPE_RANK[b.type] ||
		compareText(a.id, b.id) ||
		compareText(contentKey(a), contentKey(b))
	);
}

/**
 * Drops repeated event ids and sorts by `compareEvents`. When two events share an id but differ in content, the
 * first in that order is kept and `conflicting` is set.
 */
export function orderEvents(events: readonly DossierEvent[]): {
	ordered: DossierEvent[];
	conflicting: boolean;
} {
	const byId = new Map<string, DossierEvent>();
	let conflicting = false;
	for (const event of events) {
		const kept = byId.get(event.id);
		if (kept === undefined) {
			byId.set(event.id, event);
		} else if (contentKey(kept) !== contentKey(event)) {
			conflicting = true;
			if (compareEvents(event, kept) < 0) byId.set(event.id, event);
		}
	}
	return { ordered: [...byId.values()].sort(compareEvents), conflicting };
}
