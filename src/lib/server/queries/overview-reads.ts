import { formatScope, type Scope } from '../../contracts/scope';
import type { SnapshotJson } from '../../contracts/snapshot';
import { previousFiguresOf, type PreviousFigures } from '../../components/dashboard/comparison';
import { previousPeriod, type PeriodSelection } from '../../components/dashboard/period-choice';
import { withRankingRows, type RankedSnapshot } from '../../components/dashboard/scope-view';
import type { Instant } from '../../domain/calendar/vn-time';
import { periodEnd, type Period } from '../../domain/period';
import { services } from '../services';
import { readScopeSnapshot } from './scope-reads';
import { SharedReads } from './shared-reads';
import { readIntakeSeries } from './series-reads';
import type { SeriesJson } from '../../contracts/series';

/**
 * What an overview page (the nation, a province, a ward) reads for its period: the snapshot now, and the previous
 * period's figures for the comparison, streamed to the page after it (a past period is read by SQL, which at the
 * nation's scale takes seconds; the page must not wait for it).
 */

/** A past period's snapshot is kept this long: late imports may still change it, but rarely within minutes. */
const PAST_TTL_MS = 5 * 60_000;
const past = new SharedReads<SnapshotJson>();

/** A snapshot of a period that has ended, from the cache when read in the last few minutes. */
function pastSnapshot(scope: Scope, period: Period, now: Instant): Promise<SnapshotJson> {
	return past.read(`${formatScope(scope)}|${period.from}|${period.to}`, now, PAST_TTL_MS, () =>
		readScopeSnapshot(scope, period, now)
	);
}

/** The scope's snapshot for the selected period (a past one from the cache). */
export function readPeriodSnapshot(
	scope: Scope,
	selection: PeriodSelection,
	now: Instant
): Promise<SnapshotJson> {
	return periodEnd(selection.period) <= now
		? pastSnapshot(scope, selection.period, now)
		: readScopeSnapshot(scope, selection.period, now);
}

/** The same, children cut to ranking rows: what an overview with a ranking and a heat table sends. */
export async function readRankedSnapshot(
	scope: Scope,
	selection: PeriodSelection,
	now: Instant
): Promise<RankedSnapshot> {
	return withRankingRows(await readPeriodSnapshot(scope, selection, now));
}

/**
 * The previous period's figures, or null when they could not be read (the page says so; the rest of it stands).
 * Never rejects: a streamed promise that rejects would fail the page after it has been sent.
 */
export function readComparison(
	scope: Scope,
	selection: PeriodSelection,
	now: Instant
): Promise<PreviousFigures | null> {
	return pastSnapshot(scope, previousPeriod(selection), now)
		.then(previousFiguresOf)
		.catch((error: unknown) => {
			services().log.warn({ err: error, scope }, 'previous period not read');
			return null;
		});
}

/** Intake against resolved over the selected period: by hour for one day, by day otherwise. */
export function readPeriodSeries(
	scope: Scope,
	selection: PeriodSelection,
	now: Instant
): Promise<SeriesJson> {
	const { period } = selection;
	return readIntakeSeries(scope, period, period.from === period.to ? 'hour' : 'day', now);
}
