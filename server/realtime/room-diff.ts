import type { SnapshotJson } from '../../src/lib/contracts/snapshot';
import type { SnapshotChanges } from '../../src/lib/contracts/socket-events';
import { diffSnapshot } from '../../src/lib/realtime/snapshot-changes';

/**
 * The changes between two snapshots of one room when the caller knows which child rows were recomputed in
 * between: those are compared field by field, the others only by rank (a neighbour's change can move it). Equal
 * to `diffSnapshot(before, after, ['/asOf'])` whenever the rows not listed are indeed unchanged, at a fraction of
 * the cost for a province of a hundred wards. Without that knowledge (`recomputed` null) it is that full diff.
 */
export function diffRoom(
	before: SnapshotJson,
	after: SnapshotJson,
	recomputed: ReadonlySet<number> | null
): SnapshotChanges {
	if (recomputed === null || before.children.length !== after.children.length)
		return diffSnapshot(before, after, ['/asOf']);
	const changes = diffSnapshot({ ...before, children: [] }, { ...after, children: [] }, ['/asOf']);
	after.children.forEach((child, i) => {
		const previous = before.children[i];
		if (recomputed.has(i)) {
			for (const [pointer, value] of Object.entries(diffSnapshot(previous, child)))
				changes[`/children/${i}${pointer}`] = value;
		} else if (previous.rank !== child.rank) changes[`/children/${i}/rank`] = child.rank;
	});
	return changes;
}
