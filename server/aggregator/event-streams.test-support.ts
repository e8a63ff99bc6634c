import fc from 'fast-check';
import { MINUTE_MS, vnInstant, type Instant } from '../../src/lib/domain/calendar/vn-time';
import { WorkingCalendar } from '../../src/lib/domain/calendar/working-calendar';
import { VN_CALENDAR_SEED } from '../../src/lib/domain/calendar/vn-calendar-seed';
import { STAGES, type DossierEvent, type DossierState } from '../../src/lib/domain/dossier';
import { deriveDossierState, type LifecycleContext } from '../../src/lib/domain/lifecycle';
import type { ProcedureRule } from '../../src/lib/domain/procedure-catalogue';
import { contributionOf, type Contribution } from './projection';
import type { ContributionChange } from './store';

/** Random event streams for the store contract (excluded from coverage like other test support). */

export const calendar = new WorkingCalendar(VN_CALENDAR_SEED);

/** Four wards in two provinces (Nghệ An 40, Thanh Hóa 38). */
export const WARD_PROVINCE: Readonly<Record<string, string>> = {
	'16681': '40',
	'16684': '40',
	'15229': '38',
	'15232': '38'
};
export const provinceOf = (ward: string) => WARD_PROVINCE[ward];

/** Same-day, 3 and 10 working days, and a procedure missing from the catalogue (no due date). */
const procedures: Record<string, ProcedureRule> = {
	'2.000815': { field: 'chung-thuc', processingTime: { value: null, unit: 'same_day' } },
	'1.001612': { field: 'ho-kinh-doanh', processingTime: { value: 3, unit: 'working_days' } },
	'1.001776': { field: 'bao-tro-xa-hoi', processingTime: { value: 10, unit: 'working_days' } }
};
const PROCEDURE_CODES = [...Object.keys(procedures), '9.999999'];
export const lifecycle: LifecycleContext = { procedures, calendar };

/** Instants to read at: mid-morning, just before and at the 17:00 close, a Saturday, an evening before a holiday. */
export const NOWS: readonly Instant[] = [
	vnInstant('2026-04-24', '10:00'),
	vnInstant('2026-04-24', '16:30'),
	vnInstant('2026-04-24', '17:00'),
	vnInstant('2026-04-25', '09:15'),
	vnInstant('2026-04-29', '20:00'),
	vnInstant('2026-04-01', '11:30'),
	vnInstant('2026-04-23', '07:00'),
	vnInstant('2026-04-22', '13:30')
];

const MIDDLE_TYPES = [
	'stage_changed',
	'stage_changed',
	'stage_changed',
	'supplement_requested',
	'supplement_received',
	'fee_requested',
	'fee_paid',
	'due_extended',
	'stopped',
	'resumed'
] as const;
const ENDINGS = [
	null,
	null,
	'completed',
	'completed+returned',
	'withdrawn',
	'not_accepted'
] as const;

const stepArb = fc.record({
	type: fc.constantFrom(...MIDDLE_TYPES),
	gapMinutes: fc.oneof(fc.integer({ min: 0, max: 240 }), fc.integer({ min: 0, max: 4 * 24 * 60 })),
	stage: fc.constantFrom(...STAGES),
	stageDue: fc.option(fc.integer({ min: -2 * 24 * 60, max: 5 * 24 * 60 }), { nil: undefined }),
	extendMinutes: fc.integer({ min: 60, max: 10 * 24 * 60 })
});

const dossierArb = fc.record({
	ward: fc.constantFrom(...Object.keys(WARD_PROVINCE)),
	/**
	 * Sometimes the later events name another ward (a source's mistake): until the receipt arrives the dossier
	 * lives there, possibly in the other province, so stores must move it when it does.
	 */
	strayWard: fc.oneof(
		{ arbitrary: fc.constant(undefined), weight: 7 },
		{ arbitrary: fc.constantFrom(...Object.keys(WARD_PROVINCE)), weight: 1 }
	),
	procedure: fc.constantFrom(...PROCEDURE_CODES),
	channel: fc.constantFrom('direct', 'online', 'postal', undefined),
	submittedFirst: fc.boolean(),
	received: fc.double({ min: 0, max: 1, noNaN: true }).map((p) => p < 0.85),
	startMinutesAgo: fc.oneof(
		fc.integer({ min: 0, max: 40 * 24 * 60 }),
		fc.integer({ min: 0, max: 8 * 60 })
	),
	/** A due date from the source, minutes from `now`: lands anywhere, also outside office hours. */
	sourceDue: fc.option(fc.integer({ min: -3 * 24 * 60, max: 4 * 24 * 60 }), { nil: undefined }),
	intakeGap: fc.integer({ min: 0, max: 3 * 24 * 60 }),
	steps: fc.array(stepArb, { maxLength: 7 }),
	ending: fc.constantFrom(...ENDINGS),
	endGap: fc.integer({ min: 0, max: 5 * 24 * 60 })
});

type DossierPlan = typeof dossierArb extends fc.Arbitrary<infer T> ? T : never;

