import { describe, expect, it } from 'vitest';
import { outcomeOf } from '../../../src/lib/domain/outcome';
import type { DossierEvent } from '../../../src/lib/domain/dossier';
import {
	AT,
	CODE,
	derive,
	dossierOf,
	dossierWith,
	finishedRequest,
	receivedRequest,
	WARD
} from './dvcqg.test-support';
import { dossierSnapshotToEvents } from './snapshot-to-events';

const ctx = { ward: WARD };
const id = (type: string, key: string) => `dvcqg:${CODE}:${type}:${key}`;
const ids = (events: readonly DossierEvent[]) => events.map((e) => e.id);
const base = { dossier: CODE, ward: WARD };
const REG = { procedure: '1.001612', channel: 'online', field: 'ho-kinh-doanh' } as const;

const firstEvents = dossierSnapshotToEvents(dossierOf(receivedRequest), null, ctx);
const firstState = derive(firstEvents);
const laterEvents = dossierSnapshotToEvents(dossierOf(finishedRequest), firstState, ctx);
const finalState = derive([...firstEvents, ...laterEvents]);

describe('the fixture: household business registration at Phường Thành Vinh', () => {
	it('a first snapshot becomes the events that explain it', () => {
		expect(firstEvents).toEqual([
			{
				id: id('submitted', '20261110204512'),
				type: 'submitted',
				...base,
				at: AT.submitted,
				...REG
			},
			{
				id: id('received', '20261111093000'),
				type: 'received',
				...base,
				at: Date.parse('2026-11-11T02:30:00Z'),
				...REG,
				// The due date at receipt is the supplement's NgayHenTraTruoc, not today's NgayHenTra.
				dueAt: Date.parse('2026-11-16T02:30:00Z'),
				digitised: true
			},
			{
				id: id('fee_paid', 'online'),
				type: 'fee_paid',
				...base,
				at: AT.submitted,
				paidOnline: true
			},
			{
				id: id('supplement_requested', 'BS-261111-0007-1'),
				type: 'supplement_requested',
				...base,
				at: Date.parse('2026-11-11T08:00:00Z')
			},
			{
				id: id('supplement_received', 'BS-261111-0007-1'),
				type: 'supplement_received',
				...base,
				at: Date.parse('2026-11-12T01:30:00Z'),
				dueAt: Date.parse('2026-11-17T01:30:00Z')
			},
			{
				// Status 4 says processing has begun, not when: the latest instant the snapshot knows.
				id: id('stage_changed', 'status4-20261112083000'),
				type: 'stage_changed',
				...base,
				at: AT.supplementReturned,
				stage: 'processing'
			}
		]);
	});

	it('the lifecycle creates the dossier with the right due date', () => {
		expect(firstState).toMatchObject({
			code: CODE,
			ward: WARD,
			procedure: '1.001612',
			channel: 'online',
			status: 4,
			stage: 'processing',
			receivedAt: AT.received,
			dueAt: AT.dueAfterSupplement,
			supplements: [
				{ requestedAt: AT.supplementRequested, receivedAt: AT.supplementReturned, reason: null }
			],
			fees: [{ requestedAt: null, paidAt: AT.submitted, paidOnline: true }],
			digitised: true,
			anomalies: []
		});
		expect(firstState.dueAtHistory.map((c) => [c.cause, c.dueAt])).toEqual([
			['receipt', AT.dueAtReceipt],
			['supplement', AT.dueAfterSupplement]
		]);
	});

	it('the source due dates agree with the catalogue and the calendar', () => {
		const computed = derive(firstEvents.map(({ dueAt: _dueAt, ...event }) => event));
		expect(computed.dueAtHistory.map((c) => c.dueAt)).toEqual([
			AT.dueAtReceipt,
			AT.dueAfterSupplement
		]);
	});

	it('the later snapshot (status 9, NgayKetThucXuLy) resolves it early for Biểu 06', () => {
		expect(laterEvents).toEqual([
			{
				id: id('completed', '20261116160000'),
				type: 'completed',
				...base,
				at: Date.parse('2026-11-16T09:00:00Z'),
				digitised: true
			}
		]);
		expect(finalState).toMatchObject({ status: 9, finishedAt: AT.finished, anomalies: [] });
		// Finished on Monday 16, due Tuesday 17: a date before the due date.
		expect(outcomeOf(finalState)).toBe('early');
	});

	it('resending a snapshot against the state it produced adds nothing', () => {
		expect(dossierSnapshotToEvents(dossierOf(receivedRequest), firstState, ctx)).toEqual([]);
		expect(dossierSnapshotToEvents(dossierOf(finishedRequest), finalState, ctx)).toEqual([]);
		// An older snapshot arriving late repeats old facts only.
		expect(dossierSnapshotToEvents(dossierOf(receivedRequest), finalState, ctx)).toEqual([]);
	});

	it('seen first when finished, the same facts get the same ids and the same outcome', () => {
		const fresh = dossierSnapshotToEvents(dossierOf(finishedRequest), null, ctx);
		const expected = [...firstEvents, ...laterEvents].filter((e) => e.type !== 'stage_changed');
		expect(ids(fresh)).toEqual(ids(expected));
		const state = derive(fresh);
		expect(state).toMatchObject({
			status: 9,
			receivedAt: AT.received,
			dueAt: AT.dueAfterSupplement
		});
		expect(outcomeOf(state)).toBe('early');
	});
});

