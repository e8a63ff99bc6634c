import { groupItems, itemParts, recordGroups, recordHeader, sameItems } from './redis-record';
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

/** A key's members or fields: the old and new value (null: absent). */
type Slots = Map<string, { old: string | null; next: string | null }>;

const NO_ITEMS: [string[], string[], string[]] = [[], [], []];
const EMPTY: ReadonlySet<string> = new Set();

/** The summed writes of a province batch, keyed by key suffix (level + name). */
export class BatchDelta {
	readonly counters = new Map<string, Map<string, number>>();
	/** Key suffix → TTL in ms, for the buckets that expire. */
	readonly expiring = new Map<string, number>();

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
	readonly members = new Map<string, Slots>();
	readonly fields = new Map<string, Slots>();

	private slot(map: Map<string, Slots>, key: string, name: string) {
		let slots = map.get(key);
		if (!slots) map.set(key, (slots = new Map()));
		let slot = slots.get(name);
		if (!slot) slots.set(name, (slot = { old: null, next: null }));
		return slot;
	}

	/** Adds the writes turning a dossier's record `raw` into `next`; items equal in both cancel out. */
	diff(code: string, raw: string | null, next: string): void {
		if (raw !== null && sameItems(raw, next)) return;
		const oldWard = raw === null ? '' : recordHeader(raw).w;
		const nextWard = recordHeader(next).w;
		const oldGroups = oldWard === '' ? NO_ITEMS : recordGroups(raw as string);
		const nextGroups = nextWard === '' ? NO_ITEMS : recordGroups(next);
		const same = oldWard === nextWard;
		// Only groups that changed are parsed; a changed group is taken out whole and put back whole, and the
		// items it kept cancel out (counters sum to 0, a member's old and new slot agree).
		for (let section = 0; section < 3; section++) {
			const before = oldGroups[section] as string[];
			const after = nextGroups[section] as string[];
			const kept = same ? new Set(before) : EMPTY;
			const stays = same ? new Set(after) : EMPTY;
			for (const group of before) {
				if (stays.has(group)) continue;
				for (const item of groupItems(section, group)) this.item(code, oldWard, section, item, -1);
			}
			for (const group of after) {
				if (kept.has(group)) continue;
				for (const item of groupItems(section, group)) this.item(code, nextWard, section, item, 1);
			}
		}
	}

	/** Adds a new dossier's record (none before): its ops as they are, without encoding them. */
	add(record: AppliedRecord): void {
		if (record.w === '') return;
		if (this.deferCounters) this.recordsWithoutCounters.push(record);
		else {
			for (const [bucket, field, delta] of record.o.c)
				this.write(record.w, 0, bucket, field, String(delta), 1);
		}
		for (const [set, member, score] of record.o.z) this.write(record.w, 1, set, member, score, 1);
		for (const [hash, field, value] of record.o.h) this.write(record.w, 2, hash, field, value, 1);
	}

	private item(code: string, ward: string, section: number, item: string, sign: 1 | -1) {
		const [name, key, value] = itemParts(code, item, section > 0);
		this.write(ward, section, name, key, value, sign);
	}

	private write(
		ward: string,
		section: number,
		name: string,
		key: string,
		value: string,
		sign: 1 | -1
	) {
		const ttl = section === 0 ? bucketTtlMs(name) : null;
		if (ttl !== null && !isBucketLive(name, this.floors)) return;
		for (const level of this.levels(ward, name)) {
			const target = level + name;
			if (section === 0) {
				let counters = this.counters.get(target);
				if (!counters) this.counters.set(target, (counters = new Map()));
				counters.set(key, (counters.get(key) ?? 0) + sign * Number(value));
				if (ttl !== null) this.expiring.set(target, ttl);
			} else {
				const slot = this.slot(section === 1 ? this.members : this.fields, target, key);
				if (sign > 0) slot.next = value;
				else slot.old = value;
			}
		}
	}

	/** The script's arguments after the records section; without counters when they are deferred. */
	args(out: string[], withCounters = true): void {
		if (withCounters) counterArgs(out, this.counters.keys(), this);
		else out.push('0');
		section(out, this.members, (member, { old, next }) =>
			next !== null && next !== old ? [next, member] : null
		);
		section(out, this.members, (member, { next }) => (next === null ? [member] : null));
		section(out, this.fields, (field, { old, next }) =>
			next !== null && next !== old ? [field, next] : null
		);
		section(out, this.fields, (field, { next }) => (next === null ? [field] : null));
	}
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
		for (const [key, source] of delta.counters) {
			for (const [field, value] of source) this.add(key, field, value);
			const ttl = delta.expiring.get(key);
			if (ttl !== undefined) this.expiring.set(key, ttl);
		}
		for (const record of delta.recordsWithoutCounters) {
			for (const [bucket, field, value] of record.o.c) {
				const ttl = bucketTtlMs(bucket);
				if (ttl !== null && !isBucketLive(bucket, delta.floors)) continue;
				for (const level of delta.levels(record.w, bucket)) {
					const target = this.hash(level, bucket, ttl);
					const current = target.get(field);
					if (current === undefined) this.fields++;
					target.set(field, (current ?? 0) + value);
				}
			}
		}
	}

	/** Hashes by level then name, so the hot path builds no key strings (a million dossiers, 30 counters each). */
	private readonly byLevel = new Map<string, Map<string, Map<string, number>>>();

	private hash(level: string, name: string, ttl: number | null): Map<string, number> {
		let names = this.byLevel.get(level);
		if (!names) this.byLevel.set(level, (names = new Map()));
		let target = names.get(name);
		if (!target) {
			const key = level + name;
			target = this.counters.get(key);
			if (!target) this.counters.set(key, (target = new Map()));
			names.set(name, target);
			if (ttl !== null) this.expiring.set(key, ttl);
		}
		return target;
	}

	private add(key: string, field: string, value: number): void {
		let target = this.counters.get(key);
		if (!target) this.counters.set(key, (target = new Map()));
		const current = target.get(field);
		if (current === undefined) this.fields++;
		target.set(field, (current ?? 0) + value);
	}

	/** Script arguments (counters section, then empty set sections) in chunks of at most `keys` hashes. */
	*chunks(keys: number): Generator<string[]> {
		const all = [...this.counters.keys()];
		for (let from = 0; from < all.length; from += keys) {
			const out: string[] = [];
			counterArgs(out, all.slice(from, from + keys), this);
			out.push('0', '0', '0', '0');
			yield out;
		}
	}
}

/** The counters section: per hash its key suffix, TTL ('0': kept) and packed `field␟delta…`. */
function counterArgs(
	out: string[],
	keys: Iterable<string>,
	from: { counters: Map<string, Map<string, number>>; expiring: Map<string, number> }
): void {
	const at = out.push('0') - 1;
	let count = 0;
	for (const key of keys) {
		let packed = '';
		for (const [field, delta] of from.counters.get(key) ?? []) {
			if (delta !== 0) packed += (packed === '' ? '' : PART) + field + PART + delta;
		}
		if (packed === '') continue;
		out.push(key, String(from.expiring.get(key) ?? 0), packed);
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
	map: Map<string, Map<string, T>>,
	pick: (name: string, value: T) => string[] | null
): void {
	let count = 0;
	const at = out.push('0') - 1;
	for (const [key, entries] of map) {
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
