import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_REDIS_URL } from '../../tests/support/env';
import { NOWS, provinceOf } from './event-streams.test-support';
import { LAYOUT } from './redis-keys';
import { RedisAggregateStore } from './redis.store';
import { describeAggregateStoreContract } from './store.contract';

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

describe('the Redis store’s key layout', () => {
	it('takes an epoch built with another layout for missing, and drops its keys once rebuilt', async () => {
		const client = createClient({ url });
		await client.connect();
		const own = `mcltest-${randomUUID().slice(0, 8)}`;
		const layoutStore = new RedisAggregateStore({ client, prefix: own, provinceOf });
		try {
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
		} finally {
			await layoutStore.destroy();
			await client.close();
		}
	});
});
