import { RedisAggregateStore } from '../aggregator/redis.store';
import { Aggregator } from '../jobs/aggregator';
import { createMetrics } from '../metrics';
import { openRedis, closeRedis } from '../redis/client';
import { ReferenceData } from '../reference/reference-data';
import { CliUsageError, type CliContext } from './context';

export const REBUILD_USAGE = 'rebuild';

/**
 * `rebuild`: streams every dossier from Postgres into a new epoch of the Redis aggregate store and switches
 * readers to it atomically. The in-process store has nothing to rebuild from outside: it rebuilds at every start.
 */
export async function rebuildCommand(args: string[], cli: CliContext): Promise<string> {
	if (args.length > 0) throw new CliUsageError(`unexpected ${args.join(' ')}`, REBUILD_USAGE);
	const { config } = cli;
	if (!config.REDIS_URL)
		return 'nothing to rebuild: without REDIS_URL the aggregates live in each server process and are rebuilt at its start';
	const redis = openRedis(config.REDIS_URL, cli.log);
	try {
		const reference = await new ReferenceData(cli.db).load();
		const store = new RedisAggregateStore({
			client: redis,
			prefix: config.REDIS_KEY_PREFIX,
			provinceOf: (ward) => reference.provinceOf(ward)
		});
		const aggregator = new Aggregator(cli.db, store, reference, cli.log, createMetrics());
		const started = performance.now();
		const count = await aggregator.rebuild();
		const epoch = await store.currentEpoch();
		return `rebuilt ${count} dossiers into epoch ${epoch} in ${((performance.now() - started) / 1000).toFixed(1)} s`;
	} finally {
		await closeRedis(redis);
	}
}
