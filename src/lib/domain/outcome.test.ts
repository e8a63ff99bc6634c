import { describe, expect, it } from 'vitest';
import type { DossierEvent, EventType } from './dossier';
import { calendar, ctx, dossierEvents, vn } from './dossier.test-support';
import { deriveDossierState } from './lifecycle';
import {
	dueAtAsOf,
	indexOutcome,
	openStatusAt,
	outcomeByDate,
	outcomeOf,
	type OpenStatus
} from './outcome';

type Step = [EventType, string, Partial<DossierEvent>?];
const REG = { procedure: '1.001612', channel: 'direct' as const };
// 3 working days from Monday 4 May 2026 08:00: due Thursday 7 May 08:00.
const received: Step = ['received', '2026-05-04 08:00', REG];
const derive = (...steps: Step[]) =>
	deriveDossierState(dossierEvents('D1', [received, ...steps]), ctx);
const periodEnd = vn('2026-05-31 23:59');

describe('Biểu 06 outcome: calendar dates in Vietnam time', () => {
	const due = vn('2026-05-07 08:00');
	it.each([
		['2026-05-06 16:00', 'early'],
		['2026-05-07 07:00', 'on_time'],
		['2026-05-07 23:30', 'on_time'],
		['2026-05-08 00:10', 'late']
	])('finished %s against a due date of 7 May 08:00: %s', (finished, outcome) => {
		expect(outcomeByDate(vn(finished), due)).toBe(outcome);
	});

	it('counts a dossier with no due date as on time', () => {
		expect(outcomeByDate(vn('2026-06-30 10:00'), null)).toBe('on_time');
	});
});

describe('the same dossier by the form and by the national index', () => {
	it('completed on its due date after the due hour: on time by date, late for the index', () => {
		const state = derive(['completed', '2026-05-07 14:00']);
		expect(outcomeOf(state)).toBe('on_time');
		expect(indexOutcome(state, calendar, periodEnd)).toBe('late');
	});

	it('completed before the due hour: on time for both', () => {
		const state = derive(['completed', '2026-05-07 07:30']);
		expect(outcomeOf(state)).toBe('on_time');
		expect(indexOutcome(state, calendar, periodEnd)).toBe('on_time');
	});

	// Supplement Tuesday 10:00 → Monday 11 May 09:00: legal due Thu 14 May 09:00, index due Tue 12 May 17:00.
	const supplement: Step[] = [
		['supplement_requested', '2026-05-05 10:00'],
		['supplement_received', '2026-05-11 09:00']
	];

	it('subtracts the supplement wait for the index', () => {
		const state = derive(...supplement, ['completed', '2026-05-12 16:00']);
		expect(outcomeOf(state)).toBe('early');
		expect(indexOutcome(state, calendar, periodEnd)).toBe('on_time');
	});

	it('is late for the index once the paused due date has passed, while the restarted one has not', () => {
		const state = derive(...supplement, ['completed', '2026-05-13 10:00']);
		expect(outcomeOf(state)).toBe('early');
		expect(indexOutcome(state, calendar, periodEnd)).toBe('late');
	});

	it('counts more than one supplement request as late for the index', () => {
		const state = derive(
			...supplement,
			['supplement_requested', '2026-05-11 10:00'],
			['supplement_received', '2026-05-11 11:00'],
			['completed', '2026-05-11 14:00']
		);
		expect(outcomeOf(state)).toBe('early');
		expect(indexOutcome(state, calendar, periodEnd)).toBe('late');
	});

	it('measures an unfinished dossier at the end of the period', () => {
		const open = derive();
		expect(outcomeOf(open)).toBeNull();
		expect(indexOutcome(open, calendar, vn('2026-05-06 17:00'))).toBe('pending');
		expect(indexOutcome(open, calendar, vn('2026-05-07 17:00'))).toBe('late');
		const later = derive(['completed', '2026-05-20 10:00']);
		expect(indexOutcome(later, calendar, vn('2026-05-07 17:00'))).toBe('late');
	});

	it('does not measure dossiers not received by then, withdrawn or refused', () => {
		expect(indexOutcome(derive(), calendar, vn('2026-05-03 17:00'))).toBeNull();
		expect(indexOutcome(derive(['withdrawn', '2026-05-05 08:00']), calendar, periodEnd)).toBeNull();
		const submitted = deriveDossierState(
			dossierEvents('D2', [['submitted', '2026-05-04 08:00', REG]]),
			ctx
		);
		expect(indexOutcome(submitted, calendar, periodEnd)).toBeNull();
	});

	it('counts a finished dossier with no due date as on time for the index', () => {
		const state = deriveDossierState(
			dossierEvents('D3', [
				['received', '2026-05-04 08:00', { procedure: '9.9' }],
				['completed', '2026-06-20 08:00']
			]),
			ctx
		);
		expect(indexOutcome(state, calendar, vn('2026-06-30 00:00'))).toBe('on_time');
	});
});

