import { describe, expect, it } from 'vitest';
import { HOUR_MS } from './calendar/vn-time';
import {
	computeDueAt,
	indexDueAt,
	isApologyInTime,
	legalDueAt,
	pausedDueAt,
	resolveDueAt,
	restartedDueAt,
	supplementWaitingMs,
	type ProcessingTime
} from './deadline';
import type { DueChange, SupplementEpisode } from './dossier';
import { calendar, vn } from './dossier.test-support';

// Expected instants are worked out by hand in the comments (working hours per day: 07:00–11:30, 13:30–17:00).

describe('computeDueAt', () => {
	it.each<[string, ProcessingTime | null, string, string]>([
		[
			'3 working days from Friday 24 April 2026',
			{ unit: 'working_days', value: 3 },
			'2026-04-24 10:00',
			'2026-05-04 10:00'
		],
		[
			'4 working hours across lunch',
			{ unit: 'working_hours', value: 4 },
			'2026-05-04 10:00',
			'2026-05-04 16:00'
		],
		[
			'5 calendar days ending on a Saturday',
			{ unit: 'days', value: 5 },
			'2026-05-04 10:00',
			'2026-05-11 10:00'
		],
		[
			'a fractional day count rounds up',
			{ unit: 'days', value: 1.2 },
			'2026-05-04 10:00',
			'2026-05-06 10:00'
		],
		[
			'same day after 15:00 on a Friday',
			{ unit: 'same_day' },
			'2026-05-08 15:01',
			'2026-05-11 17:00'
		],
		['no processing time: on the spot, same day', null, '2026-05-04 10:00', '2026-05-04 17:00'],
		[
			'zero working days: same day',
			{ unit: 'working_days', value: 0 },
			'2026-05-04 10:00',
			'2026-05-04 17:00'
		],
		[
			'no value: same day',
			{ unit: 'working_days', value: null },
			'2026-05-04 16:00',
			'2026-05-05 17:00'
		]
	])('%s', (_name, time, receivedAt, due) => {
		expect(computeDueAt(time, vn(receivedAt), calendar)).toBe(vn(due));
	});
});

describe('resolveDueAt', () => {
	const time: ProcessingTime = { unit: 'working_days', value: 3 };
	it('lets a due date supplied by the source win', () => {
		expect(resolveDueAt(vn('2026-05-20 17:00'), time, vn('2026-05-04 08:00'), calendar)).toBe(
			vn('2026-05-20 17:00')
		);
	});
	it('computes from the catalogue when the source gives none', () => {
		expect(resolveDueAt(undefined, time, vn('2026-05-04 08:00'), calendar)).toBe(
			vn('2026-05-07 08:00')
		);
		expect(resolveDueAt(null, null, vn('2026-05-04 08:00'), calendar)).toBe(vn('2026-05-04 17:00'));
	});
	it('has no due date for a procedure missing from the catalogue', () => {
		expect(resolveDueAt(undefined, undefined, vn('2026-05-04 08:00'), calendar)).toBeNull();
	});
});

