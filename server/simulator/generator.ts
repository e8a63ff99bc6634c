import { HOUR_MS, vnDateOf, type Instant } from '../../src/lib/domain/calendar/vn-time';
import type { WorkingCalendar } from '../../src/lib/domain/calendar/working-calendar';
import type { Channel, DossierEvent } from '../../src/lib/domain/dossier';
import {
	lookupProcedure,
	type ProcedureCatalogue,
	type ProcedureRule
} from '../../src/lib/domain/procedure-catalogue';
import { EventHeap } from './event-heap';
import {
	REFUSED_DIRECT,
	REFUSED_ONLINE,
	scriptDossier,
	type ScriptContext
} from './lifecycle-script';
import { PROCEDURE_PROFILES, type ProcedureProfile } from './procedure-mix';
import { hash128, QuotaPicker, Random, type WeightedTable } from './random';
import { WardConditions, type ScenarioSpec } from './scenarios';
import { ONLINE_MONTH_UNITS, onlineHourShare, Seasonality } from './seasonality';
import { SEED_CATALOGUE } from './seed-catalogue';
import { arrivalMix, type ArrivalMix, type SimulatedWard } from './wards';
import { SECOND_MS } from './working-time';

export { toNativeEvent, formatVnRfc3339 } from './wire';

/**
 * The dossier stream generator (issue #7): pure and deterministic, no clock and no I/O. Arrivals are drawn hour
 * by hour for every ward (Poisson, with seasonality and the ward's profile); each arriving dossier's whole life
 * is written at once and queued; events come out in time order as soon as no later arrival can precede them.
 * Only open dossiers are held, so an endless stream runs in bounded memory.
 */

export interface SimulationOptions {
	/** Same seed and options give byte-identical events. */
	seed: string;
	wards: readonly SimulatedWard[];
	/** First arrival instant considered (the stream starts with no dossier open). */
	from: Instant;
	calendar: WorkingCalendar;
	/** Legal processing times and fields; procedures it lacks fall back to the seeded catalogue. */
	procedures: ProcedureCatalogue;
	scenarios?: readonly ScenarioSpec[];
	/** Scales every arrival rate (load and soak tests); default 1. */
	rateMultiplier?: number;
}

/** Working days in the 30-day calibration month (Thành Vinh's; July 2025 from the 1st to the 30th too). */
export const WORKING_DAYS_PER_MONTH = 22;
/** Walk-ins that come by post instead (bưu chính công ích). */
const POSTAL_SHARE = 0.01;
/** Walk-ins received at another ward's desk of the same province (NĐ 118/2025). */
const ELSEWHERE_SHARE = 0.02;

/** The seed as it appears in event ids: itself when short and plain, else a hash of it. */
export function seedTag(seed: string): string {
	return /^[A-Za-z0-9._-]{1,40}$/.test(seed) ? seed : `h${hash128(seed)[0].toString(16)}`;
}

/** DVCQG-style dossier code `{ward}-{yyMMdd}-{NNNN}`. */
export function dossierCode(ward: string, date: string, n: number): string {
	return `${ward}-${date.slice(2, 4)}${date.slice(5, 7)}${date.slice(8, 10)}-${String(n).padStart(4, '0')}`;
}

interface WardRun {
	ward: SimulatedWard;
	mix: ArrivalMix;
	conditions: WardConditions | null;
	/** Usual arrivals: walk-ins per average working day, online submissions per average working-day unit. */
	directPerDay: number;
	onlinePerUnit: number;
	/** Other wards of the same province, for dossiers received elsewhere. */
	neighbours: readonly string[];
	/** The procedure mix of each arrival table, picked without sampling noise. */
	pickers: Map<WeightedTable<ProcedureProfile>, QuotaPicker<ProcedureProfile>>;
	day: string;
	count: number;
}

interface PendingArrival {
	at: Instant;
	channel: Channel;
	table: WeightedTable<ProcedureProfile>;
}

function validate(options: SimulationOptions & { until?: Instant }): void {
	if (!Number.isFinite(options.from)) throw new RangeError('from must be an instant');
	const multiplier = options.rateMultiplier ?? 1;
	if (!(Number.isFinite(multiplier) && multiplier > 0))
		throw new RangeError('rateMultiplier must be a positive number');
	const codes = new Set(options.wards.map((w) => w.code));
	if (codes.size !== options.wards.length) throw new RangeError('wards must be distinct');
	for (const s of options.scenarios ?? [])
		if (!codes.has(s.ward))
			throw new RangeError(`scenario ${s.name}: ward ${s.ward} is not simulated`);
}

/**
 * Events in non-decreasing `at` order (ties by dossier arrival, then the dossier's own order), forever or until
 * `until` (exclusive), lazily.
 */
