import { describe, expect, it } from 'vitest';
import {
	parsePeriodChoice,
	periodFromUrl,
	periodOfChoice,
	periodQuery,
	previousPeriod,
	shiftMonths
} from './period-choice';

const url = (query: string) => new URLSearchParams(query);

describe('period choice', () => {
	it('reads a named choice from the URL, today otherwise', () => {
		for (const choice of ['today', 'week', 'month', 'quarter', 'year', 'custom'])
			expect(parsePeriodChoice(choice)).toBe(choice);
		expect(parsePeriodChoice(null)).toBe('today');
		expect(parsePeriodChoice('decade')).toBe('today');
		expect(parsePeriodChoice('')).toBe('today');
	});

	it('turns a choice into calendar dates up to today, weeks starting on Monday', () => {
		// 2026-11-28 is a Saturday.
		expect(periodOfChoice('today', '2026-11-28')).toEqual({ from: '2026-11-28', to: '2026-11-28' });
		expect(periodOfChoice('week', '2026-11-28')).toEqual({ from: '2026-11-23', to: '2026-11-28' });
		expect(periodOfChoice('week', '2026-11-23')).toEqual({ from: '2026-11-23', to: '2026-11-23' });
		expect(periodOfChoice('week', '2026-11-29')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
		expect(periodOfChoice('month', '2026-11-28')).toEqual({ from: '2026-11-01', to: '2026-11-28' });
		expect(periodOfChoice('month', '2027-01-01')).toEqual({ from: '2027-01-01', to: '2027-01-01' });
		expect(periodOfChoice('quarter', '2026-11-28')).toEqual({
			from: '2026-10-01',
			to: '2026-11-28'
		});
		expect(periodOfChoice('quarter', '2026-03-31')).toEqual({
			from: '2026-01-01',
			to: '2026-03-31'
		});
		expect(periodOfChoice('year', '2026-11-28')).toEqual({ from: '2026-01-01', to: '2026-11-28' });
	});

	it('takes a custom period of real dates, in order, not after today, at most a year long', () => {
		const today = '2026-11-28';
		expect(periodFromUrl(url('period=custom&from=2026-11-02&to=2026-11-06'), today)).toEqual({
			choice: 'custom',
			period: { from: '2026-11-02', to: '2026-11-06' }
		});
		const refused = (query: string) => periodFromUrl(url(query), today);
		expect(refused('period=custom&from=2026-02-29&to=2026-03-01').invalid).toBe('dates');
		expect(refused('period=custom&to=2026-03-01').invalid).toBe('dates');
		expect(refused('period=custom&from=2026-11-06&to=2026-11-02').invalid).toBe('order');
		expect(refused('period=custom&from=2026-11-20&to=2026-11-29').invalid).toBe('future');
		expect(refused('period=custom&from=2025-01-01&to=2026-11-28').invalid).toBe('length');
		// A refused custom period shows today instead.
		expect(refused('period=custom').period).toEqual({ from: today, to: today });
		expect(refused('period=custom').choice).toBe('today');
		expect(periodFromUrl(url('period=quarter'), today)).toEqual({
			choice: 'quarter',
			period: { from: '2026-10-01', to: '2026-11-28' }
		});
	});

	it('moves dates by whole months, staying inside the shorter month', () => {
		expect(shiftMonths('2026-03-31', -1)).toBe('2026-02-28');
		expect(shiftMonths('2024-03-31', -1)).toBe('2024-02-29');
		expect(shiftMonths('2026-01-15', -1)).toBe('2025-12-15');
		expect(shiftMonths('2026-11-30', -3)).toBe('2026-08-30');
		expect(shiftMonths('2024-02-29', -12)).toBe('2023-02-28');
		expect(shiftMonths('2026-12-31', 2)).toBe('2027-02-28');
	});

	it('compares with the previous period of equal length', () => {
		const previous = (query: string, today = '2026-11-28') =>
			previousPeriod(periodFromUrl(url(query), today));
		expect(previous('')).toEqual({ from: '2026-11-27', to: '2026-11-27' });
		expect(previous('period=week')).toEqual({ from: '2026-11-16', to: '2026-11-21' });
		expect(previous('period=month')).toEqual({ from: '2026-10-01', to: '2026-10-28' });
		expect(previous('period=month', '2026-03-31')).toEqual({
			from: '2026-02-01',
			to: '2026-02-28'
		});
		expect(previous('period=quarter')).toEqual({ from: '2026-07-01', to: '2026-08-28' });
		expect(previous('period=year')).toEqual({ from: '2025-01-01', to: '2025-11-28' });
		expect(previous('period=custom&from=2026-11-02&to=2026-11-06')).toEqual({
			from: '2026-10-28',
			to: '2026-11-01'
		});
	});

	it('keeps the period in links, saying nothing for today', () => {
		const query = (q: string) => periodQuery(periodFromUrl(url(q), '2026-11-28'));
		expect(query('')).toBe('');
		expect(query('period=week')).toBe('?period=week');
		expect(query('period=custom&from=2026-11-02&to=2026-11-06')).toBe(
			'?period=custom&from=2026-11-02&to=2026-11-06'
		);
		expect(query('period=custom&from=bad')).toBe('');
	});
});

describe('a custom period typed day/month/year', () => {
	it('selects those days', () => {
		const url = new URLSearchParams({ period: 'custom', from: '02/11/2026', to: '6/11/2026' });
		expect(periodFromUrl(url, '2026-11-27')).toEqual({
			choice: 'custom',
			period: { from: '2026-11-02', to: '2026-11-06' }
		});
	});
});
