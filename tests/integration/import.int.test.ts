import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { dossierLife } from '../support/events';
import { runCli } from '../support/process';

describe('npm run cli -- import', () => {
	let database: TestDatabase;
	let sql: postgres.Sql;
	const dir = mkdtempSync(path.join(tmpdir(), 'mcl-import-'));
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
		rmSync(dir, { recursive: true, force: true });
	});

	it('imports native NDJSON, lists rejected lines, and can be re-run safely', async () => {
		const good = ['IMP-1', 'IMP-2', 'IMP-3']
			.flatMap((code) => dossierLife(code))
			.map((e) => JSON.stringify(e));
		const lines = [
			...good.slice(0, 5),
			'{"id": broken',
			...good.slice(5),
			JSON.stringify({ ...dossierLife('IMP-4')[0], channel: 'fax' })
		];
		const file = path.join(dir, 'history.ndjson');
		writeFileSync(file, lines.join('\n') + '\n');

		const first = await cli('import', file);
		expect(first.code).toBe(0);
		expect(first.last).toMatch(/^imported 15, duplicates 0, rejected 2 in /);
		expect(first.lines).toContain('line 6: not valid JSON');
		expect(first.lines).toContainEqual(expect.stringMatching(/^line 17: channel: /));
		const [{ count }] =
			await sql`select count(*)::int as count from dossiers where code like 'IMP-%'`;
		expect(count).toBe(3);

		const again = await cli('import', file);
		expect(again.last).toMatch(/^imported 0, duplicates 15, rejected 2 in /);
		const [{ events }] = await sql`select count(*)::int as events from dossier_events`;
		expect(events).toBe(15);
	});

	it('imports a CSV of DVCQG dossier rows, rejecting a bad row by its line number', async () => {
		const header =
			'MaHoSo,MaTTHC,KenhThucHien,NgayNopHoSo,NgayTiepNhan,NgayHenTra,TrangThaiHoSo,NgayKetThucXuLy,NgayTra,ChuHoSo,SoDienThoai';
		const rows = [
			'000.00.12.H40-261102-0001,2.000815,1,20261102083000,20261102083500,,10,20261102100000,20261102103000,Nguyễn Văn A,0912000001',
			'000.00.12.H40-261102-0002,1.001612,2,20261101200000,2026-11-02,,4,,,Trần Thị B,0912000002',
			'000.00.12.H40-261102-0003,1.001193,1,,20261102153000,,4,,,Lê Văn C,0912000003'
		];
		const file = path.join(dir, 'dvcqg.csv');
		writeFileSync(file, '\uFEFF' + [header, ...rows].join('\n') + '\n');

		const run = await cli('import', file, '--ward', '16681', '--source', 'csv-test');
		expect(run.code).toBe(0);
		expect(run.last).toMatch(/^imported \d+, duplicates 0, rejected 1 in /);
		expect(run.lines).toContainEqual(expect.stringMatching(/^line 3: NgayTiepNhan: /));
		const dossiers =
			await sql`select code, status, outcome, due_at from dossiers where code like '000.00.12.H40-261102-%' order by code`;
		expect(dossiers.map((d) => d.code)).toEqual([
			'000.00.12.H40-261102-0001',
			'000.00.12.H40-261102-0003'
		]);
		// Copy certification received 08:35, done 10:00 the same day, due 17:00 that day: on time by date.
		expect(dossiers[0]).toMatchObject({ status: 10, outcome: 'on_time' });
		// Birth registration received 15:30 (after 15:00): due 17:00 the next working day, Tuesday 3 November.
		expect(dossiers[1].due_at.toISOString()).toBe('2026-11-03T10:00:00.000Z');
		const stored = JSON.stringify(await sql`select payload from dossier_events`);
		expect(stored).not.toMatch(/Nguyễn Văn A|0912000001/);
	});
});
