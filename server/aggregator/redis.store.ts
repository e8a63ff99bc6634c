import { vnDateOf, type Instant } from '../../src/lib/domain/calendar/vn-time';
import type { RedisClient } from '../redis/client';
import { BatchDelta, DeferredCounters } from './redis-batch';
import {
	APPLY_BATCH_SCRIPT,
	epochMarker,
	parseEpochMarker,
	READ_SCRIPT,
	RedisKeys
} from './redis-keys';
import { unitFiguresOf, unitReadArgs, type UnitReadReply } from './redis-read';
import {
	encodeContribution,
	encodeRecord,
	recordHeader,
	splitStored,
	tagRecord,
	type StoredRecord
} from './redis-record';
import type { Contribution } from './projection';
import { appliedRecord, isStale, type AppliedRecord } from './store-ops';
import {
	emptyUnitFigures,
	type AggregateStore,
	type ContributionChange,
	type RebuildWriter,
	type StoreUnit,
	type UnitFigures,
	type UnitReadRequest
} from './store';

/**
 * The aggregate store in Redis (layout in `redis-keys.ts`). A batch is applied per province in one Lua call:
 * Node reads the dossiers' applied records, works out each dossier's new record (versions, duplicates in the
 * batch) and sums the new − old deltas per key; the script checks that every record is still the one read
 * (else Node re-reads and retries) and writes it all atomically. A dossier that moves province is handled on
 * its own, removed from the old province first (not atomic with the add). National figures are the sum of the
 * provinces at read time, but for the national work-in-progress queues (see `redis-keys.ts`).
 */

export interface RedisStoreOptions {
	client: RedisClient;
	/** Key prefix; tests use a unique one per run. */
	prefix?: string;
	/** Province of a ward, to find a ward's keys when reading. */
	provinceOf(ward: string): string | undefined;
	/** Close the client with the store (when the store opened it). */
	ownsClient?: boolean;
	/** The clock deciding which expiring buckets are still worth writing (tests of past days set it). */
	clock?: () => Instant;
}

/** Counter fields a rebuild puts aside before writing them (a few hundred MB of Node memory at most). */
const MAX_DEFERRED_FIELDS = 2_000_000;

const TOMBSTONE = (version: number | undefined): AppliedRecord => ({
	v: version ?? -1,
	w: '',
	p: '',
	o: { c: [], z: [], h: [] }
});

/** One dossier's write in a province batch: the record read (null: none) and the new one (encoded). */
interface RecordWrite {
	code: string;
	stored: StoredRecord | null;
	next: string;
	/** The new record as lists, only when none was stored (added as it is); a diff needs `next` alone. */
	added: AppliedRecord | null;
}

/** The write turning `stored` into the record of `contribution` (null: a tombstone) at `version`. */
function recordWrite(
	code: string,
	stored: StoredRecord | null,
	contribution: Contribution | null,
	version: number | undefined
): RecordWrite {
	if (stored !== null && contribution !== null)
		return { code, stored, next: encodeContribution(code, contribution, version), added: null };
	const record = contribution ? appliedRecord(code, contribution, version) : TOMBSTONE(version);
	return { code, stored, next: encodeRecord(code, record), added: stored === null ? record : null };
}

/** The version of a stored record (undefined: none stored), for `isStale`. */
const versionOf = (stored: StoredRecord | null): number | undefined =>
	stored === null ? undefined : recordHeader(stored.record).v;

/** Yields to the event loop: queued commands are written to Redis before the work that follows. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Dossier records per script call: their arguments stay far below what a call's argument spread can take. */
const RECORDS_PER_CALL = 500;

export class RedisAggregateStore implements AggregateStore {
	private readonly client: RedisClient;
	private readonly keys: RedisKeys;
	private readonly shas = new Map<string, string>();

	constructor(private readonly options: RedisStoreOptions) {
		this.client = options.client;
		this.keys = new RedisKeys(options.prefix ?? 'mcl');
	}

