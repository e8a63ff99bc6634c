import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import type { NativeEventInput } from '../../src/lib/contracts/ingest';
import { vnDateTimeOf } from '../../src/lib/domain/calendar/vn-time';
import { formatters } from '../../src/lib/i18n/format';
import {
	OTHER_WARD,
	PROVINCE,
	seedEvents,
	startDashboardServer,
	vnIso,
	WARD,
	type DashboardServer
} from './dashboard-server';
import { signIn, signedOut } from './support/login';

/**
 * The wall display (issue #10) on a server of its own, which the tests kill and start again. Its screens are
 * opened as a TV opens them: the display URL, in a browser with no session. The figures on the wall are compared
 * with what the snapshot API answers, never with fixed numbers. The server runs its walls all day and keeps the
 * overview on screen (WALL_ACTIVE_HOURS, WALL_PANEL_SECONDS), so the time of day cannot change what is checked.
 */

let server: DashboardServer;
const TAG = 'WALL';
const LOBBY = 'TV sảnh Thành Vinh';
const DOOMED = 'TV sẽ thu hồi';
const PROVINCE_TV = 'TV Nghệ An';
const vi = formatters('vi');

test.describe.configure({ mode: 'serial' });
test.use(signedOut);

test.beforeAll(async () => {
	test.setTimeout(180_000);
	server = await startDashboardServer({
		displays: {
			[LOBBY]: `ward:${WARD}`,
			[DOOMED]: `ward:${WARD}`,
			[PROVINCE_TV]: `province:${PROVINCE}`
		},
		env: { WALL_ACTIVE_HOURS: '00:00-24:00', WALL_PANEL_SECONDS: '600' }
	});
	await server.ingest(seedEvents(Date.now(), TAG));
});

test.afterAll(async () => {
	await server?.stop();
});

/** The overview tiles the wall shows, by name, and how each is read from a snapshot. */
const TILES: Record<string, (s: Awaited<ReturnType<DashboardServer['snapshot']>>) => string> = {
	'received.total': (s) => vi.integer(s.received.total),
	'received.online': (s) => vi.integer(s.received.online),
	'received.direct': (s) => vi.integer(s.received.direct + s.received.postal),
	'resolved.total': (s) => vi.integer(s.resolved.total),
	onTimeRate: (s) => vi.percent(s.onTimeRate),
	'inProgress.total': (s) => vi.integer(s.inProgress.total),
	'inProgress.dueSoon': (s) => vi.integer(s.inProgress.dueSoon),
	'inProgress.overdue': (s) => vi.integer(s.inProgress.overdue)
};

async function expectTilesOf(page: Page, scope: string, timeout = 10_000) {
	const snapshot = await server.snapshot(scope);
	for (const [name, text] of Object.entries(TILES))
		await expect(page.locator(`[data-figure="${name}"]`), name).toHaveText(text(snapshot), {
			timeout
		});
	return snapshot;
}

/** A TV: a fresh browser context with no session, opened on a display URL. */
async function openDisplay(browser: Browser, name: string, query = '') {
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	const page = await context.newPage();
	await page.goto(server.displays[name]);
	if (query) await page.goto(`${server.base}${new URL(page.url()).pathname}${query}`);
	return { context, page };
}

/** New dossiers received at the ward now, so the figures after a restart differ from those before. */
function newArrivals(count: number, tag: string): NativeEventInput[] {
	const now = Date.now();
	return Array.from({ length: count }, (_, i) => ({
		id: `E2E-${TAG}-${tag}-${i}:0`,
		dossier: `E2E-${TAG}-${tag}-${i}`,
		ward: WARD,
		type: 'received' as const,
		at: vnIso(now - 60_000),
		procedure: '2.000815',
		channel: 'direct' as const
	}));
}

