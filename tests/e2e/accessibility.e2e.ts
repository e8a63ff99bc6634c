import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import {
	PROVINCE,
	seedEvents,
	startDashboardServer,
	WARD,
	type DashboardServer
} from './dashboard-server';
import { signIn } from './support/login';

/**
 * Every page, in Vietnamese and in English, has no serious or critical axe-core violation, and leaves a full-page
 * screenshot (attached to the report and kept as `test-results/screenshots/<page>-<lang>.png`), with axe's findings
 * (`test-results/axe/<page>-<lang>.json`).
 */

let server: DashboardServer;
const TAG = 'A11Y';
const DOSSIER = `E2E-${TAG}-OVERDUE`;

test.beforeAll(async () => {
	test.setTimeout(120_000);
	server = await startDashboardServer();
	await server.ingest(seedEvents(Date.now(), TAG));
});

test.afterAll(async () => {
	await server?.stop();
});

// This file's server has its own people: each test signs in there (or stays out, for the sign-in page).
test.use({ storageState: { cookies: [], origins: [] } });

const LANGS = ['vi', 'en'] as const;
type Lang = (typeof LANGS)[number];

/** The pages a signed-in administrator reads, by the name their screenshot gets. */
const SIGNED_IN_PAGES: [name: string, path: string][] = [
	['home', '/'],
	['province', `/province/${PROVINCE}`],
	['ward', `/ward/${WARD}`],
	['dossier', `/dossier/${DOSSIER}`],
	['admin', '/admin'],
	['admin-users', '/admin/users'],
	['admin-grants', '/admin/grants'],
	['admin-displays', '/admin/displays'],
	['admin-keys', '/admin/keys'],
	['admin-procedures', '/admin/procedures'],
	['admin-calendar', '/admin/calendar'],
	['admin-audit', '/admin/audit'],
	['api-docs', '/api-docs']
];

const SERIOUS = new Set(['serious', 'critical']);

function withLang(pagePath: string, lang: Lang) {
	return `${server.base}${pagePath}${pagePath.includes('?') ? '&' : '?'}lang=${lang}`;
}

/** Waits until the page has hydrated and, for a signed-in reader, its live connection is up. */
async function settled(page: Page, lang: Lang, signedIn: boolean) {
	await expect(page.locator('html')).toHaveAttribute('lang', lang);
	if (signedIn)
		await expect(page.locator('[data-status]')).toHaveAttribute('data-status', 'connected');
	await page.waitForLoadState('networkidle');
	// The overviews' service index card is streamed: check it once it shows the estimate, not its loading line.
	const card = page.getByTestId('service-index-card');
	if ((await card.count()) > 0) await expect(card).toHaveAttribute('data-state', 'ready');
}

async function screenshot(page: Page, testInfo: TestInfo, name: string) {
	const body = await page.screenshot({ fullPage: true });
	await testInfo.attach(name, { body, contentType: 'image/png' });
	const dir = path.join('test-results', 'screenshots');
	mkdirSync(dir, { recursive: true });
	writeFileSync(path.join(dir, `${name}.png`), body);
}

/** axe-core over the whole page; fails with each serious or critical violation's rule, help and elements. */
async function expectNoSeriousViolations(page: Page, testInfo: TestInfo, name: string) {
	const results = await new AxeBuilder({ page }).analyze();
	// Every finding (minor and moderate ones too, and what axe could not decide) is kept for the record.
	const findings = {
		url: page.url(),
		violations: results.violations,
		incomplete: results.incomplete.map(({ id, impact, help, nodes }) => ({
			id,
			impact,
			help,
			nodes: nodes.map((node) => ({
				target: node.target.join(' '),
				summary: node.failureSummary ?? ''
			}))
		})),
		passes: results.passes.length
	};
	const json = JSON.stringify(findings, null, 2);
	await testInfo.attach(`axe-${name}`, { body: json, contentType: 'application/json' });
	mkdirSync(path.join('test-results', 'axe'), { recursive: true });
	writeFileSync(path.join('test-results', 'axe', `${name}.json`), json);
	// axe ran over a real page: it checked rules and found them kept.
	expect(results.passes.length).toBeGreaterThan(0);
	const serious = results.violations
		.filter((violation) => SERIOUS.has(violation.impact ?? ''))
		.map(
			(violation) =>
				`${violation.id} [${violation.impact}] ${violation.help} (${violation.helpUrl})\n` +
				violation.nodes
					.map((node) => `    ${node.target.join(' ')}: ${node.failureSummary ?? ''}`)
					.join('\n')
		);
	expect(serious, `serious or critical axe violations on ${page.url()}`).toEqual([]);
}

for (const lang of LANGS) {
	for (const [name, pagePath] of SIGNED_IN_PAGES) {
		test(`${name} (${lang}): no serious or critical axe violation`, async ({ page }, testInfo) => {
			await signIn(page, 'admin', server.base);
			const response = await page.goto(withLang(pagePath, lang));
			expect(response?.status()).toBe(200);
			await settled(page, lang, true);
			await screenshot(page, testInfo, `${name}-${lang}`);
			await expectNoSeriousViolations(page, testInfo, `${name}-${lang}`);
		});
	}

	test(`login (${lang}), signed out: no serious or critical axe violation`, async ({
		page
	}, testInfo) => {
		const response = await page.goto(withLang('/login', lang));
		expect(response?.status()).toBe(200);
		await settled(page, lang, false);
		await screenshot(page, testInfo, `login-${lang}`);
		await expectNoSeriousViolations(page, testInfo, `login-${lang}`);
	});
}
