import fc from 'fast-check';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { addDays, vnDateOf, weekdayOf, type Instant } from '../../src/lib/domain/calendar/vn-time';
import {
	DEFAULT_BOTTLENECK_RULE,
	lookbackInstant,
	wipVisitAt
} from '../../src/lib/domain/bottleneck';
import { STAGES } from '../../src/lib/domain/dossier';
import { computeSnapshot, type SnapshotScope } from '../../src/lib/domain/oracle';
import { periodOfDay, type Period } from '../../src/lib/domain/period';
import {
	batches,
	calendar,
	changesInArrivalOrder,
	eventStreamArb,
	finalStates,
	provinceOf,
	WARD_PROVINCE,
	type EventStream
} from './event-streams.test-support';
import { contributionOf } from './projection';
import { storeSnapshot } from './snapshot-from-store';
import { sumUnitFigures, type AggregateStore, type ContributionChange } from './store';

/**
 * The one contract both aggregate stores pass: on random event streams (duplicates, out-of-order arrival,
 * stale re-sends) every live-window snapshot assembled from the store equals the oracle's, and epochs,
 * rebuilds and re-applies behave.
 */

/** Today, this week (Monday–Sunday) and this month in Vietnam time. */
export function liveWindows(now: Instant): Period[] {
	const today = vnDateOf(now);
	const monday = addDays(today, -((weekdayOf(today) + 6) % 7));
	const first = `${today.slice(0, 8)}01`;
	const nextMonth = addDays(first, 40).slice(0, 8) + '01';
	return [
		periodOfDay(today),
		{ from: monday, to: addDays(monday, 6) },
		{ from: first, to: addDays(nextMonth, -1) }
	];
}

const wardsOf = (province: string) =>
	Object.keys(WARD_PROVINCE).filter((ward) => WARD_PROVINCE[ward] === province);
const provinceScope = (code: string): SnapshotScope => ({
	id: `province:${code}`,
	wards: wardsOf(code)
});
const wardScope = (code: string): SnapshotScope => ({ id: `ward:${code}`, wards: [code] });

/** Scopes with their children: the nation with its provinces, a province with its wards, a ward alone. */
const SCOPES: { scope: SnapshotScope; children?: SnapshotScope[] }[] = [
	{ scope: { id: 'national', wards: null }, children: ['40', '38'].map(provinceScope) },
	{ scope: provinceScope('40'), children: wardsOf('40').map(wardScope) },
	{ scope: provinceScope('38') },
	{ scope: wardScope('16681') },
	{ scope: wardScope('15232') }
];

async function applyInBatches(store: AggregateStore, changes: ContributionChange[], size: number) {
	for (const batch of batches(changes, size)) await store.apply(batch);
}

/** The final change of every dossier (what a rebuild from Postgres streams). */
function finalChanges(stream: EventStream): ContributionChange[] {
	return finalStates(stream).map((state) => ({
		code: state.code,
		contribution: contributionOf(state, { provinceOf, calendar }),
		version: stream.events.get(state.code)?.length ?? 0
	}));
}

/** The store's work in progress at the lookback instant per stage, against the per-dossier rule. */
async function expectWipBeforeExact(store: AggregateStore, stream: EventStream) {
	const states = finalStates(stream);
	const before = lookbackInstant(stream.now, DEFAULT_BOTTLENECK_RULE);
	const units = (await store.provinces()).map((code) => ({ kind: 'province' as const, code }));
	const request = {
		days: [],
		dueRanges: [],
		now: stream.now,
		lookbackFrom: before,
		percentiles: []
	};
	const figures = sumUnitFigures(await store.read(units, request), 0);
	for (const stage of STAGES) {
		const { wip, entered, left } = figures.stages[stage];
		expect(wip - entered + left).toBe(
			states.filter((d) => wipVisitAt(d, before)?.stage === stage).length
		);
	}
}

export async function expectStoreEqualsOracle(store: AggregateStore, stream: EventStream) {
	await expectWipBeforeExact(store, stream);
	const states = finalStates(stream);
	for (const period of liveWindows(stream.now)) {
		for (const { scope, children } of SCOPES) {
			const options = {
				scope,
				period,
				now: stream.now,
				calendar,
				...(children ? { children } : {})
			};
			expect(await storeSnapshot(store, options)).toEqual(computeSnapshot(states, options));
		}
	}
}

async function snapshotsOf(store: AggregateStore, now: Instant) {
	return Promise.all(
		liveWindows(now).map((period) => storeSnapshot(store, { ...SCOPES[0]!, period, now, calendar }))
	);
}

