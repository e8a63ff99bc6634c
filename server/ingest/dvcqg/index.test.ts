import { describe, expect, it } from 'vitest';
import { dvcqgReplySchema } from '../../../src/lib/contracts/dvcqg';
import {
	AT,
	CODE,
	derive,
	finishedRequest,
	PERSONAL_DATA,
	progressRequest,
	pseudonymise,
	receivedRequest,
	translateContext,
	WARD
} from './dvcqg.test-support';
import {
	buildDvcqgReply,
	dossierCodesOf,
	dvcqgFailureReply,
	translateDvcqgRequest,
	type TranslatedItem
} from './index';

const item = receivedRequest.data[0] as Record<string, unknown>;
const eventsOf = (entry: TranslatedItem | undefined) =>
	entry && 'events' in entry ? entry.events : [];

describe('translateDvcqgRequest', () => {
	it('turns the fixture snapshot into events for the ward its unit id maps to', () => {
		const result = translateDvcqgRequest(receivedRequest, translateContext());
		expect(result).toMatchObject({ ok: true, service: 'DongBoHoSoMC', isUpdating: false });
		if (!result.ok) return;
		expect(result.items).toHaveLength(1);
		expect(result.items[0]).toMatchObject({ index: 0, MaHoSo: CODE, ward: WARD });
		expect(eventsOf(result.items[0]).map((e) => e.type)).toEqual([
			'submitted',
			'received',
			'fee_paid',
			'supplement_requested',
			'supplement_received',
			'stage_changed'
		]);
		const text = JSON.stringify(result);
		for (const value of PERSONAL_DATA) expect(text).not.toContain(value);
	});

	it('compares each item with its stored state', () => {
		const first = translateDvcqgRequest(receivedRequest, translateContext());
		const state = derive(first.ok ? eventsOf(first.items[0]) : []);
		const stored = new Map([[CODE, state]]);
		const again = translateDvcqgRequest(receivedRequest, translateContext(stored));
		expect(again.ok && eventsOf(again.items[0])).toEqual([]);
		const later = translateDvcqgRequest(finishedRequest, translateContext(stored));
		expect(later.ok && eventsOf(later.items[0]).map((e) => [e.type, e.at])).toEqual([
			['completed', AT.finished]
		]);
	});

	it('a malformed date rejects that item only, naming the field', () => {
		const body = {
			service: 'DongBoHoSoMC',
			isUpdating: 'True',
			data: [
				{ ...item, MaHoSo: '000.00.12.H40-261111-0008', NgayTiepNhan: '20261131093000' },
				item,
				'not an item',
				{ ...item, MaHoSo: '000.00.12.H40-261111-0009', NgayHenTra: 20261117 }
			]
		};
		const result = translateDvcqgRequest(body, translateContext());
		if (!result.ok) throw new Error(result.error);
		expect(result.items).toEqual([
			{
				index: 0,
				MaHoSo: '000.00.12.H40-261111-0008',
				error: 'NgayTiepNhan: not a yyyyMMddHHmmss date: day 31 does not exist in 2026-11'
			},
			expect.objectContaining({ index: 1, MaHoSo: CODE, ward: WARD }),
			{
				index: 2,
				MaHoSo: undefined,
				error: 'item: Invalid input: expected object, received string'
			},
			{
				index: 3,
				MaHoSo: '000.00.12.H40-261111-0009',
				error: 'NgayHenTra: not a yyyyMMddHHmmss date: 8 digits, expected 14'
			}
		]);
		expect(eventsOf(result.items[1])).toHaveLength(6);
	});

	it('rejects an item whose ward cannot be told, unless its dossier is already stored', () => {
		const body = { ...receivedRequest, data: [{ ...item, MaHoSo: '000.00.77.H40-261111-0001' }] };
		const rejected = translateDvcqgRequest(body, translateContext());
		expect(rejected.ok && rejected.items[0]).toEqual({
			index: 0,
			MaHoSo: '000.00.77.H40-261111-0001',
			error:
				'the handling ward cannot be told: no MaDonVi; unit 000.00.77.H40 of MaHoSo is not mapped; ' +
				'the API key is not scoped to one ward'
		});
		const byKey = translateDvcqgRequest(body, translateContext(new Map(), { keyWard: '16684' }));
		expect(byKey.ok && byKey.items[0]).toMatchObject({ ward: '16684' });
		const stored = new Map([['000.00.77.H40-261111-0001', { ...derive([]), ward: '16684' }]]);
		const known = translateDvcqgRequest(body, translateContext(stored));
		expect(known.ok && known.items[0]).toMatchObject({ ward: '16684' });
	});

	it('takes a receiving ward from NoiNopHoSo when it is another known ward', () => {
		const body = { ...receivedRequest, data: [{ ...item, NoiNopHoSo: '16684' }] };
		const result = translateDvcqgRequest(body, translateContext());
		expect(eventsOf(result.ok ? result.items[0] : undefined)[0]).toMatchObject({
			ward: WARD,
			receivingWard: '16684'
		});
		const place = { ...receivedRequest, data: [{ ...item, NoiNopHoSo: 'Cổng DVCQG' }] };
		const none = translateDvcqgRequest(place, translateContext());
		expect(eventsOf(none.ok ? none.items[0] : undefined)[0]).not.toHaveProperty('receivingWard');
	});

	it('keeps the first of two snapshots of one dossier in a request for facts a dossier has once', () => {
		const changed = { ...item, NgayHenTra: '20261118083000' };
		const result = translateDvcqgRequest(
			{ ...receivedRequest, data: [item, changed, finishedRequest.data[0]] },
			translateContext()
		);
		if (!result.ok) throw new Error(result.error);
		expect(eventsOf(result.items[0])).toHaveLength(6);
		// The second snapshot repeats the receipt with a different due date: dropped, not a conflict.
		expect(eventsOf(result.items[1]).map((e) => e.type)).toEqual(['due_extended']);
		expect(eventsOf(result.items[2]).map((e) => e.type)).toEqual(['completed']);
		const ids = result.items.flatMap((entry) => eventsOf(entry).map((e) => e.id));
		expect(new Set(ids).size).toBe(ids.length);
	});

	it('turns processing steps into stage changes with pseudonymous officers', () => {
		const result = translateDvcqgRequest(progressRequest, translateContext());
		if (!result.ok) throw new Error(result.error);
		const events = result.items.flatMap(eventsOf);
		expect(events.map((e) => [e.stage, e.officer])).toEqual([
			['intake', pseudonymise('Nguyễn Thị Hoa')],
			['processing', pseudonymise('Trần Văn Hùng')],
			['approval', pseudonymise('Lê Minh Tuấn')],
			['result', pseudonymise('Nguyễn Thị Hoa')]
		]);
		const text = JSON.stringify(result);
		for (const value of PERSONAL_DATA) expect(text).not.toContain(value);
	});

	it('uses a configured stage map', () => {
		const result = translateDvcqgRequest(
			progressRequest,
			translateContext(new Map(), { stageMap: [['kinh tế', 'interagency']] })
		);
		if (!result.ok) throw new Error(result.error);
		expect(result.items.flatMap(eventsOf).map((e) => e.stage)).toEqual([
			'processing',
			'interagency',
			'processing',
			'processing'
		]);
	});

	it('rejects a bad envelope as a whole, naming the field', () => {
		expect(translateDvcqgRequest(null, translateContext())).toEqual({
			ok: false,
			error: 'body: Invalid input: expected object, received null'
		});
		expect(
			translateDvcqgRequest({ service: 'DongBoHoSoMC', data: {} }, translateContext())
		).toEqual({ ok: false, error: 'data: expected an array of items' });
	});
});

