import pino from 'pino';
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../db/client';
import { CliUsageError, type CliContext } from './context';
import { APIKEY_USAGE, apikeyCommand } from './apikey';
import { DISPLAY_USAGE, displayCommand } from './display';
import { IMPORT_USAGE, importCommand } from './import';
import { PROCEDURE_USAGE, procedureCommand } from './procedure';
import { REBUILD_USAGE, rebuildCommand } from './rebuild';
import { SIMULATE_USAGE, simulateCommand } from './simulate';
import { UNIT_USAGE, unitCommand } from './unit';
import { USER_USAGE, userCommand } from './user';

/** Administration commands (ARCHITECTURE §4.5); each prints its result alone on the last line. */
const COMMANDS: Record<
	string,
	{ usage: string; run: (args: string[], cli: CliContext) => Promise<string> }
> = {
	apikey: { usage: APIKEY_USAGE, run: apikeyCommand },
	display: { usage: DISPLAY_USAGE, run: displayCommand },
	import: { usage: IMPORT_USAGE, run: importCommand },
	procedure: { usage: PROCEDURE_USAGE, run: procedureCommand },
	rebuild: { usage: REBUILD_USAGE, run: rebuildCommand },
	simulate: { usage: SIMULATE_USAGE, run: simulateCommand },
	unit: { usage: UNIT_USAGE, run: unitCommand },
	user: { usage: USER_USAGE, run: userCommand }
};

const USAGE = `usage: npm run cli -- <command>\n${Object.values(COMMANDS)
	.map((c) => `  ${c.usage}`)
	.join('\n')}`;

async function main(argv: string[]): Promise<number> {
	const [name, ...args] = argv;
	const command = name ? COMMANDS[name] : undefined;
	if (!command) {
		console.error(name ? `unknown command "${name}"\n${USAGE}` : USAGE);
		return 64;
	}
	const config = loadConfig();
	// Logs go to stderr so that stdout holds only the result.
	const log = pino(
		{ level: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL },
		pino.destination(2)
	);
	const database = openDatabase(
		{ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR },
		log
	);
	try {
		await database.prepare();
		console.log(await command.run(args, { config, db: database.db, log }));
		return 0;
	} catch (error) {
		if (error instanceof CliUsageError) {
			console.error(`error: ${error.message}\nusage: npm run cli -- ${error.usage}`);
			return 64;
		}
		throw error;
	} finally {
		await database.close();
	}
}

main(process.argv.slice(2)).then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(error instanceof ConfigError ? error.message : error);
		process.exit(error instanceof ConfigError ? 78 : 1);
	}
);
