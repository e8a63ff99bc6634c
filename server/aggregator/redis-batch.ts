import {
	groupChange,
	groupName,
	parseGroup,
	recordSections,
	sectionGroups,
	recordHeader,
	sameItems,
	type RecordGroup
} from './redis-record';
import { storedSetEntry } from './redis-keys';
import type { CalendarDate } from '../../src/lib/domain/calendar/vn-time';
import {
	bucketTtlMs,
	isBucketLive,
	isNational,
	liveBucketFloors,
	type AppliedRecord
} from './store-ops';

const NATIONAL_LEVEL = [''];

/** Separates a packed hash's fields and deltas (names never contain it). */
const PART = '\x1f';

/** A member's or field's old and new value in a batch (null: absent). */
interface Slot {
	old: string | null;
	next: string | null;
}
type Slots = Map<string, Slot>;

const NO_SECTIONS: [string, string, string] = ['', '', ''];
const NO_ENTRIES: [string, string, string][] = [];

/**
 * Tables per key level (`w:<ward>:`, `p:` or the national '') and name: the hot path looks keys up by their two
 * parts and builds a key string only once per key, when the script's arguments are written.
 */
class Leveled<T> {
	private readonly byLevel = new Map<string, Map<string, T>>();
	constructor(private readonly make: () => T) {}

	at(level: string, name: string): T {
		let names = this.byLevel.get(level);
		if (!names) this.byLevel.set(level, (names = new Map()));
		let table = names.get(name);
		if (!table) names.set(name, (table = this.make()));
		return table;
	}

	/** Every table with its key suffix (level + name) and its name. */
	*entries(): Generator<[string, string, T]> {
		for (const [level, names] of this.byLevel)
			for (const [name, table] of names) yield [level + name, name, table];
	}
}

/** The summed writes of a province batch. */
export class BatchDelta {
	readonly counters = new Leveled<Map<string, number>>(() => new Map());
	readonly members = new Leveled<Slots>(() => new Map());
	readonly fields = new Leveled<Slots>(() => new Map());

	readonly floors: { day: string; hour: string };
	private readonly wardLevels = new Map<string, string[]>();
	/** New records whose counters are left to a `DeferredCounters` (a rebuild): added there once written. */
	readonly recordsWithoutCounters: AppliedRecord[] = [];

	/**
	 * `today`: buckets too old to be read are left out (`isBucketLive`). `deferCounters`: new records' counters
	 * are not summed here (see `DeferredCounters`).
	 */
	constructor(
		today: CalendarDate,
		private readonly deferCounters = false
	) {
		this.floors = liveBucketFloors(today);
	}

	/** The key levels a name is written at: the national one alone, or the ward's and the province's. */
	levels(ward: string, name: string): string[] {
		if (isNational(name)) return NATIONAL_LEVEL;
		let levels = this.wardLevels.get(ward);
		if (!levels) this.wardLevels.set(ward, (levels = [`w:${ward}:`, 'p:']));
		return levels;
	}

	/** Adds the writes turning a dossier's record `raw` into `next`; items equal in both cancel out. */
	diff(code: string, raw: string | null, next: string): void {
		if (raw !== null && sameItems(raw, next)) return;
		const oldWard = raw === null ? '' : recordHeader(raw).w;
		const nextWard = recordHeader(next).w;
		const oldSections = oldWard === '' ? NO_SECTIONS : recordSections(raw as string);
		const nextSections = nextWard === '' ? NO_SECTIONS : recordSections(next);
		const same = oldWard === nextWard;
		// Only groups that changed are parsed, in sections that changed. A group present on both sides under one
		// name (a day bucket that got its resolution, a set member with a new score) writes only the items that
		// differ; a group on one side only is taken out or put in whole. A record has a few groups per section:
		// arrays beat sets at that size.
		for (let section = 0; section < 3; section++) {
			if (same && oldSections[section] === nextSections[section]) continue;
			const before = sectionGroups(oldSections[section] as string);
			const after = sectionGroups(nextSections[section] as string);
			const names = same ? before.map(groupName) : [];
			const matched = same ? before.map(() => false) : [];
			for (const group of after) {
				if (same) {
					const at = names.indexOf(groupName(group));
					if (at >= 0) {
						matched[at] = true;
						if (before[at] === group) continue;
						const [removed, added] = groupChange(code, section, before[at] as string, group);
						this.group(oldWard, section, removed, -1);
						this.group(nextWard, section, added, 1);
						continue;
					}
				}
				this.group(nextWard, section, parseGroup(code, section, group), 1);
			}
			before.forEach((group, at) => {
				if (!matched[at]) this.group(oldWard, section, parseGroup(code, section, group), -1);
			});
		}
	}

