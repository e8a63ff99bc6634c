import { describe, expect, it } from 'vitest';
import type { SeriesPoint } from '../../contracts/series';
import { withLiveTotals } from './live-series';

const HOUR = 3_600_000;
/** 28/11/2026 00:00 in Vietnam. */
const TODAY = Date.UTC(2026, 10, 27, 17);
const point = (start: number, received: number, resolved: number): SeriesPoint => ({
	start: new Date(start).toISOString(),
	label: String(start),
	received,
	resolved,
	future: false
});

describe('a series brought up to the live figures', () => {
	const hourly = [
		point(TODAY, 0, 0),
		point(TODAY + HOUR, 2, 1),
		point(TODAY + 2 * HOUR, 1, 0),
		point(TODAY + 3 * HOUR, 0, 0)
	];

	it('adds what happened since the read to the bucket of now', () => {
		const now = TODAY + 2 * HOUR + 600_000;
		const live = withLiveTotals(hourly, { start: TODAY, received: 5, resolved: 2 }, now);
		expect(live.map((p) => [p.received, p.resolved])).toEqual([
			[0, 0],
			[2, 1],
			[3, 1],
			[0, 0]
		]);
		expect(hourly[2].received).toBe(1);
	});

	it('changes nothing when the totals match, fell behind, or the feed is not live', () => {
		const now = TODAY + 2 * HOUR;
		expect(withLiveTotals(hourly, { start: TODAY, received: 3, resolved: 1 }, now)).toBe(hourly);
		expect(withLiveTotals(hourly, { start: TODAY, received: 2, resolved: 0 }, now)).toBe(hourly);
		expect(withLiveTotals(hourly, null, now)).toBe(hourly);
	});

	it('counts only today in a series of days, and leaves a series that ended before today alone', () => {
		const DAY = 24 * HOUR;
		const daily = [point(TODAY - 2 * DAY, 9, 9), point(TODAY - DAY, 7, 7), point(TODAY, 4, 1)];
		const live = withLiveTotals(daily, { start: TODAY, received: 6, resolved: 1 }, TODAY + HOUR);
		expect(live.map((p) => p.received)).toEqual([9, 7, 6]);
		const past = daily.slice(0, 2);
		expect(withLiveTotals(past, { start: TODAY, received: 6, resolved: 1 }, TODAY + HOUR)).toBe(
			past
		);
	});
});
