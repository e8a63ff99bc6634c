import { test as setup } from '@playwright/test';
import { signIn } from './login';
import { E2E_USERS, storageStatePath, type E2EUser } from './users';

// Signs each person in once through the login page and keeps the browser state for the tests.
for (const user of Object.keys(E2E_USERS) as E2EUser[]) {
	setup(`sign in as ${user}`, async ({ page }) => {
		await signIn(page, user);
		await page.context().storageState({ path: storageStatePath(user) });
	});
}
