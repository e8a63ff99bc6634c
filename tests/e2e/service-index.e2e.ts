import { expect, test, type Locator } from '@playwright/test';
import type { NativeEventInput } from '../../src/lib/contracts/ingest';
import type { ServiceIndexJson } from '../../src/lib/contracts/service-index';
import { periodFromUrl } from '../../src/lib/components/dashboard/period-choice';
import { vnDateOf } from '../../src/lib/domain/calendar/vn-time';
import { formatters } from '../../src/lib/i18n/format';
import type { Lang } from '../../src/lib/i18n/messages';
import { serviceIndexMessages } from '../../src/lib/i18n/service-index-messages';
import {
	OTHER_WARD,
	PROVINCE,
	earlierToday,
	seedEvents,
	startDashboardServer,
	vnIso,
	WARD,
	type DashboardServer
} from './dashboard-server';
import { signIn } from './support/login';

/**
 * The Decision 766 estimate card on the nation, province and ward pages, in Vietnamese and in English: labelled
 * an estimate, publicity said not estimable, and its total and groups equal `GET /api/v1/service-index` for the
 * same scope and period (never fixed numbers).
 */
let server: DashboardServer;
const HOUR = 3_600_000;

/** Besides the shared seed: dossiers paid online or at the desk, rated, and digitised or not. */
function indexEvents(now: number): NativeEventInput[] {
	const events: NativeEventInput[] = [];
	// Today's, whatever the hour (see earlierToday).
	const ago = earlierToday(now, 3 * HOUR);
	for (const [n, paidOnline, satisfied, digitised] of [
		[1, true, true, true],
		[2, false, false, false],
		[3, true, true, true]
	] as const) {
		const dossier = `E2E-SI-${n}`;
		const ward = n === 3 ? OTHER_WARD : WARD;
		const list: Omit<NativeEventInput, 'id' | 'dossier' | 'ward'>[] = [
			{
				type: 'received',
				at: vnIso(ago(3 * HOUR)),
				procedure: '1.001612',
				channel: 'online',
				digitised
			},
			{ type: 'fee_requested', at: vnIso(ago(3 * HOUR - 60_000)) },
			{ type: 'fee_paid', at: vnIso(ago(3 * HOUR - 120_000)), paidOnline },
			{ type: 'completed', at: vnIso(ago(2 * HOUR)), digitised },
			{ type: 'returned', at: vnIso(ago(2 * HOUR - 60_000)) },
			{ type: 'rated', at: vnIso(ago(HOUR)), satisfied }
		];
		list.forEach((event, i) => events.push({ ...event, id: `${dossier}:${i}`, dossier, ward }));
	}
	return events;
}

test.beforeAll(async () => {
	test.setTimeout(120_000);
	server = await startDashboardServer();
	const now = Date.now();
	await server.ingest([...seedEvents(now, 'SI'), ...indexEvents(now)]);
});

test.afterAll(async () => {
	await server?.stop();
});

test.use({ storageState: { cookies: [], origins: [] } });
test.beforeEach(async ({ page }) => {
	await signIn(page, 'admin', server.base);
});

/** The card shows the API's estimate: total, level, each group's points and rate, publicity not estimable. */
async function expectCard(card: Locator, api: ServiceIndexJson, lang: Lang) {
	const t = serviceIndexMessages(lang);
	const f = formatters(lang);
	await expect(card).toHaveAttribute('data-state', 'ready');
	await expect(card.getByRole('heading', { level: 2 })).toHaveText(t.title);
	await expect(card.locator('.estimate-label')).toHaveText(t.estimateLabel);
	const total = card.locator('[data-figure="serviceIndex.points"]');
	await expect(total).toHaveText(t.points(f.decimal(api.points), f.integer(api.maxPoints)));
	await expect(total).toHaveAttribute('data-points', String(api.points));
	await expect(card.locator('tr[data-group="publicity"]')).toContainText(t.notEstimable);
	await expect(card.locator('tr[data-group="publicity"]')).toContainText(t.whyNot.publicity);
	for (const name of ['progress', 'onlineService', 'onlinePayment', 'satisfaction'] as const) {
		const group = api.groups[name];
		expect(group.points, name).not.toBeNull();
		await expect(card.locator(`[data-figure="serviceIndex.${name}.points"]`)).toHaveText(
			t.points(f.decimal(group.points as number), f.integer(group.maxPoints))
		);
		await expect(card.locator(`[data-figure="serviceIndex.${name}.rate"]`)).toHaveText(
			f.percent(group.rate)
		);
	}
}

const PAGES: [name: string, scope: string, path: string][] = [
	['the nation', 'national', '/'],
	['Nghệ An', `province:${PROVINCE}`, `/province/${PROVINCE}`],
	['Phường Thành Vinh', `ward:${WARD}`, `/ward/${WARD}`]
];

for (const [name, scope, pagePath] of PAGES) {
	test(`${name}: the estimate card equals the API, in Vietnamese and then in English`, async ({
		page
	}) => {
		await page.goto(`${server.base}${pagePath}`);
		const card = page.getByTestId('service-index-card');
		const api = await server.serviceIndex(scope);
		expect(api.estimate).toBe(true);
		expect(api.counts.received).toBeGreaterThan(0);
		await expectCard(card, api, 'vi');
		await expect(card).toContainText('Ước tính theo Quyết định 766/QĐ-TTg');

		await page.getByRole('link', { name: 'Switch to English' }).click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await expectCard(page.getByTestId('service-index-card'), api, 'en');
		await expect(page.getByTestId('service-index-card')).toContainText(
			'Estimate under Decision 766/QĐ-TTg'
		);
	});
}

test('Nghệ An this month: the card follows the period in the URL', async ({ page }) => {
	await page.goto(`${server.base}/province/${PROVINCE}?period=month`);
	const month = periodFromUrl(new URLSearchParams('period=month'), vnDateOf(Date.now())).period;
	const api = await server.serviceIndex(`province:${PROVINCE}`, month);
	expect(api.period).toEqual(month);
	await expectCard(page.getByTestId('service-index-card'), api, 'vi');
});
