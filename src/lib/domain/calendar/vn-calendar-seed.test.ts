import { describe, expect, it } from 'vitest';
import { VN_CALENDAR_SEED } from './vn-calendar-seed';
import { isCalendarDate, isWeekend } from './vn-time';

describe('VN_CALENDAR_SEED (DOMAIN §5)', () => {
	it('has one row per real date, in 2025–2027', () => {
		const dates = VN_CALENDAR_SEED.map((row) => row.date);
		expect(new Set(dates).size).toBe(dates.length);
		for (const date of dates) {
			expect(isCalendarDate(date)).toBe(true);
			expect(date >= '2025-01-01' && date <= '2027-12-31').toBe(true);
		}
	});

	it('declares only weekend days working days and only weekdays days off', () => {
		for (const row of VN_CALENDAR_SEED) {
			if (row.kind === 'working_day') expect(isWeekend(row.date)).toBe(true);
			if (row.kind === 'day_off') expect(isWeekend(row.date)).toBe(false);
		}
	});

	it('has the 11 paid public holidays of the Labor Code in 2025 and 2026', () => {
		for (const year of ['2025', '2026']) {
			const holidays = VN_CALENDAR_SEED.filter(
				(row) => row.kind === 'holiday' && row.date.startsWith(year)
			);
			expect(holidays).toHaveLength(11);
		}
	});

	it('marks what the government has not confirmed as provisional', () => {
		const provisional = VN_CALENDAR_SEED.filter((row) => row.provisional).map((row) => row.date);
		expect(provisional).toEqual([
			'2026-09-01',
			'2027-02-05',
			'2027-02-08',
			'2027-02-09',
			'2027-02-10',
			'2027-02-11',
			'2027-09-03'
		]);
	});

	it('leaves out the unconfirmed 24 November holiday and names days in Vietnamese', () => {
		expect(VN_CALENDAR_SEED.some((row) => row.date.endsWith('-11-24'))).toBe(false);
		const names = new Set(VN_CALENDAR_SEED.map((row) => row.name));
		for (const name of ['Tết Dương lịch', 'Tết Nguyên đán', 'Giỗ Tổ Hùng Vương', 'Quốc khánh']) {
			expect(names.has(name)).toBe(true);
		}
	});
});
