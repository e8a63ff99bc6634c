import { expect, test } from '@playwright/test';

// Signed in as the administrator (the default storageState of playwright.config.ts): the nation is theirs.

test('the home page is the nation: every province ranked, each linking to its page, in Vietnamese', async ({
	page
}) => {
	await page.goto('/');
	await expect(page).toHaveTitle('Một Cửa Live');
	await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cả nước');
	const ranking = page.getByRole('region', { name: 'Xếp hạng tỉnh, thành phố' });
	await expect(ranking.locator('tbody tr')).toHaveCount(34);
	await expect(ranking.getByRole('link', { name: 'Tỉnh Nghệ An' })).toHaveAttribute(
		'href',
		'/province/40'
	);
	// vi-VN grouping: 3.321 wards in all.
	await expect(page.getByText('34 tỉnh, thành phố · 3.321 xã, phường, đặc khu')).toBeVisible();
});

test('the live indicator shows when the /live namespace is connected', async ({ page }) => {
	await page.goto('/');
	const indicator = page.getByRole('status', { name: 'Trạng thái kết nối trực tuyến' });
	await expect(indicator).toHaveAttribute('data-status', 'connected');
	await expect(indicator).toContainText('Trực tuyến');
});

test('English is a switch, remembered across pages', async ({ page }) => {
	await page.goto('/');
	await page.getByRole('link', { name: 'Switch to English' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('The nation');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await page.goto('/');
	await expect(page.getByText('34 provinces and cities · 3,321 wards and communes')).toBeVisible();
});

test('the API page lists the operations and the native event fields', async ({ page }) => {
	await page.goto('/api-docs');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Một Cửa Live API');
	await expect(page.locator('section.op').filter({ hasText: '/api/v1/events' })).toContainText(
		'POST'
	);
	const atRow = page.locator('tr').filter({ has: page.locator('code', { hasText: /^at$/ }) });
	await expect(atRow).toContainText('RFC 3339 date-time');
	await expect(page.getByRole('link', { name: '/api/v1/openapi.json' })).toBeVisible();
});
