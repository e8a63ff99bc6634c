/**
 * Soak of a wall display (issue #10): one wall page in headless Chromium (Debian's, /usr/bin/chromium) against the
 * real built server for BENCH_SOAK_MINUTES (default 30), while BENCH_SOAK_RATE (default 20) events a second are
 * ingested through `POST /api/v1/events` for the wall's ward. Every BENCH_SOAK_SAMPLE_SECONDS (default 60) the
 * page's garbage is collected (CDP `HeapProfiler.collectGarbage`) and its JS heap, DOM nodes and event listeners
 * are read (CDP `Performance.getMetrics`). Growth is measured after BENCH_SOAK_WARMUP_MINUTES (default 5): the mean
 * of the last three samples against the mean of the first three after warm-up (target ≤ 10%).
 *
 * The server: `build/` (rebuilt first when stale) on a fresh embedded database (`DEMO=off`) holding
 * BENCH_SOAK_DAYS (default 1) days of Nghệ An's history from the simulator, so the lists and ranking have rows.
 * The wall is opened by its display URL, as a TV does, with its playlist turning every 15 s so that every panel
 * is built and torn down many times (a ward's four panels make one minute, so each sample, taken 7 s into a
 * panel, sees the same panel and DOM counts compare like with like), and active all day (the soak may run at
 * night).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import type { NativeEventInput } from '../../src/lib/contracts/ingest';
import { createApiKey, listeningBase, LOCAL_SERVER, ROOT, runCli, runTs } from '../support/process';

const MINUTES = Number(process.env.BENCH_SOAK_MINUTES ?? 30);
const WARMUP_MINUTES = Number(process.env.BENCH_SOAK_WARMUP_MINUTES ?? 5);
const SAMPLE_SECONDS = Number(process.env.BENCH_SOAK_SAMPLE_SECONDS ?? 60);
const RATE = Number(process.env.BENCH_SOAK_RATE ?? 20);
const DAYS = Number(process.env.BENCH_SOAK_DAYS ?? 1);
const PROVINCE = '40';
/** Phường Thành Vinh. */
const WARD = '16681';
const TARGET_GROWTH_PCT = 10;
/** The playlist's interval: a ward's four panels take one minute, the sampling period. */
const PANEL_SECONDS = 15;

const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--enable-precise-memory-info'
];

const HOUR = 3_600_000;
/** RFC 3339 in Vietnam time, as a one-door system sends it. */
const vnIso = (at: number) => `${new Date(at + 7 * HOUR).toISOString().slice(0, 19)}+07:00`;

/** Procedures of the catalogue the dossiers cycle through (same day, working days, immediate). */
const PROCEDURES = ['2.000815', '1.001193', '1.001612', '2.000884', '1.001776'];
const CHANNELS = ['direct', 'online', 'postal'] as const;
/** Each dossier's life after its receipt, one step per second: 5 events a dossier. */
const LIFE: Omit<NativeEventInput, 'id' | 'dossier' | 'ward' | 'at'>[] = [
	{ type: 'stage_changed', stage: 'processing' },
	{ type: 'stage_changed', stage: 'approval' },
	{ type: 'completed' },
	{ type: 'returned' }
];

/**
 * A steady stream for one ward: every second `rate / 5` new dossiers are received and each dossier received
 * earlier takes its next step, so the stream settles at `rate` events a second (receipts, stage changes,
 * completions and returns, as the figures and the ticker see them).
 */
function streamFor(rate: number) {
	const perSecond = Math.max(1, Math.round(rate / (LIFE.length + 1)));
	let next = 0;
	/** Dossiers in flight: code and the index of their next step (a fixed window: 4 steps × perSecond). */
	let inFlight: { code: string; step: number }[] = [];
	return (now: number): NativeEventInput[] => {
		const at = vnIso(now);
		const events: NativeEventInput[] = [];
		for (const dossier of inFlight) {
			const step = LIFE[dossier.step];
			events.push({
				...step,
				id: `${dossier.code}:${dossier.step + 1}`,
				dossier: dossier.code,
				ward: WARD,
				at
			});
			dossier.step += 1;
		}
		inFlight = inFlight.filter((dossier) => dossier.step < LIFE.length);
		for (let i = 0; i < perSecond; i++, next++) {
			const code = `SOAK-${WARD}-${next}`;
			events.push({
				id: `${code}:0`,
				dossier: code,
				ward: WARD,
				type: 'received',
				at,
				procedure: PROCEDURES[next % PROCEDURES.length],
				channel: CHANNELS[next % CHANNELS.length]
			});
			inFlight.push({ code, step: 0 });
		}
		return events;
	};
}

