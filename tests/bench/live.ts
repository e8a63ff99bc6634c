/**
 * Live delivery under load: N socket.io clients (BENCH_LIVE_CLIENTS, default 2,000; 10% national, 30% province,
 * 60% ward scopes, in BENCH_LIVE_CLIENT_PROCESSES helper processes, default 2) follow their scope through the real
 * client code (`followScope`, see `live-clients.ts`) while events are ingested at
 * BENCH_LIVE_RATE events/s (default 500) for BENCH_LIVE_SECONDS (default 60) against one real server process
 * with Postgres and Redis. Events are whole dossier lives (received, two stage changes, completed, returned, a
 * second apart) in wards spread over BENCH_LIVE_PROVINCES (default: all).
 *
 * Latency: for every (client, batch) pair whose scope the batch's receipts touch, the time from the batch's
 * ingest acknowledgement to the first state the client holds that counts them (today's `received.total`; batches
 * are sent one at a time, so a count reached means that batch is in). Correctness: after the stream, each
 * client's figures are compared with `GET /api/v1/snapshot` for its scope (working-hour ages within the time
 * between the two readings). Server RSS and CPU from /proc.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import type { NativeEventInput } from '../../src/lib/contracts/ingest';
import { createTestDatabase } from '../support/database';
import { TEST_REDIS_URL } from '../support/env';
import { createApiKey, listeningBase, LOCAL_SERVER, ROOT, runTs } from '../support/process';
import { deleteRedisKeys } from '../support/redis';
import type { ClientsReport, ClientsRequest } from './live-clients';

const CLIENTS = Number(process.env.BENCH_LIVE_CLIENTS ?? 2_000);
const SECONDS = Number(process.env.BENCH_LIVE_SECONDS ?? 60);
const RATE = Number(process.env.BENCH_LIVE_RATE ?? 500);
const PROVINCES = process.env.BENCH_LIVE_PROVINCES?.split(',').filter(Boolean);
/** Processes the clients are spread over (the bench's own process only streams events and keeps time). */
const CLIENT_PROCESSES = Number(process.env.BENCH_LIVE_CLIENT_PROCESSES ?? 2);
const BATCHES_PER_SECOND = 10;
/** Lives of 5 events, one step a second. */
const LIFE = ['received', 'processing', 'approval', 'completed', 'returned'] as const;

/** A small deterministic generator, so runs are comparable. */
function seeded(seed: number) {
	let state = seed >>> 0;
	return () => {
		state = (state * 1664525 + 1013904223) >>> 0;
		return state / 2 ** 32;
	};
}

/** A helper process holding some of the clients. */
class ClientGroup {
	private readonly child: ChildProcess;
	private readonly reports: ClientsReport[] = [];
	private waiting: (() => void) | undefined;
	private exited = false;

	constructor(readonly scopes: string[]) {
		this.child = fork(fileURLToPath(new URL('./live-clients.ts', import.meta.url)), [], {
			cwd: ROOT,
			execArgv: ['--import', 'tsx'],
			stdio: ['ignore', 'inherit', 'inherit', 'ipc']
		});
		this.child.on('message', (report: ClientsReport) => {
			this.reports.push(report);
			this.waiting?.();
		});
		this.child.on('exit', () => {
			this.exited = true;
			this.waiting?.();
		});
	}

	send(request: ClientsRequest) {
		this.child.send(request);
	}

	async next<K extends ClientsReport['kind']>(
		kind: K
	): Promise<Extract<ClientsReport, { kind: K }>> {
		for (;;) {
			const found = this.reports.find((r) => r.kind === kind);
			if (found) return found as Extract<ClientsReport, { kind: K }>;
			if (this.exited) throw new Error(`a client process ended before its ${kind} report`);
			await new Promise<void>((resolve) => (this.waiting = resolve));
		}
	}

	kill() {
		if (this.child.exitCode === null) this.child.kill('SIGKILL');
	}
}