describe('supplement requests: restart (NĐ 61/2018 Art. 19.4) versus pause (Decision 766)', () => {
	// 3 working days received Monday 4 May 2026 08:00: due Thursday 7 May 08:00 (7 + 8 + 8 + 1 hours).
	const time: ProcessingTime = { unit: 'working_days', value: 3 };
	const receivedAt = vn('2026-05-04 08:00');
	const initialDue = vn('2026-05-07 08:00');
	// Requested Tuesday 10:00, complete dossier back Monday 11 May 09:00.
	const episode: SupplementEpisode = {
		requestedAt: vn('2026-05-05 10:00'),
		receivedAt: vn('2026-05-11 09:00'),
		reason: null
	};
	const receipt: DueChange = {
		at: receivedAt,
		dueAt: initialDue,
		cause: 'receipt',
		fromSource: false
	};

	it('computes the initial due date', () => {
		expect(legalDueAt(time, receivedAt, [], calendar)).toBe(initialDue);
	});

	it('legal view: the full 3 working days again from Monday 11 May 09:00 (6 + 8 + 8 + 2 h)', () => {
		expect(legalDueAt(time, receivedAt, [episode], calendar)).toBe(vn('2026-05-14 09:00'));
		expect(restartedDueAt(episode.receivedAt as number, time, receipt, calendar)).toBe(
			vn('2026-05-14 09:00')
		);
	});

	it('legal view without a catalogue entry: the working time first allotted, counted again', () => {
		expect(restartedDueAt(vn('2026-05-11 09:00'), undefined, receipt, calendar)).toBe(
			vn('2026-05-14 09:00')
		);
		expect(restartedDueAt(vn('2026-05-11 09:00'), undefined, null, calendar)).toBeNull();
	});

	it('legal view: no due date while the supplement is awaited', () => {
		expect(legalDueAt(time, receivedAt, [{ ...episode, receivedAt: null }], calendar)).toBeNull();
	});

	it('index view: the wait (Tue 5 + Wed 8 + Thu 8 + Fri 8 + Mon 2 = 31 working hours) moves the due date', () => {
		expect(supplementWaitingMs([episode], calendar, vn('2026-06-01 00:00'))).toBe(31 * HOUR_MS);
		// Thursday 08:00 + 31 h: Thu 7, Fri 8, Mon 8, Tue 8 → Tuesday 12 May 17:00.
		expect(pausedDueAt(initialDue, [episode], calendar, vn('2026-06-01 00:00'))).toBe(
			vn('2026-05-12 17:00')
		);
		expect(indexDueAt([receipt], [episode], calendar, vn('2026-06-01 00:00'))).toBe(
			vn('2026-05-12 17:00')
		);
	});

	it('index view: a supplement still awaited pauses the clock until the measurement instant', () => {
		const pending = { ...episode, receivedAt: null };
		// Waited Tue 5 + Wed 8 + Thu 8 + Fri 8 = 29 h by Friday 17:00; Thu 7, Fri 8, Mon 8, Tue 6 → Tue 15:00.
		expect(pausedDueAt(initialDue, [pending], calendar, vn('2026-05-08 17:00'))).toBe(
			vn('2026-05-12 15:00')
		);
		expect(pausedDueAt(initialDue, [pending], calendar, vn('2026-05-05 09:00'))).toBe(initialDue);
	});

	it('index view: the restart recorded in the history is ignored; an extension becomes the new anchor', () => {
		const restart: DueChange = {
			at: vn('2026-05-11 09:00'),
			dueAt: vn('2026-05-14 09:00'),
			cause: 'supplement',
			fromSource: false
		};
		const asOf = vn('2026-06-01 00:00');
		expect(indexDueAt([receipt, restart], [episode], calendar, asOf)).toBe(vn('2026-05-12 17:00'));
		const extension: DueChange = {
			at: vn('2026-05-13 10:00'),
			dueAt: vn('2026-05-18 17:00'),
			cause: 'extension',
			fromSource: true
		};
		expect(indexDueAt([receipt, restart, extension], [episode], calendar, asOf)).toBe(
			vn('2026-05-18 17:00')
		);
		expect(indexDueAt([], [episode], calendar, asOf)).toBeNull();
	});
});

describe('extensions: the apology must come at least one working day before the old due date', () => {
	const oldDue = vn('2026-05-07 08:00');
	it.each([
		['2026-05-05 16:00', true, '10 working hours before'],
		['2026-05-06 08:00', true, 'exactly 8 working hours before (Wed 7 h + Thu 1 h)'],
		['2026-05-06 10:00', false, 'only 6 working hours before: too late'],
		['2026-05-07 09:00', false, 'after the due date']
	])('an extension at %s is in time: %s (%s)', (at, inTime) => {
		expect(isApologyInTime(vn(at), oldDue, calendar)).toBe(inTime);
	});
	it('cannot be in time without an old due date', () => {
		expect(isApologyInTime(vn('2026-05-01 08:00'), null, calendar)).toBe(false);
	});
});
