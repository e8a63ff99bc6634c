import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { reportDocument } from '../../src/lib/report/report-tables';
import { sampleReport } from '../../src/lib/report/report-tables.test-support';
import { csvField, renderCsv } from './csv-export';

describe('csvField', () => {
	it('quotes separators, quotes and line breaks', () => {
		expect(csvField('Hộ tịch')).toBe('Hộ tịch');
		expect(csvField('a,b')).toBe('"a,b"');
		expect(csvField('say "hi"')).toBe('"say ""hi"""');
		expect(csvField('two\nlines')).toBe('"two\nlines"');
	});

	it('defuses text a spreadsheet would run as a formula', () => {
		expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
		expect(csvField('+84')).toBe("'+84");
		expect(csvField('@sum')).toBe("'@sum");
	});
});

describe('renderCsv', () => {
	const text = renderCsv(reportDocument(sampleReport(), 'vi'));

	it('starts with a BOM and uses CRLF lines', () => {
		expect(text.charCodeAt(0)).toBe(0xfeff);
		expect(text.split('\r\n').length).toBeGreaterThan(10);
		expect(text.replace(/\r\n/g, '')).not.toContain('\n');
	});

	it('writes counts as plain integers and rates in the reader’s form', () => {
		const records = parse(text.slice(1), { relax_column_count: true }) as string[][];
		expect(records.find((r) => r[0] === 'Tổng cộng')!.slice(1)).toEqual([
			'18',
			'3',
			'6',
			'9',
			'12',
			'3',
			'6',
			'3',
			'6',
			'3',
			'3',
			'0'
		]);
		expect(records.find((r) => r[0] === 'Tỷ lệ giải quyết trước và đúng hạn')![1]).toBe('75%');
		expect(records.find((r) => r[0] === 'Dấu vân tay SHA-256')![1]).toBe('f'.repeat(64));
		// The form's group header: each group's label over its first column.
		expect(records.find((r) => r[1] === 'Số hồ sơ nhận giải quyết')!.slice(0, 6)).toEqual([
			'Lĩnh vực',
			'Số hồ sơ nhận giải quyết',
			'',
			'',
			'',
			'Số hồ sơ đã giải quyết'
		]);
	});
});
