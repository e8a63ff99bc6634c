import { describe, expect, it } from 'vitest';
import type { DossierEvent, EventType } from './dossier';
import { calendar, ctx, dossierEvents, procedures, vn } from './dossier.test-support';
import { deriveDossierState } from './lifecycle';
import { lookupProcedure, type ProcedureRule } from './procedure-catalogue';

type Step = [EventType, string, Partial<DossierEvent>?];
const derive = (steps: Step[]) => deriveDossierState(dossierEvents('D1', steps), ctx);
const REG = { procedure: '1.001612', channel: 'online' as const };

describe('a dossier through its life', () => {
	const steps: Step[] = [
		['submitted', '2026-05-03 21:00', REG],
		['received', '2026-05-04 08:00', REG],
		['stage_changed', '2026-05-04 09:00', { stage: 'processing', step: 'review', unit: 'ĐC' }],
		[
			'stage_changed',
			'2026-05-05 14:00',
			{ stage: 'approval', stageDueAt: vn('2026-05-06 11:30') }
		],
		['stage_changed', '2026-05-06 10:00', { stage: 'result' }],
		['completed', '2026-05-06 10:30'],
		['returned', '2026-05-06 15:00'],
		['rated', '2026-05-06 15:05', { satisfied: true }]
	];

	it('derives every fact of a finished online dossier', () => {
		const state = derive(steps);
		expect(state).toMatchObject({
			code: 'D1',
			ward: '16681',
			procedure: '1.001612',
			field: 'ho-kinh-doanh',
			channel: 'online',
			status: 10,
			stage: 'result',
			submittedAt: vn('2026-05-03 21:00'),
			receivedAt: vn('2026-05-04 08:00'),
			// 3 working days from Monday 08:00: Thursday 08:00.
			dueAt: vn('2026-05-07 08:00'),
			finishedAt: vn('2026-05-06 10:30'),
			returnedAt: vn('2026-05-06 15:00'),
			rating: { satisfied: true, at: vn('2026-05-06 15:05') },
			incomplete: false,
			anomalies: []
		});
		expect(state.stages).toEqual([
			{
				stage: 'intake',
				enteredAt: vn('2026-05-04 08:00'),
				exitedAt: vn('2026-05-04 09:00'),
				stageDueAt: null,
				step: null,
				unit: null
			},
			{
				stage: 'processing',
				enteredAt: vn('2026-05-04 09:00'),
				exitedAt: vn('2026-05-05 14:00'),
				stageDueAt: null,
				step: 'review',
				unit: 'ĐC'
			},
			{
				stage: 'approval',
				enteredAt: vn('2026-05-05 14:00'),
				exitedAt: vn('2026-05-06 10:00'),
				stageDueAt: vn('2026-05-06 11:30'),
				step: null,
				unit: null
			},
			{
				stage: 'result',
				enteredAt: vn('2026-05-06 10:00'),
				exitedAt: vn('2026-05-06 10:30'),
				stageDueAt: null,
				step: null,
				unit: null
			}
		]);
	});

	it.each<[number, number]>([
		[1, 1],
		[2, 2],
		[3, 4],
		[6, 9],
		[7, 10]
	])('after the first %d events the status is %d', (count, status) => {
		expect(derive(steps.slice(0, count)).status).toBe(status);
	});

	it('keeps a new step inside the same stage as one visit with the latest step deadline', () => {
		const state = derive([
			['received', '2026-05-04 08:00', REG],
			['stage_changed', '2026-05-04 09:00', { stage: 'processing', step: 'a' }],
			[
				'stage_changed',
				'2026-05-04 10:00',
				{ stage: 'processing', step: 'b', stageDueAt: vn('2026-05-05 10:00') }
			]
		]);
		expect(state.stages).toHaveLength(2);
		expect(state.stages[1]).toMatchObject({
			step: 'b',
			stageDueAt: vn('2026-05-05 10:00'),
			exitedAt: null
		});
	});
});

describe('status codes (DVCQG TrangThaiHoSo)', () => {
	const received: Step = ['received', '2026-05-04 08:00', REG];
	it.each<[number, string, Step[]]>([
		[1, 'submitted online, not yet accepted', [['submitted', '2026-05-04 07:00', REG]]],
		[2, 'accepted', [received]],
		[3, 'refused at intake', [['not_accepted', '2026-05-04 08:00', { reason: 'thiếu giấy tờ' }]]],
		[
			4,
			'being processed',
			[received, ['stage_changed', '2026-05-04 09:00', { stage: 'processing' }]]
		],
		[5, 'waiting for a supplement', [received, ['supplement_requested', '2026-05-04 09:00']]],
		[6, 'waiting for fees', [received, ['fee_requested', '2026-05-04 09:00']]],
		[7, 'withdrawn', [received, ['withdrawn', '2026-05-04 09:00']]],
		[8, 'stopped', [received, ['stopped', '2026-05-04 09:00']]],
		[9, 'result ready', [received, ['completed', '2026-05-04 09:00']]],
		[
			10,
			'result delivered',
			[received, ['completed', '2026-05-04 09:00'], ['returned', '2026-05-04 10:00']]
		],
		[
			2,
			'resumed after a stop',
			[received, ['stopped', '2026-05-04 09:00'], ['resumed', '2026-05-04 10:00']]
		],
		[
			2,
			'fee paid',
			[received, ['fee_requested', '2026-05-04 09:00'], ['fee_paid', '2026-05-04 10:00']]
		]
	])('status %d: %s', (status, _name, steps) => {
		expect(derive(steps).status).toBe(status);
	});
});

