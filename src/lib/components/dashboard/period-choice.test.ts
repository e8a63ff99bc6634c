import { describe, expect, it } from 'vitest';
import { parsePeriodChoice, periodOfChoice } from './period-choice';

describe('period choice', () => {
	it('reads today or month from the URL, today otherwise', () => {
		expect(parsePeriodChoice('month')).toBe('month');
		expect(parsePeriodChoice('today')).toBe('today');
		expect(parsePeriodChoice(null)).toBe('today');
		expect(parsePeriodChoice('year')).toBe('today');
		expect(parsePeriodChoice('')).toBe('today');
	});

	it('turns a choice into calendar dates, the month running from its first day to today', () => {
		expect(periodOfChoice('today', '2026-11-28')).toEqual({ from: '2026-11-28', to: '2026-11-28' });
		expect(periodOfChoice('month', '2026-11-28')).toEqual({ from: '2026-11-01', to: '2026-11-28' });
		expect(periodOfChoice('month', '2027-01-01')).toEqual({ from: '2027-01-01', to: '2027-01-01' });
	});
});
