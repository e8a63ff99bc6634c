import type { HeatCell, RankingRow } from './scope-view';

/** How much of a stage's work in progress is overdue, in the bands the heat table colours. */
export type HeatLevel = 'empty' | 'none' | 'low' | 'mid' | 'high';

/** The bands: any overdue dossier leaves "none"; a tenth and three tenths mark the next ones. */
export const HEAT_BANDS = { mid: 0.1, high: 0.3 } as const;

export function heatLevel(cell: Pick<HeatCell, 'wip' | 'overdue'>): HeatLevel {
	if (cell.wip === 0) return 'empty';
	const share = cell.overdue / cell.wip;
	if (share === 0) return 'none';
	return share < HEAT_BANDS.mid ? 'low' : share < HEAT_BANDS.high ? 'mid' : 'high';
}

const overdueOf = (row: RankingRow) => row.stages.reduce((sum, cell) => sum + cell.overdue, 0);
const bottlenecksOf = (row: RankingRow) => row.stages.filter((cell) => cell.bottleneck).length;
const wipOf = (row: RankingRow) => row.stages.reduce((sum, cell) => sum + cell.wip, 0);

/**
 * Worst first: the most overdue work in stages, then the most bottlenecks, then the most work in progress, then
 * the scope id (a stable order from one update to the next).
 */
export function heatOrder(rows: readonly RankingRow[]): RankingRow[] {
	return [...rows].sort(
		(a, b) =>
			overdueOf(b) - overdueOf(a) ||
			bottlenecksOf(b) - bottlenecksOf(a) ||
			wipOf(b) - wipOf(a) ||
			(a.scope < b.scope ? -1 : a.scope > b.scope ? 1 : 0)
	);
}
