import type { AppliedRecord } from './store-ops';

/**
 * The compact string form of an applied record kept in Redis (the `applied` hashes). Only Node reads it; the
 * apply script merely checks the record's write tag (see `APPLY_BATCH_SCRIPT`). Layout, with control
 * characters as separators (names never contain them):
 *
 * `<v>␟<ward>␟<province>␝<counters>␝<members>␝<fields>`, groups per bucket/set/hash separated by `␞`:
 * counters `bucket␟field[␜delta]␟…` (delta 1 when left out; a day bucket when the bucket starts with `d:`),
 * members `set␟member␟score␟…` (integer scores in base 36, others as `!<score>`), fields
 * `hash␟field␟value␟…`. Members and fields start with the dossier code almost always: `~rest` stands for
 * `<code>rest`, `=name` for a name as is.
 *
 * Node compares records group by group and parses only the groups that changed (`recordGroups`, `parseGroup`).
 */

const SECTION = '\x1d';
const ITEM = '\x1e';
const PART = '\x1f';
const DELTA = '\x1c';

const shorten = (code: string, name: string) =>
	name.startsWith(code) ? `~${name.slice(code.length)}` : `=${name}`;
const expand = (code: string, name: string) =>
	name.startsWith('~') ? code + name.slice(1) : name.slice(1);

const packScore = (score: string) =>
	/^(0|[1-9]\d{0,14})$/.test(score) ? Number(score).toString(36) : `!${score}`;
const unpackScore = (packed: string) =>
	packed.startsWith('!') ? packed.slice(1) : String(parseInt(packed, 36));

function grouped(
	ops: readonly (readonly [string, string, string | number, ...unknown[]])[],
	pack: (key: string, value: string | number) => string
): string {
	const groups = new Map<string, string>();
	for (const [name, key, value] of ops) {
		const packed = pack(key, value);
		const group = groups.get(name);
		groups.set(name, group === undefined ? name + PART + packed : group + PART + packed);
	}
	return [...groups.values()].join(ITEM);
}

export function encodeRecord(code: string, record: AppliedRecord): string {
	return (
		record.v +
		PART +
		record.w +
		PART +
		record.p +
		SECTION +
		grouped(record.o.c, (field, delta) => (delta === 1 ? field : field + DELTA + delta)) +
		SECTION +
		grouped(
			record.o.z,
			(member, score) => shorten(code, member) + PART + packScore(String(score))
		) +
		SECTION +
		grouped(record.o.h, (field, value) => shorten(code, field) + PART + value)
	);
}

/** The header of an encoded record: version and ward (empty for a tombstone). */
export function recordHeader(value: string): { v: number; w: string } {
	const end = value.indexOf(SECTION);
	const [v = '-1', w = ''] = (end < 0 ? value : value.slice(0, end)).split(PART);
	return { v: Number(v), w };
}

/**
 * The groups of an encoded record per section (counters, members, fields): one string per bucket, set or hash,
 * comparable as they are, so a diff only parses the groups that changed.
 */
export function recordGroups(value: string): [string[], string[], string[]] {
	const [, c, z, h] = value.split(SECTION);
	const groups = (section: string | undefined) => (section ? section.split(ITEM) : []);
	return [groups(c), groups(z), groups(h)];
}

/** One group of a record: its bucket, set or hash name, and its items' keys and values side by side. */
export interface RecordGroup {
	name: string;
	keys: string[];
	/** Counter deltas (numbers), scores as ZADD takes them, or field values. */
	values: (string | number)[];
}

/**
 * The items of one group of a section (0 counters, 1 members, 2 fields), with member and field names expanded
 * for `code` and scores unpacked: what a diff writes, parsed in one pass.
 */
export function parseGroup(code: string, section: number, group: string): RecordGroup {
	const parts = group.split(PART);
	const keys: string[] = [];
	const values: (string | number)[] = [];
	if (section === 0) {
		for (let k = 1; k < parts.length; k++) {
			const field = parts[k] as string;
			const at = field.indexOf(DELTA);
			keys.push(at < 0 ? field : field.slice(0, at));
			values.push(at < 0 ? 1 : Number(field.slice(at + 1)));
		}
	} else {
		for (let k = 1; k < parts.length; k += 2) {
			keys.push(expand(code, parts[k] as string));
			const value = parts[k + 1] as string;
			values.push(section === 1 ? unpackScore(value) : value);
		}
	}
	return { name: parts[0] as string, keys, values };
}

/** A record as stored: the write tag given by the apply script, and the encoded record. */
export interface StoredRecord {
	tag: string;
	record: string;
}

export function splitStored(value: string | null | undefined): StoredRecord | null {
	if (value === null || value === undefined) return null;
	const end = value.indexOf(PART);
	// The JSON records of earlier versions carry no tag: their epoch must be rebuilt, not patched.
	if (end <= 0) throw new Error('applied record in an old format: rebuild the aggregates');
	return { tag: value.slice(0, end), record: value.slice(end + 1) };
}

/** Whether two records hold the same ward and items (they may differ in version). */
export function sameItems(a: string, b: string): boolean {
	const aEnd = a.indexOf(SECTION);
	const bEnd = b.indexOf(SECTION);
	if (a.length - aEnd !== b.length - bEnd || a.slice(aEnd) !== b.slice(bEnd)) return false;
	return recordHeader(a).w === recordHeader(b).w;
}
