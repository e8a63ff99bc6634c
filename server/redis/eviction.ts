import type { RedisClient } from './client';

/**
 * Why this Redis may drop the aggregates on its own, or null when it cannot: with a memory limit, any policy but
 * `noeviction` lets Redis evict keys (the `volatile-*` ones too: day and hour buckets carry a TTL). An evicted
 * counter or set leaves the live figures wrong, under an epoch marker that still stands, until reconciliation
 * repairs them; `noeviction` makes writes fail instead, which the aggregator retries.
 */
export function evictionRisk(maxmemory: number, policy: string): string | null {
	if (maxmemory === 0 || policy === 'noeviction') return null;
	return (
		`Redis may evict the live aggregates: maxmemory ${maxmemory} bytes with maxmemory-policy ${policy}; ` +
		`set maxmemory-policy noeviction (or maxmemory 0) for this database`
	);
}

/** Reads the server's memory limit and policy (`CONFIG GET`, which some managed services refuse: it throws). */
export async function readEvictionRisk(client: RedisClient): Promise<string | null> {
	const config = await client.configGet(['maxmemory', 'maxmemory-policy']);
	return evictionRisk(Number(config.maxmemory ?? 0), String(config['maxmemory-policy'] ?? ''));
}
