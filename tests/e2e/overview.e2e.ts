import { expect, test, type Page } from '@playwright/test';
import type { NativeEventInput } from '../../src/lib/contracts/ingest';
import { MIN_RESOLVED_TO_RANK } from '../../src/lib/contracts/snapshot';
import { previousPeriod, periodFromUrl } from '../../src/lib/components/dashboard/period-choice';
import { vnDateOf } from '../../src/lib/domain/calendar/vn-time';
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

/**
 * The overviews as an inspector uses them: the nation's ranking down to a ward, periods kept in the URL and
 * compared with the previous one, the heat table, sorting, and live moves of the ranking and the lists. Figures
 * are compared with the REST API, never with fixed numbers.
 */
let server: DashboardServer;

test.beforeAll(async () => {
	test.setTimeout(120_000);
	server = await startDashboardServer();
	await server.ingest(seedEvents(Date.now(), 'O'));
});

test.afterAll(async () => {
	await server?.stop();
});

test.use({ storageState: { cookies: [], origins: [] } });
test.beforeEach(async ({ page }) => {
	await signIn(page, 'admin', server.base);
});

const provinceRanking = (page: Page) =>
	page.getByRole('region', { name: 'Xếp hạng xã, phường, đặc khu' });

test('an inspector drills from the nation to Nghệ An to Phường Thành Vinh to a late dossier, keeping the period', async ({
	page
}) => {
	await page.goto(`${server.base}/?period=month`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cả nước');
	const today = vnDateOf(Date.now());
	const month = periodFromUrl(new URLSearchParams('period=month'), today).period;
	const nation = await server.snapshot('national', month);
	await expectTiles(page.getByRole('region', { name: 'Số liệu tháng này' }), nation);

	const provinces = page.getByRole('region', { name: 'Xếp hạng tỉnh, thành phố' });
	await expect(provinces.locator('tbody tr')).toHaveCount(34);
	const ngheAn = nation.children.find((c) => c.scope === `province:${PROVINCE}`)!;
	await expect(
		provinces.locator(`tr[data-scope="province:${PROVINCE}"] [data-figure="received.total"]`)
	).toHaveText(figureText(ngheAn, 'received.total'));
	await provinces.getByRole('link', { name: 'Tỉnh Nghệ An' }).click();
	await expect(page).toHaveURL(`${server.base}/province/${PROVINCE}?period=month`);
	await expectTiles(
		page.getByRole('region', { name: 'Số liệu tháng này' }),
		await server.snapshot(`province:${PROVINCE}`, month)
	);

	await provinceRanking(page).getByRole('link', { name: 'Phường Thành Vinh' }).click();
	await expect(page).toHaveURL(`${server.base}/ward/${WARD}?period=month`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Phường Thành Vinh');
	await expectTiles(
		page.getByRole('region', { name: 'Số liệu tháng này' }),
		await server.snapshot(`ward:${WARD}`, month)
	);
	// The late dossier, from the overdue list, keeping the period for the way back.
	const late = 'E2E-O-OVERDUE';
	await page
		.getByRole('region', { name: /^Hồ sơ quá hạn/ })
		.getByRole('link', { name: late })
		.click();
	await expect(page).toHaveURL(`${server.base}/dossier/${late}?period=month`);
	await expect(page.getByRole('heading', { level: 1 })).toContainText(late);
	// Back up the breadcrumbs, still in this month.
	await page
		.getByRole('navigation', { name: 'Vị trí' })
		.getByRole('link', { name: 'Tỉnh Nghệ An' })
		.click();
	await expect(page).toHaveURL(`${server.base}/province/${PROVINCE}?period=month`);
});

test('a custom period goes into the URL, shows that period and names the one it is compared with', async ({
	page
}) => {
	const today = vnDateOf(Date.now());
	const from = `${today.slice(0, 8)}01`;
	const dmy = (date: string) => date.split('-').reverse().join('/');
	await page.goto(`${server.base}/province/${PROVINCE}`);
	const form = page.getByRole('form', { name: 'Chọn kỳ số liệu tùy ý' });
	// Dates are typed and shown day/month/year, whatever the browser's language.
	await expect(form.getByLabel('Từ ngày')).toHaveValue(dmy(today));
	await form.getByLabel('Từ ngày').fill(dmy(from));
	await form.getByLabel('Đến ngày').fill(dmy(today));
	await form.getByRole('button', { name: 'Xem' }).click();
	await expect(page).toHaveURL(
		`${server.base}/province/${PROVINCE}?period=custom&from=${from}&to=${today}`
	);
	await expect(form.getByLabel('Từ ngày')).toHaveValue(dmy(from));
	const tiles = page.getByRole('region', { name: 'Số liệu kỳ tùy chọn' });
	await expectTiles(tiles, await server.snapshot(`province:${PROVINCE}`, { from, to: today }));

	const previous = previousPeriod({ choice: 'custom', period: { from, to: today } });
	const named =
		previous.from === previous.to
			? `Ngày ${dmy(previous.from)}`
			: `Từ ${dmy(previous.from)} đến ${dmy(previous.to)}`;
	await expect(tiles.locator('[data-comparison]')).toHaveText(`So với kỳ trước: ${named}`);
	// The previous period saw none of this test's dossiers: every main count went up by its own size.
	const now = await server.snapshot(`province:${PROVINCE}`, { from, to: today });
	await expect(tiles.locator('[data-change]').first()).toHaveText(
		`▲ tăng ${figureText(now, 'received.total')}`
	);
	await expect(
		provinceRanking(page).getByRole('columnheader', { name: 'So với kỳ trước' })
	).toBeVisible();

	await page.goto(`${server.base}/province/${PROVINCE}?period=custom&from=${today}&to=${from}`);
	if (from !== today)
		await expect(page.getByRole('alert')).toContainText(
			'Ngày bắt đầu của kỳ tùy chọn đang sau ngày kết thúc.'
		);
	await expect(page.getByRole('region', { name: 'Số liệu hôm nay' })).toBeVisible();
});

test('the heat table shows each ward’s work in progress per stage, worst first', async ({
	page
}) => {
	await page.goto(`${server.base}/province/${PROVINCE}`);
	const heat = page.getByRole('region', { name: 'Các bước xử lý theo đơn vị' });
	const api = await server.snapshot(`province:${PROVINCE}`);
	const ward = api.children.find((c) => c.scope === `ward:${WARD}`)!;
	const row = heat.locator(`tr[data-scope="ward:${WARD}"]`);
	for (const stage of ward.stages.filter((s) => s.wip > 0)) {
		const cell = row.locator(`td[data-stage="${stage.stage}"]`);
		await expect(cell.locator(`[data-figure="stages.${stage.stage}.wip"]`)).toHaveText(
			figureText(stage, 'wip')
		);
		const share = stage.overdue / stage.wip;
		const level = share === 0 ? 'none' : share < 0.1 ? 'low' : share < 0.3 ? 'mid' : 'high';
		await expect(cell).toHaveAttribute('data-level', level);
	}
	// Thành Vinh holds the seeded overdue dossier: it heads the table.
	await expect(heat.locator('tbody tr').first()).toHaveAttribute('data-scope', `ward:${WARD}`);
});

test('the ranking sorts by any column and back to the snapshot’s ranks', async ({ page }) => {
	await page.goto(`${server.base}/province/${PROVINCE}`);
	const ranking = provinceRanking(page);
	const header = ranking.getByRole('columnheader', { name: 'Tiếp nhận' });
	await header.getByRole('button').click();
	await expect(header).toHaveAttribute('aria-sort', 'descending');
	const api = await server.snapshot(`province:${PROVINCE}`);
	const mostReceived = [...api.children].sort(
		(a, b) => b.received.total - a.received.total || a.rank - b.rank
	)[0];
	await expect(ranking.locator('tbody tr').first()).toHaveAttribute(
		'data-scope',
		mostReceived.scope
	);
	await header.getByRole('button').click();
	await expect(header).toHaveAttribute('aria-sort', 'ascending');
	await ranking.getByRole('columnheader', { name: 'Hạng' }).getByRole('button').click();
	const first = api.children.find((c) => c.rank === 1)!;
	await expect(ranking.locator('tbody tr').first()).toHaveAttribute('data-scope', first.scope);
});

test('dossiers finished after the page loaded rank a ward within 2 seconds, without a reload', async ({
	page
}) => {
	await page.goto(`${server.base}/province/${PROVINCE}`);
	const tiles = page.getByRole('region', { name: 'Số liệu hôm nay' });
	await expect(tiles.locator('[data-freshness]')).toHaveAttribute('data-freshness', 'live');
	const row = provinceRanking(page).locator(`tr[data-scope="ward:${OTHER_WARD}"]`);
	await expect(row).toHaveAttribute('data-rankable', 'false');
	await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

	const now = Date.now();
	const events: NativeEventInput[] = [];
	for (let i = 0; i < MIN_RESOLVED_TO_RANK; i++) {
		const dossier = `E2E-O-RANK-${i}`;
		events.push(
			{
				id: `${dossier}:0`,
				type: 'received',
				dossier,
				ward: OTHER_WARD,
				at: vnIso(now - 60_000),
				procedure: '1.001193',
				channel: 'direct'
			},
			{ id: `${dossier}:1`, type: 'completed', dossier, ward: OTHER_WARD, at: vnIso(now - 30_000) }
		);
	}
	await server.ingest(events);
	await expect(row).toHaveAttribute('data-rankable', 'true', { timeout: 2_000 });
	const api = await server.snapshot(`province:${PROVINCE}`);
	const child = api.children.find((c) => c.scope === `ward:${OTHER_WARD}`)!;
	await expect(row.locator('[data-figure="rank"]')).toHaveText(figureText(child, 'rank'));
	await expect(row.locator('[data-figure="resolved.total"]')).toHaveText(
		figureText(child, 'resolved.total')
	);
	await expectTiles(tiles, api);
	// Screen readers hear it, politely: the changed figures with their new values.
	const announcer = tiles.locator('[data-announcer]');
	await expect(announcer).toHaveAttribute('aria-live', 'polite');
	await expect(announcer).toContainText(
		`Số liệu vừa thay đổi: tiếp nhận ${figureText(api, 'received.total')}; đã giải quyết ${figureText(api, 'resolved.total')}`
	);
	expect(
		await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)
	).toBe(true);
});

test('a dossier due a few seconds from now joins the overdue list when its due time passes', async ({
	page
}) => {
	await page.goto(`${server.base}/ward/${WARD}`);
	const tiles = page.getByRole('region', { name: 'Số liệu hôm nay' });
	await expect(tiles.locator('[data-freshness]')).toHaveAttribute('data-freshness', 'live');
	const overdue = page.getByRole('region', { name: /^Hồ sơ quá hạn/ });
	const dueAt = Date.now() + 8_000;
	await server.ingest([
		{
			id: 'E2E-O-SOON:0',
			type: 'received',
			dossier: 'E2E-O-SOON',
			ward: WARD,
			at: vnIso(Date.now() - 3_600_000),
			procedure: '1.001612',
			channel: 'online',
			dueAt: vnIso(dueAt)
		}
	]);
	const row = overdue.locator('tr[data-dossier="E2E-O-SOON"]');
	await expect(row).toHaveCount(0);
	await expect(row).toBeVisible({ timeout: 25_000 });
	expect(Date.now()).toBeGreaterThanOrEqual(dueAt);
	const api = await server.dossiers(`ward:${WARD}`, 'overdue');
	expect(api.items.map((item) => item.code)).toContain('E2E-O-SOON');
});

test('the inspection report of the same scope and period is one link away, and the whole overdue list downloads', async ({
	page
}) => {
	await page.goto(`${server.base}/ward/${WARD}?period=month`);
	const listLinks = page
		.getByRole('region', { name: /^Hồ sơ quá hạn/ })
		.locator('[data-list-exports] a');
	await expect(listLinks).toHaveText(['XLSX', 'CSV', 'PDF']);
	// Resolved against the page: server-rendered links are relative (`../report/…`) until the page hydrates.
	const csv = await page.request.get(
		new URL((await listLinks.nth(1).getAttribute('href')) ?? '', page.url()).href
	);
	expect(csv.status()).toBe(200);
	const text = (await csv.body()).toString('utf8');
	// UTF-8 with a BOM, and the late dossier among the rows.
	expect(text.charCodeAt(0)).toBe(0xfeff);
	expect(text).toContain('E2E-O-OVERDUE');

	await page.getByRole('link', { name: 'Báo cáo kiểm tra (Biểu 06) và xuất dữ liệu' }).click();
	await expect(page).toHaveURL(/\/report\/ward(:|%3A)16681\?period=month$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Báo cáo kiểm tra: Thành Vinh');
	await expect(page.locator('nav.periods a[aria-current="page"]')).toHaveAttribute(
		'data-period',
		'month'
	);
});