	/** Adds a new dossier's record (none before): its ops as they are, without encoding them. */
	add(record: AppliedRecord): void {
		if (record.w === '') return;
		if (this.deferCounters) this.recordsWithoutCounters.push(record);
		else {
			for (const [bucket, field, delta] of record.o.c)
				this.group(record.w, 0, { name: bucket, keys: [field], values: [delta] }, 1);
		}
		for (const [set, member, score] of record.o.z)
			this.group(record.w, 1, { name: set, keys: [member], values: [score] }, 1);
		for (const [hash, field, value] of record.o.h)
			this.group(record.w, 2, { name: hash, keys: [field], values: [value] }, 1);
	}

	/** Takes out (−1) or puts in (+1) one group's items at each level of its name. */
	private group(ward: string, section: number, group: RecordGroup, sign: 1 | -1) {
		const { name, keys, values } = group;
		if (section === 0 && !isBucketLive(name, this.floors)) return;
		// Where each member is kept is the same at every level: worked out once (see storedSetEntry).
		const entries =
			section === 1
				? keys.map((key, k) => storedSetEntry(name, key, values[k] as string))
				: NO_ENTRIES;
		for (const level of this.levels(ward, name)) {
			if (section === 0) {
				const counters = this.counters.at(level, name);
				for (let k = 0; k < keys.length; k++) {
					const key = keys[k] as string;
					counters.set(key, (counters.get(key) ?? 0) + sign * (values[k] as number));
				}
				continue;
			}
			if (section === 2) {
				const slots = this.fields.at(level, name);
				for (let k = 0; k < keys.length; k++)
					slotOf(slots, keys[k] as string, sign, values[k] as string);
				continue;
			}
			// The overdue and over-share sets live inside the stage's work-in-progress set (redis-keys.ts).
			for (const [set, member, score] of entries)
				slotOf(this.members.at(level, set), member, sign, score);
		}
	}

	/** The script's arguments after the records section; without counters when they are deferred. */
	args(out: string[], withCounters = true): void {
		if (withCounters) counterArgs(out, counterHashes(this.counters.entries()));
		else out.push('0');
		section(out, this.members.entries(), (member, { old, next }) =>
			next !== null && next !== old ? [next, member] : null
		);
		section(out, this.members.entries(), (member, { next }) => (next === null ? [member] : null));
		section(out, this.fields.entries(), (field, { old, next }) =>
			next !== null && next !== old ? [field, next] : null
		);
		section(out, this.fields.entries(), (field, { next }) => (next === null ? [field] : null));
	}
}

/** Puts a member's or field's old (sign −1) or new (+1) value into its slot. */
function slotOf(slots: Slots, key: string, sign: 1 | -1, value: string): void {
	let slot = slots.get(key);
	if (!slot) slots.set(key, (slot = { old: null, next: null }));
	if (sign > 0) slot.next = value;
	else slot.old = value;
}

/** A counter hash to write: its key suffix, TTL in ms (null: kept) and field deltas. */
type CounterHash = [string, number | null, Map<string, number>];

function* counterHashes(
	tables: Iterable<[string, string, Map<string, number>]>
): Generator<CounterHash> {
	for (const [key, name, counters] of tables) yield [key, bucketTtlMs(name), counters];
}

