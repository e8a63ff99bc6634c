import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { VN_CALENDAR_SEED } from '../../src/lib/domain/calendar/vn-calendar-seed';
import { WorkingCalendar } from '../../src/lib/domain/calendar/working-calendar';
import type { Stage } from '../../src/lib/domain/dossier';
import { dueHistory, stageDurations } from '../../src/lib/domain/stage-durations';
import { workingTimeText } from '../../src/lib/components/dossier/working-time';
import { formatters } from '../../src/lib/i18n/format';
import { dossierMessages } from '../../src/lib/i18n/dossier-messages';
import { dossierTimesOf } from '../../src/routes/dossier/[code]/dossier-times';
import type { DossierDetail } from '../../server/read/dossier-detail';
import {
	dueText,
	OTHER_WARD,
	startDashboardServer,
	vnIso,
	WARD,
	type DashboardServer
} from './dashboard-server';
import { signIn } from './support/login';
import { E2E_USERS } from './support/users';

/**
 * The dossier page (issue #9): reached from the ward's overdue list, it shows the timeline, the working time per
 * stage, the due date's history and both outcomes. Every figure is compared with the REST API's detail of the
 * same dossier, passed through the same domain functions with the national calendar the server seeds.
 */
let server: DashboardServer;
const CODE = 'E2E-D-SUPPLEMENT';
const DONE = 'E2E-D-DONE';
/** A dossier of Trường Vinh, outside Thành Vinh's director's scope. */
const ELSEWHERE = 'E2E-D-ELSEWHERE';
const OFFICER = 'officer-e2e-0042';
const HOUR = 3_600_000;
const calendar = new WorkingCalendar(VN_CALENDAR_SEED);

test.beforeAll(async () => {
	test.setTimeout(120_000);
	server = await startDashboardServer();
	const now = Date.now();
	const at = (hoursAgo: number) => vnIso(now - hoursAgo * HOUR);
	const events = [
		{ type: 'received', at: at(240), procedure: '1.001612', channel: 'online', officer: OFFICER },
		{
			type: 'stage_changed',
			at: at(239),
			stage: 'processing',
			stageDueAt: at(200),
			step: 'Thẩm định hồ sơ',
			unit: 'Bộ phận chuyên môn',
			officer: OFFICER
		},
		{ type: 'supplement_requested', at: at(230), reason: 'Thiếu bản sao giấy chứng nhận' },
		{ type: 'supplement_received', at: at(200) },
		{ type: 'stage_changed', at: at(100), stage: 'approval', step: 'Trình ký' },
		// Moved to a date already past: the dossier is overdue and in the ward's list.
		{ type: 'due_extended', at: at(50), dueAt: at(2), reason: 'Chờ ý kiến cơ quan thuế' }
	] as const;
	const done = [
		{ type: 'received', at: at(30), procedure: '2.000815', channel: 'direct' },
		{ type: 'completed', at: at(1) }
	] as const;
	await server.ingest([
		...events.map((event, i) => ({ ...event, id: `${CODE}:${i}`, dossier: CODE, ward: WARD })),
		...done.map((event, i) => ({ ...event, id: `${DONE}:${i}`, dossier: DONE, ward: WARD })),
		...done.map((event, i) => ({
			...event,
			id: `${ELSEWHERE}:${i}`,
			dossier: ELSEWHERE,
			ward: OTHER_WARD
		}))
	]);
});

test.afterAll(async () => {
	await server?.stop();
});

// This file's server has its own people: sign in there as its administrator.
test.use({ storageState: { cookies: [], origins: [] } });
test.beforeEach(async ({ page }) => {
	await signIn(page, 'admin', server.base);
});

const d = dossierMessages('vi');
const f = formatters('vi');
const when = (iso: string | null) => (iso === null ? '–' : dueText(iso));

/** The REST API's detail, read with the page's own session. */
async function apiDetail(page: Page, code: string): Promise<DossierDetail> {
	const response = await page.request.get(
		`${server.base}/api/v1/dossiers/${encodeURIComponent(code)}`
	);
	expect(response.status()).toBe(200);
	return (await response.json()) as DossierDetail;
}

