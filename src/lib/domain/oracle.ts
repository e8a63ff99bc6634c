import type { Instant } from './calendar/vn-time';
import type { WorkingCalendar } from './calendar/working-calendar';
import {
	bottleneckReason,
	DEFAULT_BOTTLENECK_RULE,
	isOverdueInStage,
	isOverShare,
	lookbackInstant,
	wipVisitAt,
	type BottleneckRule,
	type StageFigures
} from './bottleneck';
import { STAGES, type Channel, type DossierState } from './dossier';
import {
	channelOf,
	inScope,
	isCarriedOver,
	isReceivedIn,
	UNKNOWN_FIELD,
	type InProgressFigures,
	type ReceivedFigures,
	type ResolvedFigures,
	type WardScope
} from './kpi';
import { DUE_SOON_WORKING_HOURS, openStatusAt, outcomeOf, type OpenStatus } from './outcome';
import { isInPeriod, measurementInstant, type Period } from './period';
import { median, percentile, rate } from './statistics';

/**
 * The oracle: the whole snapshot of ARCHITECTURE §4.3 computed by brute force, one figure at a time, by
 * filtering the dossiers with the per-dossier rules and counting. Slow and plain on purpose: the aggregator and
 * the SQL queries are tested against it. Instants stay epoch milliseconds; the contracts layer formats them.
 */

/** A scope of the snapshot: its id (`ward:16681`, `province:40`, `national`) and the handling wards it covers. */
export interface SnapshotScope {
	id: string;
	wards: WardScope;
}

export interface SnapshotOptions {
	scope: SnapshotScope;
	period: Period;
	now: Instant;
	calendar: WorkingCalendar;
	/**
	 * The wards of a province or the provinces of the nation: each gets the same figures, computed from the
	 * parent scope's dossiers (so a child never counts a dossier its parent does not).
	 */
	children?: readonly SnapshotScope[];
	bottleneck?: BottleneckRule;
	dueSoonWorkingHours?: number;
}

export interface Snapshot {
	scope: string;
	/** When the snapshot was computed (`now`). */
	asOf: Instant;
	period: Period;
	received: ReceivedFigures;
	resolved: ResolvedFigures;
	onTimeRate: number | null;
	onlineRate: number | null;
	inProgress: InProgressFigures;
	stages: StageFigures[];
	children?: Snapshot[];
}

const count = <T>(items: readonly T[], keep: (item: T) => boolean): number =>
	items.filter(keep).length;

/** Computes the snapshot of `options.scope` (and of each child scope) from every dossier state given. */
export function computeSnapshot(
	states: readonly DossierState[],
	options: SnapshotOptions
): Snapshot {
	const { period, now, calendar } = options;
	const rule = options.bottleneck ?? DEFAULT_BOTTLENECK_RULE;
	const dueSoonHours = options.dueSoonWorkingHours ?? DUE_SOON_WORKING_HOURS;
	const dossiers = inScope(states, options.scope.wards);
	const at = measurementInstant(period, now);

	const receivedInPeriod = dossiers.filter((d) => isReceivedIn(d, period));
	const byField: Record<string, number> = {};
	for (const d of receivedInPeriod) {
		const field = d.field ?? UNKNOWN_FIELD;
		byField[field] = count(receivedInPeriod, (other) => (other.field ?? UNKNOWN_FIELD) === field);
	}
	const receivedBy = (channel: Channel) => count(receivedInPeriod, (d) => channelOf(d) === channel);
	const received: ReceivedFigures = {
		total: receivedInPeriod.length,
		online: receivedBy('online'),
		direct: receivedBy('direct'),
		postal: receivedBy('postal'),
		carriedOver: count(dossiers, (d) => isCarriedOver(d, period)),
		byField
	};

	const accepted = dossiers.filter((d) => d.receivedAt !== null);
	const finishedWith = (outcome: string) =>
		count(accepted, (d) => isInPeriod(d.finishedAt, period) && outcomeOf(d) === outcome);
	const early = finishedWith('early');
	const onTime = finishedWith('on_time');
	const late = finishedWith('late');
	const withdrawn = count(accepted, (d) => isInPeriod(d.withdrawnAt, period));
	const resolved: ResolvedFigures = {
		total: early + onTime + late + withdrawn,
		early,
		onTime,
		late,
		withdrawn
	};

	const openAs = (status: OpenStatus) =>
		count(dossiers, (d) => openStatusAt(d, at, calendar, dueSoonHours) === status);
	const inProgress: InProgressFigures = {
		total: 0,
		withinTime: openAs('within_time'),
		dueSoon: openAs('due_soon'),
		overdue: openAs('overdue'),
		awaitingCitizen: openAs('awaiting_citizen'),
		awaitingIntake: openAs('awaiting_intake')
	};
	inProgress.total =
		inProgress.withinTime + inProgress.dueSoon + inProgress.overdue + inProgress.awaitingCitizen;

	const before = lookbackInstant(at, rule);
	const stages = STAGES.map((stage): StageFigures => {
		const inStage = dossiers.filter((d) => wipVisitAt(d, at)?.stage === stage);
		const visitOf = (d: DossierState) =>
			wipVisitAt(d, at) as NonNullable<ReturnType<typeof wipVisitAt>>;
		const ages = inStage.map((d) => calendar.workingHoursBetween(visitOf(d).enteredAt, at));
		const overShare = count(inStage, (d) => isOverShare(d, visitOf(d), at, calendar, rule));
		const wipBefore = count(dossiers, (d) => wipVisitAt(d, before)?.stage === stage);
		const reason = bottleneckReason(stage, inStage.length, wipBefore, overShare, rule);
		const visits = dossiers.flatMap((d) => d.stages).filter((v) => v.stage === stage);
		return {
			stage,
			wip: inStage.length,
			overdue: count(inStage, (d) => isOverdueInStage(d, visitOf(d), at)),
			overShare,
			medianAgeHours: median(ages),
			p90AgeHours: percentile(ages, 0.9),
			inflow: count(visits, (v) => isInPeriod(v.enteredAt, period)),
			outflow: count(visits, (v) => isInPeriod(v.exitedAt, period)),
			bottleneck: reason !== null,
			bottleneckReason: reason
		};
	});

	const snapshot: Snapshot = {
		scope: options.scope.id,
		asOf: now,
		period,
		received,
		resolved,
		onTimeRate: rate(early + onTime, early + onTime + late),
		onlineRate: rate(received.online, received.total),
		inProgress,
		stages
	};
	if (options.children) {
		snapshot.children = options.children.map((child) =>
			computeSnapshot(dossiers, { ...options, scope: child, children: undefined })
		);
	}
	return snapshot;
}
