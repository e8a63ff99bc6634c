import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../support/access';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { ensurePagesBuilt } from '../support/pages';
import {
	listeningBase,
	LOCAL_SERVER,
	runCli,
	runTs,
	type RunningProcess
} from '../support/process';

describe('npm run cli -- user … and display …', () => {
	let database: TestDatabase;
	let sql: postgres.Sql;
	const cli = async (...args: string[]) => {
		return runCli({ DATABASE_URL: database.url }, args);
	};

	beforeAll(async () => {
		database = await createTestDatabase();
		sql = postgres(database.url, { max: 1, onnotice: () => {} });
	});

	afterAll(async () => {
		await sql?.end();
		await database?.drop();
	});

	it('creates people: a chosen password is not echoed, a generated one is printed alone on the last line', async () => {
		const chosen = await cli(
			'user',
			'create',
			'--email',
			'LanhDao@Example.vn',
			'--role',
			'province_leader',
			'--scope',
			'province:40',
			'--password',
			'mot-mat-khau-da-chon'
		);
		expect(chosen.code).toBe(0);
		expect(chosen.last).toMatch(
			/^user usr_[0-9a-f]+ lanhdao@example\.vn \(province_leader, province:40\) created$/
		);
		expect(chosen.output).not.toContain('mot-mat-khau-da-chon');
		const generated = await cli(
			'user',
			'create',
			'--email',
			'doan@example.vn',
			'--role',
			'inspector',
			'--scope',
			'none'
		);
		expect(generated.code).toBe(0);
		expect(generated.last).toMatch(/^[a-zA-Z2-9]{5}(-[a-zA-Z2-9]{5}){3}$/);
		const rows = await sql`select email, role, scope, password_hash from users order by email`;
		expect(rows.map((r) => [r.email, r.role, r.scope])).toEqual([
			['doan@example.vn', 'inspector', null],
			['lanhdao@example.vn', 'province_leader', 'province:40']
		]);
		expect(rows.every((r) => String(r.password_hash).startsWith('$argon2id$'))).toBe(true);
		const audit = await sql`select actor, action from audit_log where action = 'user.create'`;
		expect(audit).toEqual([
			{ actor: 'cli', action: 'user.create' },
			{ actor: 'cli', action: 'user.create' }
		]);
	});

	it('refuses bad input with exit 64 and says what is wrong', async () => {
		const duplicate = await cli(
			'user',
			'create',
			'--email',
			'lanhdao@example.vn',
			'--role',
			'admin',
			'--scope',
			'national'
		);
		expect(duplicate.code).toBe(64);
		expect(duplicate.output).toMatch(/--email: lanhdao@example\.vn already has an account/);
		const badScope = await cli(
			'user',
			'create',
			'--email',
			'x@example.vn',
			'--role',
			'ward_director',
			'--scope',
			'ward:99999'
		);
		expect(badScope.code).toBe(64);
		expect(badScope.output).toMatch(/--scope: no such unit ward:99999/);
		const shortPassword = await cli(
			'user',
			'create',
			'--email',
			'y@example.vn',
			'--role',
			'admin',
			'--password',
			'short'
		);
		expect(shortPassword.code).toBe(64);
		expect(shortPassword.output).toMatch(/--password: must be at least 12 characters/);
	});

	it('creates a display for a ward or a province and prints its URL alone on the last line', async () => {
		const ward = await cli('display', 'create', '--ward', '16681', '--name', 'TV sảnh');
		expect(ward.code).toBe(0);
		expect(ward.last).toMatch(/^http:\/\/localhost:3000\/display\/mcd_[\w-]{32}$/);
		const province = await cli('display', 'create', '--province', '40', '--name', 'Phòng họp');
		expect(province.code).toBe(0);
		const unknown = await cli('display', 'create', '--province', '99', '--name', 'X');
		expect(unknown.code).toBe(64);
		const rows = await sql`select scope, token_hash from display_tokens order by scope`;
		expect(rows.map((r) => r.scope)).toEqual(['province:40', 'ward:16681']);
		// Only the hash is kept.
		expect(rows.some((r) => ward.last.endsWith(String(r.token_hash)))).toBe(false);
		const list = await cli('display', 'list');
		expect(list.last).toBe('2 displays');
	});
});

describe('the first start with the embedded defaults', () => {
	const dataDir = mkdtempSync(path.join(tmpdir(), 'mcl-first-admin-'));
	const processes: RunningProcess[] = [];
	const env = { DATA_DIR: dataDir, ...LOCAL_SERVER, DEMO: 'off' };

	beforeAll(() => ensurePagesBuilt());

	afterAll(async () => {
		for (const p of processes) if (p.child.exitCode === null) p.child.kill('SIGKILL');
		await Promise.all(processes.map((p) => p.exited));
		rmSync(dataDir, { recursive: true, force: true });
	});

	it('creates an administrator and prints its login once, on the console only', async () => {
		const first = runTs('server/index.ts', env);
		processes.push(first);
		const base = await listeningBase(first);
		const output = first.output();
		const email = /e-mail:\s+(\S+)/.exec(output)![1];
		const password = /password:\s+(\S+)/.exec(output)![1];
		expect(email).toBe('admin@motcua.local');
		// The JSON log lines never carry it.
		const logLines = output.split('\n').filter((line) => line.startsWith('{'));
		expect(logLines.some((line) => line.includes('first administrator created'))).toBe(true);
		expect(logLines.some((line) => line.includes(password))).toBe(false);
		expect((await signIn(base, email, password)).cookie).not.toBeNull();
		first.child.kill('SIGTERM');
		expect((await first.exited).code).toBe(0);

		const second = runTs('server/index.ts', env);
		processes.push(second);
		const again = await listeningBase(second);
		expect(second.output()).not.toMatch(/password:/);
		expect((await signIn(again, email, password)).cookie).not.toBeNull();
		second.child.kill('SIGTERM');
		await second.exited;
	});
});