/** The instant the page's load measured at (open stages and waits run up to it). */
async function measuredAt(page: Page): Promise<number> {
	const iso = await page.locator('[data-measured-at]').getAttribute('data-measured-at');
	return Date.parse(iso!);
}

test('from the ward’s overdue list to the dossier: timeline, working time per stage, due history and outcome', async ({
	page
}) => {
	await page.goto(`${server.base}/ward/${WARD}`);
	const overdue = page.getByRole('region', { name: /^Hồ sơ quá hạn/ });
	await overdue.getByRole('link', { name: CODE }).click();
	await expect(page).toHaveURL(`${server.base}/dossier/${CODE}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Hồ sơ ${CODE}`);
	const crumbs = page.getByRole('navigation', { name: 'Vị trí' });
	await expect(crumbs.getByRole('listitem')).toHaveText([
		'Cả nước',
		'Tỉnh Nghệ An',
		'Phường Thành Vinh',
		CODE
	]);
	await expect(crumbs.getByRole('link', { name: 'Phường Thành Vinh' })).toHaveAttribute(
		'href',
		`/ward/${WARD}`
	);

	const api = await apiDetail(page, CODE);
	const now = await measuredAt(page);
	const times = dossierTimesOf(api);

	// Facts, in Vietnamese, as the API states them.
	await expect(page.locator('[data-fact="procedure"] dd')).toContainText(
		'Đăng ký thành lập hộ kinh doanh'
	);
	await expect(page.locator('[data-fact="channel"] dd')).toHaveText(d.channelNames[api.channel!]);
	await expect(page.locator('[data-fact="status"] dd')).toHaveText(d.statusNames[api.status]);
	await expect(page.locator('[data-fact="stage"] dd')).toHaveText(d.stageNames[api.stage!]);
	expect(api.openStatus).toBe('overdue');
	await expect(page.locator('[data-fact="openStatus"] dd')).toHaveText(
		d.openStatusNames[api.openStatus!]
	);
	await expect(page.locator('[data-fact="dueAt"] dd')).toHaveText(when(api.dueAt));

	// The timeline: every event of the API, in its order, named in Vietnamese.
	const events = page.locator('tr[data-event]');
	await expect(events).toHaveCount(api.timeline.length);
	expect(api.timeline.map((e) => e.type)).toEqual([
		'received',
		'stage_changed',
		'supplement_requested',
		'supplement_received',
		'stage_changed',
		'due_extended'
	]);
	for (const [i, entry] of api.timeline.entries()) {
		const row = events.nth(i);
		await expect(row).toHaveAttribute('data-event', entry.type);
		await expect(row.locator('[data-cell="at"]')).toHaveText(when(entry.at));
		await expect(row.locator('[data-cell="event"]')).toHaveText(
			d.eventTypes[entry.type as keyof typeof d.eventTypes]
		);
	}

	// Working time per stage: what the domain computes from the API's stages with the national calendar.
	const expected = stageDurations(times, calendar, now);
	expect(expected.map((s) => s.visit.stage)).toEqual(['intake', 'processing', 'approval']);
	const visits = page.locator('tr[data-visit]');
	await expect(visits).toHaveCount(expected.length);
	for (const [i, visit] of expected.entries()) {
		const row = visits.nth(i);
		await expect(row.locator('[data-cell="stage"]')).toHaveText(
			d.stageNames[visit.visit.stage as Stage]
		);
		await expect(row.locator('[data-cell="workingTime"]')).toHaveAttribute(
			'data-ms',
			String(visit.workingMs)
		);
		await expect(row.locator('[data-cell="workingTime"]')).toHaveText(
			workingTimeText(visit.workingMs, d, f)
		);
		await expect(row.locator('[data-cell="supplementWait"]')).toHaveAttribute(
			'data-ms',
			String(visit.supplementWaitMs)
		);
		await expect(row.locator('[data-cell="verdict"]')).toHaveAttribute(
			'data-exceeded',
			visit.visit.stageDueAt === null ? 'none' : String(visit.exceeded)
		);
	}
	// Processing outlived its step deadline (whatever the weekday, it left 100 h after it).
	expect(expected[1]).toMatchObject({ exceeded: true });
	await expect(visits.nth(1).locator('[data-cell="step"]')).toHaveText(
		'Thẩm định hồ sơ · Bộ phận chuyên môn'
	);
	await expect(visits.nth(2).locator('[data-cell="left"]')).toHaveText(d.stillHere);

	// The due date's history: receipt, supplement (restart and pause), extension with its apology.
	const history = dueHistory(times, calendar, now);
	const steps = page.locator('tr[data-due-step]');
	await expect(steps).toHaveCount(3);
	expect(history.steps.map((s) => s.kind)).toEqual(['receipt', 'supplement', 'extension']);
	const receipt = api.dueAtHistory.find((c) => c.cause === 'receipt')!;
	await expect(steps.nth(0).locator('[data-cell="dueAfter"]')).toHaveText(when(receipt.dueAt));
	const restart = api.dueAtHistory.find((c) => c.cause === 'supplement')!;
	const supplement = steps.nth(1);
	await expect(supplement.locator('[data-cell="at"]')).toHaveText(
		when(api.supplements[0]!.requestedAt)
	);
	await expect(supplement.locator('[data-cell="dueBefore"]')).toHaveText(when(receipt.dueAt));
	await expect(supplement.locator('[data-cell="dueAfter"]')).toHaveText(when(restart.dueAt));
	const paused = history.steps[1]!;
	if (paused.kind !== 'supplement') throw new Error('the second step is the supplement');
	// The whole wait fell inside the processing visit (may be zero working time on a weekend).
	expect(expected[1]!.supplementWaitMs).toBe(paused.waitedMs);
	await expect(supplement.locator('[data-note="waited"]')).toHaveText(
		d.supplementWaited(workingTimeText(paused.waitedMs, d, f))
	);
	await expect(supplement.locator('[data-note="pause"]')).toHaveText(
		d.supplementPause(f.dateTime(paused.pausedDueAt!))
	);
	const [extension] = api.extensions;
	const extended = steps.nth(2);
	await expect(extended.locator('[data-cell="dueBefore"]')).toHaveText(
		when(extension!.previousDueAt)
	);
	await expect(extended.locator('[data-cell="dueAfter"]')).toHaveText(when(extension!.newDueAt));
	await expect(extended.locator('[data-note="apology"]')).toHaveText(
		extension!.apologyInTime ? d.apologyInTime : d.apologyLate
	);
	await expect(extended).toContainText('Chờ ý kiến cơ quan thuế');

	// Outcome: open, so not finished by date; for the index as the API measures it now.
	await expect(page.locator('[data-outcome="byDate"] [data-value]')).toHaveAttribute(
		'data-value',
		api.outcome ?? 'none'
	);
	await expect(page.locator('[data-outcome="byDate"] [data-value]')).toHaveText(d.notFinished);
	expect(api.indexOutcome).not.toBeNull();
	await expect(page.locator('[data-outcome="index"] [data-value]')).toHaveText(
		d.indexNames[api.indexOutcome!]
	);
	await expect(page.locator('[data-cell="indexDueAt"]')).toHaveText(
		f.dateTime(history.indexDueAt!)
	);

	// Officers are never shown.
	await expect(page.locator('body')).not.toContainText(OFFICER);
});

