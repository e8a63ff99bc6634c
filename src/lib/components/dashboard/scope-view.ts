import type { SnapshotChildJson, SnapshotJson } from '../../contracts/snapshot';

/** The figures every scope has (a snapshot's own, or one child row of its parent's snapshot). */
export type ScopeFigures = Pick<
	SnapshotJson,
	'received' | 'resolved' | 'onTimeRate' | 'onlineRate' | 'inProgress' | 'stages'
>;

/** What the heat table shows of one child's stage. */
export type HeatCell = Pick<
	SnapshotChildJson['stages'][number],
	'stage' | 'wip' | 'overdue' | 'bottleneck'
>;

/**
 * A child row as a ranking and the heat table show it: its stages cut to the heat cells (most of a province
 * snapshot's size is in the stages' ages, inflows and reasons). A live row, with whole stages, is one too.
 */
export type RankingRow = Omit<SnapshotChildJson, 'stages'> & { stages: HeatCell[] };

/** A snapshot whose children are ranking rows: what an overview page needs from the server. */
export type RankedSnapshot = Omit<SnapshotJson, 'children'> & { children: RankingRow[] };

/** The snapshot with its children's stages cut to heat cells. */
export function withRankingRows(snapshot: SnapshotJson): RankedSnapshot {
	return {
		...snapshot,
		children: snapshot.children.map((row) => ({
			...row,
			stages: row.stages.map(({ stage, wip, overdue, bottleneck }) => ({
				stage,
				wip,
				overdue,
				bottleneck
			}))
		}))
	};
}

/** One scope's figures as a page shows them, with the instant they were true. */
export interface ScopeView {
	scope: string;
	asOf: string;
	figures: ScopeFigures;
}

const figuresOf = (row: ScopeFigures): ScopeFigures => ({
	received: row.received,
	resolved: row.resolved,
	onTimeRate: row.onTimeRate,
	onlineRate: row.onlineRate,
	inProgress: row.inProgress,
	stages: row.stages
});

/**
 * The figures of `scope` in a room's snapshot: the snapshot's own when it is that scope's, else the child row
 * of that scope (a ward read from its province's room); null when the snapshot does not show the scope.
 */
export function viewOf(snapshot: SnapshotJson | null | undefined, scope: string): ScopeView | null {
	if (!snapshot) return null;
	if (snapshot.scope === scope) return { scope, asOf: snapshot.asOf, figures: figuresOf(snapshot) };
	const row = snapshot.children.find((child) => child.scope === scope);
	return row ? { scope, asOf: snapshot.asOf, figures: figuresOf(row) } : null;
}

/**
 * Which copy of the same figures to show: the live one while the feed is live; otherwise the newer by `asOf`,
 * the live one on a tie (a copy kept in the browser from an earlier visit must not hide the fresher one the server
 * rendered). `asOf` cannot decide while the feed is live: a room's `asOf` is that of its least recently recomputed
 * unit, so it may be older than a snapshot the server has just computed and still be as current.
 */
export function shownCopy<T extends { asOf: string }>(
	live: T | null | undefined,
	server: T | null | undefined,
	liveIsCurrent: boolean
): T | null {
	if (!live) return server ?? null;
	if (!server || liveIsCurrent) return live;
	return Date.parse(server.asOf) > Date.parse(live.asOf) ? server : live;
}
