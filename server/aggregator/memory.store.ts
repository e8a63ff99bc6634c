import { STAGES } from '../../src/lib/domain/dossier';
import {
	appliedRecord,
	BUCKETS,
	isNational,
	isStale,
	lookbackBuckets,
	percentileEntries,
	SETS,
	sumTransitions,
	type AppliedRecord
} from './store-ops';
import type {
	AggregateStore,
	ContributionChange,
	RebuildWriter,
	StoreUnit,
	UnitFigures,
	UnitReadRequest
} from './store';
import { emptyUnitFigures } from './store';

/**
 * The in-process aggregate store: plain Maps per epoch, one synchronous critical section per `apply` (nothing
 * awaits inside it, so no reader sees half a change). Day buckets are never expired here; reads only look at
 * the live windows anyway.
 */

type Table<V> = Map<string, Map<string, V>>;

interface Epoch {
	applied: Map<string, AppliedRecord>;
	counters: Table<number>;
	members: Table<number>;
	fields: Table<string>;
	/** Province → number of dossiers applied there. */
	provinces: Map<string, number>;
}

const newEpoch = (): Epoch => ({
	applied: new Map(),
	counters: new Map(),
	members: new Map(),
	fields: new Map(),
	provinces: new Map()
});

const levelsOf = (record: AppliedRecord, name: string) =>
	isNational(name) ? ['n:'] : [`w:${record.w}:`, `p:${record.p}:`];
const unitPrefix = (unit: StoreUnit) =>
	unit.kind === 'national' ? 'n:' : `${unit.kind === 'ward' ? 'w' : 'p'}:${unit.code}:`;

function tableEntry<V>(table: Table<V>, key: string): Map<string, V> {
	let entry = table.get(key);
	if (!entry) table.set(key, (entry = new Map()));
	return entry;
}

function write(epoch: Epoch, record: AppliedRecord, sign: 1 | -1): void {
	if (record.p === '') return;
	epoch.provinces.set(record.p, (epoch.provinces.get(record.p) ?? 0) + sign);
	if (epoch.provinces.get(record.p) === 0) epoch.provinces.delete(record.p);
	for (const [bucket, field, delta] of record.o.c) {
		for (const level of levelsOf(record, bucket)) {
			const entry = tableEntry(epoch.counters, level + bucket);
			const value = (entry.get(field) ?? 0) + sign * delta;
			if (value === 0) entry.delete(field);
			else entry.set(field, value);
		}
	}
	for (const [set, member, score] of record.o.z) {
		for (const level of levelsOf(record, set)) {
			const entry = tableEntry(epoch.members, level + set);
			if (sign === 1) entry.set(member, Number(score));
			else entry.delete(member);
		}
	}
	for (const [hash, field, value] of record.o.h) {
		for (const level of levelsOf(record, hash)) {
			const entry = tableEntry(epoch.fields, level + hash);
			if (sign === 1) entry.set(field, value);
			else entry.delete(field);
		}
	}
}

/** One dossier's change, whole or not at all; a tombstone keeps the version of a removed contribution. */
function applyChange(epoch: Epoch, change: ContributionChange): void {
	const old = epoch.applied.get(change.code);
	if (isStale(change.version, old?.v)) return;
	if (old) write(epoch, old, -1);
	const next: AppliedRecord = change.contribution
		? appliedRecord(change.code, change.contribution, change.version)
		: { v: change.version ?? -1, w: '', p: '', o: { c: [], z: [], h: [] } };
	write(epoch, next, 1);
	epoch.applied.set(change.code, next);
}

