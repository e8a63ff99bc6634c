import { toSnapshotJson, type SnapshotJson } from '../../src/lib/contracts/snapshot';
import { scopeSchema, type Scope } from '../../src/lib/contracts/scope';
import { vnDateOf, type Instant } from '../../src/lib/domain/calendar/vn-time';
import type { WorkingCalendar } from '../../src/lib/domain/calendar/working-calendar';
import type { Snapshot } from '../../src/lib/domain/oracle';
import { storeSnapshot } from '../aggregator/snapshot-from-store';
import type { AggregateStore } from '../aggregator/store';
import { childScopeId, type AdminUnits } from '../read/scopes';

/**
 * Today's snapshots of several scope rooms from one store read: every unit a room shows (the scope itself and
 * its children) is read and computed once, however many rooms show it. Each room's JSON is exactly what
 * `GET /api/v1/snapshot?scope=…` answers for today at the same instant.
 */
export async function roomSnapshots(
	rooms: readonly string[],
	deps: { store: AggregateStore; calendar: WorkingCalendar; units: AdminUnits; now: Instant }
): Promise<Map<string, SnapshotJson>> {
	const result = new Map<string, SnapshotJson>();
	if (rooms.length === 0) return result;
	const scopes = rooms.map((room) => [room, scopeSchema.parse(room)] as const);
	const childIds = (scope: Scope) =>
		deps.units.childrenOf(scope).map((code) => childScopeId(scope, code));
	const unitIds = new Set<string>();
	for (const [room, scope] of scopes) {
		unitIds.add(room);
		for (const id of childIds(scope)) unitIds.add(id);
	}
	const [first, ...rest] = [...unitIds] as [string, ...string[]];
	const today = vnDateOf(deps.now);
	const computed = await storeSnapshot(deps.store, {
		scope: { id: first, wards: null },
		children: rest.map((id) => ({ id, wards: null })),
		period: { from: today, to: today },
		now: deps.now,
		calendar: deps.calendar
	});
	const byId = new Map<string, Snapshot>();
	for (const unit of [computed, ...(computed.children ?? [])]) {
		const { children: _children, ...figures } = unit;
		byId.set(unit.scope, figures);
	}
	for (const [room, scope] of scopes) {
		const own = byId.get(room) as Snapshot;
		const snapshot: Snapshot = {
			...own,
			children: childIds(scope).map((id) => byId.get(id) as Snapshot)
		};
		result.set(room, toSnapshotJson(snapshot, deps.units.namesFor(scope)));
	}
	return result;
}