describe('open dossiers at an instant', () => {
	const open = derive();
	it.each<[string, OpenStatus | null, string]>([
		['2026-05-04 07:00', null, 'not received yet'],
		['2026-05-04 09:00', 'within_time', '23 working hours left'],
		['2026-05-06 07:59', 'within_time', 'just over 8 working hours left'],
		['2026-05-06 08:00', 'due_soon', 'exactly 8 working hours left (Wed 7 + Thu 1)'],
		['2026-05-06 18:00', 'due_soon', '1 working hour left overnight'],
		['2026-05-07 08:00', 'due_soon', 'due this very instant'],
		['2026-05-07 08:01', 'overdue', 'due date passed']
	])('at %s: %s (%s)', (at, status) => {
		expect(openStatusAt(open, vn(at), calendar)).toBe(status);
	});

	it('sets the citizen’s waits apart: supplement and fees', () => {
		const supplement = derive(['supplement_requested', '2026-05-05 10:00']);
		expect(openStatusAt(supplement, vn('2026-05-20 10:00'), calendar)).toBe('awaiting_citizen');
		expect(openStatusAt(supplement, vn('2026-05-05 09:00'), calendar)).toBe('within_time');
		const fee = derive(['fee_requested', '2026-05-05 10:00'], ['fee_paid', '2026-05-05 11:00']);
		expect(openStatusAt(fee, vn('2026-05-05 10:30'), calendar)).toBe('awaiting_citizen');
		expect(openStatusAt(fee, vn('2026-05-05 11:00'), calendar)).toBe('within_time');
	});

	it('sets online submissions awaiting intake apart', () => {
		const submitted = deriveDossierState(
			dossierEvents('D2', [
				['submitted', '2026-05-03 20:00', REG],
				['received', '2026-05-04 08:00', REG]
			]),
			ctx
		);
		expect(openStatusAt(submitted, vn('2026-05-03 21:00'), calendar)).toBe('awaiting_intake');
		expect(openStatusAt(submitted, vn('2026-05-03 19:00'), calendar)).toBeNull();
	});

	it('is no longer open once finished, and has no due date to miss without one', () => {
		const done = derive(['completed', '2026-05-05 10:00']);
		expect(openStatusAt(done, vn('2026-05-05 10:00'), calendar)).toBeNull();
		expect(openStatusAt(done, vn('2026-05-05 09:59'), calendar)).toBe('within_time');
		const noDue = deriveDossierState(
			dossierEvents('D4', [['received', '2026-05-04 08:00', { procedure: '9.9' }]]),
			ctx
		);
		expect(openStatusAt(noDue, vn('2026-12-31 10:00'), calendar)).toBe('within_time');
	});

	it('uses the due date in force at the instant, not a later extension', () => {
		const extended = derive([
			'due_extended',
			'2026-05-07 10:00',
			{ dueAt: vn('2026-05-12 17:00') }
		]);
		expect(dueAtAsOf(extended, vn('2026-05-07 09:00'))).toBe(vn('2026-05-07 08:00'));
		expect(openStatusAt(extended, vn('2026-05-07 09:00'), calendar)).toBe('overdue');
		expect(openStatusAt(extended, vn('2026-05-07 10:00'), calendar)).toBe('within_time');
	});
});
