import { describe, expect, it } from 'vitest';
import {
	dvcqgDate,
	dvcqgDossierSchema,
	dvcqgOptionalDate,
	dvcqgProgressSchema,
	dvcqgProgressSchemaWith,
	dvcqgRequestSchema,
	formatDvcqgDate,
	parseDvcqgDate
} from '../../../src/lib/contracts/dvcqg';
import {
	AT,
	CODE,
	dossierOf,
	finishedRequest,
	PERSONAL_DATA,
	progressRequest,
	pseudonymise,
	receivedRequest
} from './dvcqg.test-support';
import { formatIssues } from './index';
import { phrasesIn } from './progress-to-events';

describe('DVCQG dates (yyyyMMddHHmmss, Vietnam time)', () => {
	it('reads Vietnam time: 09:30 on 24 Nov 2026 is 02:30 UTC', () => {
		expect(parseDvcqgDate('20261124093000')).toBe(Date.parse('2026-11-24T02:30:00Z'));
		// Just after midnight in Vietnam is still the previous day in UTC.
		expect(parseDvcqgDate('20260101000500')).toBe(Date.parse('2025-12-31T17:05:00Z'));
		expect(parseDvcqgDate('20280229235959')).toBe(Date.parse('2028-02-29T16:59:59Z'));
	});

	it.each([
		['2026112409300', '13 digits, expected 14'],
		['202611240930000', '15 digits, expected 14'],
		['2026-11-24 09:30', 'only digits are allowed'],
		['20261324093000', 'month 13 does not exist'],
		['20260230093000', 'day 30 does not exist in 2026-02'],
		['20270229120000', 'day 29 does not exist in 2027-02'],
		['20261124243000', '24:30:00 is not a time of day'],
		['20261124096000', '09:60:00 is not a time of day'],
		['00010101000000', 'year 1 is out of range']
	])('rejects %s: %s', (text, why) => {
		expect(parseDvcqgDate(text)).toEqual({ problem: `not a yyyyMMddHHmmss date: ${why}` });
	});

	it('writes an instant back in the same form', () => {
		expect(formatDvcqgDate(Date.parse('2026-11-24T02:30:00Z'))).toBe('20261124093000');
		expect(formatDvcqgDate(Date.parse('2025-12-31T17:05:09Z'))).toBe('20260101000509');
	});

	it('takes numbers and trims text; optional dates turn empty, null and absent into null', () => {
		expect(dvcqgDate.parse(20261111093000)).toBe(AT.received);
		expect(dvcqgDate.parse(' 20261111093000 ')).toBe(AT.received);
		expect(dvcqgOptionalDate.parse('')).toBeNull();
		expect(dvcqgOptionalDate.parse(null)).toBeNull();
		expect(dvcqgOptionalDate.parse(undefined)).toBeNull();
		expect(dvcqgDate.safeParse('').error?.issues[0]?.message).toBe(
			'required: a yyyyMMddHHmmss date'
		);
	});
});

