import { HOUR_MS, MINUTE_MS, vnDateOf, type Instant } from '../../src/lib/domain/calendar/vn-time';
import type { WorkingCalendar } from '../../src/lib/domain/calendar/working-calendar';
import type { Channel, Stage } from '../../src/lib/domain/dossier';
import { deskAfter, subtractWorkingMs } from './working-time';

/**
 * Problems supervisors hunt for, each confined to one ward and visible as a bottleneck at one stage.
 *
 * The bottleneck rule (src/lib/domain/bottleneck.ts) flags a stage once at least 3 dossiers are in it, hardly
 * fewer than before the lookback, and more than half of them have used more than the stage's share of their legal time.
 * A pile only gets that old after a while, so each problem starts `buildUpWorkingHours` of working time before
 * the spec's `from`: from `from` on (within the first office hours) the stage is flagged. A problem ends at
 * `until` (or after its default duration); its pile then drains.
 */

export type ScenarioName = 'interlinked-stall' | 'land-backlog' | 'short-staffed' | 'after-tet';

/** A problem at a ward: visible from `from`; lasts until `until`, its default duration, or the end of the stream. */
export interface ScenarioSpec {
	name: ScenarioName;
	ward: string;
	from: Instant;
	until?: Instant;
}

/** Dossiers entering `stage` wait there until the problem ends (then leave one by one). */
interface HoldEffect {
	kind: 'hold';
	/** Fields whose dossiers are held. */
	fields: readonly string[];
	/** Only these procedures of those fields, when given. */
	procedures?: readonly string[];
	/** Whether every dossier of those fields is routed through the stage while the problem lasts. */
	forceRoute: boolean;
	/** Working time between two released dossiers when the pile drains. */
	drainGapMs: number;
	/** Probability that a held dossier gets an extension with an apology. */
	extension: number;
}

/** Dossiers leave `stage` one at a time, at a multiple of the ward's usual demand (a first-come queue). */
interface QueueEffect {
	kind: 'queue';
	/** Throughput while the problem lasts, as a multiple of the ward's usual dossiers per working hour. */
	capacity: number;
	/** Throughput afterwards until the queue is gone. */
	catchUp: number;
	/** Dossiers in the stage while the problem lasts take this many times their usual working time. */
	slowdown?: number;
}

/** More arrivals on every channel: multipliers for the 1st, 2nd, … working day from `from` (then 1). */
interface Surge {
	byWorkingDay: Readonly<Record<Channel, readonly number[]>>;
}

export interface ScenarioDefinition {
	/** Vietnamese, then English. */
	description: string;
	stage: Stage;
	effect: HoldEffect | QueueEffect;
	surge?: Surge;
	/** How long the cause runs before `from`, in working hours, so that the flag is up from `from` on. */
	buildUpWorkingHours: number;
	/** Duration when the spec has no `until`, in working days from `from`; null: open-ended. */
	defaultWorkingDays: number | null;
}

export const SCENARIOS: Readonly<Record<ScenarioName, ScenarioDefinition>> = {
	'interlinked-stall': {
		description:
			'Hệ thống liên thông khai sinh, khai tử bị treo: hồ sơ khai sinh, khai tử dồn ở khâu liên thông. / ' +
			'The interlinked birth/death registration system stalls: birth and death dossiers pile up waiting on it.',
		stage: 'interagency',
		effect: {
			kind: 'hold',
			fields: ['ho-tich'],
			procedures: ['1.001193', '1.000656'],
			forceRoute: true,
			drainGapMs: 3 * MINUTE_MS,
			extension: 0.3
		},
		// Same-day dossiers pass their share within the day, but the stage also holds land dossiers on their
		// normal way: a week of stalled births and deaths outnumbers them even at the busiest wards.
		buildUpWorkingHours: 6 * 8,
		defaultWorkingDays: null
	},
	'land-backlog': {
		description:
			'Chi nhánh Văn phòng đăng ký đất đai tồn đọng: hồ sơ đất đai nằm chờ ở khâu liên thông. / ' +
			'A land registration office backlog: land dossiers pile up waiting on the other agency.',
		stage: 'interagency',
		effect: {
			kind: 'hold',
			fields: ['dat-dai'],
			// Every land dossier of the ward waits on the same office while it is backed up.
			forceRoute: true,
			drainGapMs: 20 * MINUTE_MS,
			extension: 0.5
		},
		// Land has 20 working days and the stage may use half of them: the pile needs weeks to show.
		buildUpWorkingHours: 22 * 8,
		defaultWorkingDays: null
	},
	'short-staffed': {
		description:
			'Phường thiếu công chức chuyên môn: hồ sơ chờ xử lý kéo dài. / ' +
			'A ward short of staff: dossiers wait far longer at the processing stage.',
		stage: 'processing',
		effect: { kind: 'queue', capacity: 0.25, catchUp: 1.6, slowdown: 2.5 },
		// The queue must outgrow the multi-day dossiers that are always in processing.
		buildUpWorkingHours: 5 * 8,
		defaultWorkingDays: null
	},
	'after-tet': {
		description:
			'Ngày làm việc đầu tiên sau Tết: lượng hồ sơ tăng vọt, bộ phận một cửa tiếp nhận không kịp. / ' +
			'The first working days after Tết: a surge of dossiers the desk cannot take in fast enough.',
		stage: 'intake',
		effect: { kind: 'queue', capacity: 0.9, catchUp: 1.6 },
		surge: { byWorkingDay: { direct: [3, 2, 1.5], postal: [3, 2, 1.5], online: [2, 1.5, 1.2] } },
		buildUpWorkingHours: 0,
		defaultWorkingDays: 3
	}
};

