import type { Logger } from 'pino';
import { z } from 'zod';
import {
	addDays,
	startOfVnDay,
	vnDateOf,
	type Instant
} from '../../src/lib/domain/calendar/vn-time';
import type { Database } from '../db/client';
import type { IngestService } from '../ingest/ingest-service';
import type { ReferenceData } from '../reference/reference-data';
import type { ScenarioSpec } from '../simulator/scenarios';
import { PacedFeed } from './paced-feed';
import { loadSetting, saveSetting } from '../settings';
import type { SimulatedWard } from '../simulator/wards';
import {
	planFrom,
	planStream,
	simulatedWards,
	simulationPlanSchema,
	wardsToSimulate
} from './simulation-plan';
import { StorageSink } from './sinks';

export interface DemoOptions {
	province: string;
	/** Whole days of history before today; 0: none, live from the start. */
	days: number;
	seed: string;
	/** Multiplies arrivals (1: the calibrated province). */
	rate?: number;
	/** Only these wards of the province (tests); all of them by default. */
	wards?: string[];
	clock?: () => Instant;
}

export interface DemoDeps {
	db: Database;
	ingest: IngestService;
	reference: ReferenceData;
	log: Logger;
}

const CHECKPOINT = 'demo-feed';
/** The source the demo's event ids belong to. */
export const DEMO_SOURCE = 'demo';
const CHECKPOINT_EVERY_MS = 10_000;
/** Phường Thành Vinh, the ward the simulator is calibrated on, stays a normal ward. */
const THANH_VINH_CODE = '16681';

/**
 * Where the demo got to, kept in the database: live runs from `liveFrom` and is delivered up to `liveUntil`;
 * the history (the plan's start to `liveFrom`) is delivered up to `historyUntil`.
 */
const demoCheckpointSchema = z.object({
	plan: simulationPlanSchema,
	liveFrom: z.number().int(),
	liveUntil: z.number().int(),
	historyUntil: z.number().int()
});
export type DemoCheckpoint = z.infer<typeof demoCheckpointSchema>;

export const loadDemoCheckpoint = (db: Database) =>
	loadSetting(db, CHECKPOINT, demoCheckpointSchema);

/**
 * The problems the demo shows from yesterday on, so a supervisor has something to find: a land registration
 * backlog, a ward short of staff and the interlinked birth/death system stalling. Each at one of the busiest
 * wards (a small ward's pile is too thin to stay flagged), never at Thành Vinh, the calibrated reference ward.
 */
export function demoScenarios(
	wards: readonly { code: string; receivedPerMonth: number }[],
	now: Instant
): ScenarioSpec[] {
	const from = startOfVnDay(addDays(vnDateOf(now), -1));
	const busiest = wards
		.filter((ward) => ward.code !== THANH_VINH_CODE)
		.sort((a, b) => b.receivedPerMonth - a.receivedPerMonth || a.code.localeCompare(b.code));
	const pick = (n: number) => busiest[Math.min(n, busiest.length - 1)].code;
	return [
		{ name: 'land-backlog', ward: pick(0), from },
		{ name: 'short-staffed', ward: pick(1), from },
		{ name: 'interlinked-stall', ward: pick(2), from }
	];
}

/**
 * The embedded demo: a province's wards simulated through the ingest fast path. Live starts at once (a
 * subscriber sees events within seconds of the first start); the history loads behind it, in the background,
 * oldest first. A restart resumes both from the checkpoint, only filling the gaps.
 */
export class DemoFeed {
	private feeds: PacedFeed[] = [];
	private running: Promise<unknown> | undefined;
	private stopped = false;
	/** Resolves once the whole history is stored (at once when it already was). */
	readonly historyLoaded: Promise<void>;
	private historyDone!: () => void;
	/** Resolves once live has caught up with the clock (after a restart, once the gap is filled). */
	readonly liveCaughtUp: Promise<void>;
	private liveDone!: () => void;

	constructor(
		private readonly deps: DemoDeps,
		private readonly options: DemoOptions
	) {
		this.historyLoaded = new Promise((resolve) => (this.historyDone = resolve));
		this.liveCaughtUp = new Promise((resolve) => (this.liveDone = resolve));
	}