test('the display URL opens its ward’s wall: no header or controls, 16:9, the snapshot API’s figures, live', async ({
	browser
}) => {
	const { context, page } = await openDisplay(browser, LOBBY);
	await expect(page).toHaveURL(new RegExp(`/wall/ward/${WARD}$`));
	await expect(page.locator('[data-wall]')).toHaveAttribute('data-freshness', 'live');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Phường Thành Vinh');
	await expectTilesOf(page, `ward:${WARD}`);
	// Nothing to click or type: no site header, links, buttons or fields.
	await expect(page.getByRole('banner')).toHaveCount(0);
	await expect(page.locator('nav')).toHaveCount(0);
	await expect(page.locator('a[href], button, input, select, textarea')).toHaveCount(0);
	// The frame is the largest 16:9 box in a 1280×900 window.
	const frame = await page.locator('.frame').boundingBox();
	expect(frame!.width).toBeCloseTo(1280, 0);
	expect(frame!.width / frame!.height).toBeCloseTo(16 / 9, 2);
	// The data's age is on screen, and the banner is not.
	await expect(page.locator('[data-as-of]')).toContainText('Số liệu lúc');
	await expect(page.locator('[data-wall-banner]')).toHaveCount(0);
	await page.screenshot({ path: 'test-results/screenshots/wall-overview.png' });
	await context.close();
});

test('a display sees only its own scope', async ({ browser }) => {
	const { context, page } = await openDisplay(browser, LOBBY);
	const other = await page.goto(`${server.base}/wall/ward/${OTHER_WARD}`);
	expect(other?.status()).toBe(403);
	const province = await page.goto(`${server.base}/wall/province/${PROVINCE}`);
	expect(province?.status()).toBe(403);
	await context.close();
});

test('the playlist rotates at the interval the URL sets, and standby shows outside active hours', async ({
	browser
}) => {
	const { context, page } = await openDisplay(browser, LOBBY, '?interval=5');
	await expect(page.locator('[data-panel]')).toHaveAttribute('data-panel', 'overview');
	await expect(page.locator('[data-panel]')).toHaveAttribute('data-panel', 'fields', {
		timeout: 8_000
	});
	await page.screenshot({ path: 'test-results/screenshots/wall-fields.png' });
	await expect(page.locator('[data-panel]')).toHaveAttribute('data-panel', 'stages', {
		timeout: 8_000
	});
	await expect(page.locator('[data-stage="processing"] [data-figure="wip"]')).toHaveText(/^\d+$/);
	await page.screenshot({ path: 'test-results/screenshots/wall-stages.png' });
	await expect(page.locator('[data-panel]')).toHaveAttribute('data-panel', 'lists', {
		timeout: 8_000
	});
	await expect(page.locator('[data-list="overdue"] tr[data-dossier]')).toHaveText([
		new RegExp(`E2E-${TAG}-OVERDUE`)
	]);
	await page.screenshot({ path: 'test-results/screenshots/wall-lists.png' });
	// Active hours that end an hour before now, Vietnam time: the screen stands by.
	const { hour } = vnDateTimeOf(Date.now());
	const pad = (h: number) => String((h + 24) % 24).padStart(2, '0');
	await page.goto(`${server.base}/wall/ward/${WARD}?active=${pad(hour + 1)}:00-${pad(hour)}:00`);
	await expect(page.locator('[data-wall-standby]')).toContainText('Ngoài giờ hoạt động');
	await expect(page.locator('[data-wall-standby]')).toContainText(
		`Màn hình sẽ hiển thị lại lúc ${pad(hour + 1)}:00`
	);
	await context.close();
});

test('a signed-in person with access opens a province’s wall', async ({ page }) => {
	await signIn(page, 'admin', server.base);
	await page.goto(`${server.base}/wall/province/${PROVINCE}?interval=600`);
	await expect(page.locator('[data-wall]')).toHaveAttribute('data-freshness', 'live');
	await expectTilesOf(page, `province:${PROVINCE}`);
	await expect(page.getByRole('banner')).toHaveCount(0);
	await page.screenshot({ path: 'test-results/screenshots/wall-province.png' });
});

