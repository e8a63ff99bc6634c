import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	addDays,
	dateOfDayNumber,
	dayNumberOf,
	daysBetween,
	formatVnDateTime,
	isCalendarDate,
	isWeekend,
	parseClock,
	startOfVnDay,
	vnDateOf,
	vnDateTimeOf,
	vnInstant,
	weekdayOf
} from './vn-time';

describe('Vietnam time (UTC+7, no daylight saving)', () => {
	it('reads a Vietnamese clock time as the instant seven hours earlier in UTC', () => {
		expect(vnInstant('2026-04-24', '10:00')).toBe(Date.UTC(2026, 3, 24, 3, 0));
		expect(vnInstant('2026-01-01')).toBe(Date.UTC(2025, 11, 31, 17, 0));
		expect(startOfVnDay('2026-07-01')).toBe(Date.UTC(2026, 5, 30, 17, 0));
	});

	it.each([
		[Date.UTC(2026, 0, 1, 16, 59, 59, 999), '2026-01-01'],
		[Date.UTC(2026, 0, 1, 17, 0), '2026-01-02'],
		[Date.UTC(2025, 11, 31, 23, 0), '2026-01-01'],
		[Date.UTC(1969, 11, 31, 17, 0), '1970-01-01'],
		[Date.UTC(1969, 11, 31, 16, 0), '1969-12-31']
	])('instant %d is on %s in Vietnam', (at, date) => {
		expect(vnDateOf(at)).toBe(date);
	});

	it('splits an instant into Vietnamese clock parts', () => {
		expect(vnDateTimeOf(Date.UTC(2026, 3, 24, 8, 5))).toEqual({
			date: '2026-04-24',
			year: 2026,
			month: 4,
			day: 24,
			weekday: 5,
			hour: 15,
			minute: 5,
			msOfDay: (15 * 60 + 5) * 60_000
		});
		expect(formatVnDateTime(vnInstant('2026-04-24', '07:05'))).toBe('2026-04-24 07:05');
	});

	it.each([
		['2025-04-26', 6],
		['2025-05-02', 5],
		['2026-04-24', 5],
		['2026-04-27', 1],
		['2000-02-29', 2],
		['1970-01-01', 4],
		['1969-12-28', 0]
	])('%s is weekday %d', (date, weekday) => {
		expect(weekdayOf(date)).toBe(weekday);
	});

	it('knows weekends', () => {
		expect(isWeekend('2026-04-25')).toBe(true);
		expect(isWeekend('2026-04-26')).toBe(true);
		expect(isWeekend('2026-04-27')).toBe(false);
	});

	it.each([
		['2024-02-29', true],
		['2000-02-29', true],
		['2025-02-29', false],
		['1900-02-29', false],
		['2025-13-01', false],
		['2025-00-10', false],
		['2025-04-31', false],
		['2025-04-00', false],
		['2025-1-01', false],
		['20250101', false]
	])('isCalendarDate(%s) is %s', (value, valid) => {
		expect(isCalendarDate(value)).toBe(valid);
	});

	it('adds and counts calendar days across month, year and leap-day boundaries', () => {
		expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
		expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
		expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
		expect(daysBetween('2025-01-01', '2026-01-01')).toBe(365);
		expect(daysBetween('2024-03-01', '2024-02-01')).toBe(-29);
		expect(() => dayNumberOf('2025-02-30')).toThrow(RangeError);
	});

	it('agrees with the JavaScript calendar for any day number and instant', () => {
		fc.assert(
			fc.property(fc.integer({ min: -700_000, max: 2_900_000 }), (dayNumber) => {
				const expected = new Date(dayNumber * 86_400_000).toISOString().slice(0, 10);
				expect(dateOfDayNumber(dayNumber)).toBe(expected);
				expect(dayNumberOf(expected)).toBe(dayNumber);
			})
		);
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), (at) => {
				expect(vnDateOf(at)).toBe(new Date(at + 7 * 3_600_000).toISOString().slice(0, 10));
				expect(weekdayOf(vnDateOf(at))).toBe(new Date(at + 7 * 3_600_000).getUTCDay());
			})
		);
	});

	it.each([
		['07:00', 420],
		['00:00', 0],
		['24:00', 1440],
		['13:30:30', 810.5]
	])('parses the clock time %s as %d minutes', (clock, minutes) => {
		expect(parseClock(clock)).toBe(minutes);
	});

	it.each(['7:00', '25:00', '12:60', '12:00:60', '24:01', 'noon'])(
		'rejects the clock time %s',
		(clock) => {
			expect(() => parseClock(clock)).toThrow(RangeError);
		}
	);
});
