/**
 * The `p`-quantile (0 ≤ p ≤ 1) by linear interpolation between closest ranks, the same definition as Postgres
 * `percentile_cont`, so SQL and the domain agree. Null for no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
	const ranks = percentileRanks(values.length, p);
	if (ranks === null) return null;
	const sorted = [...values].sort((a, b) => a - b);
	return interpolate(sorted[ranks.lower] as number, sorted[ranks.upper] as number, ranks.fraction);
}

/**
 * Where the `p` percentile of `count` sorted values lies: the two ranks (0-based) to interpolate between and
 * the weight of the upper one. Lets a store that keeps values sorted fetch just those two. Null for none.
 */
export function percentileRanks(
	count: number,
	p: number
): { lower: number; upper: number; fraction: number } | null {
	if (count === 0) return null;
	const position = Math.min(Math.max(p, 0), 1) * (count - 1);
	const lower = Math.floor(position);
	return { lower, upper: Math.min(lower + 1, count - 1), fraction: position - lower };
}

export function interpolate(below: number, above: number, fraction: number): number {
	return below + (above - below) * fraction;
}

/** The median (`percentile_cont(0.5)`): the mean of the two middle values for an even count. */
export function median(values: readonly number[]): number | null {
	return percentile(values, 0.5);
}

/** `part / whole`, or null when the whole is 0 (a rate with no denominator is unknown, not zero). */
export function rate(part: number, whole: number): number | null {
	return whole === 0 ? null : part / whole;
}
