import { describe, expect, it } from 'vitest';
import { DATE_INPUT_PATTERN, inputDateOf, parseInputDate } from './date-input';

describe('dates typed into forms', () => {
	it('reads day/month/year as Vietnamese write it, and ISO as links carry it', () => {
		expect(parseInputDate('27/11/2026')).toBe('2026-11-27');
		expect(parseInputDate(' 2/9/2026 ')).toBe('2026-09-02');
		expect(parseInputDate('02.09.2026')).toBe('2026-09-02');
		expect(parseInputDate('2-9-2026')).toBe('2026-09-02');
		expect(parseInputDate('2026-11-27')).toBe('2026-11-27');
	});

	it('refuses what is not a real date', () => {
		for (const text of ['31/02/2026', '11/27/2026', '27/11/26', '', 'hôm nay', '2026-13-01'])
			expect(parseInputDate(text)).toBeNull();
	});

	it('shows a date the way it reads one', () => {
		expect(inputDateOf('2026-09-02')).toBe('02/09/2026');
		expect(parseInputDate(inputDateOf('2026-09-02'))).toBe('2026-09-02');
	});

	it('offers browsers a pattern that takes the same forms', () => {
		const pattern = new RegExp(`^(?:${DATE_INPUT_PATTERN})$`, 'v');
		for (const text of ['27/11/2026', '2/9/2026', '2026-11-27'])
			expect(pattern.test(text)).toBe(true);
		for (const text of ['27/11/26', 'hôm nay']) expect(pattern.test(text)).toBe(false);
	});
});
