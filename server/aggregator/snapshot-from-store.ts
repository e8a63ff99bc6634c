import {
	addDays,
	daysBetween,
	HOUR_MS,
	vnDateOf,
	type CalendarDate,
	type Instant
} from '../../src/lib/domain/calendar/vn-time';
import type { WorkingCalendar } from '../../src/lib/domain/calendar/working-calendar';
import {
	bottleneckReason,
	DEFAULT_BOTTLENECK_RULE,
	lookbackInstant,
	type BottleneckRule,
	type StageFigures
} from '../../src/lib/domain/bottleneck';
import { CHANNELS, STAGES } from '../../src/lib/domain/dossier';
import type { InProgressFigures, ReceivedFigures, ResolvedFigures } from '../../src/lib/domain/kpi';
import { DUE_SOON_WORKING_HOURS } from '../../src/lib/domain/outcome';
import { periodEnd, type Period } from '../../src/lib/domain/period';
import type { Snapshot, SnapshotOptions, SnapshotScope } from '../../src/lib/domain/oracle';
import { interpolate, percentileRanks, rate } from '../../src/lib/domain/statistics';
import { DAY_COUNTERS } from './projection';
import { OPEN_COUNTERS } from './store-ops';
import {
	sumUnitFigures,
	type AggregateStore,
	type StageRead,
	type StoreUnit,
	type UnitFigures,
	type UnitReadRequest
} from './store';

/**
 * The snapshot of ARCHITECTURE §4.3 assembled from an aggregate store's raw figures, equal to the oracle's
 * `computeSnapshot` for live windows. Time-dependent figures are classified here, at `now`.
 */

/** Live windows reach back this many days (today included). */
export const LIVE_WINDOW_DAYS = 62;

/** The oracle's options: the store answers the same question (a scope's wards come from the store itself). */
export type StoreSnapshotOptions = SnapshotOptions;

/**
 * The last instant L with `workingMsBetween(now, L) ≤ limit`: when the working time runs out at a period end
 * (17:00), every instant up to the next working instant (07:00 next working day) is still within it.
 */
export function dueSoonLimit(
	calendar: WorkingCalendar,
	now: Instant,
	workingHours: number
): Instant {
	return calendar.nextWorkingInstant(calendar.addWorkingMs(now, workingHours * HOUR_MS));
}

/** Throws a RangeError unless the period includes today and starts within the live window. */
export function assertLivePeriod(period: Period, now: Instant): void {
	const today = vnDateOf(now);
	const live =
		period.from <= period.to &&
		periodEnd(period) > now &&
		daysBetween(period.from, today) < LIVE_WINDOW_DAYS;
	if (!live) {
		throw new RangeError(
			`not a live window (must include ${today} and start within ${LIVE_WINDOW_DAYS} days): ` +
				`${period.from} – ${period.to}`
		);
	}
}

function daysOf(period: Period): CalendarDate[] {
	const days: CalendarDate[] = [];
	for (let day = period.from; day <= period.to; day = addDays(day, 1)) days.push(day);
	return days;
}

/**
 * `scope.id` → the units whose sum it is: `ward:<code>`, `province:<code>`, or every province for `national`
 * (plus the national level, whose work-in-progress queues give the nation's age percentiles).
 */
async function unitsOf(store: AggregateStore, scopeId: string): Promise<StoreUnit[]> {
	if (scopeId === 'national') {
		const provinces = (await store.provinces()).map((code): StoreUnit => ({
			kind: 'province',
			code
		}));
		return [...provinces, { kind: 'national' }];
	}
	const [kind, code] = scopeId.split(':');
	if ((kind === 'ward' || kind === 'province') && code) return [{ kind, code }];
	throw new RangeError(`unknown scope: ${scopeId}`);
}

const unitKey = (unit: StoreUnit) =>
	unit.kind === 'national' ? 'national' : `${unit.kind}:${unit.code}`;

/** A scope's figures from its units' reads: one unit as read, or the provinces summed for the nation. */
function scopeFigures(units: readonly StoreUnit[], read: Map<string, UnitFigures>, ranges: number) {
	if (units.length === 1) return read.get(unitKey(units[0] as StoreUnit)) as UnitFigures;
	const national = read.get('national') as UnitFigures;
	const sum = sumUnitFigures(
		units
			.filter((unit) => unit.kind !== 'national')
			.map((unit) => read.get(unitKey(unit)) as UnitFigures),
		ranges
	);
	for (const stage of STAGES)
		sum.stages[stage].percentileEntries = national.stages[stage].percentileEntries;
	return sum;
}

function carriedOver(carry: Record<string, number>, from: CalendarDate): number {
	let total = 0;
	for (const [key, value] of Object.entries(carry)) {
		const day = key.slice(2);
		if (day >= from) continue;
		if (key.startsWith('r:')) total += value;
		else if (key.startsWith('c:')) total -= value;
	}
	return total;
}

/** The percentiles of work-in-progress age a snapshot shows: median and 90th. */
const PERCENTILES = [0.5, 0.9] as const;

