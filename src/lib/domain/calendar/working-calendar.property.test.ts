import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeDueAt, type ProcessingTime } from '../deadline';
import { calendar, vn } from '../dossier.test-support';
import { addDays, HOUR_MS, vnDateOf } from './vn-time';
import { WorkingCalendar, type CalendarDayRow } from './working-calendar';

const instant = fc.integer({ min: vn('2025-01-01 00:00'), max: vn('2027-10-01 00:00') });
const workingMs = fc.integer({ min: 0, max: 120 * HOUR_MS });
const positiveMs = fc.integer({ min: 1, max: 120 * HOUR_MS });

/** Random exceptions (holidays, days off, worked weekend days) in 2026 on top of the weekday rule. */
const randomCalendar = fc
	.uniqueArray(
		fc.record({
			offset: fc.integer({ min: 0, max: 364 }),
			kind: fc.constantFrom<CalendarDayRow['kind']>('holiday', 'day_off', 'working_day')
		}),
		{ selector: (row) => row.offset, maxLength: 60 }
	)
	.map(
		(rows) =>
			new WorkingCalendar(
				rows.map(({ offset, kind }) => ({
					date: addDays('2026-01-01', offset),
					kind,
					name: 'random',
					provisional: false
				}))
			)
	);
const calendars = fc.oneof(fc.constant(calendar), randomCalendar);
const instant2026 = fc.integer({ min: vn('2026-01-01 00:00'), max: vn('2026-11-30 00:00') });

/** `due` lies in an office period of a working day, ends included: (start, end] when time was added. */
function inPeriodClosedEnd(cal: WorkingCalendar, due: number): boolean {
	return cal.workingPeriods(vnDateOf(due)).some(([start, end]) => start < due && due <= end);
}

describe('working-time invariants (fast-check)', () => {
	it('adding then measuring working time round-trips', () => {
		fc.assert(
			fc.property(calendars, instant2026, workingMs, (cal, start, ms) => {
				expect(cal.workingMsBetween(start, cal.addWorkingMs(start, ms))).toBe(ms);
			})
		);
	});

	it('adding working time is monotonic in the amount and in the start', () => {
		fc.assert(
			fc.property(instant, instant, workingMs, workingMs, (a, b, x, y) => {
				const [s1, s2] = a <= b ? [a, b] : [b, a];
				const [ms1, ms2] = x <= y ? [x, y] : [y, x];
				expect(calendar.addWorkingMs(s1, ms1)).toBeLessThanOrEqual(calendar.addWorkingMs(s1, ms2));
				expect(calendar.addWorkingMs(s1, ms1)).toBeLessThanOrEqual(calendar.addWorkingMs(s2, ms1));
			})
		);
	});

	it('adding a positive amount ends inside an office period or exactly at its end, never before its start', () => {
		fc.assert(
			fc.property(calendars, instant2026, positiveMs, (cal, start, ms) => {
				const due = cal.addWorkingMs(start, ms);
				expect(inPeriodClosedEnd(cal, due)).toBe(true);
				expect(cal.isWorkingTimeOrPeriodEnd(due)).toBe(true);
			})
		);
	});

	it('adding in two steps equals adding at once (when the second step is positive)', () => {
		fc.assert(
			fc.property(instant, workingMs, positiveMs, (start, a, b) => {
				expect(calendar.addWorkingMs(calendar.addWorkingMs(start, a), b)).toBe(
					calendar.addWorkingMs(start, a + b)
				);
			})
		);
	});

	it('the next working instant is working time, not earlier, with no working time skipped', () => {
		fc.assert(
			fc.property(calendars, instant2026, (cal, at) => {
				const next = cal.nextWorkingInstant(at);
				expect(next).toBeGreaterThanOrEqual(at);
				expect(cal.isWorkingTime(next)).toBe(true);
				expect(cal.workingMsBetween(at, next)).toBe(0);
				expect(cal.addWorkingMs(at, 0)).toBe(next);
			})
		);
	});

	it('working time between instants is additive and antisymmetric', () => {
		fc.assert(
			fc.property(instant, instant, instant, (x, y, z) => {
				const [a, b, c] = [x, y, z].sort((p, q) => p - q) as [number, number, number];
				expect(calendar.workingMsBetween(a, b) + calendar.workingMsBetween(b, c)).toBe(
					calendar.workingMsBetween(a, c)
				);
				expect(calendar.workingMsBetween(c, a)).toBe(-calendar.workingMsBetween(a, c));
			})
		);
	});

	it('a computed due date never lies in non-working time other than exactly at a period end', () => {
		const processingTime: fc.Arbitrary<ProcessingTime | null> = fc.oneof(
			fc.constant(null),
			fc.constant<ProcessingTime>({ unit: 'same_day' }),
			fc.record({
				unit: fc.constantFrom<ProcessingTime['unit']>('working_days', 'working_hours', 'days'),
				value: fc.integer({ min: 1, max: 30 })
			})
		);
		fc.assert(
			fc.property(calendars, instant2026, processingTime, (cal, receivedAt, time) => {
				const due = computeDueAt(time, receivedAt, cal);
				expect(cal.isWorkingTimeOrPeriodEnd(due)).toBe(true);
				expect(due).toBeGreaterThan(receivedAt);
			})
		);
	});

	it('due dates are monotonic in the receipt', () => {
		const unit = fc.constantFrom<ProcessingTime['unit']>(
			'working_days',
			'working_hours',
			'days',
			'same_day'
		);
		fc.assert(
			fc.property(instant, instant, unit, fc.integer({ min: 1, max: 15 }), (a, b, u, value) => {
				const [r1, r2] = a <= b ? [a, b] : [b, a];
				const time = { unit: u, value };
				expect(computeDueAt(time, r1, calendar)).toBeLessThanOrEqual(
					computeDueAt(time, r2, calendar)
				);
			})
		);
	});
});