/**
 * Registers the contract for one store. `makeStore` is called once; the store is cleared before each test.
 * `runs`: generated streams per property.
 */
export function describeAggregateStoreContract(
	name: string,
	makeStore: () => Promise<AggregateStore>,
	runs: number
): void {
	describe(`${name}: aggregate store contract`, () => {
		let store: AggregateStore;
		beforeEach(async () => {
			store ??= await makeStore();
			await store.clear();
		});
		afterAll(async () => {
			if (store) {
				await store.clear();
				await store.close();
			}
		});

		it(`equals the oracle after arrival-order changes with duplicates and stale re-sends (${runs} streams)`, async () => {
			await fc.assert(
				fc.asyncProperty(eventStreamArb, async (stream) => {
					await store.clear();
					await applyInBatches(store, changesInArrivalOrder(stream), stream.batchSize);
					await expectStoreEqualsOracle(store, stream);
				}),
				{ numRuns: runs }
			);
		}, 300_000);

		it('is idempotent: re-applying every change, versioned or not, changes nothing', async () => {
			await fc.assert(
				fc.asyncProperty(eventStreamArb, async (stream) => {
					await store.clear();
					const changes = changesInArrivalOrder(stream);
					await applyInBatches(store, changes, stream.batchSize);
					await applyInBatches(store, changes, stream.batchSize);
					const unversioned = finalChanges(stream).map(({ code, contribution }) => ({
						code,
						contribution
					}));
					await store.apply(unversioned);
					await store.apply(unversioned);
					await expectStoreEqualsOracle(store, stream);
				}),
				{ numRuns: Math.max(10, Math.floor(runs / 10)) }
			);
		}, 120_000);

		it('rebuilds into a new epoch; readers see the old figures until the commit', async () => {
			await fc.assert(
				fc.asyncProperty(eventStreamArb, eventStreamArb, async (stream, other) => {
					await store.clear();
					const now = stream.now;
					const otherAtNow = { ...other, now };
					await applyInBatches(store, changesInArrivalOrder(otherAtNow), 5);
					const before = await snapshotsOf(store, now);
					const epoch = await store.currentEpoch();
					const writer = await store.beginRebuild();
					expect(writer.epoch).not.toBe(epoch);
					const changes = finalChanges(stream);
					const half = Math.ceil(changes.length / 2);
					await writer.apply(changes.slice(0, half));
					expect(await snapshotsOf(store, now)).toEqual(before);
					expect(await store.currentEpoch()).toBe(epoch);
					await writer.apply(changes.slice(half));
					await writer.commit();
					expect(await store.currentEpoch()).toBe(writer.epoch);
					await expectStoreEqualsOracle(store, stream);
				}),
				{ numRuns: Math.max(10, Math.floor(runs / 10)) }
			);
		}, 120_000);

		it('an aborted rebuild leaves the current epoch untouched', async () => {
			const stream = fc.sample(eventStreamArb, { numRuns: 1, seed: 7 })[0] as EventStream;
			await applyInBatches(store, changesInArrivalOrder(stream), 3);
			const epoch = await store.currentEpoch();
			const writer = await store.beginRebuild();
			await writer.apply(finalChanges(stream).map((c) => ({ ...c, contribution: null })));
			await writer.abort();
			expect(await store.currentEpoch()).toBe(epoch);
			await expectStoreEqualsOracle(store, stream);
		});

		it('live changes during a rebuild reach the new epoch too', async () => {
			const stream = fc.sample(eventStreamArb, { numRuns: 1, seed: 11 })[0] as EventStream;
			const changes = finalChanges(stream);
			const writer = await store.beginRebuild();
			await store.apply(changes);
			await writer.commit();
			await expectStoreEqualsOracle(store, stream);
		});

		it('removing every contribution leaves nothing behind', async () => {
			const stream = fc.sample(eventStreamArb, { numRuns: 1, seed: 3 })[0] as EventStream;
			await applyInBatches(store, changesInArrivalOrder(stream), 4);
			await store.apply(finalChanges(stream).map(({ code }) => ({ code, contribution: null })));
			await expectStoreEqualsOracle(store, { ...stream, events: new Map() });
		});

		it('rejects a period outside the live window', async () => {
			const now = stream0Now();
			const period = periodOfDay(addDays(vnDateOf(now), -1));
			await expect(storeSnapshot(store, { ...SCOPES[0]!, period, now, calendar })).rejects.toThrow(
				RangeError
			);
		});
	});
}

const stream0Now = () => (fc.sample(eventStreamArb, { numRuns: 1, seed: 1 })[0] as EventStream).now;
