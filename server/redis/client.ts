import { createClient } from 'redis';
import type { Logger } from 'pino';
import { readEvictionRisk } from './eviction';

function createRedisClient(url: string) {
	return createClient({
		url,
		socket: {
			connectTimeout: 5_000,
			reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 5_000)
		}
	});
}

export type RedisClient = ReturnType<typeof createRedisClient>;

/**
 * Connects in the background and keeps reconnecting: Redis is a cache of Postgres, so the process
 * stays up while it is away and /readyz says so.
 */
export function openRedis(url: string, log: Logger): RedisClient {
	const client = createRedisClient(url);
	let lastError = '';
	client.on('error', (error: Error) => {
		// A down Redis emits one error per reconnect attempt; log each distinct failure once.
		if (error.message !== lastError) log.warn({ err: error.message }, 'redis error');
		lastError = error.message;
	});
	client.on('ready', () => {
		lastError = '';
		log.info('redis ready');
		// Checked at every (re)connection: the server may have been reconfigured or replaced meanwhile.
		readEvictionRisk(client).then(
			(risk) => risk && log.warn(risk),
			(error: Error) => log.info({ err: error.message }, 'redis eviction policy not readable')
		);
	});
	client
		.connect()
		.catch((error: Error) => log.warn({ err: error.message }, 'redis connect failed'));
	return client;
}

/** Closes gracefully when connected; a client still trying to reconnect is simply stopped. */
export async function closeRedis(client: RedisClient): Promise<void> {
	if (client.isReady) await client.close();
	else if (client.isOpen) client.destroy();
}
