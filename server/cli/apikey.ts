import { parseArgs } from 'node:util';
import { scopeSchema } from '../../src/lib/contracts/scope';
import { createApiKey, listApiKeys, revokeApiKey } from '../access/api-keys';
import { CliUsageError, type CliContext } from './context';

export const APIKEY_USAGE =
	'apikey create --name <name> --scope <national|province:<code>|ward:<code>> | apikey list | apikey revoke <id>';

/** `apikey create|list|revoke`: connector keys; a new key is printed once, alone on the last line. */
export async function apikeyCommand(args: string[], cli: CliContext): Promise<string> {
	const [verb, ...rest] = args;
	const { values, positionals } = parseArgs({
		args: rest,
		allowPositionals: true,
		options: { name: { type: 'string' }, scope: { type: 'string' } }
	});
	switch (verb) {
		case 'create': {
			const name = values.name?.trim();
			if (!name) throw new CliUsageError('--name: is required', APIKEY_USAGE);
			const scope = scopeSchema.safeParse(values.scope ?? '');
			if (!scope.success)
				throw new CliUsageError(`--scope: ${scope.error.issues[0].message}`, APIKEY_USAGE);
			const created = await createApiKey(cli.db, { name, scope: values.scope! }, 'cli');
			console.log(`API key ${created.id} for ${values.scope!.trim()} (shown once, store it now):`);
			return created.key;
		}
		case 'list': {
			const keys = await listApiKeys(cli.db);
			for (const key of keys)
				console.log(
					[
						key.id,
						key.scope,
						key.name,
						key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : 'active'
					].join('\t')
				);
			return `${keys.length} keys`;
		}
		case 'revoke': {
			const id = positionals[0];
			if (!id) throw new CliUsageError('<id>: is required', APIKEY_USAGE);
			if (!(await revokeApiKey(cli.db, id, 'cli')))
				throw new CliUsageError(`no active key with id ${id}`, APIKEY_USAGE);
			return `revoked ${id}`;
		}
		default:
			throw new CliUsageError(`unknown apikey command "${verb ?? ''}"`, APIKEY_USAGE);
	}
}