describe('dvcqgDossierSchema', () => {
	it('keeps what the dashboard needs from the fixture, as instants and codes', () => {
		expect(dossierOf(receivedRequest)).toEqual({
			MaHoSo: CODE,
			MaTTHC: '1.001612',
			TenTTHC: 'Đăng ký thành lập hộ kinh doanh',
			MaLinhVuc: 'ho-kinh-doanh',
			TenLinhVuc: 'Thành lập và hoạt động của hộ kinh doanh',
			KenhThucHien: 'online',
			NgayNopHoSo: AT.submitted,
			NgayTiepNhan: AT.received,
			NgayHenTra: AT.dueAfterSupplement,
			TrangThaiHoSo: 4,
			NgayKetThucXuLy: null,
			NgayTra: null,
			NgayTuChoi: null,
			DanhSachHoSoBoSung: [
				{
					HoSoBoSungId: 'BS-261111-0007-1',
					NgayBoSung: AT.supplementRequested,
					NgayTiepNhanBoSung: AT.supplementReturned,
					TrangThaiBoSung: '1',
					NgayHenTraTruoc: AT.dueAtReceipt,
					NgayHenTraMoi: AT.dueAfterSupplement
				}
			],
			DuocThanhToanTrucTuyen: 1,
			HoSoCoThanhPhanSoHoa: true,
			TaiLieuNop: [{ DuocSoHoa: true }, { DuocSoHoa: false }],
			MaDonVi: null,
			DonViXuLy: 'UBND phường Thành Vinh',
			NoiNopHoSo: '16681',
			LoaiDoiTuong: '1'
		});
	});

	it('drops every personal field of both snapshots at the door', () => {
		const raw = JSON.stringify([receivedRequest, finishedRequest, progressRequest]).toLowerCase();
		const parsed = JSON.stringify([
			dossierOf(receivedRequest),
			dossierOf(finishedRequest),
			...progressRequest.data.map((step) =>
				dvcqgProgressSchemaWith({ pseudonymise, keepPhrases: phrasesIn }).parse(step)
			)
		]);
		for (const value of PERSONAL_DATA) {
			// The fixtures really carry it, and the parsed output does not.
			expect(raw).toContain(value.toLowerCase());
			expect(parsed.toLowerCase()).not.toContain(value.toLowerCase());
		}
		for (const key of [
			'ChuHoSo',
			'SoGiayToChuHoSo',
			'DinhDanhCHS',
			'SoDienThoai',
			'Email',
			'Fax'
		]) {
			expect(parsed).not.toContain(key);
		}
		for (const key of ['ThongTinKhac', 'TrichYeuHoSo', 'ThongTinTra', 'DuongDan', 'NguoiXuLy']) {
			expect(parsed).not.toContain(key);
		}
		expect(parsed).not.toContain('NoiDungBoSung');
	});

	it.each([
		[1, 'direct'],
		['2', 'online'],
		[' 3 ', 'postal'],
		['', 'direct'],
		[null, 'direct'],
		[undefined, 'direct']
	])('reads KenhThucHien %j as %s', (value, channel) => {
		const item = { ...(receivedRequest.data[0] as object), KenhThucHien: value };
		expect(dvcqgDossierSchema.parse(item).KenhThucHien).toBe(channel);
	});

	it('accepts codes as numbers or numeric strings and rejects codes out of range, naming the field', () => {
		const base = receivedRequest.data[0] as object;
		const parsed = dvcqgDossierSchema.parse({
			...base,
			TrangThaiHoSo: 10,
			DuocThanhToanTrucTuyen: '2',
			HoSoCoThanhPhanSoHoa: 0,
			TaiLieuNop: [{ DuocSoHoa: true }, { DuocSoHoa: ' 0 ' }, {}]
		});
		expect(parsed).toMatchObject({
			TrangThaiHoSo: 10,
			DuocThanhToanTrucTuyen: 2,
			HoSoCoThanhPhanSoHoa: false,
			TaiLieuNop: [{ DuocSoHoa: true }, { DuocSoHoa: false }, { DuocSoHoa: null }]
		});
		const bad = dvcqgDossierSchema.safeParse({ ...base, TrangThaiHoSo: '11', KenhThucHien: '0x2' });
		expect(formatIssues(bad.error?.issues ?? [])).toBe(
			'KenhThucHien: expected one of 1, 2, 3; TrangThaiHoSo: expected one of 1, 2, 3, 4, 5, 6, 7, 8, 9, 10'
		);
	});

	it('names the field of a malformed date, inside supplement lists too', () => {
		const base = receivedRequest.data[0] as { DanhSachHoSoBoSung: object[] };
		const bad = dvcqgDossierSchema.safeParse({
			...base,
			NgayTiepNhan: '20261311093000',
			DanhSachHoSoBoSung: [{ ...base.DanhSachHoSoBoSung[0], NgayBoSung: '2026111115' }]
		});
		expect(formatIssues(bad.error?.issues ?? [])).toBe(
			'NgayTiepNhan: not a yyyyMMddHHmmss date: month 13 does not exist; ' +
				'DanhSachHoSoBoSung[0].NgayBoSung: not a yyyyMMddHHmmss date: 10 digits, expected 14'
		);
	});

	it('requires a dossier code and a procedure code', () => {
		const { MaHoSo: _code, ...rest } = receivedRequest.data[0] as Record<string, unknown>;
		const bad = dvcqgDossierSchema.safeParse({ ...rest, MaTTHC: ' ' });
		expect(formatIssues(bad.error?.issues ?? [])).toBe(
			'MaHoSo: required: the dossier code; MaTTHC: required: the national procedure code (MaTTHC)'
		);
	});
});

describe('dvcqgProgressSchema', () => {
	const step = progressRequest.data[1] as Record<string, unknown>;

	it('drops the officer name and free text, or keeps a pseudonym and the stage phrases', () => {
		const plain = dvcqgProgressSchema.parse(step);
		expect(JSON.stringify(plain)).not.toContain('Trần Văn Hùng');
		expect(plain).not.toHaveProperty('NguoiXuLy');
		const withOfficer = dvcqgProgressSchemaWith({ pseudonymise, keepPhrases: phrasesIn }).parse(
			step
		);
		expect(withOfficer.officer).toBe(pseudonymise('Trần Văn Hùng'));
		expect(withOfficer.officer).toMatch(/^o-[0-9a-f]{16}$/);
		expect(JSON.stringify(withOfficer)).not.toContain('Trần Văn Hùng');
		expect(plain).not.toHaveProperty('NoiDungXuLy');
		expect(withOfficer.contentPhrases).toBe('chuyên viên | thụ lý | thẩm định');
		expect(withOfficer).toMatchObject({
			MaHoSo: CODE,
			PhongBanXuLy: 'Phòng Kinh tế',
			NgayBatDau: Date.parse('2026-11-12T01:45:00Z'),
			NgayKetThucTheoQuyDinh: Date.parse('2026-11-16T01:45:00Z')
		});
	});

	it('needs NgayBatDau or ThoiDiemXuLy to place the step', () => {
		const bad = dvcqgProgressSchema.safeParse({ ...step, NgayBatDau: '', ThoiDiemXuLy: null });
		expect(formatIssues(bad.error?.issues ?? [])).toBe(
			'NgayBatDau: required: NgayBatDau or ThoiDiemXuLy, a yyyyMMddHHmmss date'
		);
	});
});

describe('dvcqgRequestSchema', () => {
	it('reads the envelope and isUpdating', () => {
		expect(dvcqgRequestSchema.parse(finishedRequest)).toMatchObject({
			service: 'DongBoHoSoMC',
			isUpdating: true
		});
		expect(dvcqgRequestSchema.parse({ service: 'CapNhatTienDoHoSoMC', data: [] }).isUpdating).toBe(
			null
		);
	});

	it('rejects an unknown service and a missing data array, naming them', () => {
		const bad = dvcqgRequestSchema.safeParse({ service: 'LayThuTuc', isUpdating: 'maybe' });
		expect(formatIssues(bad.error?.issues ?? [])).toBe(
			'service: expected "DongBoHoSoMC" or "CapNhatTienDoHoSoMC"; data: expected an array of items; ' +
				'isUpdating: expected "True" or "False"'
		);
	});
});
