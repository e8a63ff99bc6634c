import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { reportMessages } from '../../src/lib/i18n/report-messages';
import { formatCell, type ExportDocument, type Table } from '../../src/lib/report/report-tables';

/**
 * PDF of an export document, rendered on the server with pdfkit: A4 landscape, DejaVu Sans embedded (the
 * standard PDF fonts have no Vietnamese letters), every table's header repeated on each page it runs onto, and
 * the fingerprint with the page number in every page's footer.
 */

const require = createRequire(import.meta.url);
/** DejaVu Sans covers every Vietnamese letter with its tone marks (dejavu-fonts-ttf). */
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

const MARGIN = 36;
const FOOTER = 22;
const PAD = 3;
const SIZE = { title: 13, heading: 10.5, body: 7.5, footer: 7 };

type Doc = InstanceType<typeof PDFDocument>;

const bottom = (doc: Doc) => doc.page.height - MARGIN - FOOTER;
const contentWidth = (doc: Doc) => doc.page.width - 2 * MARGIN;

/** The widths of a table's columns in points, proportional to their character widths, filling the page. */
function columnWidths(doc: Doc, table: Table): number[] {
	const total = table.columns.reduce((sum, column) => sum + column.width, 0);
	return table.columns.map((column) => (column.width / total) * contentWidth(doc));
}

/** Whether a text fits on one line of a cell (the common case: wrapping is measured only when it does not). */
const fitsOneLine = (doc: Doc, text: string, width: number) =>
	!text.includes('\n') && doc.widthOfString(text) <= width - 2 * PAD;

/** A row's height: its tallest wrapped cell plus padding. */
function rowHeight(
	doc: Doc,
	texts: readonly string[],
	widths: readonly number[],
	font: 'body' | 'bold'
) {
	doc.font(font).fontSize(SIZE.body);
	const line = doc.currentLineHeight(true);
	return (
		Math.max(
			...texts.map((text, i) =>
				fitsOneLine(doc, text, widths[i])
					? line
					: doc.heightOfString(text, { width: widths[i] - 2 * PAD })
			)
		) +
		2 * PAD
	);
}

/** Draws one row of cells (boxed, wrapped) at the current y, `height` tall. */
function drawRow(
	doc: Doc,
	cells: readonly { text: string; width: number; align: 'left' | 'right' | 'center' }[],
	font: 'body' | 'bold',
	height: number,
	fill?: string
): void {
	doc.font(font).fontSize(SIZE.body);
	let x = MARGIN;
	const y = doc.y;
	for (const cell of cells) {
		if (fill) doc.rect(x, y, cell.width, height).fill(fill).fillColor('black');
		doc.rect(x, y, cell.width, height).lineWidth(0.4).stroke('#888888');
		doc.fillColor('black').text(cell.text, x + PAD, y + PAD, {
			width: cell.width - 2 * PAD,
			align: cell.align,
			lineBreak: !fitsOneLine(doc, cell.text, cell.width)
		});
		x += cell.width;
	}
	doc.x = MARGIN;
	doc.y = y + height;
}

/** Draws boxed cells with their own height. */
function drawCells(
	doc: Doc,
	cells: readonly { text: string; width: number; align: 'left' | 'right' | 'center' }[],
	font: 'body' | 'bold',
	fill?: string
): void {
	const height = rowHeight(
		doc,
		cells.map((cell) => cell.text),
		cells.map((cell) => cell.width),
		font
	);
	drawRow(doc, cells, font, height, fill);
}

/** The widths of a table's header groups: the sums of the columns each spans. */
function groupWidths(table: Table, widths: readonly number[]): number[] {
	let i = 0;
	return (table.groups ?? []).map((group) => {
		const width = widths.slice(i, i + group.span).reduce((a, b) => a + b, 0);
		i += group.span;
		return width;
	});
}

function drawHeader(doc: Doc, table: Table, widths: number[]) {
	if (table.groups) {
		const spans = groupWidths(table, widths);
		const cells = table.groups.map((group, g) => ({
			text: group.label,
			width: spans[g],
			align: 'center' as const
		}));
		drawCells(doc, cells, 'bold', '#dde4ee');
	}
	drawCells(
		doc,
		table.columns.map((column, i) => ({
			text: column.label,
			width: widths[i],
			align: column.kind === 'text' ? ('left' as const) : ('right' as const)
		})),
		'bold',
		'#eef2f7'
	);
}

function newPage(doc: Doc) {
	doc.addPage();
	doc.x = MARGIN;
	doc.y = MARGIN;
}

