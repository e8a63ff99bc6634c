/**
 * The `p`-quantile (0 ≤ p ≤ 1) by linear interpolation between closest ranks, the same definition as Postgres
 * `percentile_cont`, so SQL and the domain agree. Null for no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	const position = Math.min(Math.max(p, 0), 1) * (sorted.length - 1);
	const lower = Math.floor(position);
	const below = sorted[lower] as number;
	const above = sorted[Math.min(lower + 1, sorted.length - 1)] as number;
	return below + (above - below) * (position - lower);
}

/** The median (`percentile_cont(0.5)`): the mean of the two middle values for an even count. */
export function median(values: readonly number[]): number | null {
	return percentile(values, 0.5);
}

/** `part / whole`, or null when the whole is 0 (a rate with no denominator is unknown, not zero). */
export function rate(part: number, whole: number): number | null {
	return whole === 0 ? null : part / whole;
}