export function* simulate(
	options: SimulationOptions & { until?: Instant }
): Generator<DossierEvent, void, undefined> {
	validate(options);
	const { calendar, seed } = options;
	const until = options.until ?? Infinity;
	const multiplier = options.rateMultiplier ?? 1;
	const tag = seedTag(seed);
	const seasonality = new Seasonality(calendar);

	const rules = new Map<string, ProcedureRule>();
	for (const profile of PROCEDURE_PROFILES) {
		const rule =
			lookupProcedure(options.procedures, profile.code) ?? SEED_CATALOGUE.get(profile.code);
		if (rule) rules.set(profile.code, rule);
	}

	const runs: WardRun[] = options.wards.map((ward) => {
		const specs = (options.scenarios ?? []).filter((s) => s.ward === ward.code);
		const demand = (ward.receivedPerMonth / WORKING_DAYS_PER_MONTH / 8) * multiplier;
		return {
			ward,
			mix: arrivalMix(ward),
			conditions: specs.length ? new WardConditions(calendar, specs, demand) : null,
			directPerDay: (ward.receivedPerMonth * (1 - ward.onlineShare)) / WORKING_DAYS_PER_MONTH,
			onlinePerUnit: (ward.receivedPerMonth * ward.onlineShare) / ONLINE_MONTH_UNITS,
			neighbours: options.wards
				.filter((w) => w.provinceCode === ward.provinceCode && w.code !== ward.code)
				.map((w) => w.code),
			pickers: new Map(),
			day: '',
			count: 0
		};
	});
	if (runs.length === 0) return;

	const heap = new EventHeap();
	let dossiers = 0;

	const arrive = (run: WardRun, rng: Random, arrival: PendingArrival) => {
		const date = vnDateOf(arrival.at);
		if (run.day !== date) {
			run.day = date;
			run.count = 0;
		}
		run.count++;
		const code = dossierCode(run.ward.code, date, run.count);
		let picker = run.pickers.get(arrival.table);
		if (!picker) {
			picker = new QuotaPicker(arrival.table, new Random(`${seed}|${run.ward.code}|mix`));
			run.pickers.set(arrival.table, picker);
		}
		const profile = picker.pick();
		const rule = rules.get(profile.code);
		if (!rule) return;
		let channel = arrival.channel;
		let receivingWard: string | undefined;
		if (channel === 'direct') {
			if (rng.chance(POSTAL_SHARE)) channel = 'postal';
			else if (run.neighbours.length > 0 && rng.chance(ELSEWHERE_SHARE))
				receivingWard = run.neighbours[rng.below(run.neighbours.length)];
		}
		const ctx: ScriptContext = { calendar, conditions: run.conditions };
		const drafts = scriptDossier(
			{ code, ward: run.ward, profile, rule, channel, at: arrival.at, receivingWard },
			new Random(`${seed}|${code}`),
			ctx
		);
		// Stable: events at the same instant keep the order the script wrote them in.
		drafts.sort((a, b) => a.at - b.at);
		for (let n = 0; n < drafts.length; n++) drafts[n].id = `sim-${tag}-${code}-${n}`;
		heap.push(drafts, dossiers++);
	};

	for (let hour = Math.floor(options.from / HOUR_MS) * HOUR_MS; ; hour += HOUR_MS) {
		const start = Math.max(hour, options.from);
		const end = Math.min(hour + HOUR_MS, until);
		if (start < end) {
			const date = vnDateOf(hour);
			const plan = seasonality.day(date);
			const clockHour = new Date(hour + 7 * HOUR_MS).getUTCHours();
			for (const run of runs) {
				const rng = new Random(`${seed}|${run.ward.code}|${hour}`);
				const surgeDirect = run.conditions?.surge(hour, 'direct') ?? 1;
				const surgeOnline = run.conditions?.surge(hour, 'online') ?? 1;
				const directRate =
					(run.directPerDay * plan.directFactor * plan.directHourShare[clockHour] * multiplier) /
					(1 - REFUSED_DIRECT);
				const onlineRate =
					(run.onlinePerUnit * plan.onlineFactor * onlineHourShare(clockHour) * multiplier) /
					(1 - REFUSED_ONLINE);
				const pending: PendingArrival[] = [];
				const windows = plan.directHourWindows[clockHour];
				const placeDirect = (count: number, table: WeightedTable<ProcedureProfile>) => {
					const span = windows.reduce((s, [a, b]) => s + b - a, 0);
					for (let i = 0; i < count; i++) {
						let offset = rng.next() * span;
						for (const [a, b] of windows) {
							if (offset < b - a) {
								pending.push({ at: a + offset, channel: 'direct', table });
								break;
							}
							offset -= b - a;
						}
					}
				};
				const placeOnline = (count: number, table: WeightedTable<ProcedureProfile>) => {
					for (let i = 0; i < count; i++)
						pending.push({ at: hour + rng.next() * HOUR_MS, channel: 'online', table });
				};
				if (windows.length > 0) placeDirect(rng.poisson(directRate * surgeDirect), run.mix.direct);
				placeOnline(rng.poisson(onlineRate * surgeOnline), run.mix.online);
				for (const p of pending) p.at = Math.floor(p.at / SECOND_MS) * SECOND_MS;
				pending.sort(
					(a, b) => a.at - b.at || (a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : 0)
				);
				for (const arrival of pending)
					if (arrival.at >= start && arrival.at < end) arrive(run, rng, arrival);
			}
		}
		// Every arrival from here on is at or after `next`, and a dossier's events never precede its arrival.
		const next = Math.min(hour + HOUR_MS, until);
		while (heap.peekAt() < next) yield heap.pop() as DossierEvent;
		if (next >= until) return;
	}
}
