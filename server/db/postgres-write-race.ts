import type { Logger } from 'pino';

/**
 * postgres.js 3.4.9 can queue a write with `setImmediate` that runs after its connection has closed and throw
 * `Cannot read properties of null (reading 'write')` from the timer, where no caller can catch it: a Postgres
 * outage then kills the whole process (porsager/postgres#1154, #1208; fix proposed in #1209). The query it
 * belonged to has already been rejected with CONNECTION_CLOSED, which the caller answers (ingest: 503).
 * Remove when a postgres.js release guards `nextWrite`.
 */
export function isPostgresWriteRace(error: unknown): boolean {
	return (
		error instanceof TypeError &&
		/reading 'write'/.test(error.message) &&
		/nextWrite[^\n]*postgres[\\/]src[\\/]connection\.js/.test(error.stack ?? '')
	);
}

/** Survives that one error (logged) and keeps Node's behaviour for every other uncaught exception. */
export function survivePostgresWriteRace(log: Logger): void {
	process.on('uncaughtException', (error) => {
		if (isPostgresWriteRace(error)) {
			log.warn(
				{ err: error },
				'postgres.js wrote to a closed connection; its query had already failed'
			);
			return;
		}
		log.fatal({ err: error }, 'uncaught exception');
		process.stderr.write(`${error.stack ?? String(error)}\n`);
		process.exit(1);
	});
}
