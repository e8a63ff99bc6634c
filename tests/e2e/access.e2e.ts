import { expect, test } from '@playwright/test';
import { signedInAs, signedOut } from './support/login';
import { E2E_USERS } from './support/users';

test.describe('signing in and out', () => {
	test.use(signedOut);

	test('an anonymous visitor is sent to the Vietnamese sign-in page, and comes back after signing in', async ({
		page
	}) => {
		await page.goto('/ward/16681');
		await expect(page).toHaveURL(/\/login\?next=%2Fward%2F16681$/);
		await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đăng nhập');
		await expect(page.getByRole('status')).toHaveText('Vui lòng đăng nhập để tiếp tục.');
		await expect(page.getByLabel('Thư điện tử')).toBeVisible();
		await expect(page.getByLabel('Mật khẩu')).toBeVisible();
		await page.getByLabel('Thư điện tử').fill(E2E_USERS.director.email);
		await page.getByLabel('Mật khẩu').fill(E2E_USERS.director.password);
		await page.getByRole('button', { name: 'Đăng nhập' }).click();
		await expect(page).toHaveURL(/\/ward\/16681$/);
	});

	test('a wrong password is refused with a plain message, and the e-mail is kept', async ({
		page
	}) => {
		await page.goto('/login');
		await page.getByLabel('Thư điện tử').fill(E2E_USERS.leader.email);
		await page.getByLabel('Mật khẩu').fill('not-the-password');
		await page.getByRole('button', { name: 'Đăng nhập' }).click();
		await expect(page.getByRole('alert')).toHaveText('Thư điện tử hoặc mật khẩu không đúng.');
		await expect(page.getByLabel('Thư điện tử')).toHaveValue(E2E_USERS.leader.email);
		await expect(page).toHaveURL(/\/login/);
	});

	test('signing in shows the dashboard; signing out ends the session', async ({ page }) => {
		await page.goto('/login');
		await page.getByLabel('Thư điện tử').fill(E2E_USERS.admin.email);
		await page.getByLabel('Mật khẩu').fill(E2E_USERS.admin.password);
		await page.getByRole('button', { name: 'Đăng nhập' }).click();
		await expect(page).toHaveURL(/\/$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cả nước');
		const cookies = await page.context().cookies();
		expect(cookies.find((c) => c.name === 'mcl_session')).toMatchObject({
			httpOnly: true,
			sameSite: 'Lax'
		});
		await page.getByRole('button', { name: 'Đăng xuất' }).click();
		await expect(page).toHaveURL(/\/login\?signedOut$/);
		await expect(page.getByRole('status')).toHaveText('Bạn đã đăng xuất.');
		await page.goto('/');
		await expect(page).toHaveURL(/\/login$/);
	});

	test('what was typed before the page’s scripts ran is still there after they run', async ({
		page
	}) => {
		// Hold the page's scripts back while typing, as on a slow connection, then let them hydrate the page.
		let release = () => {};
		const held = new Promise<void>((resolve) => (release = resolve));
		await page.route('**/_app/immutable/**/*.js', async (route) => {
			await held;
			await route.continue();
		});
		await page.goto('/login', { waitUntil: 'domcontentloaded' });
		await page.getByLabel('Thư điện tử').fill(E2E_USERS.admin.email);
		await page.getByLabel('Mật khẩu').fill(E2E_USERS.admin.password);
		release();
		await page.waitForLoadState('networkidle');
		await expect(page.getByLabel('Thư điện tử')).toHaveValue(E2E_USERS.admin.email);
		await page.getByRole('button', { name: 'Đăng nhập' }).click();
		await expect(page).toHaveURL(/\/$/);
	});

	test('the sign-in page switches to English', async ({ page }) => {
		await page.goto('/login?lang=en');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
		await expect(page.getByLabel('E-mail')).toBeVisible();
		await page.goto('/login?lang=vi');
	});

	test('pages carry a Content-Security-Policy that forbids framing', async ({ page }) => {
		const response = await page.goto('/login');
		const csp = response!.headers()['content-security-policy'];
		expect(csp).toContain("frame-ancestors 'none'");
		expect(csp).toMatch(/script-src 'self' 'nonce-/);
		expect(response!.headers()['x-content-type-options']).toBe('nosniff');
	});
});

test.describe('administration', () => {
	test('an admin reaches the administration pages', async ({ page }) => {
		await page.goto('/');
		await page.getByRole('link', { name: 'Quản trị' }).click();
		await expect(page).toHaveURL(/\/admin\/users$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Người dùng');
		await expect(page.locator(`tr[data-user="${E2E_USERS.director.email}"]`)).toBeVisible();
		for (const [name, heading] of [
			['Quyền kiểm tra có thời hạn', 'Quyền kiểm tra có thời hạn'],
			['Màn hình trình chiếu', 'Màn hình trình chiếu'],
			['Khóa API', 'Khóa API'],
			['Danh mục thủ tục', 'Danh mục thủ tục'],
			['Nhật ký', 'Nhật ký']
		]) {
			await page.getByRole('link', { name, exact: true }).click();
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
		}
		await expect(page.locator('tr[data-action="login.success"]').first()).toBeVisible();
	});

	test('an admin creates a display; its URL opens the ward’s wall, and revoking it cuts the screen off', async ({
		page,
		browser
	}) => {
		await page.goto('/admin/displays');
		await page.getByLabel('Tên', { exact: true }).fill('TV sảnh Phường Thành Vinh');
		await page.getByLabel('Phạm vi').fill('ward:16681');
		await page.getByRole('button', { name: 'Tạo' }).click();
		const url = await page.locator('[data-secret="display-url"]').textContent();
		expect(url).toMatch(/\/display\/mcd_/);
		const screen = await browser.newContext(signedOut);
		const tv = await screen.newPage();
		await tv.goto(url!);
		// A display opens its scope's wall (tests/e2e/wall.e2e.ts has the wall itself).
		await expect(tv).toHaveURL(/\/wall\/ward\/16681$/);
		await expect(tv.locator('[data-wall]')).toHaveAttribute('data-freshness', 'live');

		// Revoked, the screen is cut off within 5 seconds and says so in words.
		await page.goto('/admin/displays');
		await page
			.locator('tr', { hasText: 'TV sảnh Phường Thành Vinh' })
			.getByRole('button', { name: 'Thu hồi' })
			.click();
		await expect(tv.getByRole('alert')).toContainText('Màn hình này đã bị thu hồi', {
			timeout: 5_000
		});
		await tv.reload();
		await expect(tv).toHaveURL(/\/wall\/revoked$/);
		await expect(tv.getByRole('alert')).toContainText(
			'Vui lòng liên hệ quản trị viên để được cấp đường dẫn mới.'
		);
		await expect(tv.locator('input, form')).toHaveCount(0);
		await screen.close();
	});
});

test.describe('a ward director', () => {
	test.use(signedInAs('director'));

	test('starts on their ward, and may open neither another ward nor the administration', async ({
		page
	}) => {
		await page.goto('/');
		await expect(page).toHaveURL(/\/ward\/16681$/);
		await expect(page.getByRole('link', { name: 'Quản trị' })).toHaveCount(0);
		const admin = await page.goto('/admin/users');
		expect(admin!.status()).toBe(403);
		await expect(page.getByText('Chỉ quản trị viên được vào trang này.')).toBeVisible();
		const other = await page.goto('/ward/16690');
		expect(other!.status()).toBe(403);
		await expect(page.getByText('Bạn không có quyền xem phạm vi này.')).toBeVisible();
	});
});
