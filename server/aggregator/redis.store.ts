import { STAGES } from '../../src/lib/domain/dossier';
import type { RedisClient } from '../redis/client';
import { APPLY_SCRIPT, RedisKeys } from './redis-keys';
import {
	appliedRecord,
	BUCKETS,
	DAY_BUCKET_TTL_MS,
	decodeWipEntry,
	SETS,
	type AppliedRecord
} from './store-ops';
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
 * The aggregate store in Redis (layout in `redis-keys.ts`). Each dossier's change is one Lua script call
 * (new − old, atomic); a batch's calls are pipelined. National figures are the sum of the provinces at read time.
 */

export interface RedisStoreOptions {
	client: RedisClient;
	/** Key prefix; tests use a unique one per run. */
	prefix?: string;
	/** Province of a ward, to find a ward's keys when reading. */
	provinceOf(ward: string): string | undefined;
	/** Close the client with the store (when the store opened it). */
	ownsClient?: boolean;
}

const TOMBSTONE = (version: number | undefined): AppliedRecord => ({
	v: version ?? -1,
	w: '',
	p: '',
	o: { c: [], z: [], h: [] }
});

const scoreArg = (value: number) =>
	value === Number.NEGATIVE_INFINITY
		? '-inf'
		: value === Number.POSITIVE_INFINITY
			? '+inf'
			: String(value);

const counts = (hash: Record<string, string>) =>
	Object.fromEntries(Object.entries(hash).map(([field, value]) => [field, Number(value)]));

export class RedisAggregateStore implements AggregateStore {
	private readonly client: RedisClient;
	private readonly keys: RedisKeys;
	private sha: string | null = null;

	constructor(private readonly options: RedisStoreOptions) {
		this.client = options.client;
		this.keys = new RedisKeys(options.prefix ?? 'mcl');
	}

	/** Runs the apply script, loading it once and again after a NOSCRIPT (e.g. Redis restarted). */
	private async runScript(keys: string[], args: string[]): Promise<number> {
		for (let attempt = 0; ; attempt++) {
			this.sha ??= await this.client.scriptLoad(APPLY_SCRIPT);
			try {
				return Number(await this.client.evalSha(this.sha, { keys, arguments: args }));
			} catch (error) {
				if (attempt > 0 || !String((error as Error).message).startsWith('NOSCRIPT')) throw error;
				this.sha = null;
			}
		}
	}

	private applyRecord(
		epoch: number,
		province: string,
		code: string,
		record: AppliedRecord,
		version?: number
	) {
		const args = [
			this.keys.provinceBase(epoch, province),
			code,
			JSON.stringify(record),
			String(version ?? ''),
			String(DAY_BUCKET_TTL_MS)
		];
		return this.runScript([this.keys.applied(epoch, province)], args);
	}

	/** One change into one epoch; a dossier that moved province is removed there first (not atomic with the add). */
	private async applyOne(
		epoch: number,
		change: ContributionChange,
		home: string | null
	): Promise<void> {
		const { code, contribution, version } = change;
		const province = contribution?.province ?? home;
		if (province === null) return;
		if (home !== null && home !== province) {
			if ((await this.applyRecord(epoch, home, code, TOMBSTONE(version), version)) === 0) return;
		}
		const record = contribution ? appliedRecord(code, contribution, version) : TOMBSTONE(version);
		const applied = await this.applyRecord(epoch, province, code, record, version);
		if (applied === 1 && contribution && home !== province) {
			await Promise.all([
				this.client.hSet(this.keys.home(epoch), code, province),
				this.client.sAdd(this.keys.provinces(epoch), province)
			]);
		}
	}

	private async applyInto(epoch: number, changes: readonly ContributionChange[]): Promise<void> {
		if (changes.length === 0) return;
		// A batch may name one dossier twice: apply in order per dossier, concurrently across dossiers.
		const byCode = new Map<string, ContributionChange[]>();
		for (const change of changes)
			byCode.set(change.code, [...(byCode.get(change.code) ?? []), change]);
		const codes = [...byCode.keys()];
		const homes = await this.client.hmGet(this.keys.home(epoch), codes);
		await Promise.all(
			codes.map(async (code, index) => {
				let home = homes[index] ?? null;
				for (const change of byCode.get(code) ?? []) {
					await this.applyOne(epoch, change, home);
					home = (await this.client.hGet(this.keys.home(epoch), code)) ?? null;
				}
			})
		);
	}

