import { expect, test } from '@playwright/test';

// Signed in as the administrator (the default storageState of playwright.config.ts): the nation is theirs.

test('the home page shows the nation’s live figures and says they are live', async ({ page }) => {
	await page.goto('/');
	const figures = page.getByRole('region', { name: 'Số liệu hôm nay' });
	await expect(figures.locator('[data-freshness]')).toHaveAttribute('data-freshness', 'live');
	await expect(figures.locator('[data-freshness]')).toContainText('Trực tiếp · số liệu lúc');
	await expect(figures.locator('dd[data-figure="inProgress.total"]')).toHaveText(/^\d[\d.]*$/);
	await expect(figures.locator('dd[data-figure="inProgress.overdue"]')).toHaveText(/^\d[\d.]*$/);
});

test('a reload without a connection shows the kept figures at once, marked with their age', async ({
	page
}) => {
	await page.goto('/');
	const figures = page.getByRole('region', { name: 'Số liệu hôm nay' });
	await expect(figures.locator('[data-freshness]')).toHaveAttribute('data-freshness', 'live');
	await expect
		.poll(() => page.evaluate(() => localStorage.getItem('mcl:live:national') !== null))
		.toBe(true);
	// The server can no longer be reached: neither WebSocket nor long-polling.
	await page.routeWebSocket(/\/socket\.io\//, (ws) => ws.close());
	await page.route(/\/socket\.io\//, (route) => route.abort());
	await page.reload();
	await expect(figures.locator('[data-freshness]')).toHaveAttribute(
		'data-freshness',
		'reconnecting'
	);
	await expect(figures.locator('[data-freshness]')).toContainText('số liệu lúc');
	await expect(figures.locator('dd[data-figure="inProgress.total"]')).toHaveText(/^\d[\d.]*$/);
});
