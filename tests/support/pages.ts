import { execFileSync } from 'node:child_process';
import { ROOT } from './process';

/**
 * Builds the SvelteKit pages when the build is missing or older than the sources (the same check as
 * `npm start`), for integration tests that request pages through the real handler.
 */
export function ensurePagesBuilt(): void {
	execFileSync(process.execPath, ['scripts/build-if-stale.mjs'], { cwd: ROOT, stdio: 'pipe' });
}
