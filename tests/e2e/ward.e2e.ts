import { expect, test, type Page } from '@playwright/test';
import {
	dueText,
	expectTiles,
	figureText,
	seedEvents,
	startDashboardServer,
	vnIso,
	WARD,
	type DashboardServer
} from './dashboard-server';
import { signIn } from './support/login';

let server: DashboardServer;
let seededMonth = false;

test.beforeAll(async () => {
	test.setTimeout(120_000);
	server = await startDashboardServer();
	const events = seedEvents(Date.now(), 'W');
	seededMonth = events.some((event) => event.dossier === 'E2E-W-MONTH');
	await server.ingest(events);
});

test.afterAll(async () => {
	await server?.stop();
});

// This file's server has its own people: sign in there as its administrator.
test.use({ storageState: { cookies: [], origins: [] } });
test.beforeEach(async ({ page }) => {
	await signIn(page, 'admin', server.base);
});

const wardPage = () => `${server.base}/ward/${WARD}`;
const todayTiles = (page: Page) => page.getByRole('region', { name: 'Số liệu hôm nay' });

test('the ward page shows Thành Vinh’s figures, equal to the snapshot API’s, in Vietnamese', async ({
	page
}) => {
	await page.goto(wardPage());
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Phường Thành Vinh');
	const crumbs = page.getByRole('navigation', { name: 'Vị trí' });
	await expect(crumbs.getByRole('listitem')).toHaveText([
		'Cả nước',
		'Tỉnh Nghệ An',
		'Phường Thành Vinh'
	]);
	await expect(crumbs.getByRole('link', { name: 'Tỉnh Nghệ An' })).toHaveAttribute(
		'href',
		'/province/40'
	);
	for (const heading of [
		'Số liệu hôm nay',
		'Tiếp nhận theo lĩnh vực',
		'Diễn biến trực tiếp',
		'Các bước xử lý'
	])
		await expect(page.getByRole('heading', { level: 2, name: heading })).toBeVisible();

	const api = await server.snapshot(`ward:${WARD}`);
	const tiles = todayTiles(page);
	await expectTiles(tiles, api);
	for (const [field, count] of Object.entries(api.received.byField).filter(([, n]) => n > 0))
		await expect(page.locator(`[data-figure="received.byField.${field}"]`)).toHaveText(
			figureText({ count }, 'count')
		);
	for (const stage of api.stages) {
		const row = page.locator(`tr[data-stage="${stage.stage}"]`);
		await expect(row.locator('th')).not.toBeEmpty();
		await expect(row.locator('[data-figure$=".wip"]')).toHaveText(figureText(stage, 'wip'));
		await expect(row.locator('[data-figure$=".overdue"]')).toHaveText(figureText(stage, 'overdue'));
	}
	await expect(page.locator('tr[data-stage="processing"] th')).toHaveText('Thẩm định, xử lý');
	// The ward's live figures come through its province's room; they must be the same.
	await expect(tiles.locator('[data-freshness]')).toHaveAttribute('data-freshness', 'live');
	await expectTiles(tiles, api);
});

test('the overdue and due-soon lists show the API’s dossiers with their procedure, stage and due date', async ({
	page
}) => {
	await page.goto(wardPage());
	const overdueApi = await server.dossiers(`ward:${WARD}`, 'overdue');
	const late = overdueApi.items.find((item) => item.code === 'E2E-W-OVERDUE')!;
	expect(late).toBeDefined();
	const overdue = page.getByRole('region', { name: /^Hồ sơ quá hạn/ });
	await expect(overdue.locator('tbody tr')).toHaveCount(overdueApi.items.length);
	const row = overdue.locator('tr[data-dossier="E2E-W-OVERDUE"]');
	await expect(row.locator('[data-cell="procedure"]')).toContainText(
		'Đăng ký thành lập hộ kinh doanh'
	);
	await expect(row.locator('[data-cell="stage"]')).toHaveText('Thẩm định, xử lý');
	await expect(row.locator('[data-cell="dueAt"]')).toHaveText(dueText(late.dueAt!));
	await expect(row.locator('[data-cell="dueAt"]')).toHaveText(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
	await expect(row.locator('[data-cell="overdueWorkingDays"]')).toHaveText(
		String(late.overdueWorkingDays)
	);

	const dueSoonApi = await server.dossiers(`ward:${WARD}`, 'dueSoon');
	const soon = dueSoonApi.items.find((item) => item.code === 'E2E-W-DUESOON')!;
	const dueSoon = page.getByRole('region', { name: /^Hồ sơ sắp đến hạn/ });
	await expect(dueSoon.locator('tbody tr')).toHaveCount(dueSoonApi.items.length);
	await expect(dueSoon.locator('tr[data-dossier="E2E-W-DUESOON"] [data-cell="dueAt"]')).toHaveText(
		dueText(soon.dueAt!)
	);
});

test('an event ingested after the page loaded changes the ward’s figures and ticker without a reload', async ({
	page
}) => {
	await page.goto(wardPage());
	const tiles = todayTiles(page);
	await expect(tiles.locator('[data-freshness]')).toHaveAttribute('data-freshness', 'live');
	const before = await server.snapshot(`ward:${WARD}`);
	await expectTiles(tiles, before);
	await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

	await server.ingest([
		{
			id: 'E2E-W-LIVE:0',
			type: 'received',
			dossier: 'E2E-W-LIVE',
			ward: WARD,
			at: vnIso(Date.now() - 5_000),
			procedure: '1.001193',
			channel: 'direct'
		}
	]);
	await expect
		.poll(async () => (await server.snapshot(`ward:${WARD}`)).received.total)
		.toBe(before.received.total + 1);
	const after = await server.snapshot(`ward:${WARD}`);
	await expectTiles(tiles, after);
	const ticker = page.locator('[data-ticker]');
	await expect(ticker).toHaveAttribute('aria-live', 'polite');
	await expect(ticker.locator('li[data-dossier="E2E-W-LIVE"]')).toContainText('Tiếp nhận');
	expect(
		await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)
	).toBe(true);
});

