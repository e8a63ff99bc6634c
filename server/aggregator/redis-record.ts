import type { Contribution } from './projection';
import { visitOps, type AppliedRecord, type OpsSink } from './store-ops';

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
 * Node compares records group by group and parses only the groups that changed (`recordSections`, `sectionGroups`,
 * `parseGroup`).
 */

const SECTION = '\x1d';
const ITEM = '\x1e';
const PART = '\x1f';
const DELTA = '\x1c';

const shorten = (code: string, name: string) =>
	name.startsWith(code) ? `~${name.slice(code.length)}` : `=${name}`;
const expand = (code: string, name: string) =>
	name.startsWith('~') ? code + name.slice(1) : name.slice(1);

/** Integer scores in base 36 (shorter), any other as `!<score>`. */
const packScore = (score: number) =>
	Number.isInteger(score) && score >= 0 && score < 1e15 ? score.toString(36) : `!${String(score)}`;
const unpackScore = (packed: string) =>
	packed.startsWith('!') ? packed.slice(1) : String(parseInt(packed, 36));

/**
 * Builds one record's string as its writes arrive (an `OpsSink`): per section, the groups in the order of their
 * first item, each item appended to its group.
 */
class RecordWriter implements OpsSink {
	private readonly names: string[][] = [[], [], []];
	private readonly groups: string[][] = [[], [], []];

	constructor(private readonly code: string) {}

	counter(bucket: string, field: string, delta: number): void {
		this.put(0, bucket, delta === 1 ? field : field + DELTA + delta);
	}

	member(set: string, member: string, score: number): void {
		this.put(1, set, shorten(this.code, member) + PART + packScore(score));
	}

	field(hash: string, field: string, value: string): void {
		this.put(2, hash, shorten(this.code, field) + PART + value);
	}

	private put(section: number, name: string, item: string): void {
		const names = this.names[section] as string[];
		const groups = this.groups[section] as string[];
		// Items of one group mostly arrive together: the last group first, then the few others.
		let at = names.length - 1;
		if (at < 0 || names[at] !== name) at = names.indexOf(name);
		if (at < 0) {
			names.push(name);
			groups.push(name + PART + item);
		} else groups[at] += PART + item;
	}

	text(version: number, ward: string, province: string): string {
		const [c, z, h] = this.groups as [string[], string[], string[]];
		return `${version}${PART}${ward}${PART}${province}${SECTION}${c.join(ITEM)}${SECTION}${z.join(ITEM)}${SECTION}${h.join(ITEM)}`;
	}
}

export function encodeRecord(code: string, record: AppliedRecord): string {
	const writer = new RecordWriter(code);
	for (const [bucket, field, delta] of record.o.c) writer.counter(bucket, field, delta);
	for (const [set, member, score] of record.o.z) writer.member(set, member, Number(score));
	for (const [hash, field, value] of record.o.h) writer.field(hash, field, value);
	return writer.text(record.v, record.w, record.p);
}

/**
 * The encoded record of `contribution` at `version` (−1 when none), written straight from the contribution:
 * the same string as `encodeRecord(code, appliedRecord(code, contribution, version))`, without the lists.
 */
export function encodeContribution(
	code: string,
	contribution: Contribution,
	version: number | undefined
): string {
	const writer = new RecordWriter(code);
	visitOps(code, contribution, writer);
	return writer.text(version ?? -1, contribution.ward, contribution.province);
}

/** The header of an encoded record: version and ward (empty for a tombstone). */
export function recordHeader(value: string): { v: number; w: string } {
	// `<v>␟<ward>␟<province>␝…`, read without splitting: the diff reads every record's header.
	const end = value.indexOf(SECTION);
	const head = end < 0 ? value.length : end;
	const first = value.indexOf(PART);
	if (first < 0 || first > head) return { v: Number(value.slice(0, head)), w: '' };
	const second = value.indexOf(PART, first + 1);
	return {
		v: Number(value.slice(0, first)),
		w: value.slice(first + 1, second < 0 || second > head ? head : second)
	};
}

/** The sections of an encoded record (counters, members, fields), each as it is stored. */
export function recordSections(value: string): [string, string, string] {
	const [, c = '', z = '', h = ''] = value.split(SECTION);
	return [c, z, h];
}

/** The groups of one section: one string per bucket, set or hash, comparable as they are. */
export const sectionGroups = (section: string): string[] =>
	section === '' ? [] : section.split(ITEM);

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
	const parsed: RecordGroup = { name: parts[0] as string, keys: [], values: [] };
	for (let k = 1; k < parts.length; k += section === 0 ? 1 : 2)
		pushItem(code, section, parsed, parts, k);
	return parsed;
}

/**
 * What changed between two groups of the same name in one section: the items only the old one has (taken out)
 * and those only the new one has (put in), parsed as `parseGroup` does. Items both hold are left alone.
 */
export function groupChange(
	code: string,
	section: number,
	before: string,
	after: string
): [RecordGroup, RecordGroup] {
	const old = before.split(PART);
	const next = after.split(PART);
	const name = old[0] as string;
	const removed: RecordGroup = { name, keys: [], values: [] };
	const added: RecordGroup = { name, keys: [], values: [] };
	const width = section === 0 ? 1 : 2;
	for (let k = 1; k < old.length; k += width)
		if (!holds(next, old, k, width)) pushItem(code, section, removed, old, k);
	for (let k = 1; k < next.length; k += width)
		if (!holds(old, next, k, width)) pushItem(code, section, added, next, k);
	return [removed, added];
}

/** Whether the group `within` (split) has the item at `parts[k]` (with its value when `width` is 2). */
function holds(within: string[], parts: string[], k: number, width: number): boolean {
	for (let m = 1; m < within.length; m += width)
		if (within[m] === parts[k] && (width === 1 || within[m + 1] === parts[k + 1])) return true;
	return false;
}

/** Appends the item at `parts[k]` (and its value at `k + 1` for members and fields) to `group`. */
function pushItem(code: string, section: number, group: RecordGroup, parts: string[], k: number) {
	if (section === 0) {
		const field = parts[k] as string;
		const at = field.indexOf(DELTA);
		group.keys.push(at < 0 ? field : field.slice(0, at));
		group.values.push(at < 0 ? 1 : Number(field.slice(at + 1)));
		return;
	}
	group.keys.push(expand(code, parts[k] as string));
	const value = parts[k + 1] as string;
	group.values.push(section === 1 ? unpackScore(value) : value);
}

/** The name of a group (its bucket, set or hash). */
export const groupName = (group: string): string => group.slice(0, group.indexOf(PART));

/** A record as stored: the write tag given by the apply script, and the encoded record. */
export interface StoredRecord {
	tag: string;
	record: string;
}

/** A record as stored under the write tag `tag` (what `splitStored` takes apart). */
export const tagRecord = (tag: string, record: string): string => tag + PART + record;

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
