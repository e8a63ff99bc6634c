import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_REDIS_URL } from '../../tests/support/env';
import fc from 'fast-check';
import {
	changesInArrivalOrder,
	eventStreamArb,
	NOWS,
	provinceOf,
	batches,
	receivedContributions
} from './event-streams.test-support';
import type { Contribution } from './projection';
import type { ContributionChange } from './store';
import { LAYOUT } from './redis-keys';
import { RedisAggregateStore } from './redis.store';
import { describeAggregateStoreContract, expectStoreEqualsOracle } from './store.contract';
import { DAY_BUCKET_TTL_MS, HOUR_BUCKET_TTL_MS } from './store-ops';

const url = TEST_REDIS_URL;
const prefix = `mcltest-${randomUUID().slice(0, 8)}`;
let store: RedisAggregateStore | undefined;

describeAggregateStoreContract(
	'redis',
	async () => {
		const client = createClient({ url });
		await client.connect();
		// The streams are read at instants in April 2026: buckets from then on must be written.
		const clock = () => Math.min(...NOWS);
		store = new RedisAggregateStore({ client, prefix, provinceOf, ownsClient: true, clock });
		return store;
	},
	200
);

afterAll(async () => {
	// The contract closes the store; delete this run's keys with a fresh connection.
	const client = createClient({ url });
	await client.connect();
	await new RedisAggregateStore({ client, prefix, provinceOf }).destroy();
	await client.close();
});

/** A client of the test Redis (its type as `createClient` infers it for these options). */
const connectClient = () => createClient({ url });

/** Runs `use` with a store under a prefix of its own (the streams' clock), and deletes its keys afterwards. */
async function withOwnStore(
	use: (
		store: RedisAggregateStore,
		client: ReturnType<typeof connectClient>,
		own: string
	) => Promise<void>
): Promise<void> {
	const client = connectClient();
	await client.connect();
	const own = `mcltest-${randomUUID().slice(0, 8)}`;
	const clock = () => Math.min(...NOWS);
	const store = new RedisAggregateStore({ client, prefix: own, provinceOf, clock });
	try {
		await use(store, client, own);
	} finally {
		await store.destroy();
		await client.close();
	}
}

describe('the Redis store’s key layout', () => {
	it('takes an epoch built with another layout for missing, and drops its keys once rebuilt', () =>
		withOwnStore(async (layoutStore, client, own) => {
			// What the previous layout left: a bare epoch number and that epoch's keys.
			await client.set(`${own}:epoch`, '7');
			await client.set(`${own}:epochs`, '7');
			await client.zAdd(`${own}:{p40}:e:7:w:16681:wo:processing`, { score: 1, value: 'D1' });
			expect(await layoutStore.currentEpoch()).toBeNull();

			const writer = await layoutStore.beginRebuild();
			await writer.commit();
			expect(await layoutStore.currentEpoch()).toBe(writer.epoch);
			expect(await client.get(`${own}:epoch`)).toBe(`${writer.epoch}/${LAYOUT}`);
			expect(await client.exists(`${own}:{p40}:e:7:w:16681:wo:processing`)).toBe(0);
		}));
});

describe('the Redis store’s expiring buckets', () => {
	it('every day and hour bucket has its TTL, also once emptied and written again', () =>
		withOwnStore(async (ttlStore, client, own) => {
			/** Every day and hour bucket under the prefix with its TTL in ms (−1: none). */
			const bucketTtls = async () => {
				const ttls: [string, number][] = [];
				for await (const keys of client.scanIterator({ MATCH: `${own}:*`, COUNT: 1000 }))
					for (const key of keys)
						if (/:[dh]:\d{4}-\d\d-\d\d$/.test(key)) ttls.push([key, await client.pTTL(key)]);
				return ttls;
			};
			const expectEveryTtl = (ttls: [string, number][]) => {
				for (const [key, ttl] of ttls) {
					const most = key.includes(':d:') ? DAY_BUCKET_TTL_MS : HOUR_BUCKET_TTL_MS;
					expect({ key, expiring: ttl > 0 && ttl <= most }).toEqual({ key, expiring: true });
				}
			};
			await ttlStore.clear();
			const changes = fc
				.sample(eventStreamArb, { numRuns: 20, seed: 29 })
				.flatMap(changesInArrivalOrder);
			await ttlStore.apply(changes);
			const written = await bucketTtls();
			expect(written.filter(([key]) => key.includes(':h:')).length).toBeGreaterThan(0);
			expectEveryTtl(written);
			// Every dossier taken out: its counters reach zero and the buckets go; written again, they expire again.
			const last = new Map(changes.map((change) => [change.code, change]));
			await ttlStore.apply(
				[...last.values()].map(({ code }) => ({ code, contribution: null, version: 1_000 }))
			);
			expect(await bucketTtls()).toEqual([]);
			await ttlStore.apply([...last.values()].map((change) => ({ ...change, version: 1_001 })));
			const again = await bucketTtls();
			expect(again.length).toBeGreaterThan(0);
			expectEveryTtl(again);
		}));
});

