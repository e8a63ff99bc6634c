import { expect, type Page } from '@playwright/test';
import { E2E_USERS, storageStatePath, type E2EUser } from './users';

/**
 * Signs in through the real page, as a person does, and waits until it has left the sign-in page. Tests run
 * signed in as the admin of the shared e2e server by default (storageState); to run as someone else,
 * `test.use(signedInAs('director'))`; to start signed out, `test.use(signedOut)`. A test with a server of its
 * own creates the person there first (`createUserWithCli`) and signs in with `signIn(page, user, base)`.
 */
export async function signIn(page: Page, user: E2EUser, base = ''): Promise<void> {
	const { email, password } = E2E_USERS[user];
	await page.goto(`${base}/login`);
	const emailBox = page.getByLabel('Thư điện tử');
	const passwordBox = page.getByLabel('Mật khẩu');
	await emailBox.fill(email);
	await passwordBox.fill(password);
	await expect(emailBox).toHaveValue(email);
	await expect(passwordBox).toHaveValue(password);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(page).not.toHaveURL(/\/login/);
}

/** `test.use(signedInAs('leader'))`: the tests of a file run with that person's saved session. */
export function signedInAs(user: E2EUser) {
	return { storageState: storageStatePath(user) };
}

/** `test.use(signedOut)`: no cookies at all. */
export const signedOut = { storageState: { cookies: [], origins: [] } };