	/** Runs a script, loading it once and again after a NOSCRIPT (e.g. Redis restarted). */
	private async runScript(script: string, keys: string[], args: string[]): Promise<unknown> {
		for (let attempt = 0; ; attempt++) {
			let sha = this.shas.get(script);
			if (sha === undefined) this.shas.set(script, (sha = await this.client.scriptLoad(script)));
			try {
				return await this.client.evalSha(sha, { keys, arguments: args });
			} catch (error) {
				if (attempt > 0 || !String((error as Error).message).startsWith('NOSCRIPT')) throw error;
				this.shas.delete(script);
			}
		}
	}

	/**
	 * Writes a province's records and their summed deltas; false when a record changed meanwhile (nothing
	 * written but the province's write sequence). `sequence`: the number this call gets from the province's
	 * write sequence when no other call ran since the records were read, i.e. the sequence read just before them
	 * plus one (see `APPLY_BATCH_SCRIPT`; 0 when unknown: the records are checked). With `deferred` (a rebuild),
	 * the counters are put aside there instead of written now.
	 */
	private async writeBatch(
		epoch: number,
		province: string,
		writes: readonly RecordWrite[],
		sequence: number,
		deferred?: Map<string, DeferredCounters>
	) {
		const delta = new BatchDelta(
			vnDateOf((this.options.clock ?? Date.now)()),
			deferred !== undefined
		);
		const tag = String(sequence);
		const records: string[] = [];
		const tags: string[] = [];
		for (const { code, stored, next, added } of writes) {
			if (next === stored?.record) continue;
			if (stored === null) delta.add(added as AppliedRecord);
			else delta.diff(code, stored.record, next);
			records.push(code, tagRecord(tag, next));
			tags.push(stored?.tag ?? '');
		}
		if (tags.length === 0) return true;
		const args = [this.keys.provinceBase(epoch, province), this.keys.nationalBase(epoch)];
		args.push(String(sequence), String(tags.length));
		for (const value of records) args.push(value);
		for (const value of tags) args.push(value);
		delta.args(args, deferred === undefined);
		const conflicts = await this.runScript(
			APPLY_BATCH_SCRIPT,
			[this.keys.applied(epoch, province), this.keys.sequence(epoch, province)],
			args
		);
		const written = (conflicts as string[]).length === 0;
		if (written && deferred) {
			let counters = deferred.get(province);
			if (!counters) deferred.set(province, (counters = new DeferredCounters()));
			counters.absorb(delta);
		}
		return written;
	}

	/** Writes counters put aside by a rebuild, in calls of up to 2,000 hashes. */
	private async flushDeferred(epoch: number, deferred: Map<string, DeferredCounters>) {
		// Taken out at once: batches still in flight put their counters aside anew meanwhile.
		const taken = [...deferred];
		deferred.clear();
		for (const [province, counters] of taken) {
			for (const counterArgs of counters.chunks(2_000)) {
				await this.runScript(
					APPLY_BATCH_SCRIPT,
					[this.keys.applied(epoch, province), this.keys.sequence(epoch, province)],
					[
						this.keys.provinceBase(epoch, province),
						this.keys.nationalBase(epoch),
						'0',
						'0',
						...counterArgs
					]
				);
			}
		}
	}

	private async readRecord(epoch: number, province: string, code: string) {
		return splitStored(await this.client.hGet(this.keys.applied(epoch, province), code));
	}

