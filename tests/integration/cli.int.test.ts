import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { runCli } from '../support/process';

describe('npm run cli -- procedure set', () => {
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

	it('updates the catalogue, prints the result on the last line and audits the change', async () => {
		const { code, output } = await cli(
			'procedure',
			'set',
			'1.001776',
			'--name',
			'Trợ cấp xã hội hằng tháng',
			'--field',
			'bao-tro-xa-hoi',
			'--time',
			'7',
			'--unit',
			'working_days'
		);
		expect(code).toBe(0);
		expect(output.split('\n').at(-1)).toBe(
			'procedure 1.001776 saved: Trợ cấp xã hội hằng tháng (bao-tro-xa-hoi, 7 working_days)'
		);
		const [row] =
			await sql`select name, processing_time_value, processing_time_unit from procedures where code = '1.001776'`;
		expect(row).toEqual({
			name: 'Trợ cấp xã hội hằng tháng',
			processing_time_value: 7,
			processing_time_unit: 'working_days'
		});
		const audit =
			await sql`select actor, action, target from audit_log where target = 'procedure:1.001776'`;
		expect(audit).toEqual([
			{ actor: 'cli', action: 'procedure.update', target: 'procedure:1.001776' }
		]);
	});

	it('rejects bad input with what and where, and changes nothing', async () => {
		const before = await sql`select * from procedures order by code`;
		const badUnit = await cli(
			'procedure',
			'set',
			'9.999999',
			'--name',
			'X',
			'--field',
			'ho-tich',
			'--time',
			'2',
			'--unit',
			'weeks'
		);
		expect(badUnit.code).toBe(64);
		expect(badUnit.output).toMatch(/--unit: /);
		const badField = await cli(
			'procedure',
			'set',
			'9.999999',
			'--name',
			'X',
			'--field',
			'nope',
			'--time',
			'2',
			'--unit',
			'days'
		);
		expect(badField.code).toBe(64);
		expect(badField.output).toMatch(/--field: unknown field "nope"; known fields: .*ho-tich/);
		const noTime = await cli(
			'procedure',
			'set',
			'9.999999',
			'--name',
			'X',
			'--field',
			'ho-tich',
			'--unit',
			'days'
		);
		expect(noTime.code).toBe(64);
		expect(noTime.output).toMatch(/--time: /);
		expect(await sql`select * from procedures order by code`).toEqual(before);
	});

	it('survives a restart: a seeded procedure edited by an admin is not overwritten by the seed', async () => {
		await cli(
			'procedure',
			'set',
			'2.000815',
			'--name',
			'Chứng thực bản sao',
			'--field',
			'chung-thuc',
			'--unit',
			'same_day'
		);
		// A new process runs migrations and seeding again.
		const { code } = await cli(
			'procedure',
			'set',
			'1.001612',
			'--name',
			'Đăng ký hộ kinh doanh',
			'--field',
			'ho-kinh-doanh',
			'--time',
			'3',
			'--unit',
			'working_days'
		);
		expect(code).toBe(0);
		const [row] = await sql`select name from procedures where code = '2.000815'`;
		expect(row.name).toBe('Chứng thực bản sao');
	});
});