function readUnit(
	epoch: Epoch | undefined,
	unit: StoreUnit,
	request: UnitReadRequest
): UnitFigures {
	const figures = emptyUnitFigures(request.dueRanges.length);
	if (!epoch) return figures;
	const prefix = unitPrefix(unit);
	const members = (set: string) => epoch.members.get(prefix + set)?.values() ?? [];
	const before = (set: string) => [...members(set)].filter((at) => at < request.now).length;
	for (const stage of STAGES) {
		const queue = [
			...members(unit.kind === 'national' ? SETS.nationalQueue(stage) : SETS.queue(stage))
		];
		const read = figures.stages[stage];
		read.wip = queue.length;
		read.percentileEntries = percentileEntries(
			queue.sort((a, b) => b - a),
			request.percentiles
		);
		if (unit.kind === 'national') continue;
		read.overdue = before(SETS.overdue(stage));
		read.overShare = before(SETS.overShare(stage));
	}
	// The national level holds only its queues; everything else is the sum of the provinces.
	if (unit.kind === 'national') return figures;
	for (const day of request.days) {
		for (const [field, value] of epoch.counters.get(prefix + BUCKETS.day(day)) ?? []) {
			figures.days[field] = (figures.days[field] ?? 0) + value;
		}
	}
	figures.carry = Object.fromEntries(epoch.counters.get(prefix + BUCKETS.carry) ?? []);
	figures.open = Object.fromEntries(epoch.counters.get(prefix + BUCKETS.open) ?? []);
	for (const dueAt of members(SETS.due)) {
		figures.dueTotal++;
		request.dueRanges.forEach(([min, max], index) => {
			if (dueAt >= min && dueAt <= max) figures.due[index] = (figures.due[index] ?? 0) + 1;
		});
	}
	const transitions = sumTransitions(
		lookbackBuckets(request.lookbackFrom, request.now).map(({ bucket, fromHour }) => ({
			fromHour,
			counters: epoch.counters.get(prefix + bucket) ?? []
		}))
	);
	for (const [stage, { entered, left }] of transitions) {
		const read = figures.stages[stage as (typeof STAGES)[number]];
		read.entered = entered;
		read.left = left;
	}
	return figures;
}

/** The in-process store; starts with an empty current epoch. */
export class MemoryAggregateStore implements AggregateStore {
	private epochs = new Map<number, Epoch>([[1, newEpoch()]]);
	private current: number | null = 1;
	private building: number | null = null;
	private lastEpoch = 1;

	async apply(changes: readonly ContributionChange[]): Promise<void> {
		for (const epoch of [this.current, this.building]) {
			const data = epoch === null ? undefined : this.epochs.get(epoch);
			if (data) for (const change of changes) applyChange(data, change);
		}
	}

	async read(units: readonly StoreUnit[], request: UnitReadRequest): Promise<UnitFigures[]> {
		const epoch = this.current === null ? undefined : this.epochs.get(this.current);
		return units.map((unit) => readUnit(epoch, unit, request));
	}

	async provinces(): Promise<string[]> {
		const epoch = this.current === null ? undefined : this.epochs.get(this.current);
		return [...(epoch?.provinces.keys() ?? [])].sort();
	}

	async currentEpoch(): Promise<number | null> {
		return this.current;
	}

	async beginRebuild(): Promise<RebuildWriter> {
		if (this.building !== null) this.epochs.delete(this.building);
		const epoch = ++this.lastEpoch;
		this.building = epoch;
		this.epochs.set(epoch, newEpoch());
		const live = () => this.building === epoch;
		return {
			epoch,
			apply: async (changes) => {
				const data = this.epochs.get(epoch);
				if (!live() || !data) throw new Error(`rebuild of epoch ${epoch} is no longer open`);
				for (const change of changes) applyChange(data, change);
			},
			commit: async () => {
				if (!live()) throw new Error(`rebuild of epoch ${epoch} is no longer open`);
				if (this.current !== null) this.epochs.delete(this.current);
				this.current = epoch;
				this.building = null;
			},
			abort: async () => {
				if (!live()) return;
				this.epochs.delete(epoch);
				this.building = null;
			}
		};
	}

	async clear(): Promise<void> {
		this.epochs = new Map([[++this.lastEpoch, newEpoch()]]);
		this.current = this.lastEpoch;
		this.building = null;
	}

	async close(): Promise<void> {}
}
