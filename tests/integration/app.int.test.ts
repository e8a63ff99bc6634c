import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { io } from 'socket.io-client';
import { createApp, type App } from '../../server/app';
import { deleteRedisKeys } from '../support/redis';
import { testConfig } from '../../server/config';
import { procedures, provinces, wards } from '../../server/db/schema';
import type { ServerHello } from '../../src/lib/contracts/socket-events';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { TEST_REDIS_URL } from '../support/env';

/** Sockets authenticate in the handshake (issue #6); a configured live token is the simplest grant. */
const LIVE_TOKEN = 'app-test-live-token-0123456789';

describe('the app against real Postgres and Redis', () => {
	let database: TestDatabase;
	let app: App;
	let base: string;

	beforeAll(async () => {
		database = await createTestDatabase();
		app = await createApp(
			testConfig({ DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL, LIVE_TOKEN }),
			{ pages: false }
		);
		const address = await app.listen(0, '127.0.0.1');
		base = `http://127.0.0.1:${address.port}`;
	});

	afterAll(async () => {
		await app?.close();
		if (app) await deleteRedisKeys(app.backend.config.REDIS_KEY_PREFIX);
		await database?.drop();
	});

	it('seeds the 34 provinces and 3,321 wards, keyed by code', async () => {
		const db = app.backend.database.db;
		const [{ provinceCount }] = await db
			.select({ provinceCount: sql<number>`count(*)::int` })
			.from(provinces);
		const [{ wardCount }] = await db.select({ wardCount: sql<number>`count(*)::int` }).from(wards);
		expect(provinceCount).toBe(34);
		expect(wardCount).toBe(3321);
		const [thanhVinh] = await db.select().from(wards).where(eq(wards.code, '16681'));
		expect(thanhVinh).toMatchObject({ fullName: 'Phường Thành Vinh', provinceCode: '40' });
		const ngheAnWards = await db.select().from(wards).where(eq(wards.provinceCode, '40'));
		expect(ngheAnWards).toHaveLength(130);
	});

	it('seeds the procedure catalogue with legal processing times', async () => {
		const db = app.backend.database.db;
		const [household] = await db.select().from(procedures).where(eq(procedures.code, '1.001612'));
		expect(household).toMatchObject({
			fieldCode: 'ho-kinh-doanh',
			processingTimeValue: 3,
			processingTimeUnit: 'working_days'
		});
	});

	it('closes cleanly when closed right after it started (the live adapter still subscribing)', async () => {
		const rejections: unknown[] = [];
		const record = (reason: unknown) => rejections.push(reason);
		process.on('unhandledRejection', record);
		try {
			const second = await createApp(
				testConfig({ DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL, LIVE_TOKEN }),
				{ pages: false }
			);
			await second.close();
			// A rejected SUBSCRIBE would surface on a later turn of the event loop.
			await new Promise((resolve) => setTimeout(resolve, 300));
			await deleteRedisKeys(second.backend.config.REDIS_KEY_PREFIX);
		} finally {
			process.off('unhandledRejection', record);
		}
		expect(rejections).toEqual([]);
	});

	it('keeps idle connections longer than a load balancer does (65 s), so none is closed under a request', async () => {
		const response = await fetch(`${base}/healthz`);
		expect(response.status).toBe(200);
		expect(response.headers.get('keep-alive')).toBe('timeout=65');
	});

	it('answers /healthz and reports Postgres, Redis and the aggregates on /readyz', async () => {
		expect((await fetch(`${base}/healthz`)).status).toBe(200);
		await expect.poll(() => app.backend.aggregator.ready, { timeout: 10_000 }).toBe(true);
		const ready = await fetch(`${base}/readyz`);
		const body = (await ready.json()) as {
			status: string;
			checks: Record<string, { ok: boolean; kind: string }>;
		};
		expect(ready.status).toBe(200);
		expect(body.status).toBe('ready');
		expect(body.checks.database).toMatchObject({ ok: true, kind: 'postgres' });
		expect(body.checks.redis).toMatchObject({ ok: true, kind: 'redis' });
		expect(body.checks.aggregates).toMatchObject({ ok: true, kind: 'aggregates' });
	});

	it('exposes Prometheus metrics including HTTP and socket counts', async () => {
		await fetch(`${base}/healthz`);
		const text = await (await fetch(`${base}/metrics`)).text();
		expect(text).toMatch(/http_requests_total\{method="GET",route="api",status="2xx"\} \d+/);
		expect(text).toContain('live_sockets');
		expect(text).toContain('process_cpu_user_seconds_total');
	});

	it('answers unknown API routes with the JSON error shape', async () => {
		const response = await fetch(`${base}/api/v1/nothing-here`);
		expect(response.status).toBe(404);
		expect(await response.json()).toEqual({
			error: { code: 'not_found', message: 'No API route for GET /api/v1/nothing-here' }
		});
	});

	it('publishes the OpenAPI 3.1 description generated from the zod schemas', async () => {
		const doc = (await (await fetch(`${base}/api/v1/openapi.json`)).json()) as {
			openapi: string;
			paths: Record<string, unknown>;
			components: {
				schemas: {
					NativeEvent: { properties: Record<string, { format?: string; enum?: string[] }> };
				};
			};
		};
		expect(doc.openapi).toBe('3.1.0');
		expect(Object.keys(doc.paths)).toEqual(
			expect.arrayContaining(['/api/v1/events', '/api/v1/dvcqg', '/readyz'])
		);
		expect(doc.components.schemas.NativeEvent.properties.at.format).toBe('date-time');
		expect(doc.components.schemas.NativeEvent.properties.channel.enum).toEqual([
			'direct',
			'online',
			'postal'
		]);
	});

	it('accepts Socket.IO connections on the /live namespace and greets them', async () => {
		const socket = io(`${base}/live`, {
			transports: ['websocket'],
			reconnection: false,
			auth: { token: LIVE_TOKEN }
		});
		try {
			const hello = await new Promise<ServerHello>((resolve, reject) => {
				socket.on('server:hello', resolve);
				socket.on('connect_error', reject);
			});
			expect(hello.build).toBeTypeOf('string');
			expect(Math.abs(Date.parse(hello.serverTime) - Date.now())).toBeLessThan(5_000);
			const metrics = await (await fetch(`${base}/metrics`)).text();
			expect(metrics).toMatch(/^live_sockets 1$/m);
		} finally {
			socket.disconnect();
		}
	});
});

describe('readiness when Redis is unreachable', () => {
	let database: TestDatabase;
	let app: App;

	beforeAll(async () => {
		database = await createTestDatabase();
		// Port 1 on loopback: nothing listens there, so every connection attempt is refused.
		app = await createApp(
			testConfig({ DATABASE_URL: database.url, REDIS_URL: 'redis://127.0.0.1:1' }),
			{
				pages: false
			}
		);
	});

	afterAll(async () => {
		await app?.close();
		await database?.drop();
	});

	it('stays up but reports not ready, naming Redis', async () => {
		const address = await app.listen(0, '127.0.0.1');
		const response = await fetch(`http://127.0.0.1:${address.port}/readyz`);
		const body = (await response.json()) as { checks: Record<string, { ok: boolean }> };
		expect(response.status).toBe(503);
		expect(body.checks.database.ok).toBe(true);
		expect(body.checks.redis.ok).toBe(false);
	});
});
