import { describe, expect, it } from 'vitest';
import { dvcqgProgressSchemaWith } from '../../../src/lib/contracts/dvcqg';
import {
	DEFAULT_STEP_STAGE_MAP,
	normaliseStepText,
	phrasesIn,
	progressToEvents,
	stageOfStep
} from './progress-to-events';
import {
	CODE,
	derive,
	dossierOf,
	progressRequest,
	pseudonymise,
	receivedRequest,
	WARD
} from './dvcqg.test-support';
import { dossierSnapshotToEvents } from './snapshot-to-events';

const schema = dvcqgProgressSchemaWith({ pseudonymise, keepPhrases: phrasesIn });
const steps = progressRequest.data.map((step) => schema.parse(step));
const ctx = { ward: WARD };

describe('stageOfStep', () => {
	it.each([
		['Tiếp nhận hồ sơ', 'intake', 'tiếp nhận'],
		['TIEP NHAN HO SO', 'intake', 'tiếp nhận'],
		['tiếp nhận hồ sơ', 'intake', 'tiếp nhận'],
		['Chuyển chuyên viên thụ lý', 'processing', 'chuyên viên'],
		['Dang xu ly', 'processing', 'xử lý'],
		['Thẩm định hồ sơ', 'processing', 'thẩm định'],
		['Trình Lãnh đạo phê duyệt', 'approval', 'lãnh đạo'],
		['Chờ ký', 'approval', 'chờ ký'],
		['Chuyển liên thông Công an phường', 'interagency', 'liên thông'],
		['Chuyển Chi cục Thuế khu vực', 'interagency', 'cục thuế'],
		['Chuyen Van phong dang ky dat dai', 'interagency', 'văn phòng đăng ký đất đai'],
		['Chi nhánh VPĐKĐĐ thành phố', 'interagency', 'chi nhánh'],
		['Trả kết quả cho công dân', 'result', 'trả kết quả'],
		['Bộ phận Một cửa', 'result', 'bộ phận một cửa']
	])('%s → %s', (text, stage, phrase) => {
		expect(stageOfStep([text])).toEqual({ stage, phrase });
	});

	it('unknown steps are processing, with no phrase', () => {
		expect(stageOfStep(['Bước 3', null, undefined, ''])).toEqual({
			stage: 'processing',
			phrase: null
		});
		expect(stageOfStep([])).toEqual({ stage: 'processing', phrase: null });
	});

	it('matches whole words only, so registration, a lease or a period is no signature or tax office', () => {
		expect(stageOfStep(['Đăng ký hộ kinh doanh']).phrase).toBeNull();
		expect(stageOfStep(['Kiểm tra hợp đồng thuê mặt bằng']).phrase).toBeNull();
		expect(stageOfStep(['Báo cáo định kỳ']).phrase).toBeNull();
		expect(stageOfStep(['Tiếp nhận']).stage).toBe('intake');
		expect(stageOfStep(['Tiếpnhận']).phrase).toBeNull();
	});

	it('the desk named in full is a place: what is done there decides', () => {
		const desk = 'Bộ phận Tiếp nhận và Trả kết quả';
		expect(normaliseStepText(desk)).toBe(' bo phan mot cua ');
		expect(stageOfStep(['Tiếp nhận hồ sơ', desk])).toEqual({
			stage: 'intake',
			phrase: 'tiếp nhận'
		});
		expect(stageOfStep(['Chuyển hồ sơ', desk])).toEqual({
			stage: 'result',
			phrase: 'bộ phận một cửa'
		});
	});

	it('rules go in map order, across all texts', () => {
		// Another agency outranks the specialist work done there.
		expect(stageOfStep(['Thẩm định hồ sơ', 'Chi nhánh Văn phòng đăng ký đất đai']).stage).toBe(
			'interagency'
		);
		expect(stageOfStep(['Xem xét', null, 'Phó Chủ tịch UBND phường']).stage).toBe('approval');
	});

	it('takes a configured map, as pairs or a record', () => {
		expect(stageOfStep(['Kiểm tra thực địa'], [['thực địa', 'interagency']])).toEqual({
			stage: 'interagency',
			phrase: 'thực địa'
		});
		expect(stageOfStep(['KIEM TRA THUC DIA'], { 'thực địa': 'approval' }).stage).toBe('approval');
		expect(stageOfStep(['Tiếp nhận'], { 'thực địa': 'approval' }).stage).toBe('processing');
		expect(DEFAULT_STEP_STAGE_MAP.every(([phrase]) => stageOfStep([phrase]).phrase !== null)).toBe(
			true
		);
	});
});

