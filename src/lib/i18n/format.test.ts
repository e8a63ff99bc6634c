import { describe, expect, it } from 'vitest';
import { formatters } from './format';

describe('vi-VN formats', () => {
	const f = formatters('vi');

	it('groups thousands with a dot and writes percentages with a decimal comma', () => {
		expect(f.integer(2718)).toBe('2.718');
		expect(f.percent(0.658)).toBe('65,8%');
		expect(f.percent(null)).toBe('–');
		expect(f.decimal(2.345)).toBe('2,3');
		expect(f.decimal(1250)).toBe('1.250');
	});

	it('writes dates day first in Vietnam time, even when UTC is still on the previous day', () => {
		// 26/11/2026 20:30 UTC is 27/11/2026 03:30 in Hà Nội.
		const instant = Date.UTC(2026, 10, 26, 20, 30);
		expect(f.date(instant)).toBe('27/11/2026');
		expect(f.time(instant)).toBe('03:30');
	});
});

describe('English switch', () => {
	it('uses English grouping', () => {
		expect(formatters('en').integer(2718)).toBe('2,718');
	});
});
