import type { RankedSnapshot, RankingRow } from '../components/dashboard/scope-view';

/** What the wall's panels show of a snapshot, cut to what fits a screen read from five metres. Pure. */

/** Fields shown on the fields panel; the rest are summed into one "other" row. */
export const WALL_FIELD_ROWS = 8;
/** Wards shown on a province's ranking panel. */
export const WALL_RANKING_ROWS = 10;
/** Dossiers shown in each of the overdue and due-soon lists. */
export const WALL_LIST_ROWS = 8;

export interface FieldRow {
	/** A field code, or null for the sum of the fields not shown. */
	field: string | null;
	received: number;
	/** Of the largest row, for the bar's length (0–1). */
	share: number;
}

/** Fields by dossiers received, most first; the tail beyond `limit − 1` rows summed into one. */
export function fieldRows(byField: Record<string, number>, limit = WALL_FIELD_ROWS): FieldRow[] {
	const sorted = Object.entries(byField)
		.filter(([, received]) => received > 0)
		.sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
	const head = sorted.length > limit ? sorted.slice(0, limit - 1) : sorted;
	const rest = sorted.slice(head.length).reduce((sum, [, received]) => sum + received, 0);
	const rows: { field: string | null; received: number }[] = head.map(([field, received]) => ({
		field,
		received
	}));
	if (rest > 0) rows.push({ field: null, received: rest });
	const max = Math.max(1, ...rows.map((row) => row.received));
	return rows.map((row) => ({ ...row, share: row.received / max }));
}

/** The first `limit` children by rank (ranked ones first, as the snapshot numbers them). */
export function rankingRows(
	children: readonly RankingRow[],
	limit = WALL_RANKING_ROWS
): RankingRow[] {
	return [...children].sort((a, b) => a.rank - b.rank).slice(0, limit);
}

/** The wall's snapshot: the live one (a province's with whole stages) or the page's first paint. */
export type WallSnapshot = RankedSnapshot;
