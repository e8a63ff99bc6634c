import { snapshotJsonSchema, type SnapshotJson } from '../contracts/snapshot';

/**
 * The last snapshot of a scope kept in the browser's storage, so a reload shows figures at once (marked with
 * their age) instead of an empty screen. Snapshots hold aggregate figures only, no personal data.
 */

const KEY_PREFIX = 'mcl:live:';

/** The subset of `Storage` used here (tests pass a Map-backed one). */
export type SnapshotStorage = Pick<Storage, 'getItem' | 'setItem'>;

export function saveSnapshot(
	storage: SnapshotStorage,
	scope: string,
	snapshot: SnapshotJson
): void {
	try {
		storage.setItem(KEY_PREFIX + scope, JSON.stringify(snapshot));
	} catch {
		// Storage full or disabled (private mode): the live figures still work, only the reload is slower.
	}
}

/** The stored snapshot of a scope, or null when absent, unreadable or of another shape (an older build). */
export function loadSnapshot(storage: SnapshotStorage, scope: string): SnapshotJson | null {
	let text: string | null;
	try {
		text = storage.getItem(KEY_PREFIX + scope);
	} catch {
		return null;
	}
	if (!text) return null;
	try {
		const parsed = snapshotJsonSchema.safeParse(JSON.parse(text));
		return parsed.success && parsed.data.scope === scope ? parsed.data : null;
	} catch {
		return null;
	}
}
