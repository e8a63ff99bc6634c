import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotJsonSchema, type SnapshotJson } from '../../src/lib/contracts/snapshot';
import { follow, type Follower } from '../support/live';
import {
	createApiKey,
	embeddedServerEnv,
	listeningBase,
	runTs,
	type RunningProcess
} from '../support/process';
import { waitUntil } from '../support/wait';

/**
 * `npm start` with embedded defaults, as a fresh clone runs it: the real server process on an empty data
 * directory, the demo on. Live events of Nghệ An reach a subscriber of `province:40` within a minute of their
 * time, and the snapshot API (what the ward page renders) has today's and this month's figures for Phường Thành
 * Vinh. Two servers, so the test takes seconds at any hour of any day:
 * - the live one has no history (DEMO_DAYS=0) and a raised rate (DEMO_RATE): at the calibrated rate Nghệ An's
 *   quietest night hour has only a few online submissions;
 * - the ward's one runs at the calibrated rate with three days of history, so at 00:05 on the 1st of a month
 *   the ward still has dossiers in progress (at DEMO_RATE=1000 Thành Vinh sees about one event a minute at night),
 *   and a new subscriber of `province:40` gets the province's latest events at once, whatever the hour.
 */
const LIVE_TOKEN = 'demo-test-live-token-0123456789';
const NGHE_AN_WARDS = new Set(
	(
		JSON.parse(
			readFileSync(new URL('../../server/db/seed/vn-admin-units.json', import.meta.url), 'utf8')
		) as { wards: { code: string; provinceCode: string }[] }
	).wards
		.filter((ward) => ward.provinceCode === '40')
		.map((ward) => ward.code)
);

interface DemoServer {
	server: RunningProcess;
	base: string;
	key: string;
	dataDir: string;
}

async function startDemo(settings: Record<string, string>): Promise<DemoServer> {
	const dataDir = mkdtempSync(path.join(tmpdir(), 'mcl-demo-'));
	const env = embeddedServerEnv(dataDir, { LIVE_TOKEN, ...settings });
	const created = await createApiKey(env, 'demo test', 'province:40');
	expect(created.exit.code).toBe(0);
	const server = runTs('server/index.ts', env);
	return { server, base: await listeningBase(server), key: created.key, dataDir };
}

async function stopDemo(demo: DemoServer | undefined) {
	if (!demo) return;
	if (demo.server.child.exitCode === null) {
		demo.server.child.kill('SIGTERM');
		await demo.server.exited;
	}
	rmSync(demo.dataDir, { recursive: true, force: true });
}

describe('the embedded demo, started as `npm start` starts it', () => {
	let live: DemoServer | undefined;
	let server: RunningProcess;
	let base: string;
	let started: number;

	beforeAll(async () => {
		started = Date.now();
		live = await startDemo({ DEMO_DAYS: '0', DEMO_RATE: '1000' });
		({ server, base } = live);
	}, 120_000);

	afterAll(() => stopDemo(live));

	it('starts the demo on its own and prints the first administrator’s login once', () => {
		const output = server.output();
		expect(output).toMatch(/demo feed starting/);
		expect(output).toMatch(/admin@motcua\.local/);
		expect(output.match(/password: /g)).toHaveLength(1);
	});

	it('sends live events of Nghệ An to a subscriber of province:40 within a minute of their time', async () => {
		let follower: Follower | undefined;
		try {
			follower = follow(base, 'province:40', LIVE_TOKEN);
			const ticks = follower.ticks;
			await waitUntil(
				() => ticks.length,
				(n) => n >= 3,
				60_000
			);
			const receivedAt = Date.now();
			expect(Date.now() - started).toBeLessThan(120_000);
			for (const tick of ticks.slice(0, 3)) {
				expect(tick.scope).toBe('province:40');
				expect(receivedAt - Date.parse(tick.at)).toBeLessThan(60_000);
			}
			// The room's figures move too, not only the ticker.
			await waitUntil(
				() => follower!.seqs.length,
				(n) => n >= 2,
				30_000
			);
		} finally {
			follower?.stop();
		}
	}, 120_000);
});

describe('the embedded demo with its history, at the calibrated rate', () => {
	let demo: DemoServer | undefined;

	beforeAll(async () => {
		demo = await startDemo({ DEMO_DAYS: '3', DEMO_RATE: '1' });
		await demo.server.waitFor(/demo history loaded/, 90_000);
	}, 180_000);

	afterAll(() => stopDemo(demo));

	it('shows a new subscriber of province:40 Nghệ An’s latest events at once, at any hour', async () => {
		// At the calibrated rate a night hour may pass without an event: the ticker starts from the last ones.
		const follower = follow(demo!.base, 'province:40', LIVE_TOKEN);
		try {
			const subscribedAt = Date.now();
			await waitUntil(
				() => follower.ticks.length,
				(n) => n >= 1,
				10_000
			);
			expect(Date.now() - subscribedAt).toBeLessThan(10_000);
			for (const tick of follower.ticks) {
				expect(tick.scope).toBe('province:40');
				expect(NGHE_AN_WARDS.has(tick.ward)).toBe(true);
				expect(Date.parse(tick.at)).toBeLessThanOrEqual(Date.now());
				expect(Date.parse(tick.at)).toBeGreaterThan(subscribedAt - 24 * 3_600_000);
			}
		} finally {
			follower.stop();
		}
	}, 30_000);

	it('has today’s and this month’s figures for Phường Thành Vinh', async () => {
		const read = async (period: string): Promise<SnapshotJson> => {
			const response = await fetch(`${demo!.base}/api/v1/snapshot?scope=ward:16681&${period}`, {
				headers: { authorization: `Bearer ${demo!.key}` }
			});
			expect(response.status).toBe(200);
			return snapshotJsonSchema.parse(await response.json());
		};
		const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(
			new Date()
		);
		const month = `from=${today.slice(0, 8)}01&to=${today}`;
		// On a weekend or a holiday online submissions wait for Monday's intake: count those too.
		const activity = (s: SnapshotJson) =>
			s.received.total + s.inProgress.total + s.inProgress.awaitingIntake;
		const [day, wholeMonth] = [await read(`from=${today}&to=${today}`), await read(month)];
		expect(day.scope).toBe('ward:16681');
		// Dossiers of the last days still in progress count today, whatever the hour.
		expect(activity(day)).toBeGreaterThan(0);
		expect(activity(wholeMonth)).toBeGreaterThan(0);
		expect(wholeMonth.received.total).toBeGreaterThanOrEqual(day.received.total);
		expect(wholeMonth.period.from).toBe(`${today.slice(0, 8)}01`);
	}, 120_000);
});
