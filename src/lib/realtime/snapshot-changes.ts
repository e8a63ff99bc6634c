import type { SnapshotChanges } from '../contracts/socket-events';

/**
 * Changes between two snapshot JSON documents as JSON Pointers to absolute values, and their application. The
 * server diffs what it sent last against what it computed now; the browser applies the result. Pure: no I/O.
 */

type Json = unknown;

const isObject = (value: Json): value is Record<string, Json> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** RFC 6901 escaping of one reference token. */
const escapeToken = (token: string) => token.replace(/~/g, '~0').replace(/\//g, '~1');
const unescapeToken = (token: string) => token.replace(/~1/g, '/').replace(/~0/g, '~');

function sameKeys(a: Record<string, Json>, b: Record<string, Json>): boolean {
	const keys = Object.keys(a);
	if (keys.length !== Object.keys(b).length) return false;
	return keys.every((key) => Object.prototype.hasOwnProperty.call(b, key));
}

/** Pointers left out, and the depth of the deepest (deeper paths need no look-up). */
interface Skip {
	pointers: ReadonlySet<string>;
	depth: number;
}

/** Walks both documents; the pointer is built only for a difference (most fields are equal). */
function diffInto(before: Json, after: Json, path: string[], out: SnapshotChanges, skip: Skip) {
	if (before === after) return;
	if (path.length <= skip.depth && skip.pointers.has(pointerOf(path))) return;
	if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
		for (let i = 0; i < after.length; i++) {
			path.push(String(i));
			diffInto(before[i], after[i], path, out, skip);
			path.pop();
		}
		return;
	}
	if (isObject(before) && isObject(after) && sameKeys(before, after)) {
		for (const key in after) {
			path.push(key);
			diffInto(before[key], after[key], path, out, skip);
			path.pop();
		}
		return;
	}
	// A leaf that differs, or a container whose shape changed: send it whole, so no removal is ever needed.
	out[pointerOf(path)] = after;
}

const pointerOf = (path: readonly string[]) =>
	path.length === 0 ? '' : '/' + path.map(escapeToken).join('/');

/**
 * The fields of `after` that differ from `before`, as absolute values keyed by JSON Pointer. Objects whose key
 * set changed and arrays whose length changed are sent whole; `ignore` lists pointers left out (e.g. `/asOf`,
 * which travels in the update's envelope).
 */
export function diffSnapshot(
	before: Json,
	after: Json,
	ignore: readonly string[] = []
): SnapshotChanges {
	const out: SnapshotChanges = {};
	const depth = Math.max(-1, ...ignore.map((pointer) => pointer.split('/').length - 1));
	diffInto(before, after, [], out, { pointers: new Set(ignore), depth });
	return out;
}

/** The container itself when it is already a copy made by this application, else a shallow copy of it. */
function writable(
	container: Json,
	fresh: WeakSet<object>,
	token: string
): Json[] | Record<string, Json> {
	if (typeof container !== 'object' || container === null)
		throw new RangeError(`cannot descend into ${token}: not an object or array`);
	if (fresh.has(container)) return container as Json[] | Record<string, Json>;
	const copy = Array.isArray(container) ? container.slice() : { ...container };
	fresh.add(copy);
	return copy;
}

/** Whether `key` names an existing element or member of `container`. */
function holds(container: Json[] | Record<string, Json>, key: string): boolean {
	if (Array.isArray(container)) {
		const index = Number(key);
		return Number.isInteger(index) && index >= 0 && index < container.length;
	}
	return Object.prototype.hasOwnProperty.call(container, key);
}

/**
 * A copy of `snapshot` with the changes applied (containers on a changed path are copied, the rest shared, so a
 * reactive holder sees a new object). Throws a RangeError when a pointer does not fit the document: the
 * client's copy has drifted and must resync.
 */
export function applyChanges<T>(snapshot: T, changes: SnapshotChanges): T {
	let root: Json = snapshot;
	// Containers copied by this application: many changes under one array copy it once.
	const fresh = new WeakSet<object>();
	for (const pointer in changes) {
		const value = changes[pointer];
		if (pointer === '') {
			root = value;
			continue;
		}
		if (pointer[0] !== '/') throw new RangeError(`bad pointer ${pointer}`);
		const tokens = pointer.split('/');
		root = writable(root, fresh, '');
		let parent = root as Json[] | Record<string, Json>;
		for (let i = 1; i < tokens.length; i++) {
			const token = tokens[i].includes('~') ? unescapeToken(tokens[i]) : tokens[i];
			const last = i === tokens.length - 1;
			// A new member may appear only at the end of a path, and arrays never grow.
			if ((!last || Array.isArray(parent)) && !holds(parent, token))
				throw new RangeError(`no member ${token} in ${pointer}`);
			const slot = parent as Record<string, Json>;
			if (last) slot[token] = value;
			else parent = slot[token] = writable(slot[token], fresh, token);
		}
	}
	return root as T;
}