describe('due date changes', () => {
	const extended = dossierWith(receivedRequest, { NgayHenTra: '20261119083000' });

	it('a new NgayHenTra that no supplement explains is an extension, timed at the latest known instant', () => {
		const events = dossierSnapshotToEvents(extended, firstState, ctx);
		expect(events).toEqual([
			{
				id: id('due_extended', '20261119083000'),
				type: 'due_extended',
				...base,
				at: AT.supplementReturned,
				dueAt: Date.parse('2026-11-19T01:30:00Z')
			}
		]);
		const state = derive([...firstEvents, ...events]);
		expect(state.dueAt).toBe(Date.parse('2026-11-19T01:30:00Z'));
		expect(state.extensions).toHaveLength(1);
		expect(dossierSnapshotToEvents(extended, state, ctx)).toEqual([]);
		// Finished on the 18th: late against the 17th, early against the extended 19th.
		const done = dossierWith(receivedRequest, {
			NgayHenTra: '20261119083000',
			TrangThaiHoSo: 9,
			NgayKetThucXuLy: '20261118100000'
		});
		const finished = derive([
			...firstEvents,
			...events,
			...dossierSnapshotToEvents(done, state, ctx)
		]);
		expect(outcomeOf(finished)).toBe('early');
	});

	it('seen for the first time, a due date past the last NgayHenTraMoi is an extension too', () => {
		const events = dossierSnapshotToEvents(extended, null, ctx);
		expect(events.filter((e) => e.type === 'due_extended')).toHaveLength(1);
		expect(dossierSnapshotToEvents(extended, derive(events), ctx)).toEqual([]);
	});

	it('no extension while a supplement is awaited, nor when NgayHenTraMoi explains it', () => {
		const pending = dossierWith(receivedRequest, {
			TrangThaiHoSo: 5,
			NgayHenTra: '20261120170000',
			DanhSachHoSoBoSung: [{ NgayBoSung: '20261111150000', NgayHenTraTruoc: '20261116093000' }]
		});
		const events = dossierSnapshotToEvents(pending, null, ctx);
		expect(events.map((e) => e.type)).toEqual([
			'submitted',
			'received',
			'fee_paid',
			'supplement_requested'
		]);
		expect(derive(events)).toMatchObject({ status: 5, dueAt: AT.dueAtReceipt });
	});

	it('the last supplement without NgayHenTraMoi takes NgayHenTra as its new due date', () => {
		const item = dossierWith(receivedRequest, {
			DanhSachHoSoBoSung: [
				{ HoSoBoSungId: 7, NgayBoSung: '20261111150000', NgayTiepNhanBoSung: '20261112083000' }
			]
		});
		const received = dossierSnapshotToEvents(item, null, ctx).find(
			(e) => e.type === 'supplement_received'
		);
		expect(received).toMatchObject({
			id: id('supplement_received', '7'),
			dueAt: AT.dueAfterSupplement
		});
	});
});
