// Runs `vite build` before `npm start` when there is no build or a source file is newer than it,
// so a fresh clone starts with one command and an edited tree never serves stale pages.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const marker = 'build/handler.js';
const sources = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json'];

function newest(entry) {
	if (!existsSync(entry)) return 0;
	const stat = statSync(entry);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return readdirSync(entry).reduce((max, name) => Math.max(max, newest(path.join(entry, name))), 0);
}

const built = existsSync(marker) ? statSync(marker).mtimeMs : 0;
if (built === 0 || sources.some((entry) => newest(entry) > built)) {
	console.log(
		built === 0 ? 'No build yet: building the pages…' : 'Sources changed: rebuilding the pages…'
	);
	execSync('npx vite build', { stdio: 'inherit' });
}
