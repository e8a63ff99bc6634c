import { parseArgs } from 'node:util';
import {
	createDisplayToken,
	displayUrl,
	listDisplayTokens,
	revokeDisplayToken
} from '../access/display-tokens';
import { InputError } from '../access/input-error';
import { AdminUnits } from '../read/scopes';
import { CliUsageError, type CliContext } from './context';

export const DISPLAY_USAGE =
	'display create (--ward <code> | --province <code>) --name <name> | display list | display revoke <id>';

/**
 * `display create|list|revoke`: read-only tokens for wall displays. `create` prints the display URL with its
 * token, alone on the last line (shown once: only the token's hash is kept).
 */
export async function displayCommand(args: string[], cli: CliContext): Promise<string> {
	const [verb, ...rest] = args;
	const { values, positionals } = parseArgs({
		args: rest,
		allowPositionals: true,
		options: {
			ward: { type: 'string' },
			province: { type: 'string' },
			name: { type: 'string' }
		}
	});
	const actor = { id: 'cli' };
	switch (verb) {
		case 'create': {
			if ((values.ward === undefined) === (values.province === undefined))
				throw new CliUsageError('give one of --ward <code> or --province <code>', DISPLAY_USAGE);
			const name = values.name?.trim();
			if (!name) throw new CliUsageError('--name: is required', DISPLAY_USAGE);
			const scope =
				values.ward !== undefined
					? `ward:${values.ward.trim()}`
					: `province:${values.province!.trim()}`;
			const units = await AdminUnits.load(cli.db);
			try {
				const created = await createDisplayToken(cli.db, { name, scope }, actor, (s) =>
					units.exists(s)
				);
				const origin = cli.config.ORIGIN ?? `http://localhost:${cli.config.PORT || 3000}`;
				console.log(
					`display ${created.id} "${name}" for ${scope}; open this URL on the screen (shown once, keep it secret):`
				);
				return displayUrl(origin, created.token);
			} catch (error) {
				if (error instanceof InputError)
					throw new CliUsageError(
						`--${values.ward !== undefined ? 'ward' : 'province'}: ${error.message}`,
						DISPLAY_USAGE
					);
				throw error;
			}
		}
		case 'list': {
			const displays = await listDisplayTokens(cli.db);
			for (const display of displays)
				console.log(
					[
						display.id,
						display.scope,
						display.name,
						display.revokedAt ? `revoked ${display.revokedAt.toISOString()}` : 'active'
					].join('\t')
				);
			return `${displays.length} displays`;
		}
		case 'revoke': {
			const id = positionals[0];
			if (!id) throw new CliUsageError('<id>: is required', DISPLAY_USAGE);
			if (!(await revokeDisplayToken(cli.db, id, actor)))
				throw new CliUsageError(`no active display with id ${id}`, DISPLAY_USAGE);
			return `revoked ${id}`;
		}
		default:
			throw new CliUsageError(`unknown display command "${verb ?? ''}"`, DISPLAY_USAGE);
	}
}
