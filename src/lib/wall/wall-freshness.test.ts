import { describe, expect, it } from 'vitest';
import { vnInstant } from '../domain/calendar/vn-time';
import { ageOf, wallBanner } from './wall-freshness';

const asOf = vnInstant('2026-11-27', '08:20');

describe('the wall banner', () => {
	it('is absent while the figures are live', () => {
		expect(
			wallBanner({ freshness: { kind: 'live' }, asOf, link: 'connected', now: asOf + 5_000 })
		).toEqual({ kind: 'none' });
	});

	it('appears at once on a lost connection, keeping the time of the last good figures', () => {
		expect(
			wallBanner({ freshness: { kind: 'reconnecting' }, asOf, link: 'lost', now: asOf + 1_000 })
		).toEqual({ kind: 'stale', since: asOf, connected: false, dayChanged: false });
	});

	it('waits out a subscription under way while connected or starting', () => {
		for (const link of ['starting', 'connected'] as const)
			expect(
				wallBanner({ freshness: { kind: 'reconnecting' }, asOf, link, now: asOf + 1_000 })
			).toEqual({ kind: 'none' });
	});

	it('tells a connected but stalled feed from a lost one', () => {
		expect(
			wallBanner({
				freshness: { kind: 'stale', since: asOf },
				asOf,
				link: 'connected',
				now: asOf + 120_000
			})
		).toMatchObject({ kind: 'stale', connected: true });
	});

	it('escalates once the Vietnam date is no longer the figures’ date', () => {
		const lateEvening = vnInstant('2026-11-27', '23:59');
		const justAfterMidnight = vnInstant('2026-11-28', '00:00');
		const stale = { kind: 'stale', since: asOf } as const;
		expect(wallBanner({ freshness: stale, asOf, link: 'lost', now: lateEvening })).toMatchObject({
			dayChanged: false
		});
		expect(
			wallBanner({ freshness: stale, asOf, link: 'lost', now: justAfterMidnight })
		).toMatchObject({ dayChanged: true });
	});

	it('waits when there are no figures at all', () => {
		expect(
			wallBanner({
				freshness: { kind: 'stale', since: null },
				asOf: null,
				link: 'connected',
				now: 0
			})
		).toEqual({ kind: 'waiting' });
		expect(
			wallBanner({ freshness: { kind: 'reconnecting' }, asOf: null, link: 'starting', now: 0 })
		).toEqual({ kind: 'none' });
	});
});

describe('the age of the figures', () => {
	it('is said in the largest whole unit', () => {
		expect(ageOf(0, 59_999)).toEqual({ value: 59, unit: 'seconds' });
		expect(ageOf(0, 60_000)).toEqual({ value: 1, unit: 'minutes' });
		expect(ageOf(0, 2 * 3_600_000 + 5)).toEqual({ value: 2, unit: 'hours' });
		expect(ageOf(0, 3 * 86_400_000)).toEqual({ value: 3, unit: 'days' });
	});

	it('is never negative', () => {
		expect(ageOf(10_000, 9_000)).toEqual({ value: 0, unit: 'seconds' });
	});
});