describe('phrasesIn', () => {
	it('keeps the known phrases of a free text and nothing else', () => {
		expect(phrasesIn('Tiếp nhận hồ sơ trực tuyến của bà Phạm Thị Quỳnh Mai')).toBe('tiếp nhận');
		expect(phrasesIn('Chuyển chuyên viên Nguyễn Văn A thụ lý')).toBe('chuyên viên | thụ lý');
		expect(phrasesIn('Gọi điện cho ông Trần Văn B')).toBeNull();
	});
});

describe('progressToEvents: the fixture steps', () => {
	it('become stage changes with the step deadline, department and a pseudonymous officer', () => {
		const events = steps.flatMap((step) => progressToEvents(step, null, ctx));
		expect(events.map((e) => [e.id, e.stage, e.step, e.unit, e.at, e.stageDueAt])).toEqual([
			[
				`dvcqg:${CODE}:stage_changed:step-20261111093000-intake`,
				'intake',
				'tiếp nhận',
				'Bộ phận Tiếp nhận và Trả kết quả',
				Date.parse('2026-11-11T02:30:00Z'),
				Date.parse('2026-11-11T04:30:00Z')
			],
			[
				`dvcqg:${CODE}:stage_changed:step-20261112084500-processing`,
				'processing',
				'chuyên viên',
				'Phòng Kinh tế',
				Date.parse('2026-11-12T01:45:00Z'),
				Date.parse('2026-11-16T01:45:00Z')
			],
			[
				`dvcqg:${CODE}:stage_changed:step-20261116103000-approval`,
				'approval',
				'lãnh đạo',
				'Lãnh đạo UBND phường',
				Date.parse('2026-11-16T03:30:00Z'),
				Date.parse('2026-11-16T08:30:00Z')
			],
			[
				`dvcqg:${CODE}:stage_changed:step-20261116160500-result`,
				'result',
				'bộ phận một cửa',
				'Bộ phận Tiếp nhận và Trả kết quả',
				Date.parse('2026-11-16T09:05:00Z'),
				undefined
			]
		]);
		expect(events.map((e) => e.officer)).toEqual([
			pseudonymise('Nguyễn Thị Hoa'),
			pseudonymise('Trần Văn Hùng'),
			pseudonymise('Lê Minh Tuấn'),
			pseudonymise('Nguyễn Thị Hoa')
		]);
		expect(events[0]?.officer).toBe(events[3]?.officer);
		expect(JSON.stringify(events)).not.toMatch(/Nguyễn|Trần|Phạm|Quỳnh/);
	});

	it('fold into the dossier with the snapshot, and are not repeated once stored', () => {
		const snapshot = dossierSnapshotToEvents(dossierOf(receivedRequest), null, ctx);
		const progress = steps.flatMap((step) => progressToEvents(step, null, ctx));
		const state = derive([...snapshot, ...progress]);
		expect(state.stages.map((v) => [v.stage, v.step])).toEqual([
			['intake', 'tiếp nhận'],
			['processing', 'chuyên viên'],
			['approval', 'lãnh đạo'],
			['result', 'bộ phận một cửa']
		]);
		expect(state.anomalies).toEqual([]);
		const visitSteps = [steps[0], steps[2], steps[3]];
		for (const step of visitSteps) expect(progressToEvents(step!, state, ctx)).toEqual([]);
	});

	it('time a step by ThoiDiemXuLy when NgayBatDau is missing', () => {
		const step = schema.parse({ ...progressRequest.data[1], NgayBatDau: '' });
		expect(progressToEvents(step, null, ctx)[0]?.at).toBe(Date.parse('2026-11-12T01:45:00Z'));
	});
});