function percentile(sorted: readonly number[], p: number): number | null {
	if (sorted.length === 0) return null;
	return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

/** utime + stime of a process, ms. */
function cpuMs(pid: number): number {
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
	return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

function memoryMb(pid: number): { rss: number; peak: number } {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
	return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

export async function liveBench() {
	const database = await createTestDatabase();
	const prefix = `mclbench${process.pid}`;
	const env = {
		DATABASE_URL: database.url,
		REDIS_URL: TEST_REDIS_URL,
		REDIS_KEY_PREFIX: prefix,
		LOG_LEVEL: 'warn'
	};
	const { key } = await createApiKey(env, 'bench', 'national');
	const server = runTs('server/index.ts', {
		...env,
		...LOCAL_SERVER,
		// e.g. `--import /tmp/profile.mjs` (a preload that starts the inspector profiler) to profile the server under load.
		...(process.env.BENCH_LIVE_SERVER_NODE_OPTIONS && {
			NODE_OPTIONS: process.env.BENCH_LIVE_SERVER_NODE_OPTIONS
		})
	});
	const groups: ClientGroup[] = [];
	try {
		const base = await listeningBase(server);
		const pid = server.child.pid!;
		for (;;) {
			const ready = await fetch(`${base}/readyz`).catch(() => null);
			if (ready?.status === 200) break;
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
		const sql = postgres(database.url, { max: 1, onnotice: () => {} });
		const wardRows = await sql<{ code: string; province: string }[]>`
			select code, province_code as province from wards order by code`;
		await sql.end();
		const wards = wardRows.filter((w) => !PROVINCES || PROVINCES.includes(w.province));
		const provinceOf = new Map(wards.map((w) => [w.code, w.province]));
		const provinces = [...new Set(wards.map((w) => w.province))];

		// Clients: 10% national, 30% provinces, 60% wards, over the wards the events touch.
		const random = seeded(20261128);
		const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
		const scopes = Array.from({ length: CLIENTS }, (_, i) => {
			const slot = i % 10;
			if (slot === 0) return 'national';
			if (slot <= 3) return `province:${pick(provinces)}`;
			return `ward:${pick(wards).code}`;
		});
		for (let g = 0; g < CLIENT_PROCESSES; g++)
			groups.push(
				new ClientGroup(scopes.filter((_, i) => Math.floor(i / 10) % CLIENT_PROCESSES === g))
			);
		for (const group of groups) group.send({ kind: 'start', base, key, scopes: group.scopes });
		const ready = await Promise.all(groups.map((group) => group.next('ready')));
		const connectMs = Math.max(...ready.map((r) => r.connectMs));

		// The stream: batches every 100 ms, one in flight, of dossier lives a second a step.
		const batches: { ackAt: number; receipts: Map<string, number> }[] = [];
		const perBatch = Math.round(RATE / BATCHES_PER_SECOND);
		const newPerBatch = Math.round(perBatch / LIFE.length);
		const lives: { code: string; ward: string; born: number; step: number }[] = [];
		let dossiers = 0;
		let sent = 0;
		const cpuBefore = cpuMs(pid);
		const started = Date.now();
		const end = started + SECONDS * 1000;
		for (let k = 0; Date.now() < end; k++) {
			const due = started + k * (1000 / BATCHES_PER_SECOND);
			if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
			const events: NativeEventInput[] = [];
			const receipts = new Map<string, number>();
			const at = new Date(Date.now() - 1_000).toISOString();
			for (let n = 0; n < newPerBatch; n++) {
				const ward = pick(wards).code;
				lives.push({ code: `LIVE-${dossiers++}`, ward, born: k, step: 0 });
			}
			// Each life moves one step per second (every BATCHES_PER_SECOND batches).
			for (const life of lives) {
				if ((k - life.born) % BATCHES_PER_SECOND !== 0) continue;
				const step = LIFE[life.step++];
				const common = { id: `${life.code}:${step}`, dossier: life.code, ward: life.ward, at };
				if (step === 'received') {
					events.push({ ...common, type: 'received', procedure: '1.001612', channel: 'online' });
					for (const scope of [
						`ward:${life.ward}`,
						`province:${provinceOf.get(life.ward)}`,
						'national'
					])
						receipts.set(scope, (receipts.get(scope) ?? 0) + 1);
				} else if (step === 'processing' || step === 'approval')
					events.push({ ...common, type: 'stage_changed', stage: step });
				else events.push({ ...common, type: step });
			}
			for (let i = lives.length - 1; i >= 0; i--)
				if (lives[i].step >= LIFE.length) lives.splice(i, 1);
			const response = await fetch(`${base}/api/v1/events`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
				body: JSON.stringify({ events })
			});
			if (response.status !== 200) throw new Error(`ingest answered ${response.status}`);
			await response.json();
			batches.push({ ackAt: Date.now(), receipts });
			sent += events.length;
		}
		const streamMs = Date.now() - started;
		const cpuStream = cpuMs(pid) - cpuBefore;
		const memory = memoryMb(pid);

		// Let the last updates arrive, then compare every client with the snapshot API.
		await new Promise((resolve) => setTimeout(resolve, 3_000));
		for (const group of groups) group.send({ kind: 'finish' });
		const results = await Promise.all(groups.map((group) => group.next('result')));
		const equal = results.reduce((sum, r) => sum + r.equal, 0);
		const sampleDifferences = results.flatMap((r) => r.differences).slice(0, 5);

		// Latency per (client, batch) with receipts in the client's scope.
		const latencies: number[] = [];
		let missed = 0;
		groups.forEach((group, g) => {
			group.scopes.forEach((scope, i) => {
				const seen = results[g].seen[i];
				let cumulative = ready[g].baseline[i];
				let cursor = 0;
				for (const batch of batches) {
					const added = batch.receipts.get(scope) ?? 0;
					if (added === 0) continue;
					cumulative += added;
					while (cursor < seen.length && seen[cursor + 1] < cumulative) cursor += 2;
					if (cursor >= seen.length) {
						missed += 1;
						continue;
					}
					latencies.push(Math.max(0, seen[cursor] - batch.ackAt));
				}
			});
		});
		latencies.sort((a, b) => a - b);
		const metrics = await (await fetch(`${base}/metrics`)).text();
		const metric = (name: string) =>
			Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(metrics)?.[1] ?? NaN);
		return {
			targets: {
				p99Ms: '<= 400 with 250 ms coalescing',
				equalShare: '100%',
				rssMb: '<= 600 at 5,000 clients'
			},
			clients: CLIENTS,
			scopes: new Set(scopes).size,
			provinces: provinces.length,
			wards: wards.length,
			connectMs,
			events: sent,
			eventsPerSecond: Math.round((sent * 1000) / streamMs),
			seconds: Math.round(streamMs / 1000),
			latencyMs: {
				samples: latencies.length,
				missed,
				p50: percentile(latencies, 0.5),
				p95: percentile(latencies, 0.95),
				p99: percentile(latencies, 0.99),
				max: latencies.at(-1) ?? null
			},
			clientProcesses: CLIENT_PROCESSES,
			finalStateEqualToApi: `${((equal * 100) / CLIENTS).toFixed(2)}%`,
			sampleDifferences,
			feedLosses: results.reduce((sum, r) => sum + r.losses, 0),
			server: {
				rssMb: memory.rss,
				peakRssMb: memory.peak,
				heapUsedMb: Math.round(metric('nodejs_heap_size_used_bytes') / 2 ** 20),
				cpuPercentOfOneCore: Math.round((cpuStream * 100) / streamMs),
				coalescePasses: metric('live_coalesce_seconds_count'),
				coalesceMeanMs: Math.round(
					(metric('live_coalesce_seconds_sum') * 1000) / metric('live_coalesce_seconds_count')
				),
				updatesSent: metric('live_updates_total')
			}
		};
	} finally {
		for (const group of groups) group.kill();
		server.child.kill('SIGTERM');
		await server.exited;
		if (process.env.BENCH_LIVE_SERVER_LOG)
			writeFileSync(process.env.BENCH_LIVE_SERVER_LOG, server.output());
		await database.drop();
		await deleteRedisKeys(prefix);
	}
}
