/**
 * Start-up cost of migrations and reference-data seeding, and the latency of the home page and /readyz.
 * Size: BENCH_REQUESTS (default 300).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../../server/app';
import { testConfig } from '../../server/config';
import { createTestDatabase } from '../support/database';
import { TEST_REDIS_URL } from '../support/env';
import { waitUntil } from '../support/wait';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);

function percentile(sorted: number[], p: number) {
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function latency(url: string, requests: number) {
	const times: number[] = [];
	for (let i = 0; i < requests; i++) {
		const started = performance.now();
		const response = await fetch(url);
		await response.arrayBuffer();
		if (!response.ok) throw new Error(`${url} answered ${response.status}`);
		times.push(performance.now() - started);
	}
	times.sort((a, b) => a - b);
	const round = (n: number) => Math.round(n * 100) / 100;
	return {
		requests,
		p50Ms: round(percentile(times, 50)),
		p95Ms: round(percentile(times, 95)),
		p99Ms: round(percentile(times, 99))
	};
}

async function startup(kind: 'postgres' | 'pglite') {
	const database = kind === 'postgres' ? await createTestDatabase() : undefined;
	const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mcl-bench-'));
	const config = testConfig(
		kind === 'postgres'
			? { DATABASE_URL: database!.url, REDIS_URL: TEST_REDIS_URL }
			: { DATA_DIR: dataDir }
	);
	try {
		let started = performance.now();
		let app = await createApp(config, { pages: true });
		const coldMs = Math.round(performance.now() - started);
		await app.close();
		started = performance.now();
		app = await createApp(config, { pages: true });
		const warmMs = Math.round(performance.now() - started);
		const { port } = await app.listen(0, '127.0.0.1');
		await waitUntil(
			() => app.backend.aggregator.ready,
			(ready) => ready
		);
		const home = await latency(`http://127.0.0.1:${port}/`, REQUESTS);
		const ready = await latency(`http://127.0.0.1:${port}/readyz`, REQUESTS);
		await app.close();
		return {
			database: kind,
			coldStartMs: coldMs,
			warmStartMs: warmMs,
			homePage: home,
			readyz: ready
		};
	} finally {
		await database?.drop();
		rmSync(dataDir, { recursive: true, force: true });
	}
}

/** Start-up cost and first-page latency on both databases. */
export async function startupBench() {
	return {
		targets: {
			coldStartMs:
				'postgres < 3000, pglite < 10000 (includes its WASM initdb): migrate + seed 3,321 wards',
			warmStartMs: '< 1500 (seeds skipped by content hash)',
			homePageP95Ms: '< 50'
		},
		scenarios: [await startup('postgres'), await startup('pglite')]
	};
}
