import type { SeriesPoint } from '../../contracts/series';

/**
 * A series read by the page's load, brought up to the live figures: the dossiers received and resolved since the
 * read (today's live totals minus the series' sum over today) are added to the current bucket. The page reads
 * the series again every few minutes, which puts any back-dated event in its own bucket.
 */
export function withLiveTotals(
	points: readonly SeriesPoint[],
	/** Today's live totals and the instant today began (Vietnam midnight); null when not live. */
	today: { start: number; received: number; resolved: number } | null,
	now: number
): readonly SeriesPoint[] {
	if (!today) return points;
	const todayStart = today.start;
	// The current bucket: the last that has begun; it must lie in today (the series must reach now).
	const current = points.findLastIndex((point) => Date.parse(point.start) <= now);
	if (current < 0 || Date.parse(points[current].start) < todayStart) return points;
	const sinceToday = points.filter((point) => Date.parse(point.start) >= todayStart);
	const counted = {
		received: sinceToday.reduce((sum, point) => sum + point.received, 0),
		resolved: sinceToday.reduce((sum, point) => sum + point.resolved, 0)
	};
	const more = {
		received: Math.max(0, today.received - counted.received),
		resolved: Math.max(0, today.resolved - counted.resolved)
	};
	if (more.received === 0 && more.resolved === 0) return points;
	return points.map((point, i) =>
		i === current
			? {
					...point,
					received: point.received + more.received,
					resolved: point.resolved + more.resolved
				}
			: point
	);
}
