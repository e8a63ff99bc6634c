import { describe, expect, it } from 'vitest';
import { HOUR_MS } from './calendar/vn-time';
import type { DossierEvent, EventType } from './dossier';
import { calendar, ctx, dossierEvents, vn } from './dossier.test-support';
import { deriveDossierState } from './lifecycle';
import { indexOutcome } from './outcome';
import { dueHistory, stageDurations } from './stage-durations';

type Step = [EventType, string, Partial<DossierEvent>?];
const REG = { procedure: '1.001612', channel: 'direct' as const };
const derive = (received: string, ...steps: Step[]) =>
	deriveDossierState(dossierEvents('D1', [['received', received, REG], ...steps]), ctx);
const hours = (ms: number | null) => (ms === null ? null : ms / HOUR_MS);

describe('working time per stage visit, by the national working calendar', () => {
	it('skips lunch: 11:00 → 14:00 on a Tuesday is one working hour', () => {
		const state = derive('2026-05-05 11:00', [
			'stage_changed',
			'2026-05-05 14:00',
			{ stage: 'processing' }
		]);
		const [intake] = stageDurations(state, calendar, vn('2026-05-05 15:00'));
		expect(intake!.visit.stage).toBe('intake');
		expect(hours(intake!.workingMs)).toBe(1);
	});

	it('skips the weekend: Friday 15:00 → Monday 09:00 is four working hours', () => {
		const state = derive('2026-05-08 15:00', [
			'stage_changed',
			'2026-05-11 09:00',
			{ stage: 'processing' }
		]);
		expect(hours(stageDurations(state, calendar, vn('2026-05-11 10:00'))[0]!.workingMs)).toBe(4);
	});

	it('skips public holidays: Wednesday 29 April 16:00 → Monday 4 May 2026 08:00 is two working hours', () => {
		// Thursday 30 April and Friday 1 May are holidays, then a weekend.
		const state = derive('2026-04-29 16:00', [
			'stage_changed',
			'2026-05-04 08:00',
			{ stage: 'processing' }
		]);
		expect(hours(stageDurations(state, calendar, vn('2026-05-04 09:00'))[0]!.workingMs)).toBe(2);
	});

	it('counts a swapped Saturday: Friday 9 January 2026 16:00 → Monday 12 January 08:00 is ten working hours', () => {
		// Saturday 10 January 2026 was worked in exchange for Friday 2 January.
		const state = derive('2026-01-09 16:00', [
			'stage_changed',
			'2026-01-12 08:00',
			{ stage: 'processing' }
		]);
		expect(hours(stageDurations(state, calendar, vn('2026-01-12 09:00'))[0]!.workingMs)).toBe(10);
	});

	it('measures the visit still open up to now, and flags a step past its own deadline', () => {
		const state = derive(
			'2026-05-04 08:00',
			[
				'stage_changed',
				'2026-05-04 09:00',
				{ stage: 'processing', stageDueAt: vn('2026-05-05 09:00') }
			],
			[
				'stage_changed',
				'2026-05-04 10:00',
				{ stage: 'approval', stageDueAt: vn('2026-05-06 10:00') }
			]
		);
		const now = vn('2026-05-06 14:30');
		const [intake, processing, approval] = stageDurations(state, calendar, now);
		expect(intake).toMatchObject({ open: false, exceeded: false, allottedMs: null });
		expect(hours(intake!.workingMs)).toBe(1);
		// Left in time: its deadline was the next day.
		expect(processing).toMatchObject({ open: false, exceeded: false });
		expect(hours(processing!.allottedMs)).toBe(8);
		// Still at approval: Monday 10:00 → Wednesday 14:30 is 5 + 8 + 5.5 working hours, past Wednesday 10:00.
		expect(approval).toMatchObject({ open: true, until: now, exceeded: true });
		expect(hours(approval!.workingMs)).toBe(18.5);
		expect(hours(approval!.allottedMs)).toBe(16);
	});

	it('reports the supplement wait inside a visit apart, without subtracting it', () => {
		const state = derive(
			'2026-05-04 08:00',
			['stage_changed', '2026-05-04 09:00', { stage: 'processing' }],
			['supplement_requested', '2026-05-04 16:00'],
			['supplement_received', '2026-05-05 09:00'],
			['stage_changed', '2026-05-05 10:00', { stage: 'approval' }]
		);
		const [, processing] = stageDurations(state, calendar, vn('2026-05-05 11:00'));
		// Monday 09:00 → Tuesday 10:00: 6 + 3 working hours, of which Monday 16:00 → Tuesday 09:00 (1 + 2) waiting.
		expect(hours(processing!.workingMs)).toBe(9);
		expect(hours(processing!.supplementWaitMs)).toBe(3);
	});
});

