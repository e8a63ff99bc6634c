import ExcelJS from 'exceljs';
import { reportMessages } from '../../src/lib/i18n/report-messages';
import { formatCell, type ExportDocument, type Table } from '../../src/lib/report/report-tables';

/**
 * XLSX of an export document (exceljs): a first sheet with the stamp, then one sheet per table with the
 * Vietnamese header (two rows for the form's column groups) frozen, column widths, number formats on real
 * numbers, and the fingerprint in every printed page's footer.
 */

const NUMBER_FORMATS = { int: '#,##0', rate: '0.0%', hours: '0.0', points: '0.0' } as const;

/** Sheet names: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(title: string, taken: Set<string>): string {
	const base = title
		.replace(/[:\\/?*[\]]/g, ' ')
		.slice(0, 28)
		.trim();
	let name = base;
	for (let n = 2; taken.has(name); n++) name = `${base} ${n}`;
	taken.add(name);
	return name;
}

function addTable(
	workbook: ExcelJS.Workbook,
	table: Table,
	document: ExportDocument,
	name: string
) {
	const headerRows = table.groups ? 2 : 1;
	const sheet = workbook.addWorksheet(name, {
		views: [{ state: 'frozen', ySplit: headerRows, xSplit: 1 }],
		headerFooter: {
			oddFooter: `&L${document.fingerprint}&R&P/&N`,
			oddHeader: `&L${document.title.replace(/&/g, '&&')}`
		},
		pageSetup: {
			orientation: 'landscape',
			paperSize: 9,
			fitToPage: true,
			fitToWidth: 1,
			fitToHeight: 0
		}
	});
	sheet.columns = table.columns.map((column) => ({ width: column.width }));
	if (table.groups) {
		const groupRow = sheet.addRow(
			table.groups.flatMap((group) => [group.label, ...Array(group.span - 1).fill(null)])
		);
		groupRow.font = { bold: true };
		let start = 1;
		for (const group of table.groups) {
			if (group.span > 1) sheet.mergeCells(1, start, 1, start + group.span - 1);
			start += group.span;
		}
		groupRow.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
	}
	const header = sheet.addRow(table.columns.map((column) => column.label));
	header.font = { bold: true };
	header.alignment = { vertical: 'middle', wrapText: true };
	header.height = 32;
	for (const cells of table.rows) {
		const row = sheet.addRow(
			cells.map((cell, i) => {
				const kind = table.columns[i]?.kind ?? 'text';
				if (cell === null) return null;
				// Instants as Vietnam-time text: an Excel date has no time zone and would show UTC.
				return kind === 'instant' ? formatCell(cell, kind, document.lang) : cell;
			})
		);
		table.columns.forEach((column, i) => {
			if (column.kind in NUMBER_FORMATS)
				row.getCell(i + 1).numFmt = NUMBER_FORMATS[column.kind as keyof typeof NUMBER_FORMATS];
		});
	}
	if (table.totalRow) sheet.lastRow!.font = { bold: true };
	if (table.note) {
		sheet.addRow([]);
		sheet.addRow([table.note]).font = { italic: true };
	}
}

export async function renderXlsx(document: ExportDocument): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'Một Cửa Live';
	workbook.title = document.title;
	workbook.subject = document.fingerprint;
	workbook.created = new Date(document.asOf);
	workbook.modified = new Date(document.asOf);
	const taken = new Set<string>();
	const sheets = reportMessages(document.lang).sheets;
	const info = workbook.addWorksheet(sheetName(sheets.info, taken));
	info.columns = [{ width: 34 }, { width: 90 }];
	info.addRow([document.title]).font = { bold: true, size: 13 };
	for (const [label, value] of document.stamp)
		info.addRow([label, value]).getCell(1).font = { bold: true };
	for (const note of document.notes ?? []) {
		info.addRow([]);
		info.addRow([note.title]).font = { bold: true };
		info.addRow([note.text]);
	}
	for (const table of document.tables)
		addTable(workbook, table, document, sheetName(sheets[table.id], taken));
	return Buffer.from(await workbook.xlsx.writeBuffer());
}
