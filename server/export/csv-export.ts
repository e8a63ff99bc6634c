import { formatCell, type Cell, type ExportDocument } from '../../src/lib/report/report-tables';

/**
 * CSV of an export document: UTF-8 with a byte-order mark (spreadsheet programs then read the diacritics right),
 * CRLF lines (RFC 4180), the stamp first, then each table under its title. Counts stay plain integers; rates,
 * hours and instants are written as the reader reads them (65,8%, 27/11/2026 08:20).
 */

const BOM = '\uFEFF';

/** A cell as one CSV field: quoted when needed; text that a spreadsheet would run as a formula is defused. */
export function csvField(value: string): string {
	const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
	return /[",\r\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const line = (fields: readonly string[]) => fields.map(csvField).join(',');

export function renderCsv(document: ExportDocument): string {
	const lines: string[] = [line([document.title])];
	for (const [label, value] of document.stamp) lines.push(line([label, value]));
	for (const note of document.notes ?? []) lines.push(line([note.title, note.text]));
	for (const table of document.tables) {
		lines.push('', line([table.title]));
		if (table.groups) {
			lines.push(
				line(table.groups.flatMap((group) => [group.label, ...Array(group.span - 1).fill('')]))
			);
		}
		lines.push(line(table.columns.map((column) => column.label)));
		for (const row of table.rows) {
			lines.push(
				line(
					row.map((cell: Cell, i) => {
						const kind = table.columns[i]?.kind ?? 'text';
						if (cell === null) return '';
						return kind === 'int' && typeof cell === 'number'
							? String(cell)
							: formatCell(cell, kind, document.lang);
					})
				)
			);
		}
		if (table.note) lines.push(line([table.note]));
	}
	return `${BOM}${lines.join('\r\n')}\r\n`;
}
