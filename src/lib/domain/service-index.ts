import type { Instant } from './calendar/vn-time';
import type { WorkingCalendar } from './calendar/working-calendar';
import type { DossierState } from './dossier';
import { indexOutcome } from './outcome';
import { isInPeriod, measurementInstant, periodStart, type Period } from './period';
import { rate } from './statistics';

/**
 * ESTIMATES of the national service index (Decision 766/QĐ-TTg, DOMAIN §6) from dossier data alone. The portal's
 * per-indicator split of points inside each group is not public, so each group's points here come from the one
 * rate the dossiers allow, with the weights as configuration. Publicity (CKMB) cannot be told from dossiers.
 */

/** The six groups as the portal reports them: CKMB, TDGQ, CLGQ, TTTT, MDHL, MDSH. */
export type ServiceIndexGroup =
	'publicity' | 'progress' | 'onlineService' | 'onlinePayment' | 'satisfaction' | 'digitisation';

export interface ServiceIndexConfig {
	/** Maximum points per group (out of 100 in total). */
	weights: Readonly<Record<ServiceIndexGroup, number>>;
	/** Rates at which a group earns full points; below, points are proportional. */
	fullAt: { onlineSubmission: number; satisfaction: number; digitisation: number };
}

export const DEFAULT_SERVICE_INDEX_CONFIG: ServiceIndexConfig = {
	weights: {
		publicity: 18,
		progress: 20,
		onlineService: 12,
		onlinePayment: 10,
		satisfaction: 18,
		digitisation: 22
	},
	fullAt: { onlineSubmission: 0.5, satisfaction: 0.9, digitisation: 0.8 }
};

export interface ServiceIndexGroupEstimate {
	/** The rate behind the estimate, in [0, 1]; null when the dossiers do not allow it. */
	rate: number | null;
	/** Estimated points, or null when not estimable. */
	points: number | null;
	maxPoints: number;
}

/**
 * What the estimate needs from the dossiers of a scope and period, as counts: small enough to compute in SQL for
 * the whole nation (server/read/service-index.sql.ts) and to send over the wire beside the estimate.
 */
export interface ServiceIndexCounts {
	/** Received in the period. */
	received: number;
	/** Of those, submitted online (channel 2). */
	online: number;
	/** Of those, dossiers with a fee (fee-bearing procedures). */
	withFee: number;
	/** Of those with a fee, paid online. */
	paidOnline: number;
	/** Received dossiers whose source says whether they were digitised (the denominator). */
	digitisable: number;
	/** Of those, digitised components and an electronic result. */
	digitised: number;
	/** The dossiers measured for progress (national-index rule) and, of them, rated "dislike" by then. */
	measured: { onTime: number; late: number; disliked: number };
}

export interface ServiceIndexEstimate {
	/** Always true: these are estimates, to be labelled as such wherever shown. */
	estimate: true;
	groups: Record<ServiceIndexGroup, ServiceIndexGroupEstimate>;
	/** Sum of the estimable groups' points, out of `maxPoints` (the estimable groups' weights). */
	points: number;
	maxPoints: number;
	/** The dossiers measured for progress: on time and late by the national-index rule. */
	measured: { onTime: number; late: number; disliked: number };
}

export const emptyServiceIndexCounts = (): ServiceIndexCounts => ({
	received: 0,
	online: 0,
	withFee: 0,
	paidOnline: 0,
	digitisable: 0,
	digitised: 0,
	measured: { onTime: 0, late: 0, disliked: 0 }
});

const group = (
	rateValue: number | null,
	maxPoints: number,
	fullAt = 1
): ServiceIndexGroupEstimate => ({
	rate: rateValue,
	points: rateValue === null ? null : Math.min(1, rateValue / fullAt) * maxPoints,
	maxPoints
});

/**
 * Counts what the estimate needs among dossiers already in scope, measured at `measurementInstant(period, now)`:
 * a dossier finished before the period is not measured; one received in the period counts for the rates of
 * online submission, online payment and digitisation.
 */
export function countServiceIndex(
	states: readonly DossierState[],
	options: { period: Period; now: Instant; calendar: WorkingCalendar }
): ServiceIndexCounts {
	const { period, calendar } = options;
	const at = measurementInstant(period, options.now);
	const start = periodStart(period);
	const counts = emptyServiceIndexCounts();
	const measured = counts.measured;
	for (const state of states) {
		const finishedBefore = state.finishedAt !== null && state.finishedAt < start;
		const outcome = finishedBefore ? null : indexOutcome(state, calendar, at);
		if (outcome === 'on_time' || outcome === 'late') {
			measured[outcome === 'on_time' ? 'onTime' : 'late']++;
			if (state.rating?.satisfied === false && state.rating.at <= at) measured.disliked++;
		}
		if (!isInPeriod(state.receivedAt, period)) continue;
		counts.received++;
		if (state.channel === 'online') counts.online++;
		if (state.fees.length > 0) counts.withFee++;
		if (state.fees.some((fee) => fee.paidOnline === true)) counts.paidOnline++;
		if (state.digitised !== null) counts.digitisable++;
		if (state.digitised === true) counts.digitised++;
	}
	return counts;
}

/**
 * Estimates the index from a scope's counts over a period:
 * - progress (TDGQ): national-index on-time rate of dossiers finished in the period plus those unfinished at its
 *   end whose paused due date has passed (supplement time subtracted; more than one supplement = late);
 * - online service (CLGQ): online ÷ received in the period; full points at ≥ 50%, else proportional;
 * - online payment (TTTT): dossiers with a fee paid online ÷ received dossiers with a fee;
 * - satisfaction (MDHL): 100% − (late rate + rate of "dislike" ratings) over the progress dossiers; full at ≥ 90%;
 * - digitisation (MDSH): digitised ÷ received dossiers whose source flags digitisation; full at ≥ 80%; null
 *   when no source flags it.
 */
export function estimateFromCounts(
	counts: ServiceIndexCounts,
	config: ServiceIndexConfig = DEFAULT_SERVICE_INDEX_CONFIG
): ServiceIndexEstimate {
	const { weights, fullAt } = config;
	const measured = counts.measured;
	const count = measured.onTime + measured.late;
	const onTime = rate(measured.onTime, count);
	const satisfied =
		count === 0 ? null : Math.max(0, 1 - (measured.late + measured.disliked) / count);
	const groups: Record<ServiceIndexGroup, ServiceIndexGroupEstimate> = {
		publicity: group(null, weights.publicity),
		progress: group(onTime, weights.progress),
		onlineService: group(
			rate(counts.online, counts.received),
			weights.onlineService,
			fullAt.onlineSubmission
		),
		onlinePayment: group(rate(counts.paidOnline, counts.withFee), weights.onlinePayment),
		satisfaction: group(satisfied, weights.satisfaction, fullAt.satisfaction),
		digitisation: group(
			rate(counts.digitised, counts.digitisable),
			weights.digitisation,
			fullAt.digitisation
		)
	};
	const known = Object.values(groups).filter((g) => g.points !== null);
	return {
		estimate: true,
		groups,
		points: known.reduce((sum, g) => sum + (g.points as number), 0),
		maxPoints: known.reduce((sum, g) => sum + g.maxPoints, 0),
		measured: { ...measured }
	};
}

/** Estimates the index for dossiers already in scope over a period: count them, then estimate from the counts. */
export function estimateServiceIndex(
	states: readonly DossierState[],
	options: { period: Period; now: Instant; calendar: WorkingCalendar; config?: ServiceIndexConfig }
): ServiceIndexEstimate {
	return estimateFromCounts(countServiceIndex(states, options), options.config);
}