test('the server killed: the banner within 10 s, the figures stay; back: resync within 10 s to the API', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const { context, page } = await openDisplay(browser, LOBBY);
	await expect(page.locator('[data-wall]')).toHaveAttribute('data-freshness', 'live');
	const before = await expectTilesOf(page, `ward:${WARD}`);

	await server.kill();
	const killedAt = Date.now();
	// The instant of the last figures the wall received, read once nothing more can arrive.
	const asOf = vi.time(
		Date.parse((await page.locator('[data-as-of]').getAttribute('data-as-of'))!)
	);
	await expect(page.locator('[data-wall-banner]')).toContainText(
		`Mất kết nối · cập nhật lúc ${asOf}`,
		{ timeout: 10_000 }
	);
	expect(Date.now() - killedAt).toBeLessThan(10_000);
	await page.screenshot({ path: 'test-results/screenshots/wall-lost.png' });
	// The last good figures stay on screen.
	for (const [name, text] of Object.entries(TILES))
		await expect(page.locator(`[data-figure="${name}"]`), name).toHaveText(text(before));

	await server.restart();
	// New arrivals while the wall is still away: the resynced figures must show them.
	await server.ingest(newArrivals(3, 'BACK'));
	const after = await server.snapshot(`ward:${WARD}`);
	expect(after.received.total).toBe(before.received.total + 3);
	await expect(page.locator('[data-wall-banner]')).toHaveCount(0, { timeout: 10_000 });
	await expectTilesOf(page, `ward:${WARD}`, 10_000);
	await expect(page.locator('[data-wall]')).toHaveAttribute('data-freshness', 'live');
	await context.close();
});

test('a newly deployed build makes the wall reload itself once', async ({ browser }) => {
	test.setTimeout(60_000);
	const { context, page } = await openDisplay(browser, LOBBY, '?versionPoll=2');
	let loads = 0;
	page.on('load', () => (loads += 1));
	await expect(page.locator('[data-wall]')).toHaveAttribute('data-freshness', 'live');
	// The build that is running: no reload over several polls.
	await page.waitForTimeout(5_000);
	expect(loads).toBe(0);
	// A new build is deployed: version.json names another version from now on.
	await page.route('**/_app/version.json', (route) =>
		route.fulfill({ json: { version: 'a-newer-build' } })
	);
	await expect.poll(() => loads, { timeout: 10_000 }).toBe(1);
	await expect(page.locator('[data-wall]')).toHaveAttribute('data-freshness', 'live');
	// Still not the running build after the reload (a stale cache): no second reload, no loop.
	await page.waitForTimeout(6_000);
	expect(loads).toBe(1);
	await context.close();
});

test('the wall has no serious or critical axe violation, in Vietnamese and English', async ({
	browser
}) => {
	const { context, page } = await openDisplay(browser, LOBBY);
	for (const lang of ['vi', 'en']) {
		await page.goto(`${server.base}/wall/ward/${WARD}?lang=${lang}`);
		await expect(page.locator('html')).toHaveAttribute('lang', lang);
		await expect(page.locator('[data-wall]')).toHaveAttribute('data-freshness', 'live');
		const results = await new AxeBuilder({ page }).analyze();
		expect(results.passes.length).toBeGreaterThan(0);
		const serious = results.violations
			.filter((v) => v.impact === 'serious' || v.impact === 'critical')
			.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
		expect(serious, lang).toEqual([]);
	}
	await context.close();
});

test('a revoked display shows a plain message, never a sign-in form', async ({ browser, page }) => {
	const tv = await openDisplay(browser, DOOMED);
	await expect(tv.page.locator('[data-wall]')).toHaveAttribute('data-freshness', 'live');

	await signIn(page, 'admin', server.base);
	await page.goto(`${server.base}/admin/displays`);
	await page.locator('tr', { hasText: DOOMED }).getByRole('button', { name: 'Thu hồi' }).click();
	const notice = tv.page.locator('[data-wall-notice="revoked"]');
	await expect(notice).toContainText('Màn hình này đã bị thu hồi', { timeout: 10_000 });
	await expect(tv.page.locator('input, form')).toHaveCount(0);

	// Reloaded (by the night's reload, or by hand), and opened again by its URL: the same plain page.
	await tv.page.reload();
	await expect(tv.page).toHaveURL(/\/wall\/revoked$/);
	await expect(notice).toContainText('Màn hình này đã bị thu hồi');
	await tv.page.goto(server.displays[DOOMED]);
	await expect(tv.page).toHaveURL(/\/wall\/revoked$/);
	await expect(tv.page.locator('input[type="password"], form')).toHaveCount(0);
	await tv.context.close();
});
