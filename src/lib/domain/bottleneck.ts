import { HOUR_MS, type Instant } from './calendar/vn-time';
import type { WorkingCalendar } from './calendar/working-calendar';
import { STAGES, type DossierState, type Stage, type StageVisit } from './dossier';
import { dueAtAsOf, isAwaitingCitizenAt, isOpenAt } from './outcome';
import { isInPeriod, type Period } from './period';
import { median, percentile } from './statistics';

/**
 * Per-stage figures (work in progress, age, flow) and the bottleneck rule: DOMAIN §3, "a step where dossiers pile
 * up or stay longer than their share of the legal time".
 */

export interface StageFigures {
	stage: Stage;
	/** Open dossiers in this stage at the measurement instant, not waiting for the applicant. */
	wip: number;
	/** Of those, overdue: the dossier's due date, or the step's own deadline, has passed. */
	overdue: number;
	/** Of those, the dossiers that have used more than the stage's share of their legal time. */
	overShare: number;
	/** Median and 90th percentile of the working hours the work in progress has spent in this stage. */
	medianAgeHours: number | null;
	p90AgeHours: number | null;
	/** Entries into and exits from this stage within the period (all dossiers in scope). */
	inflow: number;
	outflow: number;
	bottleneck: boolean;
	/** Why the stage is a bottleneck (English, for logs and tooltips); null when it is not. */
	bottleneckReason: string | null;
}

/**
 * The bottleneck rule's settings. `stageShares`: the fraction of a dossier's legal processing time a stage may
 * use; `minWip`: fewer dossiers than this never make a bottleneck; `lookbackHours`: how far back (real hours,
 * from the start of the current hour) work in progress is compared to tell whether it is rising.
 */
export interface BottleneckRule {
	stageShares: Readonly<Record<Stage, number>>;
	minWip: number;
	lookbackHours: number;
}

/** Defaults to tune per province: most of the legal time belongs to processing and other agencies. */
export const DEFAULT_BOTTLENECK_RULE: BottleneckRule = {
	stageShares: { intake: 0.1, processing: 0.5, approval: 0.2, interagency: 0.5, result: 0.1 },
	minWip: 3,
	lookbackHours: 3
};

/** The stage visit a dossier was in at `at`, if any. */
export function visitAt(state: DossierState, at: Instant): StageVisit | null {
	return (
		state.stages.find((v) => v.enteredAt <= at && (v.exitedAt === null || v.exitedAt > at)) ?? null
	);
}

/**
 * The visit that counts as work in progress at `at`: the dossier is open (accepted, not finished) and not
 * waiting for the applicant, whose wait belongs to no stage. Null otherwise.
 */
export function wipVisitAt(state: DossierState, at: Instant): StageVisit | null {
	if (!isOpenAt(state, at) || isAwaitingCitizenAt(state, at)) return null;
	return visitAt(state, at);
}

/** Overdue in its stage at `at`: the dossier's due date in force or the step's own deadline is before `at`. */
export function isOverdueInStage(state: DossierState, visit: StageVisit, at: Instant): boolean {
	const dueAt = dueAtAsOf(state, at);
	return (dueAt !== null && dueAt < at) || (visit.stageDueAt !== null && visit.stageDueAt < at);
}

/**
 * The working time a dossier's clock was given at `at`: from the receipt (or the supplement's return that
 * restarted it) to the due date so set; extensions do not add to it. Null without a due date.
 */
export function allottedWorkingMs(
	state: DossierState,
	at: Instant,
	calendar: WorkingCalendar
): number | null {
	const change = state.dueAtHistory.filter((c) => c.at <= at && c.cause !== 'extension').at(-1);
	if (!change) return null;
	const allotted = calendar.workingMsBetween(change.at, change.dueAt);
	return allotted > 0 ? allotted : null;
}

/**
 * The instant work in progress is compared with: the start of the hour `lookbackHours` before the current
 * hour (whole hours, so stores can keep hourly entry and exit counts and still be exact).
 */
export function lookbackInstant(at: Instant, rule: BottleneckRule): Instant {
	return Math.floor(at / HOUR_MS) * HOUR_MS - rule.lookbackHours * HOUR_MS;
}

/**
 * The working time a stage may use of a dossier's legal time: its share of the allotted time, in whole
 * milliseconds. Null without a due date.
 */