describe('due dates from events', () => {
	const received: Step = ['received', '2026-05-04 08:00', REG];

	it('lets the source due date win at receipt', () => {
		const state = derive([
			['received', '2026-05-04 08:00', { ...REG, dueAt: vn('2026-05-08 17:00') }]
		]);
		expect(state.dueAt).toBe(vn('2026-05-08 17:00'));
		expect(state.dueAtHistory).toEqual([
			{
				at: vn('2026-05-04 08:00'),
				dueAt: vn('2026-05-08 17:00'),
				cause: 'receipt',
				fromSource: true
			}
		]);
	});

	it('restarts the legal clock when the complete dossier comes back', () => {
		const state = derive([
			received,
			['supplement_requested', '2026-05-05 10:00', { reason: 'thiếu bản sao' }],
			['supplement_received', '2026-05-11 09:00']
		]);
		// 3 working days from Monday 11 May 09:00: Thursday 14 May 09:00.
		expect(state.dueAt).toBe(vn('2026-05-14 09:00'));
		expect(state.supplements).toEqual([
			{
				requestedAt: vn('2026-05-05 10:00'),
				receivedAt: vn('2026-05-11 09:00'),
				reason: 'thiếu bản sao'
			}
		]);
		expect(state.dueAtHistory.map((c) => c.cause)).toEqual(['receipt', 'supplement']);
	});

	it('takes the new due date the source sends with the supplement (NgayHenTraMoi)', () => {
		const state = derive([
			received,
			['supplement_requested', '2026-05-05 10:00'],
			['supplement_received', '2026-05-11 09:00', { dueAt: vn('2026-05-15 17:00') }]
		]);
		expect(state.dueAt).toBe(vn('2026-05-15 17:00'));
	});

	it('restarts the allotted working time when the procedure is not in the catalogue', () => {
		const state = derive([
			['received', '2026-05-04 08:00', { procedure: '9.9', dueAt: vn('2026-05-07 08:00') }],
			['supplement_requested', '2026-05-05 10:00'],
			['supplement_received', '2026-05-11 09:00']
		]);
		expect(state.dueAt).toBe(vn('2026-05-14 09:00'));
	});

	it('has no due date for an unknown procedure without a source due date', () => {
		const state = derive([
			['received', '2026-05-04 08:00', { procedure: '9.9' }],
			['supplement_requested', '2026-05-05 10:00'],
			['supplement_received', '2026-05-11 09:00']
		]);
		expect(state.dueAt).toBeNull();
	});

	it('records an extension, its apology timing, and moves the due date', () => {
		const state = derive([
			received,
			['due_extended', '2026-05-06 10:00', { dueAt: vn('2026-05-12 17:00'), reason: 'xác minh' }]
		]);
		expect(state.extensions).toEqual([
			{
				at: vn('2026-05-06 10:00'),
				previousDueAt: vn('2026-05-07 08:00'),
				newDueAt: vn('2026-05-12 17:00'),
				reason: 'xác minh',
				apologyInTime: false
			}
		]);
		expect(state.dueAt).toBe(vn('2026-05-12 17:00'));
	});

	it('uses a channel-specific processing time and a catalogue given as a Map or a function', () => {
		const rule: ProcedureRule = {
			field: 'dat-dai',
			processingTime: { unit: 'working_days', value: 10 },
			processingTimeByChannel: { online: { unit: 'working_days', value: 1 }, postal: null }
		};
		const events = (channel: 'online' | 'postal' | 'direct') =>
			dossierEvents('L', [['received', '2026-05-04 10:00', { procedure: 'L1', channel }]]);
		const byMap = { procedures: new Map([['L1', rule]]), calendar };
		const byFunction = {
			procedures: (code: string) => (code === 'L1' ? rule : undefined),
			calendar
		};
		expect(deriveDossierState(events('online'), byMap).dueAt).toBe(vn('2026-05-05 10:00'));
		expect(deriveDossierState(events('postal'), byFunction).dueAt).toBe(vn('2026-05-04 17:00'));
		expect(deriveDossierState(events('direct'), byMap).dueAt).toBe(vn('2026-05-18 10:00'));
		expect(lookupProcedure(procedures, 'toString')).toBeUndefined();
	});
});

describe('payments, stops, digitisation', () => {
	it('keeps fee episodes, a payment at the desk with no request, and the digitisation flag', () => {
		const state = derive([
			['received', '2026-05-04 08:00', { ...REG, digitised: false }],
			['fee_paid', '2026-05-04 08:05', { paidOnline: false }],
			['fee_requested', '2026-05-04 09:00'],
			['fee_paid', '2026-05-04 10:00', { paidOnline: true }],
			['stopped', '2026-05-04 11:00'],
			['resumed', '2026-05-05 08:00'],
			['stopped', '2026-05-05 09:00'],
			['completed', '2026-05-06 09:00', { digitised: true }]
		]);
		expect(state.fees).toEqual([
			{ requestedAt: null, paidAt: vn('2026-05-04 08:05'), paidOnline: false },
			{ requestedAt: vn('2026-05-04 09:00'), paidAt: vn('2026-05-04 10:00'), paidOnline: true }
		]);
		expect(state.stops).toEqual([
			{ stoppedAt: vn('2026-05-04 11:00'), resumedAt: vn('2026-05-05 08:00') },
			{ stoppedAt: vn('2026-05-05 09:00'), resumedAt: null }
		]);
		expect(state.stoppedAt).toBe(vn('2026-05-05 09:00'));
		expect(state.digitised).toBe(true);
		expect(state.status).toBe(9);
	});
});