interface Sample {
	minute: number;
	heapMb: number;
	nodes: number;
	listeners: number;
	freshness: string | null;
	panel: string | null;
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Growth of a measure after warm-up, in percent: last three samples against the first three after it. */
function growthPct(samples: Sample[], pick: (s: Sample) => number): number | null {
	const after = samples.filter((s) => s.minute > WARMUP_MINUTES);
	if (after.length < 2) return null;
	const n = Math.min(3, Math.floor(after.length / 2));
	const first = mean(after.slice(0, n).map(pick));
	const last = mean(after.slice(-n).map(pick));
	return round(((last - first) / first) * 100);
}

async function readyz(base: string) {
	for (const started = Date.now(); Date.now() - started < 120_000;) {
		const response = await fetch(`${base}/readyz`).catch(() => null);
		if (response?.ok) return;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error('the server was not ready after 2 minutes');
}

export async function soakBench() {
	execFileSync(process.execPath, ['scripts/build-if-stale.mjs'], { cwd: ROOT, stdio: 'inherit' });
	const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mcl-bench-soak-'));
	const env = { DATA_DIR: dataDir, LOG_LEVEL: 'warn', DEMO: 'off' };
	let server: ReturnType<typeof runTs> | undefined;
	let browser: Browser | undefined;
	try {
		// The embedded database admits one process at a time: key, display and history before the server.
		const created = await createApiKey(env, 'bench soak', 'national');
		if (created.exit.code !== 0) throw new Error(`apikey create failed: ${created.key}`);
		const display = await runCli(env, ['display', 'create', '--ward', WARD, '--name', 'Soak TV']);
		const token = /\/display\/(\S+)$/.exec(display.last)?.[1];
		if (display.code !== 0 || !token) throw new Error(`display create: ${display.output}`);
		if (DAYS > 0) {
			const loaded = await runCli(env, [
				'simulate',
				'--province',
				PROVINCE,
				'--days',
				String(DAYS),
				'--no-live'
			]);
			if (loaded.code !== 0) throw new Error(`simulate failed:\n${loaded.output}`);
		}

		server = runTs('server/index.ts', {
			...env,
			...LOCAL_SERVER,
			WALL_ACTIVE_HOURS: '00:00-24:00'
		});
		const base = await listeningBase(server);
		await readyz(base);

		browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
		const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
		const page = await context.newPage();
		await page.goto(`${base}/display/${token}`);
		await page.goto(`${base}/wall/ward/${WARD}?interval=${PANEL_SECONDS}`);
		await page.locator('[data-wall][data-freshness="live"]').waitFor({ timeout: 60_000 });
		// In step with the playlist: the samples start 7 s after a panel came on screen.
		const shown = await page.locator('[data-panel]').getAttribute('data-panel');
		await page
			.locator(`[data-panel]:not([data-panel="${shown}"])`)
			.waitFor({ timeout: (PANEL_SECONDS + 5) * 1000 });
		await new Promise((resolve) => setTimeout(resolve, 7_000));
		const cdp = await context.newCDPSession(page);
		await cdp.send('Performance.enable');

		// The ingest: one request a second with that second's events, for the whole soak.
		const next = streamFor(RATE);
		let accepted = 0;
		let failedRequests = 0;
		const ingest = setInterval(() => {
			const events = next(Date.now());
			void fetch(`${base}/api/v1/events`, {
				method: 'POST',
				headers: {
					authorization: `Bearer ${created.key}`,
					'content-type': 'application/json'
				},
				body: JSON.stringify({ events })
			})
				.then(async (response) => {
					if (!response.ok) failedRequests += 1;
					else accepted += ((await response.json()) as { accepted: number }).accepted;
				})
				.catch(() => (failedRequests += 1));
		}, 1_000);

		const samples: Sample[] = [];
		const started = Date.now();
		const sample = async (minute: number) => {
			await cdp.send('HeapProfiler.collectGarbage');
			const { metrics } = await cdp.send('Performance.getMetrics');
			const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
			const wall = page.locator('[data-wall]');
			samples.push({
				minute,
				heapMb: round(metric('JSHeapUsedSize') / 2 ** 20, 2),
				nodes: metric('Nodes'),
				listeners: metric('JSEventListeners'),
				freshness: await wall.getAttribute('data-freshness'),
				panel: await page.locator('[data-panel]').getAttribute('data-panel')
			});
			process.stderr.write(`soak ${JSON.stringify(samples.at(-1))}\n`);
		};
		await sample(0);
		const total = MINUTES * 60_000;
		for (let i = 1; i * SAMPLE_SECONDS * 1000 <= total; i++) {
			const due = started + i * SAMPLE_SECONDS * 1000;
			await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
			await sample(round((i * SAMPLE_SECONDS) / 60, 2));
		}
		clearInterval(ingest);
		const elapsedS = (Date.now() - started) / 1000;
		const heapGrowth = growthPct(samples, (s) => s.heapMb);
		const nodesGrowth = growthPct(samples, (s) => s.nodes);
		const listenersGrowth = growthPct(samples, (s) => s.listeners);
		const notLive = samples.filter((s) => s.freshness !== 'live').length;
		return {
			minutes: round(elapsedS / 60, 1),
			warmupMinutes: WARMUP_MINUTES,
			ratePerSecond: RATE,
			eventsAccepted: accepted,
			eventsPerSecond: round(accepted / elapsedS),
			failedRequests,
			historyDays: DAYS,
			samples,
			heap: {
				firstMb: samples[0].heapMb,
				minMb: Math.min(...samples.map((s) => s.heapMb)),
				maxMb: Math.max(...samples.map((s) => s.heapMb)),
				lastMb: samples.at(-1)!.heapMb,
				growthAfterWarmupPct: heapGrowth
			},
			domNodes: {
				first: samples[0].nodes,
				min: Math.min(...samples.map((s) => s.nodes)),
				max: Math.max(...samples.map((s) => s.nodes)),
				last: samples.at(-1)!.nodes,
				growthAfterWarmupPct: nodesGrowth
			},
			listeners: { growthAfterWarmupPct: listenersGrowth },
			samplesNotLive: notLive,
			target: { growthPct: TARGET_GROWTH_PCT },
			pass:
				heapGrowth !== null &&
				nodesGrowth !== null &&
				heapGrowth <= TARGET_GROWTH_PCT &&
				nodesGrowth <= TARGET_GROWTH_PCT &&
				notLive === 0
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