export function stageAllowanceMs(
	state: DossierState,
	stage: Stage,
	at: Instant,
	calendar: WorkingCalendar,
	rule: BottleneckRule
): number | null {
	const allotted = allottedWorkingMs(state, at, calendar);
	return allotted === null ? null : Math.round(rule.stageShares[stage] * allotted);
}

/** Whether the dossier has spent more working time in its stage visit than the stage's allowance. */
export function isOverShare(
	state: DossierState,
	visit: StageVisit,
	at: Instant,
	calendar: WorkingCalendar,
	rule: BottleneckRule
): boolean {
	const allowance = stageAllowanceMs(state, visit.stage, at, calendar, rule);
	return allowance !== null && calendar.workingMsBetween(visit.enteredAt, at) > allowance;
}

/**
 * The last instant a visit entered at `enteredAt` is still within an allowance: over the share exactly when
 * `at > overShareAfter(…)`, so a store can keep the instant and count at read time. When the allowance runs out
 * at a close of office hours, the visit stays within it until work resumes.
 */
export function overShareAfter(
	enteredAt: Instant,
	allowanceMs: number,
	calendar: WorkingCalendar
): Instant {
	return calendar.nextWorkingInstant(calendar.addWorkingMs(enteredAt, allowanceMs));
}

/**
 * The bottleneck rule (DOMAIN §3: dossiers pile up or stay longer than their share): a stage is a bottleneck
 * when it holds at least `minWip` dossiers, more than half of them have used more than the stage's share of
 * their legal time, and its work in progress did not fall by more than a tenth since the lookback instant (a
 * pile being cleared is recovering; one that sits still overnight or over a weekend, or loses a few dossiers
 * while more pile up behind them, is still a bottleneck). Returns the reason, or null when it is not one.
 */
export function bottleneckReason(
	stage: Stage,
	wip: number,
	wipBefore: number,
	overShare: number,
	rule: BottleneckRule
): string | null {
	if (wip < rule.minWip || wip * 10 < wipBefore * 9 || overShare * 2 <= wip) return null;
	const share = Math.round(rule.stageShares[stage] * 100);
	const trend = wip > wipBefore ? 'up from' : 'about as many as';
	return (
		`${stage}: ${wip} dossiers in progress, ${trend} ${wipBefore} ${rule.lookbackHours} h ago; ` +
		`${overShare} of them have used more than the stage's ${share}% share of their legal time`
	);
}

/** Per-stage figures for dossiers already in scope, measured at `at`, with flows over `period`. */
export function stageFigures(
	states: readonly DossierState[],
	options: {
		period: Period;
		at: Instant;
		calendar: WorkingCalendar;
		rule?: BottleneckRule;
	}
): StageFigures[] {
	const { period, at, calendar } = options;
	const rule = options.rule ?? DEFAULT_BOTTLENECK_RULE;
	const before = lookbackInstant(at, rule);
	const acc = new Map(
		STAGES.map((stage) => [
			stage,
			{
				wip: 0,
				wipBefore: 0,
				overdue: 0,
				overShare: 0,
				ages: [] as number[],
				inflow: 0,
				outflow: 0
			}
		])
	);
	const get = (stage: Stage) => acc.get(stage) as NonNullable<ReturnType<typeof acc.get>>;
	for (const state of states) {
		for (const visit of state.stages) {
			if (isInPeriod(visit.enteredAt, period)) get(visit.stage).inflow++;
			if (isInPeriod(visit.exitedAt, period)) get(visit.stage).outflow++;
		}
		const earlier = wipVisitAt(state, before);
		if (earlier) get(earlier.stage).wipBefore++;
		const visit = wipVisitAt(state, at);
		if (!visit) continue;
		const figures = get(visit.stage);
		figures.wip++;
		if (isOverdueInStage(state, visit, at)) figures.overdue++;
		figures.ages.push(calendar.workingHoursBetween(visit.enteredAt, at));
		if (isOverShare(state, visit, at, calendar, rule)) figures.overShare++;
	}
	return STAGES.map((stage) => {
		const f = get(stage);
		const reason = bottleneckReason(stage, f.wip, f.wipBefore, f.overShare, rule);
		return {
			stage,
			wip: f.wip,
			overdue: f.overdue,
			overShare: f.overShare,
			medianAgeHours: median(f.ages),
			p90AgeHours: percentile(f.ages, 0.9),
			inflow: f.inflow,
			outflow: f.outflow,
			bottleneck: reason !== null,
			bottleneckReason: reason
		};
	});
}
