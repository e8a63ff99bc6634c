import type { Logger } from 'pino';
import type { Database } from '../db/client';
import { ensureFirstAdmin } from './users';

/**
 * With the embedded defaults, an empty database gets a first administrator whose generated password is printed
 * once, on the console (stderr, outside the JSON log lines that get shipped), and never again: the next start
 * finds a user and prints nothing.
 */
export async function announceFirstAdmin(
	db: Database,
	log: Logger,
	write: (text: string) => void = (text) => process.stderr.write(text)
): Promise<boolean> {
	const created = await ensureFirstAdmin(db);
	if (!created) return false;
	const rule = '─'.repeat(66);
	write(
		[
			'',
			rule,
			' Một Cửa Live: first start. An administrator was created; sign in at /login with',
			`   e-mail:   ${created.email}`,
			`   password: ${created.password}`,
			' This password is shown only now. Create your own accounts under Quản trị → Người dùng.',
			rule,
			''
		].join('\n') + '\n'
	);
	log.info(
		{ email: created.email },
		'first administrator created; its password was shown on the console'
	);
	return true;
}
