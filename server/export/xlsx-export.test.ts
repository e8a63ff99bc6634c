import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { reportDocument } from '../../src/lib/report/report-tables';
import { sampleReport } from '../../src/lib/report/report-tables.test-support';
import { renderXlsx } from './xlsx-export';

describe('renderXlsx', () => {
	it('writes a stamp sheet and one sheet per table, headers frozen, numbers formatted', async () => {
		const workbook = new ExcelJS.Workbook();
		const bytes = await renderXlsx(reportDocument(sampleReport(), 'en'));
		await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
		expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
			'About',
			'Biểu 06',
			'Rates',
			'Index estimate',
			'Ranking',
			'Bottlenecks',
			'Overdue'
		]);
		const form = workbook.getWorksheet('Biểu 06')!;
		expect(form.views[0]).toMatchObject({ state: 'frozen', ySplit: 2, xSplit: 1 });
		expect(form.getCell('B1').value).toBe('Received');
		expect(form.getCell('B1').isMerged).toBe(true);
		expect(form.getCell('B2').value).toBe('Received: total');
		expect(form.getCell('B3').value).toBe(6);
		expect(form.getCell('B3').numFmt).toBe('#,##0');
		expect(form.getColumn(1).width).toBe(34);
		const ranking = workbook.getWorksheet('Ranking')!;
		expect(ranking.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
		expect(ranking.getCell('D2').value).toBe(0.9);
		expect(ranking.getCell('D2').numFmt).toBe('0.0%');
		expect(ranking.getCell('D3').value).toBeNull();
		const index = workbook.getWorksheet('Index estimate')!;
		expect(index.getCell('A1').value).toBe('Group');
		expect(index.getCell('C3').value).toBe(15); // progress: 6 of 8 on time, 0.75 × 20
		expect(index.getCell('C3').numFmt).toBe('0.0');
		expect(index.getCell('D8').value).toBe(82); // the estimable maximum, on the total row
		// Instants as Vietnam-time text.
		expect(workbook.getWorksheet('Overdue')!.getCell('G2').value).toBe('23/10/2026 17:00');
		expect(workbook.getWorksheet('About')!.getCell('B7').value).toBe('f'.repeat(64));
	});
});
