import { toSnapshotJson, type SnapshotJson } from '../../src/lib/contracts/snapshot';
import { scopeSchema } from '../../src/lib/contracts/scope';
import { vnDateOf, type Instant } from '../../src/lib/domain/calendar/vn-time';
import type { WorkingCalendar } from '../../src/lib/domain/calendar/working-calendar';
import type { Snapshot } from '../../src/lib/domain/oracle';
import { storeSnapshot } from '../aggregator/snapshot-from-store';
import type { AggregateStore } from '../aggregator/store';
import { childScopeId, type AdminUnits } from '../read/scopes';

/**
 * Snapshots of scope rooms built from unit snapshots: a room shows a unit (the nation, a province, a ward) and its
 * children, and a unit shown by several rooms is read and computed once. A room assembled from units computed at
 * `now` is exactly what `GET /api/v1/snapshot?scope=…` answers for today at that instant.
 */

/** The units a room shows: its own scope and its children, by scope id. */
export function roomUnits(room: string, units: AdminUnits): string[] {
	const scope = scopeSchema.parse(room);
	return [room, ...units.childrenOf(scope).map((code) => childScopeId(scope, code))];
}

/** Today's figures of these units (without children), from one store read. */
export async function unitSnapshots(
	unitIds: Iterable<string>,
	deps: { store: AggregateStore; calendar: WorkingCalendar; now: Instant }
): Promise<Map<string, Snapshot>> {
	const byId = new Map<string, Snapshot>();
	const ids = [...new Set(unitIds)];
	if (ids.length === 0) return byId;
	const today = vnDateOf(deps.now);
	const computed = await storeSnapshot(deps.store, {
		scope: { id: ids[0], wards: null },
		children: ids.slice(1).map((id) => ({ id, wards: null })),
		period: { from: today, to: today },
		now: deps.now,
		calendar: deps.calendar
	});
	for (const unit of [computed, ...(computed.children ?? [])]) {
		const { children: _children, ...figures } = unit;
		byId.set(unit.scope, figures);
	}
	return byId;
}

/**
 * The room's snapshot JSON from its units' snapshots; `asOf` is the oldest instant any of them was computed at,
 * so the room never claims to be fresher than its least fresh part.
 */
export function roomJson(
	room: string,
	unit: (id: string) => Snapshot,
	units: AdminUnits,
	asOf: Instant
): SnapshotJson {
	const [own, ...children] = roomUnits(room, units).map(unit);
	const snapshot: Snapshot = { ...own, asOf, children };
	return toSnapshotJson(snapshot, units.namesFor(scopeSchema.parse(room)));
}

/** Rooms computed afresh at `now`. */
export async function roomSnapshots(
	rooms: readonly string[],
	deps: { store: AggregateStore; calendar: WorkingCalendar; units: AdminUnits; now: Instant }
): Promise<Map<string, SnapshotJson>> {
	const computed = await unitSnapshots(
		rooms.flatMap((room) => roomUnits(room, deps.units)),
		deps
	);
	return new Map(
		rooms.map((room) => [
			room,
			roomJson(room, (id) => computed.get(id) as Snapshot, deps.units, deps.now)
		])
	);
}
