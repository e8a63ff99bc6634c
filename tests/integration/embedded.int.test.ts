import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { count, eq, sql } from 'drizzle-orm';
import { createApp, type App } from '../../server/app';
import { testConfig } from '../../server/config';
import { dossiers, procedures, wards } from '../../server/db/schema';
import { createApiKey } from '../../server/access/api-keys';
import { dossierLife } from '../support/events';

describe('embedded defaults: no DATABASE_URL, no REDIS_URL', () => {
	const dataDir = mkdtempSync(path.join(tmpdir(), 'mcl-embedded-'));
	let app: App | undefined;

	afterAll(async () => {
		await app?.close();
		rmSync(dataDir, { recursive: true, force: true });
	});

	it('runs on PGlite under DATA_DIR with an in-process store, and keeps its data across restarts', async () => {
		app = await createApp(testConfig({ DATA_DIR: dataDir }), { pages: false });
		const address = await app.listen(0, '127.0.0.1');
		const ready = (await (await fetch(`http://127.0.0.1:${address.port}/readyz`)).json()) as {
			checks: Record<string, { ok: boolean; kind: string }>;
		};
		expect(ready.checks.database).toMatchObject({ ok: true, kind: 'pglite' });
		expect(ready.checks.redis).toMatchObject({ ok: true, kind: 'in-process' });
		await app.backend.database.db.execute(
			sql`update procedures set name = 'Đã sửa' where code = '1.001193'`
		);
		await app.close();

		app = await createApp(testConfig({ DATA_DIR: dataDir }), { pages: false });
		const db = app.backend.database.db;
		const [birth] = await db.select().from(procedures).where(eq(procedures.code, '1.001193'));
		expect(birth.name).toBe('Đã sửa');
		const [{ ngheAn }] = await db
			.select({ ngheAn: count() })
			.from(wards)
			.where(eq(wards.provinceCode, '40'));
		expect(ngheAn).toBe(130);
	});

	it('ingests on PGlite exactly as on Postgres: stored once, derived, duplicates recognised', async () => {
		const { port } = await app!.listen(0, '127.0.0.1');
		const { key } = await createApiKey(
			app!.backend.database.db,
			{ name: 'embedded', scope: 'ward:16681' },
			'test'
		);
		const send = async () =>
			(
				await fetch(`http://127.0.0.1:${port}/api/v1/events`, {
					method: 'POST',
					headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
					body: JSON.stringify({ events: dossierLife('EMBEDDED-1') })
				})
			).json();
		expect(await send()).toEqual({ accepted: 5, duplicates: 0, rejected: [] });
		expect(await send()).toEqual({ accepted: 0, duplicates: 5, rejected: [] });
		const [dossier] = await app!.backend.database.db
			.select()
			.from(dossiers)
			.where(eq(dossiers.code, 'EMBEDDED-1'));
		expect(dossier).toMatchObject({ status: 10, outcome: 'early', provinceCode: '40' });
		expect(dossier.dueAt?.toISOString()).toBe('2026-05-04T03:00:00.000Z');
	});

	it('reconciles on PGlite (one connection): the in-process store equals SQL, nothing to repair', async () => {
		const rebuilds = async () =>
			(await app!.backend.metrics.aggregateRebuilds.get()).values[0]?.value ?? 0;
		const before = await rebuilds();
		expect(await app!.backend.reconcile()).toEqual([]);
		expect(await rebuilds()).toBe(before);
	});
});
