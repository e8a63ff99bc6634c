import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { count, eq, sql } from 'drizzle-orm';
import { createApp, type App } from '../../server/app';
import { testConfig } from '../../server/config';
import { procedures, wards } from '../../server/db/schema';

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
});
