import type { RankingRow } from './scope-view';

/** The columns a ranking can be sorted by; `rank` (the snapshot's) is the default. */
export const RANKING_SORTS = [
	'rank',
	'name',
	'received',
	'resolved',
	'onTimeRate',
	'inProgress',
	'overdue'
] as const;
export type RankingSort = (typeof RANKING_SORTS)[number];

/** The direction a column sorts in when first chosen: best or largest first, names A to Z. */
export const FIRST_DIRECTION: Record<RankingSort, 'ascending' | 'descending'> = {
	rank: 'ascending',
	name: 'ascending',
	received: 'descending',
	resolved: 'descending',
	onTimeRate: 'descending',
	inProgress: 'descending',
	overdue: 'descending'
};

const collator = new Intl.Collator('vi');

/**
 * Rows sorted by a column; ties (and rows without a rate) always fall back to the snapshot's rank, so the order
 * is stable and a missing rate never sorts as zero.
 */
export function sortRanking(
	rows: readonly RankingRow[],
	by: RankingSort,
	direction: 'ascending' | 'descending',
	nameOf: (row: RankingRow) => string
): RankingRow[] {
	const sign = direction === 'ascending' ? 1 : -1;
	const value = (row: RankingRow): number | null =>
		({
			rank: row.rank,
			name: 0,
			received: row.received.total,
			resolved: row.resolved.total,
			onTimeRate: row.onTimeRate,
			inProgress: row.inProgress.total,
			overdue: row.inProgress.overdue
		})[by];
	return [...rows].sort((a, b) => {
		if (by === 'name') return sign * collator.compare(nameOf(a), nameOf(b)) || a.rank - b.rank;
		const [x, y] = [value(a), value(b)];
		if (x === null || y === null)
			return (x === null ? 1 : 0) - (y === null ? 1 : 0) || a.rank - b.rank;
		return sign * (x - y) || a.rank - b.rank;
	});
}
