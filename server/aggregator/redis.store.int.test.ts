import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll } from 'vitest';
import { TEST_REDIS_URL } from '../../tests/support/env';
import { NOWS, provinceOf } from './event-streams.test-support';
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