describe('the Redis store’s failures', () => {
	it('a province script failing while later provinces are prepared rejects the apply, and the others are written', () =>
		withOwnStore(async (failing, client, own) => {
			await failing.clear();
			const epoch = (await failing.currentEpoch()) as number;
			const received = receivedContributions(40, 17);
			const thanhHoa = received.find((c) => c.province === '38') as Contribution;
			const ngheAn = received.find((c) => c.province === '40') as Contribution;
			// Thanh Hóa's batch comes first; ten more provinces are still being prepared when its script fails.
			const others = ['40', '01', '04', '08', '11', '12', '14', '15', '19', '20'];
			const changes = [
				{ code: 'FAIL-38', contribution: thanhHoa, version: 1 },
				...others.map((province) => ({
					code: `OK-${province}`,
					contribution: { ...ngheAn, province },
					version: 1
				}))
			];
			// A key of the wrong type where Thanh Hóa's script writes its ward's carry-over counters.
			await client.set(`${own}:{p38}:e:${epoch}:w:${thanhHoa.ward}:carry`, 'not a hash');
			await expect(failing.apply(changes)).rejects.toThrow(/WRONGTYPE/);
			// Each province's batch is its own: the others were written.
			for (const province of others)
				expect(
					await client.hExists(`${own}:{p${province}}:e:${epoch}:applied`, `OK-${province}`)
				).toBe(1);
		}));
});

describe('the Redis store’s home index', () => {
	it('heals a dossier’s lost home on the retry of its batch, so a later removal finds it', () =>
		withOwnStore(async (healing, client, own) => {
			await healing.clear();
			const epoch = (await healing.currentEpoch()) as number;
			const contribution = receivedContributions(40, 23)[0] as Contribution;
			const { province, ward } = contribution;
			const wardKeys = async () => {
				const found: string[] = [];
				const match = `${own}:{p${province}}:e:${epoch}:w:${ward}:*`;
				for await (const keys of client.scanIterator({ MATCH: match, COUNT: 1000 }))
					found.push(...keys);
				return found;
			};
			await healing.apply([{ code: 'HEAL-1', contribution, version: 1 }]);
			expect((await wardKeys()).length).toBeGreaterThan(0);
			// What a batch leaves when its script ran and its index writes were then refused (Redis full).
			await client.hDel(`${own}:e:${epoch}:home`, 'HEAL-1');
			await client.sRem(`${own}:e:${epoch}:provinces`, province);
			// The outbox retries the batch: its change is stale now, and only the index is written.
			await healing.apply([{ code: 'HEAL-1', contribution, version: 1 }]);
			expect(await client.hGet(`${own}:e:${epoch}:home`, 'HEAL-1')).toBe(province);
			expect(await healing.provinces()).toContain(province);
			// Taken out later (no contribution, so found by its home alone): nothing of it is left.
			await healing.apply([{ code: 'HEAL-1', contribution: null, version: 2 }]);
			expect(await wardKeys()).toEqual([]);
		}));
});

describe('the Redis store’s concurrent writers', () => {
	it(
		'another process writing a province between the read and the script: records are checked, retried on a conflict, tagged anew',
		() =>
			withOwnStore(async (other, client, own) => {
				// This store's client lets the other store apply a batch just before this store's next script runs.
				let before: (() => Promise<void>) | null = null;
				const paths = { fast: 0, conflict: 0, checked: 0 };
				const intercepting = new Proxy(client, {
					get(target, property) {
						if (property !== 'evalSha') {
							const value = Reflect.get(target, property, target) as unknown;
							return typeof value === 'function' ? value.bind(target) : value;
						}
						return async (sha: string, options: { keys: string[]; arguments: string[] }) => {
							const run = before;
							before = null;
							if (run) await run();
							const reply = (await target.evalSha(sha, options)) as string[];
							// Only the apply script names keys (the province's applied records and write sequence).
							const [applied, sequence] = options.keys as [string?, string?];
							const [, , expected, count] = options.arguments as string[];
							if (!applied || !sequence || Number(count) === 0) return reply;
							const now = await target.get(sequence);
							if (reply.length > 0) paths.conflict++;
							else if (now === expected) paths.fast++;
							else {
								paths.checked++;
								// Written after a check: every record carries the tag this call got, not Node's guess.
								const codes = (options.arguments as string[]).filter(
									(_, i) => i >= 4 && i % 2 === 0
								);
								for (const stored of await target.hmGet(applied, codes.slice(0, Number(count))))
									expect(stored?.split('\x1f')[0]).toBe(now);
							}
							return reply;
						};
					}
				});
				const store = new RedisAggregateStore({
					client: intercepting,
					prefix: own,
					provinceOf,
					clock: () => Math.min(...NOWS)
				});
				await fc.assert(
					fc.asyncProperty(eventStreamArb, async (stream) => {
						await store.clear();
						const [mine, theirs] = [0, 1].map((side) =>
							batches(changesInArrivalOrder(stream), 3).filter((_, i) => i % 2 === side)
						) as [ContributionChange[][], ContributionChange[][]];
						for (let i = 0; i < Math.max(mine.length, theirs.length); i++) {
							const next = theirs[i];
							before = next ? () => other.apply(next) : null;
							await store.apply(mine[i] ?? []);
							// When this store wrote nothing, the other store's batch still goes in.
							const unused = before;
							before = null;
							if (unused) await unused();
						}
						await expectStoreEqualsOracle(store, stream);
					}),
					{ numRuns: 40, seed: 53 }
				);
				// Each way through the script was taken.
				expect(paths.fast).toBeGreaterThan(0);
				expect(paths.conflict).toBeGreaterThan(0);
				expect(paths.checked).toBeGreaterThan(0);
			}),
		120_000
	);
});
