import type { NativeEventInput } from '../../src/lib/contracts/ingest';
import { LISTENING, LOCAL_SERVER, runTs, type RunningProcess } from './process';
import { waitUntil } from './wait';

/**
 * The fault tests' size: `quick` (default, CI) keeps the folder to a few minutes on two cores; `FAULTS_SIZE=long`
 * sustains each load longer and with more dossiers.
 */
export const FAULTS_SIZE: 'quick' | 'long' = process.env.FAULTS_SIZE === 'long' ? 'long' : 'quick';
const long = FAULTS_SIZE === 'long';
export const SIZE = {
	/** How long load runs before, during and after each fault. */
	loadMs: long ? 20_000 : 2_500,
	/** Dossiers per ingest batch. */
	batchDossiers: long ? 50 : 20,
	/** How long a client's connection stays cut (issue #12: 30 s in every size). */
	cutMs: 30_000,
	/** Generated hostile bodies per surface. */
	hostileRuns: long ? 10 : 1
};

/** A server process started by a test, with its base URL. */
export interface ServerProcess {
	process: RunningProcess;
	base: string;
}

/** Starts `server/index.ts` as a real child process and waits until `/readyz` says it may take traffic. */
export async function startServer(
	env: Record<string, string>,
	options: { port?: number; ready?: boolean } = {}
): Promise<ServerProcess> {
	const server = runTs('server/index.ts', {
		...LOCAL_SERVER,
		...env,
		PORT: String(options.port ?? 0)
	});
	try {
		const line = await server.waitFor(LISTENING, 90_000);
		const base = `http://127.0.0.1:${LISTENING.exec(line)![1]}`;
		if (options.ready !== false) await waitReady(base);
		return { process: server, base };
	} catch (error) {
		// The caller never gets this process to clean up: do not leave it running.
		await killAll([server]);
		throw error;
	}
}

export async function waitReady(base: string, timeoutMs = 60_000): Promise<void> {
	await waitUntil(
		() =>
			fetch(`${base}/readyz`)
				.then((r) => r.status)
				.catch(() => 0),
		(status) => status === 200,
		timeoutMs
	);
}

/** A server's count of aggregate rebuilds, from its Prometheus metrics. */
export async function aggregateRebuilds(base: string): Promise<number> {
	const text = await (await fetch(`${base}/metrics`)).text();
	return Number(/^aggregate_rebuilds_total(?:\{[^}]*\})? (\d+)/m.exec(text)?.[1] ?? 0);
}

/** Kills every process still running and waits for their exits. */
export async function killAll(processes: readonly RunningProcess[]): Promise<void> {
	for (const p of processes)
		if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
	await Promise.all(processes.map((p) => p.exited));
}

const MINUTE = 60_000;
/** Nghệ An wards the load spreads over (all in province 40). */
export const LOAD_WARDS = ['16681', '16690', '16702'];

/**
 * Today's life of one dossier, as far as it has got: received two or three minutes ago, then in processing;
 * every third one already completed, every fifth waiting for the citizen. Minutes, not hours, so that it counts
 * in today's figures at any time of day but the first minutes after midnight in Vietnam.
 */
export function todaysDossier(code: string, n: number, now = Date.now()): NativeEventInput[] {
	const ward = LOAD_WARDS[n % LOAD_WARDS.length];
	const received = now - 2 * MINUTE - (n % 60) * 1_000;
	const iso = (at: number) => new Date(at).toISOString();
	const events: NativeEventInput[] = [
		{
			id: `${code}:r`,
			type: 'received',
			dossier: code,
			ward,
			at: iso(received),
			procedure: n % 2 ? '1.001612' : '2.000815',
			channel: n % 3 ? 'online' : 'direct'
		},
		{
			id: `${code}:s`,
			type: 'stage_changed',
			dossier: code,
			ward,
			at: iso(received + 20_000),
			stage: 'processing'
		}
	];
	if (n % 3 === 0)
		events.push({
			id: `${code}:c`,
			type: 'completed',
			dossier: code,
			ward,
			at: iso(received + 40_000)
		});
	else if (n % 5 === 1)
		events.push({
			id: `${code}:q`,
			type: 'supplement_requested',
			dossier: code,
			ward,
			at: iso(received + 40_000)
		});
	return events;
}

/** One ingest batch: `dossiers` whole dossier lives named `<label>-<batch>-<i>`. */
export function batchOf(label: string, batch: number, dossiers = SIZE.batchDossiers) {
	return Array.from({ length: dossiers }, (_, i) =>
		todaysDossier(`${label}-${batch}-${i}`, batch * dossiers + i)
	).flat();
}

/** What a load generator saw for one batch. */
export interface BatchOutcome {
	batch: number;
	events: number;
	/** HTTP status, or 0 when the connection failed. */
	status: number;
	body: unknown;
	/** When the request was sent and answered (epoch ms). */
	sentAt: number;
	answeredAt: number;
}

/**
 * Sustained ingest: posts batch after batch (`concurrency` at a time) to `target()` until stopped, recording every
 * outcome. Acknowledged means 200: the contract says such events survive anything.
 */
export function sustainIngest(options: {
	target: () => string;
	key: string;
	label: string;
	concurrency?: number;
	pauseMs?: number;
}) {
	const outcomes: BatchOutcome[] = [];
	let stopped = false;
	let next = 0;
	const worker = async () => {
		while (!stopped) {
			const batch = next++;
			const events = batchOf(options.label, batch);
			const sentAt = Date.now();
			let status = 0;
			let body: unknown = null;
			try {
				const response = await fetch(`${options.target()}/api/v1/events`, {
					method: 'POST',
					headers: { 'content-type': 'application/json', authorization: `Bearer ${options.key}` },
					body: JSON.stringify({ events }),
					signal: AbortSignal.timeout(20_000)
				});
				status = response.status;
				body = await response.json().catch(() => null);
			} catch {
				status = 0;
			}
			outcomes.push({ batch, events: events.length, status, body, sentAt, answeredAt: Date.now() });
			// A refused or failed batch waits a little, as a real client backs off.
			if (status !== 200 || options.pauseMs)
				await new Promise((resolve) => setTimeout(resolve, options.pauseMs ?? 100));
		}
	};
	const workers = Array.from({ length: options.concurrency ?? 2 }, worker);
	return {
		outcomes,
		acknowledged: () => outcomes.filter((o) => o.status === 200),
		async stop() {
			stopped = true;
			await Promise.all(workers);
		}
	};
}

/** Waits the given milliseconds. */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
