import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { createApiKey } from '../../server/access/api-keys';
import { createApp, type App } from '../../server/app';
import { testConfig } from '../../server/config';
import { unitWards } from '../../server/db/schema';
import { createTestDatabase, type TestDatabase } from '../support/database';

const fixture = (name: string) =>
	JSON.parse(readFileSync(new URL(`../fixtures/dvcqg/${name}`, import.meta.url), 'utf8')) as {
		service: string;
		data: Record<string, unknown>[];
	};
const CODE = '000.00.12.H40-261111-0007';

describe('POST /api/v1/dvcqg against real Postgres', () => {
	let database: TestDatabase;
	let app: App;
	let base: string;
	let sql: postgres.Sql;
	const keys = { national: '', otherWard: '' };

	const sync = async (body: unknown, key = keys.national) => {
		const response = await fetch(`${base}/api/v1/dvcqg`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
			body: JSON.stringify(body)
		});
		return {
			status: response.status,
			body: (await response.json()) as {
				error_code: string;
				message: string;
				result: { MaHoSo: string; error_code: string; message: string }[];
			}
		};
	};

	/** Syncs a good item and a copy of it with `changes`: the good one is stored, the bad one refused with `message`. */
	async function expectOnlyTheBadItemRefused(
		[goodCode, badCode]: [string, string],
		changes: Record<string, string>,
		message: RegExp
	) {
		const good = { ...fixture('dong-bo-ho-so-received.json').data[0], MaHoSo: goodCode };
		const bad = { ...good, ...changes, MaHoSo: badCode };
		const { body } = await sync({
			service: 'DongBoHoSoMC',
			isUpdating: 'False',
			data: [good, bad]
		});
		expect(body.error_code).toBe('00');
		expect(body.result[0]).toMatchObject({ MaHoSo: goodCode, error_code: '00' });
		expect(body.result[1]).toMatchObject({
			MaHoSo: badCode,
			error_code: '01',
			message: expect.stringMatching(message)
		});
		expect(await sql`select code from dossiers where code = ${badCode}`).toHaveLength(0);
	}

	beforeAll(async () => {
		database = await createTestDatabase();
		app = await createApp(testConfig({ DATABASE_URL: database.url }), { pages: false });
		base = `http://127.0.0.1:${(await app.listen(0, '127.0.0.1')).port}`;
		sql = postgres(database.url, { max: 1, onnotice: () => {} });
		const db = app.backend.database.db;
		keys.national = (
			await createApiKey(db, { name: 'Nghệ An one-door', scope: 'national' }, 'test')
		).key;
		keys.otherWard = (
			await createApiKey(db, { name: 'Xã Thành Vinh', scope: 'ward:15229' }, 'test')
		).key;
		// The unit id prefixing MaHoSo tells the handling ward (ARCHITECTURE §4.2).
		await db.insert(unitWards).values({ unitId: '000.00.12.H40', wardCode: '16681' });
		await app.backend.reference.load();
	});

	afterAll(async () => {
		await sql?.end();
		await app?.close();
		await database?.drop();
	});

	it('answers like the portal when the key is missing', async () => {
		const { status, body } = await sync(fixture('dong-bo-ho-so-received.json'), 'mcl_nope');
		expect(status).toBe(401);
		expect(body).toMatchObject({ error_code: '02', result: [] });
	});

	it('creates the dossier from a DongBoHoSoMC snapshot with the source due date, and drops personal data', async () => {
		const { status, body } = await sync(fixture('dong-bo-ho-so-received.json'));
		expect(status).toBe(200);
		expect(body.error_code).toBe('00');
		expect(body.result).toEqual([
			{ MaHoSo: CODE, error_code: '00', message: expect.stringMatching(/^\d+ new events?$/) }
		]);
		const [dossier] = await sql`select * from dossiers where code = ${CODE}`;
		expect(dossier).toMatchObject({
			ward_code: '16681',
			province_code: '40',
			channel: 'online',
			procedure_code: '1.001612'
		});
		expect(dossier.received_at.toISOString()).toBe('2026-11-11T02:30:00.000Z');
		expect(dossier.due_at.toISOString()).toBe('2026-11-17T01:30:00.000Z');
		expect(dossier.finished_at).toBeNull();

		const stored =
			JSON.stringify(await sql`select payload from dossier_events`) + JSON.stringify(dossier.state);
		for (const personal of [
			'Phạm Thị Quỳnh Mai',
			'0912345678',
			'040190012345',
			'quynhmai.pham.fake@example.com',
			'Lê Lợi'
		])
			expect(stored).not.toContain(personal);
	});

	it('resolves the dossier from a later snapshot with status 9, early by date', async () => {
		const { body } = await sync(fixture('dong-bo-ho-so-finished.json'));
		expect(body.result[0].error_code).toBe('00');
		const [dossier] =
			await sql`select status, outcome, finished_at from dossiers where code = ${CODE}`;
		// Finished Monday 16 November 2026 16:00, due Tuesday 17 November 08:30: an earlier date is early.
		expect(dossier).toMatchObject({ status: 9, outcome: 'early' });
		expect(dossier.finished_at.toISOString()).toBe('2026-11-16T09:00:00.000Z');
	});

	it('turns processing steps into stage changes', async () => {
		const { body } = await sync(fixture('cap-nhat-tien-do.json'));
		expect(body.result.every((r) => r.error_code === '00')).toBe(true);
		const [{ state }] = await sql`select state from dossiers where code = ${CODE}`;
		expect((state.stages as { stage: string }[]).map((s) => s.stage)).toContain('approval');
		expect(JSON.stringify(state)).not.toMatch(/"officer"|Nguyễn|Trần/);
	});

	it('treats a resent snapshot as already known', async () => {
		const before = await sql`select * from dossiers where code = ${CODE}`;
		const { body } = await sync(fixture('dong-bo-ho-so-finished.json'));
		expect(body.result[0]).toMatchObject({
			error_code: '00',
			message: expect.stringMatching(/^0 new events/)
		});
		expect(await sql`select * from dossiers where code = ${CODE}`).toEqual(before);
	});

	it('rejects only the item with a malformed date, naming the field', async () => {
		await expectOnlyTheBadItemRefused(
			['000.00.12.H40-261111-0008', '000.00.12.H40-261111-0009'],
			{ NgayTiepNhan: '2026-11-11 09:30' },
			/^NgayTiepNhan: /
		);
	});

	it('rejects only the item dated ahead of the server clock', async () => {
		// Tomorrow in Vietnam time, in DVCQG's yyyyMMddHHmmss.
		const tomorrow = new Date(Date.now() + 86_400_000 + 7 * 3_600_000)
			.toISOString()
			.replace(/\D/g, '')
			.slice(0, 14);
		await expectOnlyTheBadItemRefused(
			['000.00.12.H40-261111-0011', '000.00.12.H40-261111-0012'],
			{ NgayNopHoSo: tomorrow, NgayTiepNhan: tomorrow },
			/^at: .+ is \d+ minutes ahead of the server clock/
		);
	});

	it('refuses items of wards outside the key scope', async () => {
		const item = {
			...fixture('dong-bo-ho-so-received.json').data[0],
			MaHoSo: '000.00.12.H40-261111-0010'
		};
		const { body } = await sync({ service: 'DongBoHoSoMC', data: [item] }, keys.otherWard);
		expect(body.result[0]).toMatchObject({ error_code: '03' });
		expect(
			await sql`select code from dossiers where code = '000.00.12.H40-261111-0010'`
		).toHaveLength(0);
	});
});
