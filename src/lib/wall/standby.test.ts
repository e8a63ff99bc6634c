import { describe, expect, it } from 'vitest';
import { vnInstant } from '../domain/calendar/vn-time';
import { isActiveAt, nextActiveStart } from './standby';

const at = (clock: string, date = '2026-11-27') => vnInstant(date, clock);

describe('standby hours', () => {
	it('are active from the start (included) to the end (excluded), in Vietnam time', () => {
		expect(isActiveAt(at('06:29'), '06:30-18:30')).toBe(false);
		expect(isActiveAt(at('06:30'), '06:30-18:30')).toBe(true);
		expect(isActiveAt(at('18:29'), '06:30-18:30')).toBe(true);
		expect(isActiveAt(at('18:30'), '06:30-18:30')).toBe(false);
	});

	it('may run past midnight, or all day', () => {
		expect(isActiveAt(at('23:00'), '22:00-06:00')).toBe(true);
		expect(isActiveAt(at('05:59'), '22:00-06:00')).toBe(true);
		expect(isActiveAt(at('12:00'), '22:00-06:00')).toBe(false);
		expect(isActiveAt(at('23:59'), '00:00-24:00')).toBe(true);
	});

	it('keep the screen on when the setting is malformed', () => {
		expect(isActiveAt(at('03:00'), 'nonsense')).toBe(true);
	});

	it('say when the screen comes back', () => {
		expect(nextActiveStart(at('20:00'), '06:30-18:30')).toBe(at('06:30', '2026-11-28'));
		expect(nextActiveStart(at('05:00'), '06:30-18:30')).toBe(at('06:30'));
	});
});