/** The events of one planned dossier, dropping any after `now`. */
function eventsOf(code: string, plan: DossierPlan, now: Instant): DossierEvent[] {
	const events: DossierEvent[] = [];
	let at = now - plan.startMinutesAgo * MINUTE_MS;
	const base = { dossier: code, ward: plan.ward };
	const push = (type: DossierEvent['type'], extra: Partial<DossierEvent> = {}) =>
		events.push({ id: `${code}-${events.length}`, type, at, ...base, ...extra });
	const intake = { procedure: plan.procedure, ...(plan.channel ? { channel: plan.channel } : {}) };
	if (plan.submittedFirst) push('submitted', { ...intake, channel: 'online' });
	if (plan.received) {
		at += plan.intakeGap * MINUTE_MS;
		const dueAt = plan.sourceDue === undefined ? {} : { dueAt: now + plan.sourceDue * MINUTE_MS };
		push('received', { ...intake, ...dueAt });
	}
	if (plan.strayWard) base.ward = plan.strayWard;
	for (const step of plan.steps) {
		at += step.gapMinutes * MINUTE_MS;
		if (step.type === 'stage_changed') {
			const stageDueAt = step.stageDue === undefined ? undefined : at + step.stageDue * MINUTE_MS;
			push('stage_changed', { stage: step.stage, ...(stageDueAt ? { stageDueAt } : {}) });
		} else if (step.type === 'due_extended') {
			push('due_extended', { dueAt: at + step.extendMinutes * MINUTE_MS });
		} else push(step.type);
	}
	at += plan.endGap * MINUTE_MS;
	if (plan.ending === 'completed+returned') {
		push('completed');
		at += 30 * MINUTE_MS;
		push('returned');
	} else if (plan.ending) push(plan.ending);
	return events.filter((event) => event.at <= now);
}

export interface EventStream {
	now: Instant;
	/** Every dossier's events. */
	events: Map<string, DossierEvent[]>;
	/** Events in arrival order: shuffled, with duplicates. */
	arrivals: DossierEvent[];
	/** Per arrival: whether to re-send an earlier, stale change of the same dossier afterwards. */
	staleResends: boolean[];
	/** Batch sizes for applying the changes. */
	batchSize: number;
}

export const eventStreamArb: fc.Arbitrary<EventStream> = fc
	.record({
		now: fc.constantFrom(...NOWS),
		plans: fc.array(dossierArb, { minLength: 1, maxLength: 14 }),
		order: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 200, maxLength: 200 }),
		duplicates: fc.array(fc.nat(), { maxLength: 12 }),
		staleResends: fc.array(fc.boolean(), { minLength: 200, maxLength: 200 }),
		batchSize: fc.integer({ min: 1, max: 8 })
	})
	.map(({ now, plans, order, duplicates, staleResends, batchSize }) => {
		const events = new Map(plans.map((plan, i) => [`D${i}`, eventsOf(`D${i}`, plan, now)]));
		const all = [...events.values()].flat();
		const withDuplicates =
			all.length === 0
				? []
				: [...all, ...duplicates.map((i) => all[i % all.length] as DossierEvent)];
		const keyed = withDuplicates.map((event, i) => ({
			event,
			key: order[i % order.length] as number,
			i
		}));
		keyed.sort((a, b) => a.key - b.key || a.i - b.i);
		return { now, events, arrivals: keyed.map((k) => k.event), staleResends, batchSize };
	});

/** The final state of every dossier (what the oracle sees). */
export function finalStates(stream: EventStream): DossierState[] {
	return [...stream.events.values()]
		.filter((events) => events.length > 0)
		.map((events) => deriveDossierState(events, lifecycle));
}

/** The contributions of the received dossiers of `runs` seeded streams: real ones for a test to write. */
export function receivedContributions(runs: number, seed: number): Contribution[] {
	return fc
		.sample(eventStreamArb, { numRuns: runs, seed })
		.flatMap(finalStates)
		.map((state) => contributionOf(state, { provinceOf, calendar }))
		.filter((c): c is Contribution => c !== null && c.receivedDay !== null);
}

/**
 * The changes an ingest would hand the store, in arrival order: after each arrival the dossier's state from the
 * events seen so far (version = distinct events seen), sometimes followed by a stale re-send of an earlier change.
 */
export function changesInArrivalOrder(stream: EventStream): ContributionChange[] {
	const seen = new Map<string, Map<string, DossierEvent>>();
	const sent = new Map<string, ContributionChange[]>();
	const changes: ContributionChange[] = [];
	stream.arrivals.forEach((event, index) => {
		const events = seen.get(event.dossier) ?? new Map<string, DossierEvent>();
		seen.set(event.dossier, events.set(event.id, event));
		const state = deriveDossierState([...events.values()], lifecycle);
		const change = {
			code: event.dossier,
			contribution: contributionOf(state, { provinceOf, calendar }),
			version: events.size
		};
		const history = sent.get(event.dossier) ?? [];
		sent.set(event.dossier, [...history, change]);
		changes.push(change);
		if (stream.staleResends[index % stream.staleResends.length] && history.length > 0) {
			changes.push(history[index % history.length] as ContributionChange);
		}
	});
	return changes;
}

/** Splits changes into batches of `size`. */
export function batches<T>(items: readonly T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
	return out;
}
