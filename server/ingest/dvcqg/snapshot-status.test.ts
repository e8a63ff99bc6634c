import { describe, expect, it } from 'vitest';
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

/** Snapshots whose changes only a status code tells, and the ends of a dossier at the desk. */

const ctx = { ward: WARD };
const id = (type: string, key: string) => `dvcqg:${CODE}:${type}:${key}`;
const base = { dossier: CODE, ward: WARD };
const firstEvents: DossierEvent[] = dossierSnapshotToEvents(dossierOf(receivedRequest), null, ctx);
const firstState = derive(firstEvents);

describe('status codes without dates', () => {
	it('status 9 with no NgayKetThucXuLy completes at the latest known instant', () => {
		const events = dossierSnapshotToEvents(
			dossierWith(receivedRequest, { TrangThaiHoSo: '9' }),
			firstState,
			ctx
		);
		expect(events).toEqual([
			{
				id: id('completed', '20261112083000'),
				type: 'completed',
				...base,
				at: AT.supplementReturned,
				digitised: true
			}
		]);
	});

	it('status 9 while a supplement is awaited is a vendor mapping 5 to 9: no completion', () => {
		const item = dossierWith(receivedRequest, {
			TrangThaiHoSo: 9,
			DanhSachHoSoBoSung: [{ HoSoBoSungId: 'B2', NgayBoSung: '20261113100000' }]
		});
		const events = dossierSnapshotToEvents(item, firstState, ctx);
		expect(events.map((e) => e.id)).toEqual([id('supplement_requested', 'B2')]);
	});

	it('status 8 stops, and a later status resumes, each at the latest known instant', () => {
		const stoppedEvents = dossierSnapshotToEvents(
			dossierWith(receivedRequest, { TrangThaiHoSo: 8 }),
			firstState,
			ctx
		);
		expect(stoppedEvents).toMatchObject([{ type: 'stopped', at: AT.supplementReturned }]);
		const stopped = derive([...firstEvents, ...stoppedEvents]);
		expect(stopped.status).toBe(8);
		const resumed = dossierSnapshotToEvents(dossierOf(finishedRequest), stopped, ctx);
		expect(resumed.map((e) => [e.type, e.at])).toEqual([
			['resumed', AT.finished],
			['completed', AT.finished]
		]);
		const state = derive([...firstEvents, ...stoppedEvents, ...resumed]);
		expect(state).toMatchObject({ status: 9, stoppedAt: null, anomalies: [] });
	});

	it('status 7 is a withdrawal, at NgayTra when given, never a return', () => {
		const item = dossierWith(receivedRequest, { TrangThaiHoSo: 7, NgayTra: '20261113090000' });
		const events = dossierSnapshotToEvents(item, firstState, ctx);
		expect(events).toEqual([
			{
				id: id('withdrawn', '20261113090000'),
				type: 'withdrawn',
				...base,
				at: Date.parse('2026-11-13T02:00:00Z')
			}
		]);
		expect(derive([...firstEvents, ...events]).status).toBe(7);
	});

	it('status 10 with NgayTra finishes and returns', () => {
		const item = dossierWith(finishedRequest, { TrangThaiHoSo: 10, NgayTra: '20261117080000' });
		const events = dossierSnapshotToEvents(item, firstState, ctx);
		expect(events.map((e) => [e.type, e.at])).toEqual([
			['completed', AT.finished],
			['returned', Date.parse('2026-11-17T01:00:00Z')]
		]);
		expect(derive([...firstEvents, ...events]).status).toBe(10);
	});

	it('status 4 moves to processing only from intake', () => {
		const approval = derive([
			...firstEvents,
			{ id: 'x', type: 'stage_changed', ...base, at: AT.supplementReturned + 1, stage: 'approval' }
		]);
		expect(dossierSnapshotToEvents(dossierOf(receivedRequest), approval, ctx)).toEqual([]);
	});
});

describe('intake outcomes and channels', () => {
	it('a dossier refused at intake is not received, whatever NgayTiepNhan says', () => {
		const item = dossierWith(receivedRequest, {
			KenhThucHien: '',
			TrangThaiHoSo: 3,
			NgayTuChoi: '20261111100000',
			DanhSachHoSoBoSung: [],
			DuocThanhToanTrucTuyen: 0
		});
		const events = dossierSnapshotToEvents(item, null, ctx);
		expect(events.map((e) => [e.type, e.at, e.channel])).toEqual([
			['submitted', AT.submitted, 'direct'],
			['not_accepted', Date.parse('2026-11-11T03:00:00Z'), 'direct']
		]);
		expect(derive(events)).toMatchObject({ status: 3, receivedAt: null, anomalies: [] });
	});

	it('an in-person receipt with no submission date, and a receiving ward passed through', () => {
		const item = dossierWith(receivedRequest, {
			KenhThucHien: 1,
			NgayNopHoSo: '',
			TrangThaiHoSo: '2',
			NgayHenTra: '20261116093000',
			DanhSachHoSoBoSung: null,
			DuocThanhToanTrucTuyen: null
		});
		const events = dossierSnapshotToEvents(item, null, { ward: WARD, receivingWard: '16684' });
		expect(events).toMatchObject([
			{ type: 'received', channel: 'direct', dueAt: AT.dueAtReceipt, receivingWard: '16684' }
		]);
		expect(derive(events)).toMatchObject({ status: 2, channel: 'direct', receivingWard: '16684' });
	});
});
