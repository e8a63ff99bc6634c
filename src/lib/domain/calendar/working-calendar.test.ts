import { describe, expect, it } from 'vitest';
import { calendar, vn } from '../dossier.test-support';
import { addDays } from './vn-time';
import { WorkingCalendar, type CalendarDayRow } from './working-calendar';

// Law cases of DOMAIN §4–§5 with expected values worked out by hand from the published calendar.

describe('working days: the weekday rule plus calendar data', () => {
	it.each([
		['2025-04-26', true, 'Saturday 26 April 2025 is worked in exchange for 2 May'],
		['2025-05-02', false, 'Friday 2 May 2025 is the swapped day off'],
		['2025-04-30', false, 'Reunification Day'],
		['2025-09-01', false, 'National Day break'],
		['2026-01-02', false, 'Friday 2 January 2026 off'],
		['2026-01-10', true, 'Saturday 10 January 2026 worked'],
		['2026-02-16', false, 'Tết 2026'],
		['2026-02-20', false, 'Tết 2026'],
		['2026-02-23', true, 'first Monday after Tết 2026'],
		['2026-04-25', false, 'an ordinary Saturday'],
		['2026-04-26', false, "Hùng Kings' day on a Sunday"],
		['2026-04-27', false, "Monday 27 April 2026, compensating Hùng Kings' day"],
		['2026-04-28', true, 'an ordinary Tuesday'],
		['2027-05-03', false, 'Monday 3 May 2027, compensating 1 May'],
		['2027-02-10', false, 'provisional Tết 2027 day off']
	])('%s working: %s (%s)', (date, working) => {
		expect(calendar.isWorkingDay(date)).toBe(working);
	});

	it('finds the next working day over holidays and weekends', () => {
		expect(calendar.nextWorkingDay('2026-04-24')).toBe('2026-04-28');
		expect(calendar.nextWorkingDay('2026-04-29')).toBe('2026-05-04');
		expect(calendar.nextWorkingDay('2025-04-25')).toBe('2025-04-26');
		expect(calendar.workingDayOnOrAfter('2026-04-28')).toBe('2026-04-28');
	});

	it('keeps the holiday names', () => {
		expect(calendar.dayRow('2026-04-27')?.name).toContain('Giỗ Tổ Hùng Vương');
		expect(calendar.dayRow('2026-04-28')).toBeUndefined();
	});
});

describe('office hours', () => {
	it.each([
		['2026-05-04 07:00', true],
		['2026-05-04 11:29', true],
		['2026-05-04 11:30', false],
		['2026-05-04 12:00', false],
		['2026-05-04 13:30', true],
		['2026-05-04 16:59', true],
		['2026-05-04 17:00', false],
		['2026-05-04 06:59', false],
		['2026-05-09 09:00', false],
		['2026-01-10 09:00', true]
	])('%s is working time: %s', (at, working) => {
		expect(calendar.isWorkingTime(vn(at))).toBe(working);
	});

	it('counts a period end as the place a due date may fall, but not lunch or the evening', () => {
		expect(calendar.isWorkingTimeOrPeriodEnd(vn('2026-05-04 17:00'))).toBe(true);
		expect(calendar.isWorkingTimeOrPeriodEnd(vn('2026-05-04 11:30'))).toBe(true);
		expect(calendar.isWorkingTimeOrPeriodEnd(vn('2026-05-04 12:00'))).toBe(false);
		expect(calendar.isWorkingTimeOrPeriodEnd(vn('2026-05-04 17:01'))).toBe(false);
	});

	it('lists the periods of a working day and none for a holiday', () => {
		expect(calendar.workingPeriods('2026-05-04')).toEqual([
			[vn('2026-05-04 07:00'), vn('2026-05-04 11:30')],
			[vn('2026-05-04 13:30'), vn('2026-05-04 17:00')]
		]);
		expect(calendar.workingPeriods('2026-04-27')).toEqual([]);
		expect(calendar.closeOfDay('2026-05-04')).toBe(vn('2026-05-04 17:00'));
	});
});