test('a finished dossier shows its outcome by date and for the index, as the API gives them', async ({
	page
}) => {
	await page.goto(`${server.base}/dossier/${DONE}`);
	const api = await apiDetail(page, DONE);
	expect(api.outcome).not.toBeNull();
	await expect(page.locator('[data-outcome="byDate"] [data-value]')).toHaveText(
		d.outcomeNames[api.outcome!]
	);
	await expect(page.locator('[data-outcome="index"] [data-value]')).toHaveText(
		d.indexNames[api.indexOutcome!]
	);
	await expect(page.locator('[data-fact="finishedAt"] dd')).toHaveText(when(api.finishedAt));
	await expect(page.locator('[data-fact="openStatus"] dd')).toHaveText(d.closed);
	await expect(page.locator('tr[data-visit] [data-cell="left"]')).toHaveText(
		when(api.stages[0]!.exitedAt)
	);
});

test('the period chosen on the ward page goes to the dossier and back up the breadcrumbs', async ({
	page
}) => {
	await page.goto(`${server.base}/ward/${WARD}?period=month`);
	await page
		.getByRole('region', { name: /^Hồ sơ quá hạn/ })
		.getByRole('link', { name: CODE })
		.click();
	await expect(page).toHaveURL(`${server.base}/dossier/${CODE}?period=month`);
	const crumbs = page.getByRole('navigation', { name: 'Vị trí' });
	await expect(crumbs.getByRole('link', { name: 'Phường Thành Vinh' })).toHaveAttribute(
		'href',
		`/ward/${WARD}?period=month`
	);
	await expect(crumbs.getByRole('link', { name: 'Tỉnh Nghệ An' })).toHaveAttribute(
		'href',
		'/province/40?period=month'
	);
	await crumbs.getByRole('link', { name: 'Phường Thành Vinh' }).click();
	await expect(page.getByRole('region', { name: 'Số liệu tháng này' })).toBeVisible();
});

