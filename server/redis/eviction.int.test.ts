import { Writable } from 'node:stream';
import pino from 'pino';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_REDIS_URL } from '../../tests/support/env';
import { closeRedis, openRedis, type RedisClient } from './client';
import { readEvictionRisk } from './eviction';

/** A limit far above what the tests hold: Redis evicts nothing, yet reports a policy that would. */
const LIMIT = String(16 * 2 ** 30);

describe('a Redis that may evict the aggregates (real Redis, its configuration restored after)', () => {
	let admin: RedisClient;
	let original: Record<string, string>;

	beforeAll(async () => {
		admin = createClient({ url: TEST_REDIS_URL }) as unknown as RedisClient;
		await admin.connect();
		original = { ...(await admin.configGet(['maxmemory', 'maxmemory-policy'])) } as Record<
			string,
			string
		>;
	});

	afterAll(async () => {
		await admin.configSet({
			maxmemory: original.maxmemory ?? '0',
			'maxmemory-policy': original['maxmemory-policy'] ?? 'noeviction'
		});
		await admin.close();
	});

	it('is reported when the server connects, naming the policy', async () => {
		await admin.configSet({ maxmemory: LIMIT, 'maxmemory-policy': 'volatile-lru' });
		const lines: { level: number; msg: string }[] = [];
		const log = pino(
			{ level: 'info' },
			new Writable({
				write(chunk: Buffer, _encoding, done) {
					lines.push(JSON.parse(chunk.toString()) as { level: number; msg: string });
					done();
				}
			})
		);
		const client = openRedis(TEST_REDIS_URL, log);
		try {
			await expect
				.poll(() => lines.find((line) => line.msg.includes('may evict')), { timeout: 10_000 })
				.toMatchObject({
					level: 40,
					msg: expect.stringContaining('maxmemory-policy volatile-lru')
				});
		} finally {
			await closeRedis(client);
		}
	});

	it('is not reported under noeviction', async () => {
		await admin.configSet({ maxmemory: LIMIT, 'maxmemory-policy': 'noeviction' });
		expect(await readEvictionRisk(admin)).toBeNull();
		await admin.configSet({ 'maxmemory-policy': 'allkeys-lru' });
		expect(await readEvictionRisk(admin)).toContain(`maxmemory ${LIMIT} bytes`);
	});
});
