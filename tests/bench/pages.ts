/**
 * What a reader's browser pays for each dashboard page: JavaScript transferred, first contentful paint and the
 * time until the live connection is up, in headless Chromium (Debian's, /usr/bin/chromium) on localhost.
 *
 * One built server (`build/`, rebuilt first when stale) on a fresh embedded database (`DEMO=off`), loaded with
 * BENCH_PAGES_DAYS (default 3) days of Nghệ An (province 40) from the simulator, and signed in as its
 * administrator. Each page is opened once to warm the server, then BENCH_PAGES_RUNS times (default 5), each in a
 * new browser context (cold HTTP cache, new connections) with the signed-in cookies.
 *
 * - JS: every `.js` resource the page loaded before it was live and the network idle (Resource Timing). Chromium's
 *   own transfer (`encodedBodySize`, with the `content-encoding` the server chose for it), the raw size, and what
 *   the server sends for `accept-encoding: gzip` (its precompressed `.gz` files; zlib level 9 when none is served).
 * - FCP: `performance.getEntriesByName('first-contentful-paint')`.
 * - Live: when the header's live indicator first says connected (`[data-status="connected"]`), and when the
 *   page's figures first say live (`[data-freshness="live"]`, pages that follow a scope), both from navigation
 *   start (`performance.now()` in an init script's MutationObserver).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import type { DossierListPage } from '../../src/lib/contracts/snapshot';
import { signIn } from '../e2e/support/login';
import { createUserWithCli } from '../e2e/support/users';
import { createApiKey, listeningBase, LOCAL_SERVER, ROOT, runCli, runTs } from '../support/process';

const RUNS = Number(process.env.BENCH_PAGES_RUNS ?? 5);
const DAYS = Number(process.env.BENCH_PAGES_DAYS ?? 3);
const PROVINCE = '40';
/** Phường Thành Vinh. */
const WARD = '16681';
const TARGETS = { wardJsKbGzip: 200, fcpMsP50: 1000 };

const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

/** Nearest-rank percentile of a sorted list. */
function percentile(sorted: readonly number[], p: number): number | null {
	if (sorted.length === 0) return null;
	return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
const ms = (value: number | null) => (value === null ? null : Math.round(value));

/** The body bytes exactly as the server sends them for one `accept-encoding`, undecoded. */
function fetchEncoded(
	url: string,
	acceptEncoding: string
): Promise<{ bytes: Buffer; encoding: string }> {
	return new Promise((resolve, reject) => {
		http
			.get(url, { headers: { 'accept-encoding': acceptEncoding } }, (response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () => {
					if (response.statusCode !== 200)
						reject(new Error(`${url} answered ${response.statusCode}`));
					else
						resolve({
							bytes: Buffer.concat(chunks),
							encoding: String(response.headers['content-encoding'] ?? 'identity')
						});
				});
				response.on('error', reject);
			})
			.on('error', reject);
	});
}

/** Raw and gzip sizes of each script, once per URL (they are immutable, hashed files). */
const scriptSizes = new Map<string, { raw: number; gzip: number; gzipServed: boolean }>();
async function sizesOf(url: string) {
	let sizes = scriptSizes.get(url);
	if (!sizes) {
		const raw = await fetchEncoded(url, 'identity');
		const gzip = await fetchEncoded(url, 'gzip');
		const gzipServed = gzip.encoding === 'gzip';
		sizes = {
			raw: raw.bytes.length,
			gzip: gzipServed ? gzip.bytes.length : gzipSync(raw.bytes, { level: 9 }).length,
			gzipServed
		};
		scriptSizes.set(url, sizes);
	}
	return sizes;
}

/**
 * Installed before any page script: records when the page first shows it is live. A string, not a function:
 * tsx's transform would wrap named functions in a `__name` helper the page does not have.
 */
const RECORD_LIVE_MOMENTS = `(() => {
	const moments = { connected: null, figuresLive: null };
	window.__liveMoments = moments;
	const check = () => {
		if (moments.connected === null && document.querySelector('[data-status="connected"]'))
			moments.connected = performance.now();
		if (moments.figuresLive === null && document.querySelector('[data-freshness="live"]'))
			moments.figuresLive = performance.now();
	};
	new MutationObserver(check).observe(document, {
		subtree: true,
		childList: true,
		attributes: true,
		attributeFilter: ['data-status', 'data-freshness']
	});
})();`;

interface Run {
	fcpMs: number;
	liveMs: number;
	figuresLiveMs: number | null;
	scripts: { url: string; encodedBodySize: number; encoding: string }[];
}