	/**
	 * A dossier whose changes touch two provinces, change by change as one-dossier batches: the old province's
	 * record becomes a tombstone, then the new province gets the record.
	 */
	private async applyMoved(
		epoch: number,
		code: string,
		changes: readonly ContributionChange[]
	): Promise<void> {
		for (const { contribution, version } of changes) {
			for (;;) {
				const home = (await this.client.hGet(this.keys.home(epoch), code)) ?? null;
				const province = contribution?.province ?? home;
				if (province === null) break;
				if (home !== null && home !== province) {
					const stored = await this.readRecord(epoch, home, code);
					if (isStale(version, versionOf(stored))) break;
					const write = recordWrite(code, stored, null, version);
					if (!(await this.writeBatch(epoch, home, [write], 0))) continue;
				}
				let applied = false;
				for (;;) {
					const stored = await this.readRecord(epoch, province, code);
					if (isStale(version, versionOf(stored))) break;
					const write = recordWrite(code, stored, contribution, version);
					if (await this.writeBatch(epoch, province, [write], 0)) {
						applied = true;
						break;
					}
				}
				if (applied && contribution && home !== province) {
					await Promise.all([
						this.client.hSet(this.keys.home(epoch), code, province),
						this.client.sAdd(this.keys.provinces(epoch), province)
					]);
				}
				break;
			}
		}
	}

	/**
	 * One round over `codes`: dossiers staying in one province are applied per province in one script call
	 * each; returns the codes of the province batches that met a concurrent change (to retry).
	 */
	private async applyRound(
		epoch: number,
		codes: readonly string[],
		byCode: ReadonlyMap<string, ContributionChange[]>,
		deferred?: Map<string, DeferredCounters>
	): Promise<string[]> {
		const homes = await this.client.hmGet(this.keys.home(epoch), [...codes]);
		const groups = new Map<string, { code: string; home: string | null }[]>();
		const moved: string[] = [];
		codes.forEach((code, index) => {
			const home = homes[index] ?? null;
			let province = home;
			let single = true;
			for (const { contribution } of byCode.get(code) ?? []) {
				if (!contribution) continue;
				if (province === null) province = contribution.province;
				else if (province !== contribution.province) single = false;
			}
			if (province === null) return;
			if (!single) return void moved.push(code);
			let group = groups.get(province);
			if (!group) groups.set(province, (group = []));
			group.push({ code, home });
		});
		const retry: string[] = [];
		const newHomes = new Map<string, string[]>();
		const provinces = [...groups];
		// Each province's write sequence is read just before its records (one connection: in that order), so a
		// script finding the sequence unmoved knows the records are current (see APPLY_BATCH_SCRIPT).
		const sequences: Promise<string | null>[] = [];
		const stored = await Promise.all(
			provinces.map(([province, group]) => {
				sequences.push(this.client.get(this.keys.sequence(epoch, province)));
				return this.client.hmGet(
					this.keys.applied(epoch, province),
					group.map(({ code }) => code)
				);
			})
		);
		const sequenceRead = await Promise.all(sequences);
		const pending: Promise<void>[] = [];
		for (const [index, [province, group]] of provinces.entries()) {
			const raws = stored[index] as (string | null)[];
			// Let go of this province's read records once its writes are made (see the slices below).
			stored[index] = [];
			const writes: RecordWrite[] = [];
			const homed: string[] = [];
			group.forEach(({ code, home }, index) => {
				const stored = splitStored(raws[index]);
				let current = versionOf(stored);
				let chosen: ContributionChange | null = null;
				// A live record here without a home: its batch's index writes were lost after its script ran (e.g.
				// refused by a full Redis) and the retry finds every change stale; the home is written again.
				let at = home ?? (stored && recordHeader(stored.record).w !== '' ? province : null);
				for (const change of byCode.get(code) ?? []) {
					const { contribution, version } = change;
					if ((contribution ? province : at) === null) continue;
					if (isStale(version, current)) continue;
					current = version ?? -1;
					chosen = change;
					if (contribution && at !== province) at = province;
				}
				if (at !== home) homed.push(code);
				if (chosen === null) return;
				const { contribution, version } = chosen;
				writes.push(recordWrite(code, stored, contribution, version));
			});
			// One script call per slice: a province's whole page as the arguments of one call overflows the
			// client's argument spread (a rebuild of one busy province failed for good). Dossiers are
			// independent, so each slice is its own all-or-nothing batch.
			// Until Redis replies only the codes are kept: records held longer outlive young-generation
			// collections, which then cost more than the work itself.
			// Only the first call may find the sequence one above the read: the later ones cannot tell their own
			// province's calls from another process's, so they always check their records (0: unknown).
			const slices: Promise<string[]>[] = [];
			for (let i = 0; i < writes.length; i += RECORDS_PER_CALL) {
				const slice = writes.slice(i, i + RECORDS_PER_CALL);
				const codes = slice.map(({ code }) => code);
				const sequence = i === 0 ? Number(sequenceRead[index] ?? 0) + 1 : 0;
				slices.push(
					this.writeBatch(epoch, province, slice, sequence, deferred).then((done) =>
						done ? codes : []
					)
				);
			}
			const count = writes.length;
			const settled = Promise.all(slices).then((done) => {
				// As with one call: after a conflict every code not written is retried, and only written codes
				// (or, when nothing conflicted, all) get their new home.
				const written = new Set(done.flat());
				const failed = written.size < count;
				if (failed) for (const { code } of group) if (!written.has(code)) retry.push(code);
				const homes = failed ? homed.filter((code) => written.has(code)) : homed;
				if (homes.length > 0) newHomes.set(province, homes);
			});
			// A failure is thrown by the `Promise.all` below; until then it must not count as unhandled.
			settled.catch(() => {});
			pending.push(settled);
			// The client sends this province's scripts before Node works out the next province's (it writes on
			// the next turn of the event loop), so Redis runs one while Node prepares the other.
			await nextTurn();
		}
		await Promise.all(pending);
		if (newHomes.size > 0) {
			const fields: Record<string, string> = {};
			for (const [province, homed] of newHomes) for (const code of homed) fields[code] = province;
			await Promise.all([
				this.client.hSet(this.keys.home(epoch), fields),
				this.client.sAdd(this.keys.provinces(epoch), [...newHomes.keys()])
			]);
		}
		for (const code of moved) await this.applyMoved(epoch, code, byCode.get(code) ?? []);
		return retry;
	}

