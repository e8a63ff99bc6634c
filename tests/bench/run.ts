/**
 * `npm run bench [-- [--quick] [--no-record] <scenario> ...]`: runs the named scenarios (default: all), prints one
 * JSON line per scenario with its full figures, then one summary line (machine, date, each headline figure next to
 * its target) and writes that summary into `tests/bench/RESULTS.md`. Performance targets live here, never in timed
 * unit tests. `--quick` shrinks every scenario (sizes set through their environment variables, which still win)
 * so the whole suite fits in a CI run; without it the scenarios run at the issues' scales (a million dossiers).
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { figuresOf } from './figures';
import { recordSummary, type BenchSummary } from './results-file';

/** Sizes for `--quick`: each scenario's environment knobs, chosen so the suite takes a few minutes. */
const QUICK_SIZES: Record<string, string> = {
	BENCH_REQUESTS: '100',
	BENCH_INGEST_EVENTS: '20000',
	BENCH_DOSSIERS: '20000',
	BENCH_LIVE_CLIENTS: '300',
	BENCH_LIVE_SECONDS: '15',
	BENCH_LIVE_RATE: '200',
	BENCH_PAGES_RUNS: '2',
	// Four days hold a working day after any weekend.
	BENCH_PAGES_DAYS: '4',
	BENCH_READS: '2',
	BENCH_PAYLOAD_DAYS: '7',
	// A short soak: three minutes, the first one warm-up, sampled every 20 s.
	BENCH_SOAK_MINUTES: '3',
	BENCH_SOAK_WARMUP_MINUTES: '1',
	BENCH_SOAK_SAMPLE_SECONDS: '20'
};

/** Sizes of a full run where a scenario's own default is smaller than its target's scale. */
const FULL_SIZES: Record<string, string> = {
	// The national scale of the aggregate and Decision 766 targets: 3,321 wards, 1,000,000 dossiers.
	BENCH_DOSSIERS: '1000000'
};

// Scenario modules read their sizes when loaded, so they are imported only after the sizes are set.
const SCENARIOS: Record<string, () => Promise<() => Promise<unknown>>> = {
	startup: async () => (await import('./startup')).startupBench,
	ingest: async () => (await import('./ingest')).ingestBench,
	aggregate: async () => (await import('./aggregate')).aggregateBench,
	live: async () => (await import('./live')).liveBench,
	'live-payload': async () => (await import('./live-payload')).livePayloadBench,
	pages: async () => (await import('./pages')).pagesBench,
	'service-index': async () => (await import('./service-index')).serviceIndexBench,
	soak: async () => (await import('./soak')).soakBench
};

/** Names the issues use for figures one scenario measures together (one load of a million dossiers). */
const ALIASES: Record<string, string> = { snapshot: 'aggregate', rebuild: 'aggregate' };

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const record = !args.includes('--no-record');
const asked = [
	...new Set(args.filter((a) => !a.startsWith('--')).map((name) => ALIASES[name] ?? name))
];
const unknown = asked.filter((name) => !(name in SCENARIOS));
if (unknown.length) {
	console.error(
		`unknown scenario ${unknown.join(', ')}; known: ${Object.keys(SCENARIOS).join(', ')}`
	);
	process.exit(64);
}
for (const [name, value] of Object.entries(quick ? QUICK_SIZES : FULL_SIZES))
	process.env[name] ??= value;

const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`;
const started = new Date();
const loadNow = () => Math.round(os.loadavg()[0] * 10) / 10;
const names = asked.length ? asked : Object.keys(SCENARIOS);
const summary: BenchSummary = {
	machine,
	date: started.toISOString(),
	size: quick ? 'quick' : 'full',
	seconds: 0,
	load: { start: loadNow(), end: 0 },
	scenarios: names,
	figures: []
};
// The start-up and pages scenarios serve the built pages: build first when the sources are newer.
if (names.includes('startup') || names.includes('pages'))
	execFileSync(process.execPath, ['scripts/build-if-stale.mjs'], { stdio: 'inherit' });
for (const name of names) {
	const result = await (await SCENARIOS[name]())();
	console.log(
		JSON.stringify({
			scenario: name,
			machine,
			date: new Date().toISOString(),
			...(result as object)
		})
	);
	summary.figures.push(...figuresOf(name, result));
}
summary.load.end = loadNow();
summary.seconds = Math.round((Date.now() - started.getTime()) / 1000);
console.log(
	JSON.stringify({
		summary: true,
		...summary,
		allMet: summary.figures.every((f) => f.met !== false)
	})
);
// Only a run of the whole suite stands for it in RESULTS.md; single scenarios are copied there by hand.
if (record && !asked.length) await recordSummary(summary);
process.exit(0);