describe('dossierCodesOf', () => {
	it('lists the distinct usable dossier codes of a body, best effort', () => {
		expect(
			dossierCodesOf({ data: [item, { MaHoSo: ' A-1 ' }, item, { MaHoSo: 5 }, null, 'x', {}] })
		).toEqual([CODE, 'A-1']);
		expect(dossierCodesOf(progressRequest)).toEqual([CODE]);
		expect(dossierCodesOf({ data: 'nope' })).toEqual([]);
		expect(dossierCodesOf(undefined)).toEqual([]);
	});
});

describe('portal-shaped replies', () => {
	it('answers each item, success as 00 even when some items were rejected', () => {
		const reply = buildDvcqgReply([
			{ MaHoSo: CODE, accepted: 6 },
			{ MaHoSo: 'B', accepted: 1, duplicates: 5 },
			{ MaHoSo: 'C', error: 'NgayTiepNhan: not a yyyyMMddHHmmss date: month 13 does not exist' },
			{ MaHoSo: 'D', error: 'ward 16684 is outside the key scope', code: '03' },
			{ error: 'item: Invalid input' }
		]);
		expect(reply).toEqual({
			error_code: '00',
			message: '2 items accepted, 3 rejected',
			result: [
				{ MaHoSo: CODE, error_code: '00', message: '6 new events' },
				{ MaHoSo: 'B', error_code: '00', message: '1 new event, 5 already known' },
				{
					MaHoSo: 'C',
					error_code: '01',
					message: 'NgayTiepNhan: not a yyyyMMddHHmmss date: month 13 does not exist'
				},
				{ MaHoSo: 'D', error_code: '03', message: 'ward 16684 is outside the key scope' },
				{ MaHoSo: '', error_code: '01', message: 'item: Invalid input' }
			]
		});
		expect(dvcqgReplySchema.safeParse(reply).success).toBe(true);
	});

	it('refuses a whole request with a non-00 code and no results', () => {
		const reply = dvcqgFailureReply('99', 'storage unavailable: nothing stored, retry later');
		expect(reply).toEqual({
			error_code: '99',
			message: 'storage unavailable: nothing stored, retry later',
			result: []
		});
		expect(dvcqgReplySchema.safeParse(reply).success).toBe(true);
	});
});
