import { defineConfig } from 'vitest/config';

// Test tiers by file suffix: `.test.ts` unit (pure, no I/O), `.int.test.ts` real Postgres and Redis,
// `.fault.test.ts` real processes under failure and hostile input, `.e2e.ts` Playwright.
export default defineConfig({
	test: {
		projects: [
			{
				test: {
					name: 'unit',
					include: ['src/**/*.test.ts', 'server/**/*.test.ts', 'tests/unit/**/*.test.ts'],
					exclude: ['**/*.int.test.ts', 'node_modules/**'],
					environment: 'node'
				}
			},
			{
				test: {
					name: 'int',
					include: ['server/**/*.int.test.ts', 'tests/integration/**/*.int.test.ts'],
					environment: 'node',
					// Integration tests start servers and child processes; one file at a time keeps two cores honest.
					fileParallelism: false,
					testTimeout: 60_000,
					hookTimeout: 120_000
				}
			},
			{
				test: {
					name: 'faults',
					include: ['tests/faults/**/*.fault.test.ts'],
					environment: 'node',
					// Each file kills and restarts real servers, Redis and Postgres: one at a time.
					fileParallelism: false,
					testTimeout: 240_000,
					hookTimeout: 120_000
				}
			}
		],
		coverage: {
			provider: 'v8',
			include: ['src/lib/domain/**/*.ts'],
			exclude: ['**/*.test.ts', '**/*.test-support.ts'],
			reporter: ['text-summary', 'text'],
			thresholds: { lines: 95 }
		}
	}
});
