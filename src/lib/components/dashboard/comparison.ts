import type { RankingRow, ScopeFigures } from './scope-view';

/**
 * Change against the previous period of equal length (period-choice.ts): counts by difference, rates by
 * percentage points, ranks by places. Direction is plain arithmetic; whether up is good is the reader's call.
 */
export type Direction = 'up' | 'down' | 'same';

export interface Change {
	direction: Direction;
	/** The size of the change, never negative: a count, a rate difference in [0, 1], or places. */
	amount: number;
}

/** The figures a comparison needs from the previous period: the scope's own, and its children's ranks. */
export interface PreviousFigures {
	period: { from: string; to: string };
	asOf: string;
	figures: Omit<ScopeFigures, 'stages'>;
	/** Rank of each child scope id in the previous period; null when it could not be ranked then. */
	ranks: Record<string, number | null>;
}

const directionOf = (delta: number): Direction => (delta > 0 ? 'up' : delta < 0 ? 'down' : 'same');

/** The change of a count or a rate; null when either side has no value (a rate with nothing to divide). */
export function changeOf(current: number | null, previous: number | null): Change | null {
	if (current === null || previous === null) return null;
	const delta = current - previous;
	// Rates are fractions: round away float noise (0.1 + 0.2) so "no change" reads as no change.
	const rounded = Math.round(delta * 1e9) / 1e9;
	return { direction: directionOf(rounded), amount: Math.abs(rounded) };
}

/** A child's move in the ranking: 'up' is a better (smaller) rank; null when unranked now or before. */
export function rankChange(
	row: Pick<RankingRow, 'scope' | 'rank' | 'rankable'>,
	previousRanks: Record<string, number | null> | null
): Change | null {
	const before = previousRanks?.[row.scope] ?? null;
	if (!row.rankable || before === null) return null;
	const places = before - row.rank;
	return { direction: directionOf(places), amount: Math.abs(places) };
}

/** What the comparison keeps of a previous snapshot: the scope's figures and the ranks of rankable children. */
export function previousFiguresOf(snapshot: {
	period: { from: string; to: string };
	asOf: string;
	received: ScopeFigures['received'];
	resolved: ScopeFigures['resolved'];
	onTimeRate: number | null;
	onlineRate: number | null;
	inProgress: ScopeFigures['inProgress'];
	children: readonly Pick<RankingRow, 'scope' | 'rank' | 'rankable'>[];
}): PreviousFigures {
	return {
		period: snapshot.period,
		asOf: snapshot.asOf,
		figures: {
			received: snapshot.received,
			resolved: snapshot.resolved,
			onTimeRate: snapshot.onTimeRate,
			onlineRate: snapshot.onlineRate,
			inProgress: snapshot.inProgress
		},
		ranks: Object.fromEntries(
			snapshot.children.map((child) => [child.scope, child.rankable ? child.rank : null])
		)
	};
}
