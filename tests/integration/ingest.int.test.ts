import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import postgres from 'postgres';
import { createApiKey } from '../../server/access/api-keys';
import { createApp, type App } from '../../server/app';
import { testConfig } from '../../server/config';
import type { NativeEventInput } from '../../src/lib/contracts/ingest';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { TEST_POSTGRES_ADMIN_URL } from '../support/env';
import { dossierLife } from '../support/events';

describe('POST /api/v1/events against real Postgres', () => {
	let database: TestDatabase;
	let app: App;
	let base: string;
	let sql: postgres.Sql;
	const keys = { national: '', ward: '', province: '' };

	const post = (body: string, key: string | null, type = 'application/json') =>
		fetch(`${base}/api/v1/events`, {
			method: 'POST',
			headers: { 'content-type': type, ...(key ? { authorization: `Bearer ${key}` } : {}) },
			body
		});
	const send = async (events: unknown[], key = keys.national) => {
		const response = await post(JSON.stringify({ events }), key);
		return { status: response.status, body: (await response.json()) as Record<string, unknown> };
	};
	const tableCounts = async () => {
		const [row] = await sql`select (select count(*)::int from dossier_events) as events,
			(select count(*)::int from dossiers) as dossiers`;
		return row;
	};

	beforeAll(async () => {
		database = await createTestDatabase();
		app = await createApp(testConfig({ DATABASE_URL: database.url }), { pages: false });
		base = `http://127.0.0.1:${(await app.listen(0, '127.0.0.1')).port}`;
		sql = postgres(database.url, { max: 2, onnotice: () => {} });
		const db = app.backend.database.db;
		keys.national = (await createApiKey(db, { name: 'national', scope: 'national' }, 'test')).key;
		keys.ward = (await createApiKey(db, { name: 'Thành Vinh', scope: 'ward:16681' }, 'test')).key;
		keys.province = (await createApiKey(db, { name: 'Nghệ An', scope: 'province:40' }, 'test')).key;
	});

	afterAll(async () => {
		await sql?.end();
		await app?.close();
		await database?.drop();
	});

	it('refuses requests without a valid key (401)', async () => {
		expect((await post('{"events":[]}', null)).status).toBe(401);
		const bad = await post('{"events":[]}', 'mcl_not-a-real-key');
		expect(bad.status).toBe(401);
		expect(await bad.json()).toMatchObject({ error: { code: 'unauthorized' } });
	});

	it('stores a dossier life and derives its state with the legal due date', async () => {
		const { status, body } = await send(dossierLife('H40.16681-260424-0001'));
		expect(status).toBe(200);
		expect(body).toEqual({ accepted: 5, duplicates: 0, rejected: [] });
		const [dossier] = await sql`select * from dossiers where code = 'H40.16681-260424-0001'`;
		expect(dossier).toMatchObject({
			ward_code: '16681',
			province_code: '40',
			status: 10,
			channel: 'online',
			outcome: 'early'
		});
		// 3 working days (24 h) from Friday 24 April 2026 10:00: 5 h that Friday, 8 h on 28 and 29 April (27 April,
		// Hùng Kings' day off, 30 April and 1 May are holidays), the last 3 h on Monday 4 May from 07:00.
		expect(dossier.due_at.toISOString()).toBe(new Date('2026-05-04T10:00:00+07:00').toISOString());
		// The change went through the outbox: the aggregator applied it and removed it.
		await expect
			.poll(async () => (await sql`select count(*)::int as n from dossier_changes`)[0].n, {
				timeout: 5_000
			})
			.toBe(0);
		const applied = (await app.backend.metrics.aggregateChanges.get()).values[0]?.value ?? 0;
		expect(applied).toBeGreaterThanOrEqual(1);
	});

	it('treats a resent batch as duplicates and changes nothing', async () => {
		const events = dossierLife('H40.16681-260424-0002');
		await send(events);
		const before = await sql`select * from dossiers where code = 'H40.16681-260424-0002'`;
		const countsBefore = await tableCounts();
		const { status, body } = await send(events);
		expect(status).toBe(200);
		expect(body).toEqual({ accepted: 0, duplicates: 5, rejected: [] });
		expect(await sql`select * from dossiers where code = 'H40.16681-260424-0002'`).toEqual(before);
		expect(await tableCounts()).toEqual(countsBefore);
	});

	it('stores valid events and rejects each bad one, naming the field and the problem', async () => {
		const [received] = dossierLife('H40.16681-260424-0003');
		const { status, body } = await send([
			received,
			{ ...received, id: 'bad-1', procedure: undefined },
			{ ...received, id: 'bad-2', at: '24/04/2026 10:00' },
			{ ...received, id: 'bad-3', ward: '99999' },
			{ ...received, id: 'bad-4', type: 'teleported' },
			'not an event'
		]);
		expect(status).toBe(200);
		expect(body.accepted).toBe(1);
		expect(body.rejected).toEqual([
			{ index: 1, id: 'bad-1', error: 'procedure: is required on received' },
			{ index: 2, id: 'bad-2', error: 'at: must be an RFC 3339 timestamp with an offset' },
			{ index: 3, id: 'bad-3', error: 'ward: unknown ward code 99999' },
			{ index: 4, id: 'bad-4', error: expect.stringMatching(/^type: /) },
			{ index: 5, error: expect.stringMatching(/^event: /) }
		]);
	});

	it('refuses an event dated more than five minutes ahead of the server clock, and takes a small drift', async () => {
		const [received] = dossierLife('H40.16681-260424-0005');
		const countsBefore = await tableCounts();
		const ahead = new Date(Date.now() + 60 * 60_000).toISOString();
		const { body } = await send([{ ...received, id: 'ahead-1', at: ahead }]);
		expect(body).toEqual({
			accepted: 0,
			duplicates: 0,
			rejected: [
				{
					index: 0,
					id: 'ahead-1',
					error: expect.stringMatching(
						new RegExp(
							`^at: ${ahead} is 60 minutes ahead of the server clock \\(.+\\); events may be at most 5 minutes ahead$`
						)
					)
				}
			]
		});
		expect(await tableCounts()).toEqual(countsBefore);
		// A source clock a minute fast is within the drift allowed.
		const drifted = new Date(Date.now() + 60_000).toISOString();
		expect(await send([{ ...received, id: 'ahead-2', at: drifted }])).toMatchObject({
			body: { accepted: 1, rejected: [] }
		});
	});

	it('accepts NDJSON, and answers 400 for a malformed body without storing anything', async () => {
		const events = dossierLife('H40.16681-260424-0004');
		const ndjson = events.map((e) => JSON.stringify(e)).join('\n') + '\n';
		const ok = await post(ndjson, keys.national, 'application/x-ndjson');
		expect(await ok.json()).toEqual({ accepted: 5, duplicates: 0, rejected: [] });

		const countsBefore = await tableCounts();
		const broken = await post(
			`${JSON.stringify(dossierLife('X-1')[0])}\n{"id": oops}\n`,
			keys.national,
			'application/x-ndjson'
		);
		expect(broken.status).toBe(400);
		expect(await broken.json()).toMatchObject({
			error: { code: 'malformed_body', message: 'Nothing stored: line 2 is not valid JSON' }
		});
		expect((await post('{"events": [', keys.national)).status).toBe(400);
		expect((await post('[]', keys.national)).status).toBe(400);
		expect(await tableCounts()).toEqual(countsBefore);
	});

	it('checks the key scope per event: 403 when every event is outside it, listed per event otherwise', async () => {
		const other = dossierLife('H38.15229-260424-0001', { ward: '15229' }); // Xã Thành Vinh, Thanh Hóa
		const forbidden = await send(other, keys.ward);
		expect(forbidden.status).toBe(403);
		expect(forbidden.body.accepted).toBe(0);
		expect((forbidden.body.rejected as unknown[]).length).toBe(5);

		const mixed = await send([...dossierLife('H40.16681-260424-0005'), other[0]], keys.province);
		expect(mixed.status).toBe(200);
		expect(mixed.body.accepted).toBe(5);
		expect(mixed.body.rejected).toEqual([
			{ index: 5, id: other[0].id, error: 'ward: this API key may not send events for ward 15229' }
		]);
	});

	it('answers 413 beyond 5,000 events or 5 MB, storing nothing', async () => {
		const countsBefore = await tableCounts();
		const many = Array.from({ length: 5_001 }, (_, i) => ({
			...dossierLife('H40.16681-260424-0006')[0],
			id: `many-${i}`
		}));
		expect((await send(many)).status).toBe(413);
		const huge = JSON.stringify({
			events: [{ ...dossierLife('X-2')[0], reason: 'x'.repeat(6 * 1024 * 1024) }]
		});
		const response = await post(huge, keys.national);
		expect(response.status).toBe(413);
		expect(await tableCounts()).toEqual(countsBefore);
	});

	it('answers 503 with nothing stored while Postgres refuses connections, and recovers', async () => {
		const admin = postgres(TEST_POSTGRES_ADMIN_URL, { max: 1, onnotice: () => {} });
		const countsBefore = await tableCounts();
		await sql.end();
		try {
			await admin.unsafe(`alter database "${database.name}" connection limit 0`);
			await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${database.name} and pid <> pg_backend_pid()`;
			const { status, body } = await send(dossierLife('H40.16681-260424-0007'));
			expect(status).toBe(503);
			expect(body).toMatchObject({ error: { code: 'storage_unavailable' } });
		} finally {
			await admin.unsafe(`alter database "${database.name}" connection limit -1`);
			await admin.end();
		}
		sql = postgres(database.url, { max: 2, onnotice: () => {} });
		expect(await tableCounts()).toEqual(countsBefore);
		const retry = await send(dossierLife('H40.16681-260424-0007'));
		expect(retry.body).toMatchObject({ accepted: 5, duplicates: 0 });
	});

	it('derives identical dossier states whatever the arrival order and batching (property)', async () => {
		const life = dossierLife('TEMPLATE');
		const extra: NativeEventInput[] = [
			{
				id: 'sup-req',
				type: 'supplement_requested',
				dossier: 'TEMPLATE',
				ward: '16681',
				at: '2026-04-24T15:00:00+07:00'
			},
			{
				id: 'sup-ret',
				type: 'supplement_received',
				dossier: 'TEMPLATE',
				ward: '16681',
				at: '2026-04-27T08:00:00+07:00'
			},
			{
				id: 'rating',
				type: 'rated',
				dossier: 'TEMPLATE',
				ward: '16681',
				at: '2026-04-29T15:05:00+07:00',
				satisfied: true
			}
		];
		const all = [...life, ...extra];
		const states: unknown[] = [];
		let run = 0;
		await fc.assert(
			fc.asyncProperty(
				fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length }),
				fc.array(fc.integer({ min: 1, max: all.length }), { minLength: 1, maxLength: all.length }),
				async (order, cuts) => {
					const code = `PROP-${run++}`;
					const events = order.map((e) => ({ ...e, dossier: code, id: `${code}:${e.id}` }));
					// Split into batches at the generated cut points, sent one after another.
					let from = 0;
					for (const size of cuts) {
						if (from >= events.length) break;
						await send(events.slice(from, from + size));
						from += size;
					}
					if (from < events.length) await send(events.slice(from));
					const [row] = await sql`select state from dossiers where code = ${code}`;
					const state = { ...(row.state as Record<string, unknown>), code: 'X' };
					states.push(state);
					expect(state).toEqual(states[0]);
				}
			),
			{ numRuns: 25 }
		);
		expect(states.length).toBe(25);
	});
});
