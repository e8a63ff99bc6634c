import { describe, expect, it } from 'vitest';
import type { DossierAnomaly, DossierEvent, EventType } from './dossier';
import { ctx, dossierEvents, vn } from './dossier.test-support';
import { deriveDossierState } from './lifecycle';

type Step = [EventType, string, Partial<DossierEvent>?];
const derive = (steps: Step[]) => deriveDossierState(dossierEvents('D1', steps), ctx);
const REG = { procedure: '1.001612', channel: 'online' as const };

describe('impossible sequences are named anomalies, never exceptions', () => {
	const received: Step = ['received', '2026-05-04 08:00', REG];
	it.each<[DossierAnomaly, Step[]]>([
		[
			'event_after_finish',
			[
				received,
				['returned', '2026-05-04 09:00'],
				['stage_changed', '2026-05-04 10:00', { stage: 'approval' }]
			]
		],
		[
			'event_after_finish',
			[received, ['completed', '2026-05-04 09:00'], ['supplement_requested', '2026-05-04 10:00']]
		],
		[
			'second_extension',
			[
				received,
				['due_extended', '2026-05-05 08:00', { dueAt: vn('2026-05-12 17:00') }],
				['due_extended', '2026-05-11 08:00', { dueAt: vn('2026-05-15 17:00') }]
			]
		],
		['extension_without_due', [received, ['due_extended', '2026-05-05 08:00']]],
		[
			'supplement_received_without_request',
			[received, ['supplement_received', '2026-05-05 08:00']]
		],
		[
			'supplement_already_pending',
			[
				received,
				['supplement_requested', '2026-05-05 08:00'],
				['supplement_requested', '2026-05-05 09:00']
			]
		],
		[
			'fee_already_pending',
			[received, ['fee_requested', '2026-05-05 08:00'], ['fee_requested', '2026-05-05 09:00']]
		],
		['no_receipt', [['stage_changed', '2026-05-04 09:00', { stage: 'processing' }]]],
		[
			'completed_twice',
			[received, ['completed', '2026-05-04 09:00'], ['completed', '2026-05-04 10:00']]
		],
		['returned_without_completion', [received, ['returned', '2026-05-04 09:00']]],
		['rating_without_value', [received, ['rated', '2026-05-04 09:00']]],
		[
			'rated_twice',
			[
				received,
				['rated', '2026-05-04 09:00', { satisfied: true }],
				['rated', '2026-05-04 10:00', { satisfied: false }]
			]
		],
		['stopped_twice', [received, ['stopped', '2026-05-04 09:00'], ['stopped', '2026-05-04 10:00']]],
		['resumed_without_stop', [received, ['resumed', '2026-05-04 09:00']]],
		['received_twice', [received, ['received', '2026-05-04 09:00', REG]]],
		[
			'submitted_twice',
			[
				['submitted', '2026-05-04 07:00', REG],
				['submitted', '2026-05-04 07:30', REG]
			]
		],
		['refused_after_receipt', [received, ['not_accepted', '2026-05-04 09:00']]],
		['stage_missing', [received, ['stage_changed', '2026-05-04 09:00']]],
		[
			'unknown_procedure',
			[['received', '2026-05-04 08:00', { procedure: '9.999999', channel: 'direct' }]]
		]
	])('%s', (anomaly, steps) => {
		expect(derive(steps).anomalies).toContain(anomaly);
	});

	it('ignores what happens after the end but keeps the ending', () => {
		const state = derive([
			received,
			['withdrawn', '2026-05-04 09:00'],
			['completed', '2026-05-04 10:00']
		]);
		expect(state).toMatchObject({ status: 7, finishedAt: null, anomalies: ['event_after_finish'] });
	});

	it('keeps the later rating and the first completion', () => {
		const state = derive([
			received,
			['completed', '2026-05-04 09:00'],
			['completed', '2026-05-04 10:00'],
			['rated', '2026-05-04 11:00', { satisfied: true }],
			['rated', '2026-05-04 12:00', { satisfied: false }]
		]);
		expect(state.finishedAt).toBe(vn('2026-05-04 09:00'));
		expect(state.rating).toEqual({ satisfied: false, at: vn('2026-05-04 12:00') });
	});

	it('names mixed dossier codes, wards and conflicting duplicates', () => {
		const events: DossierEvent[] = [
			{
				id: 'a',
				type: 'received',
				dossier: 'D1',
				ward: '16681',
				at: vn('2026-05-04 08:00'),
				...REG
			},
			{ id: 'b', type: 'completed', dossier: 'D2', ward: '15229', at: vn('2026-05-04 09:00') },
			{ id: 'b', type: 'completed', dossier: 'D2', ward: '15229', at: vn('2026-05-04 09:30') }
		];
		const state = deriveDossierState(events, ctx);
		expect(state.anomalies).toEqual(
			expect.arrayContaining([
				'mixed_dossier_codes',
				'ward_mismatch',
				'conflicting_duplicate_event'
			])
		);
		expect(state.finishedAt).toBe(vn('2026-05-04 09:00'));
	});

	it('derives an empty, incomplete state from no events', () => {
		expect(deriveDossierState([], ctx)).toMatchObject({
			code: '',
			status: 1,
			incomplete: true,
			anomalies: ['no_events'],
			lastEventAt: null
		});
	});

	it('shows a dossier seen only through later events as incomplete and in processing', () => {
		const state = derive([['stage_changed', '2026-05-04 09:00', { stage: 'processing' }]]);
		expect(state).toMatchObject({ incomplete: true, status: 4, receivedAt: null, dueAt: null });
	});
});