describe('when the clock starts for a receipt', () => {
	it.each([
		['2026-05-04 10:00', '2026-05-04 10:00', 'during office hours: at once'],
		['2026-05-04 12:00', '2026-05-04 13:30', 'at lunch: 13:30'],
		['2026-05-04 11:30', '2026-05-04 13:30', 'at the end of the morning: 13:30'],
		['2026-05-04 06:00', '2026-05-04 07:00', 'before opening: 07:00'],
		['2026-05-04 17:00', '2026-05-05 07:00', 'at closing: the next working morning'],
		['2026-05-04 18:30', '2026-05-05 07:00', 'in the evening: the next working morning'],
		['2026-04-24 18:30', '2026-04-28 07:00', 'Friday evening before a Monday off'],
		['2026-04-29 17:30', '2026-05-04 07:00', 'before 30 April and 1 May'],
		['2026-01-10 09:00', '2026-01-10 09:00', 'on a swapped working Saturday']
	])('received %s starts at %s (%s)', (receipt, start) => {
		expect(calendar.nextWorkingInstant(vn(receipt))).toBe(vn(start));
	});
});

describe('adding working time', () => {
	it.each([
		['2026-05-04 10:00', 1, '2026-05-05 10:00', 'Monday 10:00 + 1 working day = Tuesday 10:00'],
		['2026-04-24 10:00', 3, '2026-05-04 10:00', 'Friday 24 April 2026 + 3 working days'],
		['2026-02-12 10:00', 3, '2026-02-24 10:00', 'across the 2026 Tết break'],
		['2026-05-04 12:00', 1, '2026-05-05 11:30', 'received at lunch: counts from 13:30'],
		['2026-05-04 18:30', 1, '2026-05-05 17:00', 'received in the evening: counts from 07:00'],
		['2025-04-25 10:00', 1, '2025-04-26 10:00', 'into the swapped working Saturday'],
		['2025-04-29 10:00', 2, '2025-05-06 10:00', 'Tuesday 5 h, Monday 5 May 8 h, Tuesday 3 h']
	])('%s + %d working days = %s (%s)', (start, days, due) => {
		expect(calendar.addWorkingDays(vn(start), days)).toBe(vn(due));
	});

	it('adds working hours across lunch and stops at a period end when time runs out there', () => {
		expect(calendar.addWorkingHours(vn('2026-05-04 10:00'), 4)).toBe(vn('2026-05-04 16:00'));
		expect(calendar.addWorkingHours(vn('2026-05-04 10:00'), 1.5)).toBe(vn('2026-05-04 11:30'));
		expect(calendar.addWorkingHours(vn('2026-05-04 10:00'), 0)).toBe(vn('2026-05-04 10:00'));
		expect(calendar.addWorkingHours(vn('2026-05-04 12:00'), 0)).toBe(vn('2026-05-04 13:30'));
	});

	it('refuses negative or non-finite working time', () => {
		expect(() => calendar.addWorkingMs(vn('2026-05-04 10:00'), -1)).toThrow(RangeError);
		expect(() => calendar.addWorkingHours(vn('2026-05-04 10:00'), Infinity)).toThrow(RangeError);
	});
});

describe('limits in calendar days', () => {
	it.each([
		['2026-05-04 10:00', 3, '2026-05-07 10:00', 'ends on a working day'],
		['2026-05-04 10:00', 5, '2026-05-11 10:00', 'ends on Saturday: moves to Monday'],
		['2026-05-09 09:00', 2, '2026-05-13 07:00', 'received on Saturday: counts from Monday 07:00'],
		['2026-04-21 10:00', 6, '2026-04-28 10:00', 'ends on Monday 27 April 2026 (off)']
	])('%s + %d days = %s (%s)', (start, days, due) => {
		expect(calendar.addCalendarDays(vn(start), days)).toBe(vn(due));
	});

	it('refuses fractional or negative days', () => {
		expect(() => calendar.addCalendarDays(vn('2026-05-04 10:00'), 1.5)).toThrow(RangeError);
		expect(() => calendar.addCalendarDays(vn('2026-05-04 10:00'), -1)).toThrow(RangeError);
	});
});

