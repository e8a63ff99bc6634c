import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { periodFromUrl } from '../../src/lib/components/dashboard/period-choice';
import { bieu06Columns, bieu06Of } from '../../src/lib/domain/bieu06';
import { vnDateOf } from '../../src/lib/domain/calendar/vn-time';
import { formatters } from '../../src/lib/i18n/format';
import {
	PROVINCE,
	seedEvents,
	startDashboardServer,
	type DashboardServer
} from './dashboard-server';
import { signIn } from './support/login';

/**
 * The inspection report as an inspector opens it (issue #11): the Biểu 06 table of the month against the REST
 * snapshot, the late dossier in its overdue list, and an Excel download whose figures are the page's.
 */
let server: DashboardServer;

test.beforeAll(async () => {
	test.setTimeout(120_000);
	server = await startDashboardServer();
	await server.ingest(seedEvents(Date.now(), 'R'));
});

test.afterAll(async () => {
	await server?.stop();
});

test.use({ storageState: { cookies: [], origins: [] } });

test('the report of Nghệ An for the month shows the snapshot’s figures and downloads them as XLSX', async ({
	page
}) => {
	await signIn(page, 'admin', server.base);
	const scope = `province:${PROVINCE}`;
	await page.goto(`${server.base}/report/${scope}?period=month`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Báo cáo kiểm tra: Nghệ An');

	const month = periodFromUrl(new URLSearchParams('period=month'), vnDateOf(Date.now())).period;
	const expected = bieu06Columns(bieu06Of(await server.snapshot(scope, month)));
	const f = formatters('vi');
	const total = page.getByTestId('report-bieu06').locator('tbody tr').last();
	await expect(total.locator('th')).toHaveText('Tổng cộng');
	await expect(total.locator('td')).toHaveText(expected.map((n) => f.integer(n)));
	await expect(page.getByTestId('report-overdue')).toContainText('E2E-R-OVERDUE');
	// The Decision 766 estimate, labelled as one, with the API's total for the same scope and month.
	const index = await server.serviceIndex(scope, month);
	await expect(
		page.getByRole('heading', { name: 'Ước tính Chỉ số phục vụ (Quyết định 766/QĐ-TTg)' })
	).toBeVisible();
	const indexTotal = page.getByTestId('report-serviceIndex').locator('tbody tr').last();
	await expect(indexTotal.locator('th')).toHaveText('Tổng điểm ước tính');
	await expect(indexTotal.locator('td').nth(1)).toHaveText(f.decimal(index.points));
	await expect(indexTotal.locator('td').nth(2)).toHaveText(f.integer(index.maxPoints));

	const download = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Tải Excel (XLSX)' }).click();
	const file = await (await download).path();
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(readFileSync(file) as unknown as ExcelJS.Buffer);
	const form = workbook.getWorksheet('Biểu 06')!;
	const rows: unknown[][] = [];
	form.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
	expect(rows.find((row) => row[0] === 'Tổng cộng')?.slice(1)).toEqual(expected);
	const stampedFingerprint = await page
		.getByTestId('report-stamp')
		.locator('dd')
		.last()
		.textContent();
	expect(stampedFingerprint).toMatch(/^[0-9a-f]{64}$/);
	await page.screenshot({ path: 'test-results/report-page.png', fullPage: true });
	// No serious or critical accessibility violations (axe-core), as the dashboards are held to.
	const results = await new AxeBuilder({ page }).analyze();
	expect(results.passes.length).toBeGreaterThan(0);
	expect(
		results.violations
			.filter((violation) => ['serious', 'critical'].includes(violation.impact ?? ''))
			.map(
				(violation) =>
					`${violation.id}: ${violation.nodes.map((n) => n.target.join(' ')).join(', ')}`
			)
	).toEqual([]);
});
