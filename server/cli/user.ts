import { parseArgs } from 'node:util';
import { InputError } from '../access/input-error';
import { ROLES } from '../access/policy';
import {
	createUser,
	findUserByEmail,
	listUsers,
	resetPassword,
	setUserDisabled
} from '../access/users';
import { AdminUnits } from '../read/scopes';
import { CliUsageError, type CliContext } from './context';

export const USER_USAGE = `user create --email <e> --role <${ROLES.join('|')}> --scope <national|province:<code>|ward:<code>|none> [--name <n>] [--password <p>] | user list | user disable <email> | user enable <email> | user password <email>`;

/** `user create|list|disable|enable|password`: people who sign in; a generated password is printed once. */
export async function userCommand(args: string[], cli: CliContext): Promise<string> {
	const [verb, ...rest] = args;
	const { values, positionals } = parseArgs({
		args: rest,
		allowPositionals: true,
		options: {
			email: { type: 'string' },
			role: { type: 'string' },
			scope: { type: 'string' },
			name: { type: 'string' },
			password: { type: 'string' }
		}
	});
	const actor = { id: 'cli' };
	const byEmail = async () => {
		const email = positionals[0];
		if (!email) throw new CliUsageError('<email>: is required', USER_USAGE);
		const user = await findUserByEmail(cli.db, email);
		if (!user) throw new CliUsageError(`no user with e-mail ${email}`, USER_USAGE);
		return user;
	};
	try {
		switch (verb) {
			case 'create': {
				if (!values.email) throw new CliUsageError('--email: is required', USER_USAGE);
				if (!values.role) throw new CliUsageError('--role: is required', USER_USAGE);
				if (values.scope === undefined && values.role !== 'admin')
					throw new CliUsageError(
						'--scope: is required (none: an inspector with grants only)',
						USER_USAGE
					);
				const units = await AdminUnits.load(cli.db);
				const { user, password } = await createUser(
					cli.db,
					{
						email: values.email,
						role: values.role,
						scope: values.scope,
						name: values.name,
						password: values.password
					},
					actor,
					(scope) => units.exists(scope)
				);
				const line = `user ${user.id} ${user.email} (${user.role}, ${user.scope ?? 'grants only'})`;
				if (!password) return `${line} created`;
				console.log(`${line} created; its password (shown once, pass it on safely):`);
				return password;
			}
			case 'list': {
				const users = await listUsers(cli.db);
				for (const user of users)
					console.log(
						[
							user.id,
							user.email,
							user.role,
							user.scope ?? 'grants only',
							user.disabledAt ? `disabled ${user.disabledAt.toISOString()}` : 'active'
						].join('\t')
					);
				return `${users.length} users`;
			}
			case 'disable':
			case 'enable': {
				const user = await byEmail();
				await setUserDisabled(cli.db, user.id, verb === 'disable', actor);
				return `${verb}d ${user.email}`;
			}
			case 'password': {
				const user = await byEmail();
				const password = await resetPassword(cli.db, user.id, actor);
				console.log(`new password of ${user.email} (shown once; their sessions were ended):`);
				return password;
			}
			default:
				throw new CliUsageError(`unknown user command "${verb ?? ''}"`, USER_USAGE);
		}
	} catch (error) {
		if (error instanceof InputError)
			throw new CliUsageError(`--${error.field}: ${error.message}`, USER_USAGE);
		throw error;
	}
}