async function visit(
	browser: Browser,
	storageState: Awaited<ReturnType<BrowserContext['storageState']>>,
	url: string
): Promise<{ status: number; run?: Run }> {
	const context = await browser.newContext({ storageState });
	try {
		const page = await context.newPage();
		await page.addInitScript(RECORD_LIVE_MOMENTS);
		const encodings = new Map<string, string>();
		page.on('response', (response) => {
			if (new URL(response.url()).pathname.endsWith('.js'))
				encodings.set(response.url(), response.headers()['content-encoding'] ?? 'identity');
		});
		const consoleLines: string[] = [];
		page.on('console', (message) => consoleLines.push(message.text()));
		const response = await page.goto(url, { waitUntil: 'load' });
		const status = response?.status() ?? 0;
		if (status !== 200) return { status };
		await page
			.waitForFunction(
				() =>
					(window as unknown as { __liveMoments: { connected: number | null } }).__liveMoments
						.connected !== null,
				undefined,
				{ timeout: 30_000 }
			)
			.catch(async (error: Error) => {
				const indicator = await page.locator('header').innerHTML();
				throw new Error(
					`${url}: never live (${error.message})\nheader: ${indicator}\nconsole: ${consoleLines.join('\n')}`
				);
			});
		// Figures that follow a scope go live after the connection; give them (and any lazy chunk) time to land.
		await page.waitForLoadState('networkidle');
		const measured = await page.evaluate(() => {
			const moments = (
				window as unknown as {
					__liveMoments: { connected: number | null; figuresLive: number | null };
				}
			).__liveMoments;
			const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
			const scripts = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
				.filter((entry) => new URL(entry.name).pathname.endsWith('.js'))
				.map((entry) => ({ url: entry.name, encodedBodySize: entry.encodedBodySize }));
			return { fcp, moments, scripts };
		});
		if (measured.fcp === null) throw new Error(`${url}: no first-contentful-paint entry`);
		return {
			status,
			run: {
				fcpMs: measured.fcp,
				liveMs: measured.moments.connected!,
				figuresLiveMs: measured.moments.figuresLive,
				scripts: measured.scripts.map((s) => ({
					...s,
					encoding: encodings.get(s.url) ?? 'unknown'
				}))
			}
		};
	} finally {
		await context.close();
	}
}

interface PageFigures {
	path: string;
	runs: number;
	scripts: number;
	sameScriptsEveryRun: boolean;
	jsKbGzip: number;
	jsGzipFrom: string;
	jsKbRaw: number;
	jsKbTransferred: number;
	jsEncodingsChromiumGot: string[];
	fcpMsP50: number | null;
	fcpMsP95: number | null;
	liveMsP50: number | null;
	liveMsP95: number | null;
	figuresLiveMsP50: number | null;
	figuresLiveMsP95: number | null;
}

async function measurePage(
	browser: Browser,
	storageState: Awaited<ReturnType<BrowserContext['storageState']>>,
	base: string,
	pagePath: string
): Promise<PageFigures> {
	const warm = await visit(browser, storageState, `${base}${pagePath}`);
	if (warm.status !== 200) throw new Error(`${pagePath} answered ${warm.status}`);
	const runs: Run[] = [];
	for (let i = 0; i < RUNS; i++) {
		const { status, run } = await visit(browser, storageState, `${base}${pagePath}`);
		if (!run) throw new Error(`${pagePath} answered ${status} on run ${i + 1}`);
		runs.push(run);
	}
	// Every cold run loads the same hashed files; the bytes of the last run stand for all (checked below).
	const last = runs.at(-1)!;
	const sameScripts = runs.every(
		(run) =>
			run.scripts
				.map((s) => s.url)
				.sort()
				.join() ===
			last.scripts
				.map((s) => s.url)
				.sort()
				.join()
	);
	let raw = 0;
	let gzip = 0;
	let gzipServed = true;
	for (const script of last.scripts) {
		const sizes = await sizesOf(script.url);
		raw += sizes.raw;
		gzip += sizes.gzip;
		gzipServed &&= sizes.gzipServed;
	}
	const transferred = last.scripts.reduce((sum, s) => sum + s.encodedBodySize, 0);
	const sorted = (values: (number | null)[]) =>
		values.filter((v): v is number => v !== null).sort((a, b) => a - b);
	const fcp = sorted(runs.map((r) => r.fcpMs));
	const live = sorted(runs.map((r) => r.liveMs));
	const figuresLive = sorted(runs.map((r) => r.figuresLiveMs));
	return {
		path: pagePath,
		runs: RUNS,
		scripts: last.scripts.length,
		sameScriptsEveryRun: sameScripts,
		jsKbGzip: kb(gzip),
		jsGzipFrom: gzipServed ? 'server (precompressed .gz)' : 'zlib level 9 of the raw files',
		jsKbRaw: kb(raw),
		jsKbTransferred: kb(transferred),
		jsEncodingsChromiumGot: [...new Set(last.scripts.map((s) => s.encoding))],
		fcpMsP50: ms(percentile(fcp, 0.5)),
		fcpMsP95: ms(percentile(fcp, 0.95)),
		liveMsP50: ms(percentile(live, 0.5)),
		liveMsP95: ms(percentile(live, 0.95)),
		figuresLiveMsP50: ms(percentile(figuresLive, 0.5)),
		figuresLiveMsP95: ms(percentile(figuresLive, 0.95))
	};
}