describe('same-day procedures (NĐ 23/2015 Art. 7: after 15:00, the next working day)', () => {
	it.each([
		['2026-05-08 15:01', '2026-05-11 17:00', 'Friday 15:01: Monday close'],
		['2026-05-08 15:00', '2026-05-08 17:00', '15:00 exactly is not after 15:00'],
		['2026-05-08 14:59', '2026-05-08 17:00', 'before the cutoff'],
		['2026-05-04 12:00', '2026-05-04 17:00', 'at lunch: counts from 13:30, same day'],
		['2026-05-04 06:30', '2026-05-04 17:00', 'before opening: same day'],
		['2026-05-04 18:30', '2026-05-05 17:00', 'in the evening: next working day'],
		['2026-05-09 09:00', '2026-05-11 17:00', 'on a Saturday: Monday'],
		['2026-04-29 15:30', '2026-05-04 17:00', 'after 15:00 before 30 April – 3 May'],
		['2025-04-25 15:30', '2025-04-26 17:00', 'after 15:00 on Friday before a worked Saturday']
	])('received %s is due %s (%s)', (receipt, due) => {
		expect(calendar.sameDayDueAt(vn(receipt))).toBe(vn(due));
	});
});

describe('working time between two instants', () => {
	it.each([
		['2026-05-04 10:00', '2026-05-05 10:00', 8],
		['2026-04-24 10:00', '2026-05-04 10:00', 24],
		['2026-05-04 00:00', '2026-05-05 00:00', 8],
		['2026-05-04 12:00', '2026-05-04 13:30', 0],
		['2026-05-04 10:00', '2026-05-04 10:00', 0],
		['2026-05-05 10:00', '2026-05-04 10:00', -8]
	])('%s → %s is %d working hours', (from, to, hours) => {
		expect(calendar.workingHoursBetween(vn(from), vn(to))).toBe(hours);
	});
});

describe('configuration', () => {
	it('follows a province whose office hours differ', () => {
		const province = new WorkingCalendar([], {
			morning: ['07:30', '11:30'],
			afternoon: ['13:00', '17:00'],
			sameDayCutoff: '16:00'
		});
		expect(province.nextWorkingInstant(vn('2026-05-04 12:00'))).toBe(vn('2026-05-04 13:00'));
		expect(province.addWorkingDays(vn('2026-05-04 10:00'), 1)).toBe(vn('2026-05-05 10:00'));
		expect(province.sameDayDueAt(vn('2026-05-04 15:30'))).toBe(vn('2026-05-04 17:00'));
		// Without calendar data, 27 April 2026 is an ordinary Monday.
		expect(province.isWorkingDay('2026-04-27')).toBe(true);
	});

	it('rejects office hours that do not make sense', () => {
		const bad = (morning: [string, string], afternoon: [string, string]) => () =>
			new WorkingCalendar([], { morning, afternoon, sameDayCutoff: '15:00' });
		expect(bad(['11:30', '07:00'], ['13:30', '17:00'])).toThrow(RangeError);
		expect(bad(['07:00', '14:00'], ['13:30', '17:00'])).toThrow(RangeError);
		expect(bad(['07:00', '11:30'], ['17:00', '17:00'])).toThrow(RangeError);
	});

	it('gives up with a RangeError when the data leaves no working day for over a year', () => {
		const rows: CalendarDayRow[] = [];
		for (let date = '2030-01-01'; date < '2031-06-01'; date = addDays(date, 1)) {
			rows.push({ date, kind: 'day_off', name: 'test', provisional: false });
		}
		const broken = new WorkingCalendar(rows);
		expect(() => broken.nextWorkingInstant(vn('2030-01-02 08:00'))).toThrow(RangeError);
		expect(() => broken.workingDayOnOrAfter('2030-01-02')).toThrow(RangeError);
	});
});
