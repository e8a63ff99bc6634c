import { runCli } from '../../support/process';

/**
 * The people of the end-to-end server, created with the real CLI (`npm run cli -- user create`) on its fresh
 * data directory before it starts (playwright.config.ts), and signed in once by `auth.setup.ts`.
 */
export const E2E_USERS = {
	admin: {
		email: 'quantri@e2e.motcua.vn',
		password: 'e2e-quan-tri-mat-khau',
		role: 'admin',
		scope: 'national'
	},
	/** Lãnh đạo tỉnh Nghệ An (40). */
	leader: {
		email: 'lanhdao.nghean@e2e.motcua.vn',
		password: 'e2e-lanh-dao-mat-khau',
		role: 'province_leader',
		scope: 'province:40'
	},
	/** Giám đốc trung tâm Phường Thành Vinh (16681). */
	director: {
		email: 'giamdoc.thanhvinh@e2e.motcua.vn',
		password: 'e2e-giam-doc-mat-khau',
		role: 'ward_director',
		scope: 'ward:16681'
	}
} as const;

export type E2EUser = keyof typeof E2E_USERS;

/**
 * Creates one of the people on a server's database with the real CLI, before that server starts (the embedded
 * database admits one process at a time). `env` is the server's own (DATA_DIR or DATABASE_URL).
 */
export async function createUserWithCli(env: Record<string, string>, user: E2EUser): Promise<void> {
	const { email, role, scope, password } = E2E_USERS[user];
	const run = await runCli(env, [
		'user',
		'create',
		'--email',
		email,
		'--role',
		role,
		'--scope',
		scope,
		'--password',
		password
	]);
	if (run.code !== 0) throw new Error(`user create failed:\n${run.output}`);
}

/** Where `auth.setup.ts` keeps each person's signed-in browser state (cookies). */
export function storageStatePath(user: E2EUser): string {
	return `test-results/.auth/${user}.json`;
}

/** The CLI commands that create the people, as one shell line for the web server's start command. */
export function createUsersCommand(node: string): string {
	return Object.values(E2E_USERS)
		.map(
			(u) =>
				`${node} server/cli/index.ts user create --email ${u.email} --role ${u.role} --scope ${u.scope} --password ${u.password}`
		)
		.join(' && ');
}
