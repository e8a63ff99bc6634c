import { describe, expect, it } from 'vitest';
import { bieu06Columns } from '../domain/bieu06';
import { formatCell, reportDocument, reportStamp, reportTables } from './report-tables';
import { sampleReport } from './report-tables.test-support';

describe('the report as tables', () => {
	const report = sampleReport();
	const tables = reportTables(report, 'vi');
	const byId = (id: string) => tables.find((table) => table.id === id)!;

	it('writes the form by field, names the unknown field, and ends with the scope’s totals', () => {
		const form = byId('bieu06');
		expect(form.groups!.reduce((sum, group) => sum + group.span, 0)).toBe(form.columns.length);
		expect(form.rows.map((row) => row[0])).toEqual(['Hộ tịch', 'Chưa rõ lĩnh vực', 'Tổng cộng']);
		expect(form.rows.at(-1)!.slice(1)).toEqual(bieu06Columns(report.data.totals));
		expect(form.totalRow).toBe(true);
	});

	it('ranks the children by rank, with their names and codes', () => {
		expect(byId('ranking').rows.map((row) => row.slice(0, 3))).toEqual([
			[1, 'Phường Thành Vinh', 'ward:16681'],
			[2, 'Phường Trường Vinh', 'ward:16690']
		]);
	});

	it('lists overdue dossiers by name and says when the list was cut', () => {
		const overdue = byId('overdue');
		expect(overdue.rows[0].slice(0, 5)).toEqual([
			'H40.1',
			'Phường Thành Vinh',
			'Hộ tịch',
			'Đăng ký khai sinh',
			'Thẩm định, xử lý'
		]);
		expect(overdue.note).toBe('Hiển thị 1 trên tổng số 3 hồ sơ quá hạn (giới hạn của bản xuất).');
	});

	it('shows the Decision 766 estimate labelled as one, publicity not estimable, total out of the estimable maximum', () => {
		const index = byId('serviceIndex');
		expect(index.title).toContain('Ước tính');
		expect(index.title).toContain('766');
		expect(index.note).toContain('ƯỚC TÍNH');
		expect(index.rows[0]).toEqual(['Công khai, minh bạch', null, null, 18]);
		// Progress 6 / 8 on time: 0.75 × 20 = 15 points.
		expect(index.rows[1]).toEqual(['Tiến độ giải quyết', 0.75, 15, 20]);
		const { points, maxPoints } = report.data.serviceIndex;
		expect(maxPoints).toBe(82);
		expect(index.rows.at(-1)).toEqual(['Tổng điểm ước tính', null, points, 82]);
		expect(index.totalRow).toBe(true);
		expect(formatCell(points, 'points', 'vi')).toMatch(/^\d+,\d$/);
		expect(reportDocument(report, 'en').tables.find((t) => t.id === 'serviceIndex')!.title).toBe(
			'Service index estimate (Decision 766/QĐ-TTg)'
		);
	});

	it('has no ranking for a ward, which has no children', () => {
		expect(reportTables(sampleReport({ children: [] }), 'vi').map((t) => t.id)).toEqual([
			'bieu06',
			'rates',
			'serviceIndex',
			'stages',
			'overdue'
		]);
	});

	it('stamps scope, period, instants, filters and the fingerprint', () => {
		expect(reportStamp(report, 'vi')).toEqual([
			['Phạm vi', 'Nghệ An (province:40)'],
			['Kỳ báo cáo', '01/10/2026 – 31/10/2026'],
			['Số liệu tính lúc', '02/11/2026 10:00 (2026-11-02T03:00:00.000Z)'],
			['Hồ sơ đang giải quyết tính tại', '31/10/2026 23:59 (2026-10-31T16:59:59.999Z)'],
			['Bộ lọc', 'không có'],
			['Dấu vân tay SHA-256', 'f'.repeat(64)]
		]);
		expect(reportDocument(report, 'en').stamp[1]).toEqual(['Period', '01/10/2026 – 31/10/2026']);
	});

	it('formats cells in vi-VN by default', () => {
		expect(formatCell(12345, 'int', 'vi')).toBe('12.345');
		expect(formatCell(0.658, 'rate', 'vi')).toBe('65,8%');
		expect(formatCell(3.25, 'hours', 'vi')).toBe('3,3');
		expect(formatCell('2026-10-23T10:00:00.000Z', 'instant', 'vi')).toBe('23/10/2026 17:00');
		expect(formatCell(null, 'int', 'vi')).toBe('—');
		expect(formatCell(12345, 'int', 'en')).toBe('12,345');
	});
});
