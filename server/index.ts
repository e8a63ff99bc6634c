import { ConfigError, loadConfig } from './config';
import { createApp } from './app';
import { survivePostgresWriteRace } from './db/postgres-write-race';
import { createLogger } from './log';

/** The production entry point: one process serving pages, REST API and Socket.IO on one port. */
async function main() {
	let config;
	try {
		config = loadConfig();
	} catch (error) {
		if (error instanceof ConfigError) {
			console.error(error.message);
			process.exit(78); // EX_CONFIG
		}
		throw error;
	}
	const log = createLogger(config.LOG_LEVEL);
	survivePostgresWriteRace(log);
	const app = await createApp(config, { log });
	const address = await app.listen();
	log.info(
		{
			port: address.port,
			host: address.address,
			database: app.backend.database.kind,
			redis: Boolean(config.REDIS_URL)
		},
		`Một Cửa Live listening on http://localhost:${address.port}`
	);

	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		log.info({ signal }, 'shutting down');
		const deadline = setTimeout(() => {
			log.error('shutdown took too long; exiting');
			process.exit(1);
		}, config.SHUTDOWN_TIMEOUT_MS);
		deadline.unref();
		app.close().then(
			() => {
				log.info('stopped');
				process.exit(0);
			},
			(error: unknown) => {
				log.error({ err: error }, 'shutdown failed');
				process.exit(1);
			}
		);
	};
	process.on('SIGTERM', () => stop('SIGTERM'));
	process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
	console.error('Một Cửa Live failed to start:', error);
	process.exit(1);
});