test('a dossier ingested overdue after the page loaded joins the overdue list without a reload', async ({
	page
}) => {
	await page.goto(wardPage());
	const tiles = todayTiles(page);
	await expect(tiles.locator('[data-freshness]')).toHaveAttribute('data-freshness', 'live');
	const overdue = page.getByRole('region', { name: /^Hồ sơ quá hạn/ });
	await expect(overdue.locator('tr[data-dossier="E2E-W-LATE"]')).toHaveCount(0);
	await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

	const now = Date.now();
	await server.ingest([
		{
			id: 'E2E-W-LATE:0',
			type: 'received',
			dossier: 'E2E-W-LATE',
			ward: WARD,
			at: vnIso(now - 96 * 3_600_000),
			procedure: '1.001612',
			channel: 'online',
			dueAt: vnIso(now - 3_600_000)
		}
	]);
	const row = overdue.locator('tr[data-dossier="E2E-W-LATE"]');
	await expect(row).toBeVisible({ timeout: 15_000 });
	await expect(row.locator('[data-cell="procedure"]')).toContainText(
		'Đăng ký thành lập hộ kinh doanh'
	);
	const api = await server.snapshot(`ward:${WARD}`);
	await expect(tiles.locator('[data-figure="inProgress.overdue"]')).toHaveText(
		figureText(api, 'inProgress.overdue')
	);
	expect(
		await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)
	).toBe(true);
});

test('the period switch keeps the period in the URL and shows that period’s figures', async ({
	page
}) => {
	await page.goto(wardPage());
	const today = await server.snapshot(`ward:${WARD}`);
	await expectTiles(todayTiles(page), today);
	const periods = page.getByRole('navigation', { name: 'Kỳ số liệu' });
	await expect(periods.getByRole('link', { name: 'Hôm nay' })).toHaveAttribute(
		'aria-current',
		'page'
	);

	await periods.getByRole('link', { name: 'Tháng này' }).click();
	await expect(page).toHaveURL(`${wardPage()}?period=month`);
	const month = await server.snapshot(`ward:${WARD}`, {
		from: `${today.period.to.slice(0, 8)}01`,
		to: today.period.to
	});
	const monthTiles = page.getByRole('region', { name: 'Số liệu tháng này' });
	await expectTiles(monthTiles, month);
	await expect(monthTiles.locator('[data-freshness]')).toHaveAttribute('data-freshness', 'period');
	await expect(periods.getByRole('link', { name: 'Tháng này' })).toHaveAttribute(
		'aria-current',
		'page'
	);
	if (seededMonth) expect(month.received.total).toBeGreaterThan(today.received.total);

	// The URL alone brings the period back.
	await page.reload();
	await expectTiles(page.getByRole('region', { name: 'Số liệu tháng này' }), month);

	await periods.getByRole('link', { name: 'Hôm nay' }).click();
	await expect(page).toHaveURL(wardPage());
	await expectTiles(todayTiles(page), await server.snapshot(`ward:${WARD}`));
});

test('an unknown ward is a 404, said in Vietnamese', async ({ page }) => {
	for (const code of ['99999', '1668', 'abc']) {
		const response = await page.goto(`${server.base}/ward/${code}`);
		expect(response?.status(), code).toBe(404);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Không tìm thấy');
		await expect(
			page.getByText(`Không tìm thấy xã, phường, đặc khu có mã “${code}”`)
		).toBeVisible();
	}
});
