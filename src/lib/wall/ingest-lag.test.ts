import { describe, expect, it } from 'vitest';
import { MINUTE_MS, vnInstant } from '../domain/calendar/vn-time';
import { ingestLag } from './ingest-lag';

const day = '2026-11-27';
const at = (clock: string) => vnInstant(day, clock);
const office = [
	[at('07:00'), at('11:30')],
	[at('13:30'), at('17:00')]
] as const;
const lagMs = 30 * MINUTE_MS;

describe('the ingest lag', () => {
	it('shows when no event came for the set time during office hours', () => {
		expect(
			ingestLag({ now: at('10:00'), lastEventAt: at('09:29'), officePeriods: office, lagMs })
		).toEqual({ since: at('09:29') });
		expect(
			ingestLag({ now: at('10:00'), lastEventAt: at('09:31'), officePeriods: office, lagMs })
		).toBeNull();
	});

	it('never shows outside office hours, at lunch or on a day off', () => {
		expect(
			ingestLag({ now: at('12:30'), lastEventAt: at('08:00'), officePeriods: office, lagMs })
		).toBeNull();
		expect(
			ingestLag({ now: at('20:00'), lastEventAt: at('08:00'), officePeriods: office, lagMs })
		).toBeNull();
		expect(ingestLag({ now: at('10:00'), lastEventAt: null, officePeriods: [], lagMs })).toBeNull();
	});

	it('does not count the night before the office opened', () => {
		const yesterday = at('16:59') - 24 * 60 * MINUTE_MS;
		expect(
			ingestLag({ now: at('07:20'), lastEventAt: yesterday, officePeriods: office, lagMs })
		).toBeNull();
		expect(
			ingestLag({ now: at('07:31'), lastEventAt: yesterday, officePeriods: office, lagMs })
		).toEqual({ since: yesterday });
	});

	it('shows with no known event once the office has been open for the set time', () => {
		expect(
			ingestLag({ now: at('07:45'), lastEventAt: null, officePeriods: office, lagMs })
		).toEqual({ since: null });
	});
});