test('English is a switch on the dossier page', async ({ page }) => {
	await page.goto(`${server.base}/dossier/${CODE}`);
	await page.getByRole('link', { name: 'Switch to English' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	const en = dossierMessages('en');
	const fen = formatters('en');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Dossier ${CODE}`);
	await expect(page.getByRole('navigation', { name: 'Breadcrumb' })).toContainText('Nation');
	for (const heading of [en.stagesTitle, en.dueHistoryTitle, en.timelineTitle, en.outcomeTitle])
		await expect(page.getByRole('heading', { level: 2, name: heading })).toBeVisible();
	const api = await apiDetail(page, CODE);
	const now = await measuredAt(page);
	const [intake] = stageDurations(dossierTimesOf(api), calendar, now);
	await expect(page.locator('tr[data-visit="0"] [data-cell="workingTime"]')).toHaveText(
		workingTimeText(intake!.workingMs, en, fen)
	);
	await expect(page.locator('[data-fact="status"] dd')).toHaveText(en.statusNames[api.status]);
});

test('the dossier page has no accessibility violations axe can find', async ({ page }) => {
	await page.goto(`${server.base}/dossier/${CODE}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Hồ sơ ${CODE}`);
	const { violations } = await new AxeBuilder({ page }).analyze();
	expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
});

test('an unknown dossier is a 404, said in Vietnamese', async ({ page }) => {
	for (const code of ['NO-SUCH-DOSSIER', 'x'.repeat(200)]) {
		const response = await page.goto(`${server.base}/dossier/${code}`);
		expect(response?.status(), code).toBe(404);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Không tìm thấy');
		await expect(page.getByText(d.notFound(code.slice(0, 128)))).toBeVisible();
	}
});

test('a dossier outside the viewer’s scope is the same 404 as an unknown one', async ({
	page,
	browser
}) => {
	// This server has only its administrator: they create Thành Vinh's director through the admin page.
	const { email, password, role, scope } = E2E_USERS.director;
	await page.goto(`${server.base}/admin/users`);
	const form = page.locator('form[action="?/create"]');
	await form.locator('input[name="email"]').fill(email);
	await form.locator('select[name="role"]').selectOption(role);
	await form.locator('input[name="scope"]').fill(scope);
	await form.locator('input[name="password"]').fill(password);
	await form.getByRole('button').click();
	await expect(page.locator(`tr[data-user="${email}"]`)).toBeVisible();

	const context = await browser.newContext();
	try {
		const director = await context.newPage();
		await signIn(director, 'director', server.base);
		expect((await director.goto(`${server.base}/dossier/${CODE}`))?.status()).toBe(200);
		const hidden = await director.goto(`${server.base}/dossier/${ELSEWHERE}`);
		expect(hidden?.status()).toBe(404);
		await expect(director.getByText(d.notFound(ELSEWHERE))).toBeVisible();
		// The REST API answers the same for the same reader.
		const api = await director.request.get(`${server.base}/api/v1/dossiers/${ELSEWHERE}`);
		expect(api.status()).toBe(404);
	} finally {
		await context.close();
	}
});
