import { describe, expect, it } from 'vitest';
import { vn } from './dossier.test-support';
import {
	assertPeriod,
	isInPeriod,
	measurementInstant,
	periodEnd,
	periodOfDay,
	periodStart
} from './period';
import { median, percentile, rate } from './statistics';

describe('periods: Vietnam calendar dates, both inclusive', () => {
	const period = { from: '2026-05-11', to: '2026-05-15' };

	it('runs from Vietnam midnight of the first day to Vietnam midnight after the last', () => {
		expect(periodStart(period)).toBe(vn('2026-05-11 00:00'));
		expect(periodEnd(period)).toBe(vn('2026-05-16 00:00'));
		expect(isInPeriod(vn('2026-05-15 23:59'), period)).toBe(true);
		expect(isInPeriod(vn('2026-05-16 00:00'), period)).toBe(false);
		expect(isInPeriod(vn('2026-05-10 23:59'), period)).toBe(false);
		expect(isInPeriod(null, period)).toBe(false);
	});

	it('is measured now while it runs, and at its last millisecond once over', () => {
		expect(measurementInstant(period, vn('2026-05-13 10:00'))).toBe(vn('2026-05-13 10:00'));
		expect(measurementInstant(period, vn('2026-06-01 10:00'))).toBe(vn('2026-05-16 00:00') - 1);
	});

	it('validates its ends', () => {
		expect(assertPeriod(periodOfDay('2026-05-13'))).toEqual({
			from: '2026-05-13',
			to: '2026-05-13'
		});
		expect(() => assertPeriod({ from: '2026-05-14', to: '2026-05-13' })).toThrow(RangeError);
		expect(() => assertPeriod({ from: '2026-02-30', to: '2026-03-01' })).toThrow(RangeError);
	});
});

describe('statistics (Postgres percentile_cont)', () => {
	it.each([
		[[8, 15, 33], 0.5, 15],
		[[8, 15, 33], 0.9, 29.4],
		[[1, 2, 3, 4], 0.5, 2.5],
		[[5], 0.9, 5],
		[[3, 1, 2], 0, 1],
		[[3, 1, 2], 1, 3]
	])('percentile(%j, %d) = %d', (values, p, expected) => {
		expect(percentile(values, p)).toBeCloseTo(expected);
	});

	it('has no median of nothing and no rate without a denominator', () => {
		expect(median([])).toBeNull();
		expect(rate(1, 0)).toBeNull();
		expect(rate(1, 4)).toBe(0.25);
	});
});