	private async markers(): Promise<{ current: number | null; building: number | null }> {
		const [current, building] = await this.client.mGet([this.keys.epoch, this.keys.building]);
		return {
			current: current ? Number(current) : null,
			building: building ? Number(building) : null
		};
	}

	async apply(changes: readonly ContributionChange[]): Promise<void> {
		const { current, building } = await this.markers();
		// Without an epoch marker the store is lost and awaits a rebuild from Postgres, which includes this change.
		const epochs = [...new Set([current, building])].filter((e): e is number => e !== null);
		await Promise.all(epochs.map((epoch) => this.applyInto(epoch, changes)));
	}

	private async readUnit(
		epoch: number,
		unit: StoreUnit,
		request: UnitReadRequest
	): Promise<UnitFigures> {
		const province = unit.kind === 'province' ? unit.code : this.options.provinceOf(unit.code);
		const figures = emptyUnitFigures(request.dueRanges.length);
		if (province === undefined) return figures;
		const base = this.keys.levelBase(epoch, province, unit.kind === 'ward' ? unit.code : null);
		const c = this.client;
		const after = `(${request.transitionsAfter}`;
		const [days, carry, open, due, dueTotal, wip, starts, ends] = await Promise.all([
			Promise.all(request.days.map((day) => c.hGetAll(base + BUCKETS.day(day)))),
			c.hGetAll(base + BUCKETS.carry),
			c.hGetAll(base + BUCKETS.open),
			Promise.all(
				request.dueRanges.map(([min, max]) =>
					c.zCount(base + SETS.due, scoreArg(min), scoreArg(max))
				)
			),
			c.zCard(base + SETS.due),
			Promise.all(STAGES.map((stage) => c.hVals(base + SETS.wip(stage)))),
			Promise.all(STAGES.map((stage) => c.zCount(base + SETS.wipStarts(stage), after, '+inf'))),
			Promise.all(STAGES.map((stage) => c.zCount(base + SETS.wipEnds(stage), after, '+inf')))
		]);
		for (const bucket of days) {
			for (const [field, value] of Object.entries(bucket)) {
				figures.days[field] = (figures.days[field] ?? 0) + Number(value);
			}
		}
		figures.carry = counts(carry);
		figures.open = counts(open);
		figures.due = due.map(Number);
		figures.dueTotal = Number(dueTotal);
		STAGES.forEach((stage, index) => {
			for (const value of wip[index] ?? []) figures.wip.push(decodeWipEntry(stage, value));
			figures.startsAfter[stage] = Number(starts[index]);
			figures.endsAfter[stage] = Number(ends[index]);
		});
		return figures;
	}

	async read(units: readonly StoreUnit[], request: UnitReadRequest): Promise<UnitFigures[]> {
		for (;;) {
			const epoch = await this.currentEpoch();
			if (epoch === null) return units.map(() => emptyUnitFigures(request.dueRanges.length));
			const figures = await Promise.all(units.map((unit) => this.readUnit(epoch, unit, request)));
			// A commit during the read may have dropped keys half-way: read again from the new epoch.
			if ((await this.currentEpoch()) === epoch) return figures;
		}
	}

	async provinces(): Promise<string[]> {
		const epoch = await this.currentEpoch();
		if (epoch === null) return [];
		return (await this.client.sMembers(this.keys.provinces(epoch))).sort();
	}

	async currentEpoch(): Promise<number | null> {
		const value = await this.client.get(this.keys.epoch);
		return value === null ? null : Number(value);
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
		const previous = (await this.markers()).building;
		await this.client.set(this.keys.building, String(epoch));
		if (previous !== null) await this.dropKeys((key) => this.keys.isOfEpoch(key, previous));
		const open = async () => (await this.markers()).building === epoch;
		const closed = () => new Error(`rebuild of epoch ${epoch} is no longer open`);
		return {
			epoch,
			apply: async (changes) => {
				if (!(await open())) throw closed();
				await this.applyInto(epoch, changes);
			},
			commit: async () => {
				if (!(await open())) throw closed();
				const old = await this.currentEpoch();
				await this.client
					.multi()
					.set(this.keys.epoch, String(epoch))
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
		await this.client.set(this.keys.epoch, String(await this.client.incr(this.keys.epochs)));
	}

	/** Deletes every key under the prefix, the epoch counter included (tests' clean-up). */
	async destroy(): Promise<void> {
		await this.dropKeys(() => true);
	}

	async close(): Promise<void> {
		if (this.options.ownsClient && this.client.isOpen) await this.client.close();
	}
}
