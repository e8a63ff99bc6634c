import { createClient } from 'redis';
import { TEST_REDIS_URL } from './env';

/** Deletes every key under a test's prefix; call it after the apps are closed, so nothing writes them again. */
export async function deleteRedisKeys(prefix: string): Promise<void> {
	const client = createClient({ url: TEST_REDIS_URL });
	await client.connect();
	try {
		for await (const keys of client.scanIterator({ MATCH: `${prefix}:*`, COUNT: 500 })) {
			if (keys.length > 0) await client.unlink(keys);
		}
	} finally {
		await client.close();
	}
}