async function drawTable(doc: Doc, table: Table, document: ExportDocument): Promise<void> {
	const t = reportMessages(document.lang);
	const widths = columnWidths(doc, table);
	const headerHeight =
		(table.groups
			? rowHeight(
					doc,
					table.groups.map((group) => group.label),
					groupWidths(table, widths),
					'bold'
				)
			: 0) +
		rowHeight(
			doc,
			table.columns.map((column) => column.label),
			widths,
			'bold'
		);
	const heading = (suffix: string) => {
		doc
			.font('bold')
			.fontSize(SIZE.heading)
			.text(`${table.title}${suffix}`, MARGIN, doc.y, {
				width: contentWidth(doc)
			});
		doc.moveDown(0.3);
	};
	// Keep the title with its header and first row.
	if (doc.y + 40 + headerHeight > bottom(doc)) newPage(doc);
	heading('');
	drawHeader(doc, table, widths);
	for (const [r, row] of table.rows.entries()) {
		// A long list must not hold the event loop: let other requests in every few hundred rows.
		if (r > 0 && r % 250 === 0) await new Promise((resolve) => setImmediate(resolve));
		const texts = row.map((cell, i) => formatCell(cell, table.columns[i].kind, document.lang));
		const font = table.totalRow && r === table.rows.length - 1 ? 'bold' : 'body';
		const height = rowHeight(doc, texts, widths, font);
		if (doc.y + height > bottom(doc)) {
			newPage(doc);
			heading(` ${t.continued}`);
			drawHeader(doc, table, widths);
		}
		drawRow(
			doc,
			texts.map((text, i) => ({
				text,
				width: widths[i],
				align: table.columns[i].kind === 'text' ? ('left' as const) : ('right' as const)
			})),
			font,
			height
		);
	}
	if (table.note) {
		doc.moveDown(0.3);
		doc
			.font('body')
			.fontSize(SIZE.body)
			.fillColor('#333333')
			.text(table.note, MARGIN, doc.y, {
				width: contentWidth(doc)
			});
		doc.fillColor('black');
	}
	doc.moveDown(1);
}

/** Footer of every page: the fingerprint on the left, the page number on the right. */
function drawFooters(doc: Doc, document: ExportDocument) {
	const t = reportMessages(document.lang);
	const range = doc.bufferedPageRange();
	for (let i = range.start; i < range.start + range.count; i++) {
		doc.switchToPage(i);
		const y = doc.page.height - MARGIN - FOOTER + 8;
		// Writing below the bottom margin would open a new page: lift the margin while the footer is drawn.
		const margin = doc.page.margins.bottom;
		doc.page.margins.bottom = 0;
		doc.font('body').fontSize(SIZE.footer).fillColor('#444444');
		doc.text(`SHA-256 ${document.fingerprint}`, MARGIN, y, {
			width: contentWidth(doc) * 0.8,
			lineBreak: false
		});
		doc.text(t.page(i - range.start + 1, range.count), MARGIN, y, {
			width: contentWidth(doc),
			align: 'right',
			lineBreak: false
		});
		doc.page.margins.bottom = margin;
	}
}

export async function renderPdf(document: ExportDocument): Promise<Buffer> {
	const doc = new PDFDocument({
		size: 'A4',
		layout: 'landscape',
		margins: { top: MARGIN, bottom: MARGIN + FOOTER, left: MARGIN, right: MARGIN },
		bufferPages: true,
		lang: document.lang === 'vi' ? 'vi-VN' : 'en-GB',
		info: {
			Title: document.title,
			Subject: `SHA-256 ${document.fingerprint}`,
			Creator: 'Một Cửa Live',
			CreationDate: new Date(document.asOf)
		}
	});
	doc.registerFont('body', FONT);
	doc.registerFont('bold', FONT_BOLD);
	const chunks: Buffer[] = [];
	doc.on('data', (chunk: Buffer) => chunks.push(chunk));
	const done = new Promise<Buffer>((resolve, reject) => {
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
	});

	doc
		.font('bold')
		.fontSize(SIZE.title)
		.text(document.title, { width: contentWidth(doc) });
	doc.moveDown(0.4);
	for (const [label, value] of document.stamp) {
		doc
			.font('bold')
			.fontSize(SIZE.body + 1)
			.text(`${label}: `, { continued: true });
		doc.font('body').text(value);
	}
	for (const note of document.notes ?? []) {
		doc.moveDown(0.4);
		doc
			.font('bold')
			.fontSize(SIZE.body + 1)
			.text(note.title);
		doc.font('body').text(note.text);
	}
	doc.moveDown(1);
	for (const table of document.tables) await drawTable(doc, table, document);
	drawFooters(doc, document);
	doc.end();
	return done;
}
