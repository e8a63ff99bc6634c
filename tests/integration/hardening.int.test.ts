import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../server/access/api-keys';
import { createApp, type App } from '../../server/app';
import { testConfig } from '../../server/config';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { TEST_REDIS_URL } from '../support/env';
import { deleteRedisKeys } from '../support/redis';

/** Ingest is limited per key across processes; API responses carry the security headers (HSTS over HTTPS). */
describe('hardening of the REST API', () => {
	let database: TestDatabase;
	const apps: App[] = [];
	const bases: string[] = [];
	const prefix = `mcltest${randomBytes(3).toString('hex')}`;

	beforeAll(async () => {
		database = await createTestDatabase();
		for (let i = 0; i < 2; i++) {
			const app = await createApp(
				testConfig({
					DATABASE_URL: database.url,
					REDIS_URL: TEST_REDIS_URL,
					REDIS_KEY_PREFIX: prefix,
					INGEST_RATE_LIMIT: '4',
					ORIGIN: 'https://motcua.example.gov.vn'
				}),
				{ pages: false }
			);
			apps.push(app);
			bases.push(`http://127.0.0.1:${(await app.listen(0, '127.0.0.1')).port}`);
		}
	});

	afterAll(async () => {
		for (const app of apps) await app.close();
		await database?.drop();
		await deleteRedisKeys(prefix);
	});

	it('limits ingest requests per key across processes, answering 429 with Retry-After', async () => {
		const db = apps[0].backend.database.db;
		const { key } = await createApiKey(db, { name: 'busy', scope: 'ward:16681' }, 'test');
		const other = (await createApiKey(db, { name: 'calm', scope: 'ward:16681' }, 'test')).key;
		const send = (base: string, bearer: string) =>
			fetch(`${base}/api/v1/events`, {
				method: 'POST',
				headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
				body: '{"events":[]}'
			});
		const statuses: number[] = [];
		for (let i = 0; i < 6; i++) statuses.push((await send(bases[i % 2], key)).status);
		expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
		const refused = await send(bases[0], key);
		expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
		expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
		const dvcqg = await fetch(`${bases[1]}/api/v1/dvcqg`, {
			method: 'POST',
			headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
			body: '{}'
		});
		expect(dvcqg.status).toBe(429);
		// Another key has its own allowance.
		expect((await send(bases[1], other)).status).toBe(200);
	});

	it('sends the security headers on every API response, HSTS when served over HTTPS', async () => {
		for (const path of ['/healthz', '/api/v1/snapshot?scope=national', '/api/v1/nothing']) {
			const response = await fetch(`${bases[0]}${path}`);
			expect(response.headers.get('x-content-type-options')).toBe('nosniff');
			expect(response.headers.get('x-frame-options')).toBe('DENY');
			expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
			expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=31536000/);
		}
		expect(apps[0].backend.access.cookieSecure).toBe(true);
	});
});