/** A spec resolved against the calendar: when the cause runs, and its mutable state. */
interface ActiveScenario {
	spec: ScenarioSpec;
	definition: ScenarioDefinition;
	causeStart: Instant;
	end: Instant;
	/** Held dossiers so far (their release order when the pile drains). */
	held: number;
	queue: SlotQueue | null;
	/** The working days from `from` (for surges by day). */
	workingDays: string[];
}

/**
 * A single queue served in fixed slots of working time: each dossier takes the first free slot at or after it
 * arrives. Dossiers are booked in the order they are written, not the order they arrive (an online submission
 * from the weekend is written before Monday's walk-ins, a supplement's return long before it happens), so
 * first-fit slots rather than a single "free at" instant keep a late booking from blocking earlier arrivals.
 */
class SlotQueue {
	/** Union–find over slot numbers: the first free slot at or after a taken one. */
	private readonly next = new Map<number, number>();
	/** Slots of the problem's duration (Infinity when open-ended); later slots are the catch-up's. */
	private readonly slowSlots: number;

	constructor(
		private readonly calendar: WorkingCalendar,
		private readonly origin: Instant,
		end: Instant,
		private readonly slowMs: number,
		private readonly fastMs: number
	) {
		this.slowSlots =
			end === Infinity ? Infinity : Math.ceil(calendar.workingMsBetween(origin, end) / slowMs);
	}

	private startOf(slot: number): number {
		return slot <= this.slowSlots
			? slot * this.slowMs
			: this.slowSlots * this.slowMs + (slot - this.slowSlots) * this.fastMs;
	}

	private slotAt(workingMs: number): number {
		const slow = Math.floor(workingMs / this.slowMs);
		if (slow < this.slowSlots) return slow;
		return this.slowSlots + Math.floor((workingMs - this.slowSlots * this.slowMs) / this.fastMs);
	}

	private free(slot: number): number {
		let root = slot;
		while (this.next.has(root)) root = this.next.get(root) as number;
		// Path compression keeps later look-ups short.
		for (let k = slot; k !== root;) {
			const up = this.next.get(k) as number;
			this.next.set(k, root);
			k = up;
		}
		return root;
	}

	/** When a dossier arriving at `at` (not before the origin) has been served. */
	book(at: Instant): Instant {
		const arrived = Math.max(0, this.calendar.workingMsBetween(this.origin, at));
		const slot = this.free(this.slotAt(arrived));
		this.next.set(slot, slot + 1);
		// Counted from the arrival rather than the origin, so a long problem costs no more per dossier.
		return deskAfter(this.calendar, at, this.startOf(slot + 1) - arrived);
	}

	/** Whether no dossier is waiting at `at`: the slot there is free. */
	idleAt(at: Instant): boolean {
		const slot = this.slotAt(Math.max(0, this.calendar.workingMsBetween(this.origin, at)));
		return this.free(slot) === slot;
	}
}

/** How the problems at one ward change arrivals and the dossiers' way through the stages. */
export class WardConditions {
	private readonly active: ActiveScenario[];

