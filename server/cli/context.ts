import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Database } from '../db/client';

export interface CliContext {
	config: Config;
	db: Database;
	log: Logger;
}

/** A mistake in the command line: printed with the usage, exit code 64 (EX_USAGE). */
export class CliUsageError extends Error {
	constructor(
		message: string,
		readonly usage: string
	) {
		super(message);
	}
}
