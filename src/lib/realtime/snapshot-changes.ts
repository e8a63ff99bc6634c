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

function setAt(target: Json, tokens: readonly string[], value: Json): Json {
	if (tokens.length === 0) return value;
	const [head, ...rest] = tokens as [string, ...string[]];
	if (Array.isArray(target)) {
		const index = Number(head);
		if (!Number.isInteger(index) || index < 0 || index >= target.length)
			throw new RangeError(`no array element ${head}`);
		const copy = target.slice();
		copy[index] = setAt(target[index], rest, value);
		return copy;
	}
	if (isObject(target)) {
		if (rest.length > 0 && !Object.prototype.hasOwnProperty.call(target, head))
			throw new RangeError(`no member ${head}`);
		return { ...target, [head]: setAt(target[head], rest, value) };
	}
	throw new RangeError(`cannot descend into a ${target === null ? 'null' : typeof target}`);
}

/**
 * A copy of `snapshot` with the changes applied (containers on a changed path are copied, the rest shared, so a
 * reactive holder sees a new object). Throws a RangeError when a pointer does not fit the document: the
 * client's copy has drifted and must resync.
 */
export function applyChanges<T>(snapshot: T, changes: SnapshotChanges): T {
	let result: Json = snapshot;
	for (const [pointer, value] of Object.entries(changes)) {
		if (pointer !== '' && !pointer.startsWith('/')) throw new RangeError(`bad pointer ${pointer}`);
		const tokens = pointer === '' ? [] : pointer.slice(1).split('/').map(unescapeToken);
		result = setAt(result, tokens, value);
	}
	return result as T;
}