	constructor(
		private readonly calendar: WorkingCalendar,
		specs: readonly ScenarioSpec[],
		/** The ward's usual dossiers per working hour (queues serve a multiple of it). */
		demandPerWorkingHour: number
	) {
		this.active = specs.map((spec) => {
			const definition = SCENARIOS[spec.name];
			if (!definition) throw new RangeError(`unknown scenario: ${String(spec.name)}`);
			const causeStart = subtractWorkingMs(
				calendar,
				spec.from,
				definition.buildUpWorkingHours * HOUR_MS
			);
			const workingDays: string[] = [];
			let day = calendar.workingDayOnOrAfter(vnDateOf(spec.from));
			for (let i = 0; i < Math.max(3, definition.defaultWorkingDays ?? 0); i++) {
				workingDays.push(day);
				day = calendar.nextWorkingDay(day);
			}
			const end =
				spec.until ??
				(definition.defaultWorkingDays === null
					? Infinity
					: calendar.closeOfDay(workingDays[definition.defaultWorkingDays - 1]));
			if (!(end > causeStart)) throw new RangeError(`scenario ${spec.name}: until is before from`);
			const effect = definition.effect;
			const queue =
				effect.kind === 'queue'
					? new SlotQueue(
							calendar,
							causeStart,
							end,
							HOUR_MS / Math.max(effect.capacity * demandPerWorkingHour, 1e-6),
							HOUR_MS / Math.max(effect.catchUp * demandPerWorkingHour, 1e-6)
						)
					: null;
			return { spec, definition, causeStart, end, held: 0, queue, workingDays };
		});
	}

	private running(at: Instant): ActiveScenario[] {
		return this.active.filter((a) => a.causeStart <= at && at < a.end);
	}

	/** Multiplier of the usual arrivals on a channel at `at`. */
	surge(at: Instant, channel: Channel): number {
		let factor = 1;
		for (const a of this.active) {
			const byDay = a.definition.surge?.byWorkingDay[channel];
			if (!byDay || at < a.spec.from || at >= a.end) continue;
			const date = vnDateOf(at);
			// Online submissions on a day off count with the next working day.
			const index = a.workingDays.findIndex((d) => d >= date);
			if (index >= 0 && index < byDay.length) factor *= byDay[index];
		}
		return factor;
	}

	/** Whether a dossier leaving processing at `at` must go through the other agency. */
	forcesInteragency(field: string, procedure: string, at: Instant): boolean {
		return this.running(at).some((a) => {
			const effect = a.definition.effect;
			return (
				effect.kind === 'hold' &&
				effect.forceRoute &&
				effect.fields.includes(field) &&
				(!effect.procedures || effect.procedures.includes(procedure))
			);
		});
	}

	/**
	 * A dossier in `stage` from `enteredAt`, due to leave at `plannedExit` on a normal day: undefined when nothing
	 * holds it; else since when it is held, and when it is released (the pile drains one by one after the
	 * problem ends) or null when the problem never ends. Dossiers already in the stage when the problem starts
	 * are held too.
	 */
	hold(
		stage: Stage,
		field: string,
		procedure: string,
		enteredAt: Instant,
		plannedExit: Instant
	): { since: Instant; releaseAt: Instant | null; extension: number } | undefined {
		for (const a of this.active) {
			const effect = a.definition.effect;
			if (effect.kind !== 'hold' || a.definition.stage !== stage) continue;
			if (!effect.fields.includes(field)) continue;
			if (effect.procedures && !effect.procedures.includes(procedure)) continue;
			if (plannedExit <= a.causeStart || enteredAt >= a.end) continue;
			a.held++;
			const releaseAt =
				a.end === Infinity ? null : deskAfter(this.calendar, a.end, a.held * effect.drainGapMs);
			return { since: Math.max(enteredAt, a.causeStart), releaseAt, extension: effect.extension };
		}
		return undefined;
	}

	/**
	 * When a dossier entering `stage` at `enteredAt` leaves it, given when it would leave on a normal day:
	 * queues serve one dossier at a time while the problem lasts, then catch up until they are empty.
	 */
	queueExit(stage: Stage, enteredAt: Instant, normalExit: Instant): Instant {
		let exit = normalExit;
		for (const a of this.active) {
			const effect = a.definition.effect;
			if (!a.queue || effect.kind !== 'queue' || a.definition.stage !== stage) continue;
			// Work already in the stage slows down too (the desks that stay staffed take it over).
			if (effect.slowdown && normalExit > a.causeStart && enteredAt < a.end) {
				const usual = this.calendar.workingMsBetween(enteredAt, normalExit);
				exit = Math.max(exit, deskAfter(this.calendar, enteredAt, usual * effect.slowdown));
			}
			if (enteredAt < a.causeStart) continue;
			// After the problem, dossiers are served normally once the backlog is gone.
			if (enteredAt >= a.end && a.queue.idleAt(enteredAt)) continue;
			exit = Math.max(exit, a.queue.book(enteredAt));
		}
		return exit;
	}
}
