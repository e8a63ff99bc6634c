import { expect, test } from '@playwright/test';
import {
	expectTiles,
	figureText,
	OTHER_WARD,
	PROVINCE,
	seedEvents,
	startDashboardServer,
	vnIso,
	WARD,
	type DashboardServer
} from './dashboard-server';
import { signIn } from './support/login';

let server: DashboardServer;

test.beforeAll(async () => {
	test.setTimeout(120_000);
	server = await startDashboardServer();
	await server.ingest(seedEvents(Date.now(), 'P'));
});

test.afterAll(async () => {
	await server?.stop();
});

// This file's server has its own people: sign in there as its administrator.
test.use({ storageState: { cookies: [], origins: [] } });
test.beforeEach(async ({ page }) => {
	await signIn(page, 'admin', server.base);
});

const provincePage = () => `${server.base}/province/${PROVINCE}`;

test('the province page shows Nghệ An’s figures, equal to the snapshot API’s, in Vietnamese', async ({
	page
}) => {
	await page.goto(provincePage());
	await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tỉnh Nghệ An');
	const crumbs = page.getByRole('navigation', { name: 'Vị trí' });
	await expect(crumbs.getByRole('link', { name: 'Cả nước' })).toBeVisible();
	await expect(crumbs.locator('[aria-current="page"]')).toHaveText('Tỉnh Nghệ An');
	for (const heading of ['Số liệu hôm nay', 'Các bước xử lý', 'Xếp hạng xã, phường, đặc khu'])
		await expect(page.getByRole('heading', { level: 2, name: heading, exact: true })).toBeVisible();

	const api = await server.snapshot(`province:${PROVINCE}`);
	expect(api.received.total).toBeGreaterThan(0);
	const tiles = page.getByRole('region', { name: 'Số liệu hôm nay' });
	await expectTiles(tiles, api);
	for (const stage of api.stages) {
		const row = page.locator(`tr[data-stage="${stage.stage}"]`);
		await expect(row.locator('[data-figure$=".wip"]')).toHaveText(figureText(stage, 'wip'));
		await expect(row.locator('[data-figure$=".overdue"]')).toHaveText(figureText(stage, 'overdue'));
	}
	// Live: the socket's figures replace the server's, and say so.
	await expect(tiles.locator('[data-freshness]')).toHaveAttribute('data-freshness', 'live');
	await expect(tiles.locator('[data-freshness]')).toContainText('Trực tiếp · số liệu lúc');
	await expectTiles(tiles, api);
});

test('the ranking lists every ward with the snapshot’s ranks, each linking to its page', async ({
	page
}) => {
	await page.goto(provincePage());
	const api = await server.snapshot(`province:${PROVINCE}`);
	const ranking = page.getByRole('region', { name: 'Xếp hạng xã, phường, đặc khu' });
	const rows = ranking.locator('tbody tr');
	await expect(rows).toHaveCount(api.children.length);
	// Thành Vinh finished enough dossiers to be ranked; Trường Vinh none, so it is listed unranked.
	expect(api.children.find((c) => c.scope === `ward:${WARD}`)?.rankable).toBe(true);
	expect(api.children.find((c) => c.scope === `ward:${OTHER_WARD}`)?.rankable).toBe(false);
	const first = api.children.find((child) => child.rank === 1)!;
	await expect(rows.first()).toHaveAttribute('data-scope', first.scope);
	for (const code of [WARD, OTHER_WARD]) {
		const child = api.children.find((c) => c.scope === `ward:${code}`)!;
		const row = ranking.locator(`tr[data-scope="ward:${code}"]`);
		// Below the minimum volume a ward is listed unranked, in the snapshot's order.
		if (child.rankable)
			await expect(row.locator('[data-figure="rank"]')).toHaveText(figureText(child, 'rank'));
		else await expect(row.locator('[data-figure="rank"]')).toHaveText('–Chưa xếp hạng');
		for (const name of [
			'received.total',
			'resolved.total',
			'onTimeRate',
			'inProgress.total',
			'inProgress.overdue'
		])
			await expect(row.locator(`[data-figure="${name}"]`), name).toHaveText(
				figureText(child, name)
			);
	}
	await expect(ranking.getByRole('columnheader', { name: 'Hạng' })).toBeVisible();
	await ranking.getByRole('link', { name: 'Phường Thành Vinh' }).click();
	await expect(page).toHaveURL(`${server.base}/ward/${WARD}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Phường Thành Vinh');
});

test('the home page links each province to its page', async ({ page }) => {
	await page.goto(server.base);
	await page
		.getByRole('region', { name: 'Xếp hạng tỉnh, thành phố' })
		.locator('tr[data-scope="province:40"]')
		.getByRole('link', { name: 'Tỉnh Nghệ An' })
		.click();
	await expect(page).toHaveURL(provincePage());
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tỉnh Nghệ An');
});

test('an event ingested after the page loaded moves the province’s and the ward’s figures without a reload', async ({
	page
}) => {
	await page.goto(provincePage());
	const tiles = page.getByRole('region', { name: 'Số liệu hôm nay' });
	await expect(tiles.locator('[data-freshness]')).toHaveAttribute('data-freshness', 'live');
	const before = await server.snapshot(`province:${PROVINCE}`);
	await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

	await server.ingest([
		{
			id: 'E2E-P-LIVE:0',
			type: 'received',
			dossier: 'E2E-P-LIVE',
			ward: OTHER_WARD,
			at: vnIso(Date.now() - 5_000),
			procedure: '2.000884',
			channel: 'online'
		}
	]);
	await expect
		.poll(async () => (await server.snapshot(`province:${PROVINCE}`)).received.total)
		.toBe(before.received.total + 1);
	const after = await server.snapshot(`province:${PROVINCE}`);
	await expect(tiles.locator('[data-figure="received.total"]')).toHaveText(
		figureText(after, 'received.total')
	);
	await expect(tiles.locator('[data-figure="received.online"]')).toHaveText(
		figureText(after, 'received.online')
	);
	const child = after.children.find((c) => c.scope === `ward:${OTHER_WARD}`)!;
	await expect(
		page.locator(`tr[data-scope="ward:${OTHER_WARD}"] [data-figure="received.total"]`)
	).toHaveText(figureText(child, 'received.total'));
	expect(
		await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)
	).toBe(true);
});

test('English is a switch on the province page too', async ({ page }) => {
	await page.goto(`${provincePage()}?lang=en`);
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tỉnh Nghệ An');
	await expect(page.getByRole('heading', { name: 'Ranking of wards and communes' })).toBeVisible();
	await expect(page.getByRole('navigation', { name: 'Breadcrumb' })).toContainText('Nation');
});

test('switching language keeps the period chosen', async ({ page }) => {
	await page.goto(`${provincePage()}?period=month`);
	await page.getByRole('link', { name: 'Switch to English' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	const url = new URL(page.url());
	expect(url.searchParams.get('period')).toBe('month');
	expect(url.searchParams.get('lang')).toBe('en');
});

test('an unknown province is a 404, said in Vietnamese', async ({ page }) => {
	for (const code of ['99', '4', 'abc']) {
		const response = await page.goto(`${server.base}/province/${code}`);
		expect(response?.status(), code).toBe(404);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Không tìm thấy');
		await expect(page.getByText(`Không tìm thấy tỉnh, thành phố có mã “${code}”`)).toBeVisible();
		await expect(page.getByRole('link', { name: 'Về trang Cả nước' })).toBeVisible();
	}
});
