import { describe, expect, it } from 'vitest';
import { vnInstant } from '../domain/calendar/vn-time';
import { isClockJump, nightlyReloadDue, versionAction } from './self-care';

describe('the nightly reload', () => {
	const loaded = vnInstant('2026-11-27', '09:00');
	it('is due once the set Vietnam time has passed since the page loaded', () => {
		expect(nightlyReloadDue(loaded, vnInstant('2026-11-28', '02:59'), '03:00')).toBe(false);
		expect(nightlyReloadDue(loaded, vnInstant('2026-11-28', '03:00'), '03:00')).toBe(true);
	});

	it('is not due for the instant the page itself was loaded at or before', () => {
		const atThree = vnInstant('2026-11-28', '03:00');
		expect(nightlyReloadDue(atThree, atThree + 60_000, '03:00')).toBe(false);
		expect(nightlyReloadDue(atThree, vnInstant('2026-11-29', '03:00'), '03:00')).toBe(true);
	});
});

describe('the deployed build check', () => {
	it('reloads for a new version once, and holds if that version is still not the one running', () => {
		expect(versionAction('100', '100', null)).toBe('none');
		expect(versionAction('100', null, null)).toBe('none');
		expect(versionAction('100', '200', null)).toBe('reload');
		expect(versionAction('100', '200', '200')).toBe('hold');
		expect(versionAction('200', '300', '200')).toBe('reload');
	});
});

describe('a sleep of the machine', () => {
	it('shows as far more time passing than the timer’s interval, or the clock going back', () => {
		expect(isClockJump(0, 5_000, 5_000)).toBe(false);
		expect(isClockJump(0, 30_000, 5_000)).toBe(false);
		expect(isClockJump(0, 36_000, 5_000)).toBe(true);
		expect(isClockJump(100_000, 50_000, 5_000)).toBe(true);
	});
});