/** An age percentile in working hours from the entry instants at its two ranks (see `StageRead`). */
function agePercentile(
	read: StageRead,
	index: number,
	options: StoreSnapshotOptions
): number | null {
	const ranks = percentileRanks(read.wip, PERCENTILES[index] as number);
	const entries = read.percentileEntries?.[index];
	if (ranks === null || entries === undefined) return null;
	const { calendar, now } = options;
	const [younger, older] = entries;
	return interpolate(
		calendar.workingHoursBetween(younger, now),
		calendar.workingHoursBetween(older, now),
		ranks.fraction
	);
}

function stagesOf(
	figures: UnitFigures,
	options: StoreSnapshotOptions,
	rule: BottleneckRule
): StageFigures[] {
	return STAGES.map((stage): StageFigures => {
		const read = figures.stages[stage];
		const wipBefore = read.wip - read.entered + read.left;
		const reason = bottleneckReason(stage, read.wip, wipBefore, read.overShare, rule);
		return {
			stage,
			wip: read.wip,
			overdue: read.overdue,
			overShare: read.overShare,
			medianAgeHours: agePercentile(read, 0, options),
			p90AgeHours: agePercentile(read, 1, options),
			inflow: figures.days[DAY_COUNTERS.inflow(stage)] ?? 0,
			outflow: figures.days[DAY_COUNTERS.outflow(stage)] ?? 0,
			bottleneck: reason !== null,
			bottleneckReason: reason
		};
	});
}

function snapshotOf(
	scopeId: string,
	figures: UnitFigures,
	options: StoreSnapshotOptions
): Snapshot {
	const rule = options.bottleneck ?? DEFAULT_BOTTLENECK_RULE;
	const day = (counter: string) => figures.days[counter] ?? 0;
	const byField: Record<string, number> = {};
	for (const [counter, value] of Object.entries(figures.days)) {
		if (counter.startsWith('rf:') && value > 0) byField[counter.slice(3)] = value;
	}
	const [direct, online, postal] = CHANNELS.map((channel) =>
		day(DAY_COUNTERS.receivedBy(channel))
	) as [number, number, number];
	const received: ReceivedFigures = {
		total: online + direct + postal,
		online,
		direct,
		postal,
		carriedOver: carriedOver(figures.carry, options.period.from),
		byField
	};
	const [early, onTime, late] = (['early', 'on_time', 'late'] as const).map((outcome) =>
		day(DAY_COUNTERS.resolved(outcome))
	) as [number, number, number];
	const withdrawn = day(DAY_COUNTERS.withdrawn);
	const resolved: ResolvedFigures = {
		total: early + onTime + late + withdrawn,
		early,
		onTime,
		late,
		withdrawn
	};
	const [overdue = 0, dueSoon = 0] = figures.due;
	const open = (counter: string) => figures.open[counter] ?? 0;
	const inProgress: InProgressFigures = {
		total: 0,
		withinTime: open(OPEN_COUNTERS.noDue) + figures.dueTotal - overdue - dueSoon,
		dueSoon,
		overdue,
		awaitingCitizen: open(OPEN_COUNTERS.awaitingCitizen),
		awaitingIntake: open(OPEN_COUNTERS.awaitingIntake)
	};
	inProgress.total =
		inProgress.withinTime + inProgress.dueSoon + inProgress.overdue + inProgress.awaitingCitizen;
	return {
		scope: scopeId,
		asOf: options.now,
		period: options.period,
		received,
		resolved,
		onTimeRate: rate(early + onTime, early + onTime + late),
		onlineRate: rate(online, received.total),
		inProgress,
		stages: stagesOf(figures, options, rule)
	};
}

/**
 * The snapshot of a scope (and its children) for a live window, from the store. Overdue: due before `now`;
 * due soon: due in `[now, dueSoonLimit]`; the rest of the open dossiers are within time.
 */
export async function storeSnapshot(
	store: AggregateStore,
	options: StoreSnapshotOptions
): Promise<Snapshot> {
	const { now, calendar, period } = options;
	assertLivePeriod(period, now);
	const rule = options.bottleneck ?? DEFAULT_BOTTLENECK_RULE;
	const hours = options.dueSoonWorkingHours ?? DUE_SOON_WORKING_HOURS;
	const dueRanges = [
		[Number.NEGATIVE_INFINITY, now - 1],
		[now, dueSoonLimit(calendar, now, hours)]
	] as const;
	const request: UnitReadRequest = {
		days: daysOf(period),
		dueRanges,
		now,
		lookbackFrom: lookbackInstant(now, rule),
		percentiles: PERCENTILES
	};
	const scopes = [options.scope, ...(options.children ?? [])];
	const unitLists = await Promise.all(scopes.map((scope) => unitsOf(store, scope.id)));
	// One read for the scope and its children keeps them in one epoch; each unit is read once.
	const unique = new Map(unitLists.flat().map((unit) => [unitKey(unit), unit]));
	const figures = await store.read([...unique.values()], request);
	const read = new Map(
		[...unique.keys()].map((key, index) => [key, figures[index] as UnitFigures])
	);
	const snapshots = unitLists.map((units, index) =>
		snapshotOf(
			(scopes[index] as SnapshotScope).id,
			scopeFigures(units, read, dueRanges.length),
			options
		)
	);
	const [snapshot] = snapshots as [Snapshot, ...Snapshot[]];
	if (options.children) snapshot.children = snapshots.slice(1);
	return snapshot;
}