	/** The simulated wards' profiles, and the saved checkpoint when it is of the same plan, else a new one. */
	private async checkpoint(
		now: Instant
	): Promise<{ state: DemoCheckpoint; wards: SimulatedWard[] }> {
		const { db } = this.deps;
		const codes = await wardsToSimulate(db, {
			province: this.options.province,
			wards: this.options.wards
		});
		if (codes.length === 0) throw new Error(`DEMO_PROVINCE ${this.options.province} has no wards`);
		const wards = await simulatedWards(db, codes);
		const saved = await loadDemoCheckpoint(db);
		const rate = this.options.rate ?? 1;
		if (
			saved &&
			saved.plan.seed === this.options.seed &&
			saved.plan.rateMultiplier === rate &&
			saved.plan.wards.join() === codes.join()
		)
			return { state: saved, wards };
		const fields = {
			seed: this.options.seed,
			wards: codes,
			rateMultiplier: rate,
			scenarios: demoScenarios(wards, now)
		};
		const plan =
			this.options.days === 0
				? simulationPlanSchema.parse({ ...fields, from: now })
				: planFrom(now, this.options.days, fields);
		return { state: { plan, liveFrom: now, liveUntil: now, historyUntil: plan.from - 1 }, wards };
	}

	/** Starts in the background; the server serves meanwhile and figures fill in as the history lands. */
	start(): void {
		this.running = this.run().catch((error: unknown) =>
			this.deps.log.error({ err: error }, 'demo feed stopped')
		);
	}

	private async run() {
		const { log, db, reference, ingest } = this.deps;
		const clock = this.options.clock ?? Date.now;
		const { state, wards } = await this.checkpoint(clock());
		const { plan } = state;
		let savedAt = -Infinity;
		const save = async (force = false) => {
			if (!force && performance.now() - savedAt < CHECKPOINT_EVERY_MS) return;
			savedAt = performance.now();
			await saveSetting(db, CHECKPOINT, state);
		};
		await save(true);
		log.info(
			{
				province: this.options.province,
				wards: plan.wards.length,
				from: new Date(plan.from).toISOString(),
				liveFrom: new Date(state.liveFrom).toISOString(),
				scenarios: plan.scenarios.map((s) => `${s.name}@${s.ward}`)
			},
			'demo feed starting: live now, history in the background'
		);
		// One modest batch at a time per feed: the embedded database runs on this thread, and pages must
		// stay responsive while the history loads.
		const live = new PacedFeed(
			planStream(plan, wards, reference),
			new StorageSink(ingest, DEMO_SOURCE, { concurrency: 1 }),
			{
				skipUntil: state.liveUntil,
				clock,
				batchSize: 2_000,
				onCheckpoint: async (until) => {
					state.liveUntil = until;
					await save();
				}
			}
		);
		this.track(live);
		const liveRun = live.backfill().then(() => {
			this.liveDone();
			return live.live();
		});
		const historyRun = this.loadHistory(state, wards, save);
		await Promise.all([liveRun, historyRun]);
		await save(true);
	}

	private async loadHistory(
		state: DemoCheckpoint,
		wards: SimulatedWard[],
		save: (force?: boolean) => Promise<void>
	) {
		const { log, reference, ingest } = this.deps;
		if (state.historyUntil >= state.liveFrom || this.stopped) {
			this.historyDone();
			return;
		}
		const started = performance.now();
		let nextLog = 10_000;
		const sink = new StorageSink(ingest, DEMO_SOURCE, { concurrency: 1 });
		const history = new PacedFeed(planStream(state.plan, wards, reference), sink, {
			skipUntil: state.historyUntil,
			until: state.liveFrom,
			clock: this.options.clock,
			batchSize: 2_000,
			checkpointEveryMs: CHECKPOINT_EVERY_MS,
			onCheckpoint: async (until) => {
				state.historyUntil = until;
				await save();
			},
			onProgress: (progress) => {
				if (performance.now() - started < nextLog) return;
				nextLog += 10_000;
				log.info(
					{ events: progress.sent, reached: progress.at && new Date(progress.at).toISOString() },
					'demo history loading'
				);
			}
		});
		this.track(history);
		await history.backfill();
		if (this.stopped) return;
		await save(true);
		log.info(
			{
				events: history.progress.sent,
				stored: sink.totals.imported,
				seconds: Math.round((performance.now() - started) / 1000)
			},
			'demo history loaded'
		);
		this.historyDone();
	}

	/** Keeps a feed to stop; one created while stopping (after an await) is stopped at once. */
	private track(feed: PacedFeed) {
		this.feeds.push(feed);
		if (this.stopped) feed.stop();
	}

	async stop(): Promise<void> {
		this.stopped = true;
		for (const feed of this.feeds) feed.stop();
		await this.running;
	}
}
