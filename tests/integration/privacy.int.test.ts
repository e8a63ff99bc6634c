import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../server/access/api-keys';
import { createApp, type App } from '../../server/app';
import { testConfig } from '../../server/config';
import { unitWards } from '../../server/db/schema';
import { PacedFeed } from '../../server/feed/paced-feed';
import { planEvents, simulationPlanSchema } from '../../server/feed/simulation-plan';
import { StorageSink } from '../../server/feed/sinks';
import type { DossierListPage } from '../../src/lib/contracts/snapshot';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { follow, type Follower } from '../support/live';
import { waitUntil } from '../support/wait';

/**
 * No personal data of citizens on sockets or in REST lists (issue #8): a simulated day of two Nghệ An wards goes
 * in through the ingest path, plus DVCQG sync records that do carry an applicant's name, identity number, phone,
 * e-mail and address; everything the sockets of the nation, the province and a ward receive, and every REST list
 * and dossier detail of those scopes, is scanned for those values and for personal-data field names.
 */
const LIVE_TOKEN = 'privacy-test-live-token-0123456789';
const DAY_MS = 24 * 3_600_000;

/** What the DVCQG fixture carries about its applicant (tests/fixtures/dvcqg/dong-bo-ho-so-received.json). */
const PLANTED = [
	'Phạm Thị Quỳnh Mai',
	'0912345678',
	'040190012345',
	'quynhmai.pham.fake@example.com',
	'Lê Lợi'
];
/** Keys under which personal data would travel (DVCQG's and plain English ones). */
const PERSONAL_KEYS =
	/"(ChuHoSo|HoTen|HoVaTen|TenNguoiNop|SoDienThoai|DienThoai|Email|email|phone|SoCMND|SoCCCD|CCCD|CMND|identity\w*|DiaChi\w*|address|applicant\w*|citizen\w*|birthDate|NgaySinh)"\s*:/;
/** Values shaped like personal data: e-mail addresses, Vietnamese phone numbers, 12-digit identity numbers. */
const PERSONAL_VALUES = [
	/[\w.+-]+@[\w-]+\.[\w.]+/,
	/(?<![\d.-])(?:\+84|0)(?:3|5|7|8|9)\d{8}(?![\d.-])/,
	/(?<![\d.-])\d{12}(?![\d.-])/
];

describe('personal data on sockets and in REST lists, over a simulated day', () => {
	let database: TestDatabase;
	let app: App;
	let base: string;
	let key: string;
	const followers: Follower[] = [];
	const pushed: string[] = [];
	const rest: string[] = [];

	const get = async (path: string) => {
		const response = await fetch(`${base}${path}`, {
			headers: { authorization: `Bearer ${key}` }
		});
		expect(response.status, path).toBe(200);
		const text = await response.text();
		rest.push(text);
		return JSON.parse(text) as unknown;
	};

	beforeAll(async () => {
		database = await createTestDatabase();
		app = await createApp(testConfig({ DATABASE_URL: database.url, LIVE_TOKEN }), {
			pages: false
		});
		base = `http://127.0.0.1:${(await app.listen(0, '127.0.0.1')).port}`;
		const db = app.backend.database.db;
		key = (await createApiKey(db, { name: 'privacy', scope: 'national' }, 'test')).key;
		await db.insert(unitWards).values({ unitId: '000.00.12.H40', wardCode: '16681' });
		await app.backend.reference.load();

		for (const scope of ['national', 'province:40', 'ward:16681']) {
			const follower = follow(base, scope, LIVE_TOKEN);
			follower.socket.onAny((event: string, ...args: unknown[]) =>
				pushed.push(JSON.stringify([event, args]))
			);
			followers.push(follower);
		}
		await waitUntil(
			() => followers.every((f) => f.state() !== null),
			(ready) => ready,
			20_000
		);

		// The last week of two wards, up to now, so that working days are in it whatever day the test runs on
		// (a Saturday's last 24 hours hold only a few dossiers); the last hours also reach the live ticker.
		const now = Date.now();
		const plan = simulationPlanSchema.parse({
			seed: 'privacy',
			wards: ['16681', '16690'],
			from: now - 7 * DAY_MS,
			rateMultiplier: 2
		});
		const sink = new StorageSink(app.backend.ingest, 'privacy-test');
		await new PacedFeed(await planEvents(db, app.backend.reference, plan), sink, {
			clock: () => now
		}).backfill();
		expect(sink.totals.imported).toBeGreaterThan(100);

		const fixture = JSON.parse(
			readFileSync(
				new URL('../fixtures/dvcqg/dong-bo-ho-so-received.json', import.meta.url),
				'utf8'
			)
		) as unknown;
		const sync = await fetch(`${base}/api/v1/dvcqg`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
			body: JSON.stringify(fixture)
		});
		expect(sync.status).toBe(200);
		// Everything announced has reached the sockets: the ticker and at least one update per room.
		await waitUntil(
			() => followers.every((f) => f.seqs.length >= 2 && f.ticks.length > 0),
			(done) => done,
			20_000
		);
	}, 180_000);

	afterAll(async () => {
		for (const follower of followers) follower.stop();
		await app?.close();
		await database?.drop();
	});

	it('reads every list of every scope and each listed dossier’s detail', async () => {
		const codes = new Set<string>();
		for (const scope of ['national', 'province:40', 'ward:16681', 'ward:16690'])
			for (const status of ['open', 'overdue', 'dueSoon', 'resolved']) {
				let cursor: string | null = null;
				do {
					const query = new URLSearchParams({ scope, status, limit: '200' });
					if (cursor) query.set('cursor', cursor);
					const page = (await get(`/api/v1/dossiers?${query}`)) as DossierListPage;
					for (const item of page.items) codes.add(item.code);
					cursor = page.nextCursor;
				} while (cursor);
				await get(`/api/v1/snapshot?scope=${scope}`);
			}
		expect(codes.size).toBeGreaterThan(10);
		expect(codes.has('000.00.12.H40-261111-0007')).toBe(true);
		for (const code of [...codes].slice(0, 150))
			await get(`/api/v1/dossiers/${encodeURIComponent(code)}`);
		await get(`/api/v1/dossiers/${encodeURIComponent('000.00.12.H40-261111-0007')}`);
	}, 120_000);

	it('finds no personal data in any socket payload or REST answer', () => {
		const snapshots = followers.map((f) => JSON.stringify(f.state()));
		const everything = [...pushed, ...snapshots, ...rest];
		expect(pushed.length).toBeGreaterThan(5);
		expect(rest.length).toBeGreaterThan(30);
		for (const text of everything) {
			for (const value of PLANTED) expect(text).not.toContain(value);
			expect(text).not.toMatch(PERSONAL_KEYS);
			for (const pattern of PERSONAL_VALUES) expect(text).not.toMatch(pattern);
		}
	});

	it('would notice personal data if it were there (the scan is not blind)', () => {
		const leaked = JSON.stringify({ code: 'X', SoDienThoai: '0912345678' });
		expect(leaked).toMatch(PERSONAL_KEYS);
		expect(PERSONAL_VALUES.some((p) => p.test('liên hệ 0912345678'))).toBe(true);
		expect(PERSONAL_VALUES.some((p) => p.test('040190012345'))).toBe(true);
		expect(PERSONAL_VALUES.some((p) => p.test('a.b@example.vn'))).toBe(true);
	});
});
