import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { createUsersCommand, storageStatePath } from './tests/e2e/support/users';
import { nodeFlagsOf } from './tests/support/process';

// End-to-end tests drive Debian's Chromium (no browser download) against the real built server,
// started with its embedded defaults on a fresh data directory. The people the tests sign in as are created
// first with the real CLI (`user create`) on that directory; a setup project signs them in once.
const port = Number(process.env.E2E_PORT ?? 3107);
const dataDir = mkdtempSync(path.join(tmpdir(), 'mcl-e2e-'));
// The cli and the server run with package.json's own flags (`npm run cli`, `npm start`).
const node = (script: 'start' | 'cli') => ['node', ...nodeFlagsOf(script).flags].join(' ');

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	workers: 1,
	forbidOnly: true,
	reporter: [['list']],
	timeout: 30_000,
	use: {
		baseURL: `http://127.0.0.1:${port}`,
		browserName: 'chromium',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	projects: [
		{ name: 'setup', testMatch: /support\/auth\.setup\.ts$/ },
		{
			name: 'e2e',
			testMatch: '**/*.e2e.ts',
			dependencies: ['setup'],
			// Signed in as the administrator unless a file says otherwise (tests/e2e/support/login.ts).
			use: { storageState: storageStatePath('admin') }
		}
	],
	webServer: {
		command: `${createUsersCommand(node('cli'))} && ${node('start')} server/index.ts`,
		url: `http://127.0.0.1:${port}/healthz`,
		reuseExistingServer: false,
		timeout: 180_000,
		// No demo feed: its history backfill keeps two cores busy for minutes; the tests bring their own data.
		env: {
			PORT: String(port),
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			LOG_LEVEL: 'warn',
			DEMO: 'off'
		}
	}
});