async function readyz(base: string) {
	for (let i = 0; i < 600; i++) {
		const ready = await fetch(`${base}/readyz`).catch(() => null);
		if (ready?.status === 200) return;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error('the server was not ready after 2 minutes');
}

export async function pagesBench() {
	execFileSync(process.execPath, ['scripts/build-if-stale.mjs'], { cwd: ROOT, stdio: 'inherit' });
	const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mcl-bench-pages-'));
	const env = { DATA_DIR: dataDir, LOG_LEVEL: 'warn', DEMO: 'off' };
	let server: ReturnType<typeof runTs> | undefined;
	let browser: Browser | undefined;
	try {
		// The embedded database admits one process at a time: people, key and history before the server.
		await createUserWithCli(env, 'admin');
		const created = await createApiKey(env, 'bench pages', 'national');
		if (created.exit.code !== 0) throw new Error(`apikey create failed: ${created.key}`);
		const loaded = await runCli(env, [
			'simulate',
			'--province',
			PROVINCE,
			'--days',
			String(DAYS),
			'--no-live'
		]);
		if (loaded.code !== 0) throw new Error(`simulate failed:\n${loaded.output}`);
		const history = JSON.parse(loaded.last) as { history: { events: number } };

		server = runTs('server/index.ts', { ...env, ...LOCAL_SERVER });
		const base = await listeningBase(server);
		await readyz(base);
		// An open dossier of the ward, else one of the province, else a resolved one: a short history that is all
		// weekend holds only online submissions still awaiting intake.
		const firstDossier = async (query: Record<string, string>) => {
			const list = await fetch(
				`${base}/api/v1/dossiers?${new URLSearchParams({ ...query, limit: '1' })}`,
				{ headers: { authorization: `Bearer ${created.key}` } }
			);
			if (!list.ok) throw new Error(`dossier list: ${list.status} ${await list.text()}`);
			return ((await list.json()) as DossierListPage).items[0]?.code;
		};
		const dossier =
			(await firstDossier({ scope: `ward:${WARD}`, status: 'open' })) ??
			(await firstDossier({ scope: `province:${PROVINCE}` })) ??
			(await firstDossier({ scope: `province:${PROVINCE}`, status: 'resolved' }));
		if (!dossier) throw new Error(`province ${PROVINCE} has no dossier to open`);

		browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
		const signing = await browser.newContext();
		await signIn(await signing.newPage(), 'admin', base);
		const storageState = await signing.storageState();
		await signing.close();

		const pages = [];
		for (const pagePath of [
			'/',
			`/province/${PROVINCE}`,
			`/ward/${WARD}`,
			`/dossier/${encodeURIComponent(dossier)}`
		]) {
			pages.push(await measurePage(browser, storageState, base, pagePath));
		}
		const ward = pages.find((p) => p.path === `/ward/${WARD}`);
		return {
			data: { province: PROVINCE, days: DAYS, events: history.history.events },
			browser: `headless Chromium ${browser.version()} (/usr/bin/chromium), a new context per run`,
			pages,
			targets: {
				wardJsKbGzip: `≤ ${TARGETS.wardJsKbGzip}`,
				fcpMsP50: `≤ ${TARGETS.fcpMsP50} on every page`
			},
			met: {
				wardJsKbGzip: ward ? ward.jsKbGzip <= TARGETS.wardJsKbGzip : null,
				fcpMsP50: pages.every((p) => p.fcpMsP50 !== null && p.fcpMsP50 <= TARGETS.fcpMsP50)
			}
		};
	} finally {
		await browser?.close();
		if (server && server.child.exitCode === null) {
			server.child.kill('SIGTERM');
			await server.exited;
		}
		rmSync(dataDir, { recursive: true, force: true });
	}
}