	private async applyInto(
		epoch: number,
		changes: readonly ContributionChange[],
		deferred?: Map<string, DeferredCounters>
	): Promise<void> {
		if (changes.length === 0) return;
		// A batch may name one dossier twice: its changes apply in order.
		const byCode = new Map<string, ContributionChange[]>();
		for (const change of changes) {
			const list = byCode.get(change.code);
			if (list) list.push(change);
			else byCode.set(change.code, [change]);
		}
		let pending = [...byCode.keys()];
		while (pending.length > 0) pending = await this.applyRound(epoch, pending, byCode, deferred);
	}

	/**
	 * The epochs readers use and a rebuild writes, when built with this layout (`LAYOUT`), and the epochs the
	 * markers name whatever their layout (`named`: their keys are dropped once replaced).
	 */
	private async markers() {
		const [current, building] = (await this.client.mGet([this.keys.epoch, this.keys.building])).map(
			parseEpochMarker
		);
		return {
			current: current?.current ? current.epoch : null,
			building: building?.current ? building.epoch : null,
			named: { current: current?.epoch ?? null, building: building?.epoch ?? null }
		};
	}

	async apply(changes: readonly ContributionChange[]): Promise<void> {
		const { current, building } = await this.markers();
		// Without an epoch marker the store is lost and awaits a rebuild from Postgres, which includes this change.
		const epochs = [...new Set([current, building])].filter((e): e is number => e !== null);
		await Promise.all(epochs.map((epoch) => this.applyInto(epoch, changes)));
	}

	/** A unit's figures in one script call (arguments and reply: `redis-read.ts`). */
	private async readUnit(
		epoch: number,
		unit: StoreUnit,
		request: UnitReadRequest
	): Promise<UnitFigures> {
		const read = unitReadArgs(this.keys, epoch, unit, request, this.options.provinceOf);
		if (read === null) return emptyUnitFigures(request.dueRanges.length);
		const reply = (await this.runScript(READ_SCRIPT, [], read.args)) as UnitReadReply;
		return unitFiguresOf(reply, read, request);
	}