describe('the due date’s history: receipt, supplement (restart and pause), extension', () => {
	// 3 working days from Monday 4 May 2026 08:00: due Thursday 7 May 08:00.
	const supplement: Step[] = [
		['supplement_requested', '2026-05-05 10:00', { reason: 'Thiếu bản sao' }],
		['supplement_received', '2026-05-11 09:00']
	];

	it('starts with the receipt’s due date and the working time it gives', () => {
		const history = dueHistory(derive('2026-05-04 08:00'), calendar, vn('2026-05-04 12:00'));
		expect(history.steps).toEqual([
			{
				kind: 'receipt',
				at: vn('2026-05-04 08:00'),
				dueAt: vn('2026-05-07 08:00'),
				fromSource: false,
				allottedMs: 24 * HOUR_MS
			}
		]);
		expect(history.initialDueAt).toBe(vn('2026-05-07 08:00'));
		expect(history.indexDueAt).toBe(vn('2026-05-07 08:00'));
	});

	it('shows a supplement both ways: the law restarts the clock, the index pauses it', () => {
		const state = derive('2026-05-04 08:00', ...supplement);
		const history = dueHistory(state, calendar, vn('2026-05-11 10:00'));
		const step = history.steps[1]!;
		expect(step).toMatchObject({
			kind: 'supplement',
			at: vn('2026-05-05 10:00'),
			returnedAt: vn('2026-05-11 09:00'),
			reason: 'Thiếu bản sao',
			dueBefore: vn('2026-05-07 08:00'),
			// Legal: 3 working days again from the return.
			restartedDueAt: vn('2026-05-14 09:00'),
			// Index: Thursday 08:00 moved by the 31 working hours waited (Tue 5 + Wed, Thu, Fri 24 + Mon 2).
			pausedDueAt: vn('2026-05-12 17:00')
		});
		expect(step.kind === 'supplement' && hours(step.waitedMs)).toBe(31);
		expect(history.dueAt).toBe(vn('2026-05-14 09:00'));
		expect(history.indexDueAt).toBe(vn('2026-05-12 17:00'));
		expect(history.supplementRequests).toBe(1);
	});

	it('counts a supplement still awaited up to now, with no restarted date yet', () => {
		const state = derive('2026-05-04 08:00', supplement[0]!);
		const step = dueHistory(state, calendar, vn('2026-05-06 08:00')).steps[1]!;
		// Tuesday 10:00 → Wednesday 08:00: 5 + 1 working hours.
		expect(step).toMatchObject({ kind: 'supplement', returnedAt: null, restartedDueAt: null });
		expect(step.kind === 'supplement' && hours(step.waitedMs)).toBe(6);
	});

	it('lists each extension with the old and new date, whether the apology came in time, and a second one flagged', () => {
		const state = derive(
			'2026-05-04 08:00',
			...supplement,
			// 17 working hours before the due date of Thursday 14 May 09:00: in time.
			['due_extended', '2026-05-12 08:00', { dueAt: vn('2026-05-18 17:00'), reason: 'Chờ ý kiến' }],
			// 5 working hours before Monday 18 May 17:00: too late, and a second extension.
			['due_extended', '2026-05-18 10:00', { dueAt: vn('2026-05-20 17:00') }]
		);
		const history = dueHistory(state, calendar, vn('2026-05-19 08:00'));
		expect(history.steps.map((s) => s.kind)).toEqual([
			'receipt',
			'supplement',
			'extension',
			'extension'
		]);
		expect(history.steps[2]).toMatchObject({
			previousDueAt: vn('2026-05-14 09:00'),
			newDueAt: vn('2026-05-18 17:00'),
			reason: 'Chờ ý kiến',
			apologyInTime: true,
			repeated: false
		});
		expect(history.steps[3]).toMatchObject({
			previousDueAt: vn('2026-05-18 17:00'),
			newDueAt: vn('2026-05-20 17:00'),
			apologyInTime: false,
			repeated: true
		});
		// The index anchors on the last extension: no supplement since, so no pause.
		expect(history.indexDueAt).toBe(vn('2026-05-20 17:00'));
		expect(history.initialDueAt).toBe(vn('2026-05-07 08:00'));
	});

	it('measures the index at the finish, agreeing with indexOutcome', () => {
		const state = derive('2026-05-04 08:00', ...supplement, ['completed', '2026-05-12 16:00']);
		const history = dueHistory(state, calendar, vn('2026-05-20 10:00'));
		expect(history.measuredAt).toBe(vn('2026-05-12 16:00'));
		expect(history.indexDueAt).toBe(vn('2026-05-12 17:00'));
		expect(indexOutcome(state, calendar, vn('2026-05-20 10:00'))).toBe('on_time');
	});

	it('counts every supplement request, two of which make the dossier late for the index', () => {
		const state = derive(
			'2026-05-04 08:00',
			...supplement,
			['supplement_requested', '2026-05-12 08:00'],
			['supplement_received', '2026-05-12 09:00'],
			['completed', '2026-05-12 10:00']
		);
		const history = dueHistory(state, calendar, vn('2026-05-13 08:00'));
		expect(history.supplementRequests).toBe(2);
		expect(history.steps.filter((s) => s.kind === 'supplement')).toHaveLength(2);
		expect(indexOutcome(state, calendar, vn('2026-05-13 08:00'))).toBe('late');
	});

	it('has no history without a due date', () => {
		const state = deriveDossierState(
			dossierEvents('D2', [
				['received', '2026-05-04 08:00', { procedure: '9.999999', channel: 'online' }]
			]),
			ctx
		);
		const history = dueHistory(state, calendar, vn('2026-05-04 09:00'));
		expect(history).toMatchObject({ steps: [], initialDueAt: null, dueAt: null, indexDueAt: null });
	});
});