/**
 * Counter deltas put aside during a rebuild and written in few large calls before the commit: sums commute, so
 * adding a batch's counters later gives the same figures once all are in, while records and set members (which
 * do not commute) are written with their batch. Cuts the calls per dossier several times over.
 */
export class DeferredCounters {
	readonly counters = new Map<string, Map<string, number>>();
	readonly expiring = new Map<string, number>();
	fields = 0;

	/** Adds a written batch's counters: those it summed, and those of its new records, in one pass each. */
	absorb(delta: BatchDelta): void {
		for (const [key, name, source] of delta.counters.entries()) {
			const target = this.hashOf(key, bucketTtlMs(name));
			for (const [field, value] of source) this.add(target, field, value);
		}
		for (const record of delta.recordsWithoutCounters) {
			for (const [bucket, field, value] of record.o.c) {
				const ttl = bucketTtlMs(bucket);
				if (ttl !== null && !isBucketLive(bucket, delta.floors)) continue;
				for (const level of delta.levels(record.w, bucket))
					this.add(this.hash(level, bucket, ttl), field, value);
			}
		}
	}

	/** Hashes by level then name, so the hot path builds no key strings (a million dossiers, 30 counters each). */
	private readonly byLevel = new Map<string, Map<string, Map<string, number>>>();

	private hash(level: string, name: string, ttl: number | null): Map<string, number> {
		let names = this.byLevel.get(level);
		if (!names) this.byLevel.set(level, (names = new Map()));
		let target = names.get(name);
		if (!target) names.set(name, (target = this.hashOf(level + name, ttl)));
		return target;
	}

	private hashOf(key: string, ttl: number | null): Map<string, number> {
		let target = this.counters.get(key);
		if (!target) {
			this.counters.set(key, (target = new Map()));
			if (ttl !== null) this.expiring.set(key, ttl);
		}
		return target;
	}

	private add(target: Map<string, number>, field: string, value: number): void {
		const current = target.get(field);
		if (current === undefined) this.fields++;
		target.set(field, (current ?? 0) + value);
	}

	/** Script arguments (counters section, then empty set sections) in chunks of at most `keys` hashes. */
	*chunks(keys: number): Generator<string[]> {
		const all = [...this.counters.keys()];
		for (let from = 0; from < all.length; from += keys) {
			const out: string[] = [];
			counterArgs(
				out,
				all
					.slice(from, from + keys)
					.map((key): CounterHash => [
						key,
						this.expiring.get(key) ?? null,
						this.counters.get(key) as Map<string, number>
					])
			);
			out.push('0', '0', '0', '0');
			yield out;
		}
	}
}

/** The counters section: per hash its key suffix, TTL ('0': kept) and packed `field␟delta…`. */
function counterArgs(out: string[], hashes: Iterable<CounterHash>): void {
	const at = out.push('0') - 1;
	let count = 0;
	for (const [key, ttl, counters] of hashes) {
		let packed = '';
		for (const [field, delta] of counters) {
			if (delta !== 0) packed += (packed === '' ? '' : PART) + field + PART + delta;
		}
		if (packed === '') continue;
		out.push(key, String(ttl ?? 0), packed);
		count++;
	}
	out[at] = String(count);
}

/**
 * Appends one section of the script's arguments: the number of keys, then per key its name, the number of
 * entries and the picked strings of each; keys with nothing picked are left out.
 */
function section<T>(
	out: string[],
	tables: Iterable<[string, string, Map<string, T>]>,
	pick: (name: string, value: T) => string[] | null
): void {
	let count = 0;
	const at = out.push('0') - 1;
	for (const [key, , entries] of tables) {
		const head = out.push(key, '0') - 1;
		let n = 0;
		for (const [name, value] of entries) {
			const picked = pick(name, value);
			if (picked === null) continue;
			for (const part of picked) out.push(part);
			n++;
		}
		if (n === 0) out.length -= 2;
		else {
			out[head] = String(n);
			count++;
		}
	}
	out[at] = String(count);
}