	/** Units named twice in one read (a scope and its children) are read once and share their figures. */
	async read(units: readonly StoreUnit[], request: UnitReadRequest): Promise<UnitFigures[]> {
		const idOf = (unit: StoreUnit) =>
			unit.kind === 'national' ? 'national' : `${unit.kind}:${unit.code}`;
		const unique = new Map<string, StoreUnit>();
		for (const unit of units) unique.set(idOf(unit), unit);
		for (;;) {
			const epoch = await this.currentEpoch();
			if (epoch === null) return units.map(() => emptyUnitFigures(request.dueRanges.length));
			const read = new Map<string, UnitFigures>();
			await Promise.all(
				[...unique].map(async ([id, unit]) =>
					read.set(id, await this.readUnit(epoch, unit, request))
				)
			);
			// A commit during the read may have dropped keys half-way: read again from the new epoch.
			if ((await this.currentEpoch()) === epoch) {
				return units.map((unit) => read.get(idOf(unit)) as UnitFigures);
			}
		}
	}

	async provinces(): Promise<string[]> {
		const epoch = await this.currentEpoch();
		if (epoch === null) return [];
		return (await this.client.sMembers(this.keys.provinces(epoch))).sort();
	}

	/** Null without an epoch marker, or when its epoch was built with another layout (it is to be rebuilt). */
	async currentEpoch(): Promise<number | null> {
		const marker = parseEpochMarker(await this.client.get(this.keys.epoch));
		return marker?.current ? marker.epoch : null;
	}

	/** Deletes the keys matching `keep` under the prefix (SCAN: per node in a cluster). */
	private async dropKeys(keep: (key: string) => boolean): Promise<void> {
		for await (const keys of this.client.scanIterator({
			MATCH: `${this.keys.prefix}:*`,
			COUNT: 1000
		})) {
			const doomed = keys.filter(keep);
			if (doomed.length > 0) await this.client.unlink(doomed);
		}
	}

	async beginRebuild(): Promise<RebuildWriter> {
		const epoch = await this.client.incr(this.keys.epochs);
		const previous = (await this.markers()).named.building;
		await this.client.set(this.keys.building, epochMarker(epoch));
		if (previous !== null) await this.dropKeys((key) => this.keys.isOfEpoch(key, previous));
		const open = async () => (await this.markers()).building === epoch;
		const closed = () => new Error(`rebuild of epoch ${epoch} is no longer open`);
		const deferred = new Map<string, DeferredCounters>();
		const deferredFields = () => [...deferred.values()].reduce((sum, c) => sum + c.fields, 0);
		return {
			epoch,
			apply: async (changes) => {
				if (!(await open())) throw closed();
				await this.applyInto(epoch, changes, deferred);
				// Bounded memory: a large rebuild writes its put-aside counters every so often.
				if (deferredFields() > MAX_DEFERRED_FIELDS) await this.flushDeferred(epoch, deferred);
			},
			commit: async () => {
				if (!(await open())) throw closed();
				// Readers switch only once every counter is in.
				await this.flushDeferred(epoch, deferred);
				const old = (await this.markers()).named.current;
				await this.client
					.multi()
					.set(this.keys.epoch, epochMarker(epoch))
					.del(this.keys.building)
					.exec();
				if (old !== null) await this.dropKeys((key) => this.keys.isOfEpoch(key, old));
			},
			abort: async () => {
				if (!(await open())) return;
				await this.client.del(this.keys.building);
				await this.dropKeys((key) => this.keys.isOfEpoch(key, epoch));
			}
		};
	}

	async clear(): Promise<void> {
		await this.dropKeys((key) => key !== this.keys.epochs);
		await this.client.set(this.keys.epoch, epochMarker(await this.client.incr(this.keys.epochs)));
	}

	/** Deletes every key under the prefix, the epoch counter included (tests' clean-up). */
	async destroy(): Promise<void> {
		await this.dropKeys(() => true);
	}

	async close(): Promise<void> {
		if (this.options.ownsClient && this.client.isOpen) await this.client.close();
	}
}
