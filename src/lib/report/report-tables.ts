import { bieu06Columns } from '../domain/bieu06';
import { UNKNOWN_FIELD } from '../domain/kpi';
import { formatters } from '../i18n/format';
import { messages, type Lang } from '../i18n/messages';
import { reportMessages } from '../i18n/report-messages';
import { serviceIndexMessages } from '../i18n/service-index-messages';
import { SERVICE_INDEX_GROUPS } from '../contracts/service-index';
import type { ListExport, Report } from './report-data';

/**
 * The report and the dashboard lists as plain tables: one description that the page, the XLSX, the CSV and the
 * PDF all render, so every format shows the same columns and figures. Cells stay raw (numbers, fractions, ISO
 * instants); `formatCell` turns them into the reader's text where a format needs text.
 */

/** `int` count; `rate` a fraction in [0, 1] or null; `hours`, `points` decimals; `instant` a UTC ISO string. */
export type ColumnKind = 'text' | 'int' | 'rate' | 'hours' | 'points' | 'instant';
export type Cell = string | number | null;

export interface Column {
	label: string;
	kind: ColumnKind;
	/** Width in characters (XLSX column width; PDF and page proportions). */
	width: number;
}

export interface Table {
	id: 'bieu06' | 'rates' | 'serviceIndex' | 'ranking' | 'stages' | 'overdue' | 'dueSoon';
	title: string;
	/** Header groups above the columns (the form's two-level header); spans add up to the column count. */
	groups?: { label: string; span: number }[];
	columns: Column[];
	rows: Cell[][];
	/** The last row is a total row (bold). */
	totalRow?: boolean;
	note?: string;
}

/** The stamp every export carries: label and value pairs, the fingerprint last. */
export type Stamp = [label: string, value: string][];

// Building Intl formatters is slow (milliseconds); a 5,000-row export formats tens of thousands of cells.
const FORMATTERS = new Map<Lang, ReturnType<typeof formatters>>();
const formattersOf = (lang: Lang) => {
	let found = FORMATTERS.get(lang);
	if (!found) FORMATTERS.set(lang, (found = formatters(lang)));
	return found;
};

/** A cell as the reader's text: vi-VN numbers and dates by default; null is a dash. */
export function formatCell(cell: Cell, kind: ColumnKind, lang: Lang): string {
	if (cell === null) return reportMessages(lang).none;
	const f = formattersOf(lang);
	switch (kind) {
		case 'int':
			return typeof cell === 'number' ? f.integer(cell) : cell;
		case 'rate':
			return typeof cell === 'number' ? f.percent(cell) : cell;
		case 'hours':
		case 'points':
			return typeof cell === 'number' ? f.decimal(cell) : cell;
		case 'instant':
			return typeof cell === 'string' ? f.dateTime(new Date(cell)) : String(cell);
		default:
			return String(cell);
	}
}

const col = (label: string, kind: ColumnKind, width: number): Column => ({ label, kind, width });

/** The period as dates in the reader's language: 01/10/2026 – 31/10/2026. */
export function periodText(period: { from: string; to: string }, lang: Lang): string {
	const f = formatters(lang);
	const day = (date: string) => f.date(new Date(`${date}T12:00:00+07:00`));
	return period.from === period.to ? day(period.from) : `${day(period.from)} – ${day(period.to)}`;
}

function filtersText(filters: Record<string, string | undefined>, lang: Lang): string {
	const set = Object.entries(filters).filter(([, value]) => value !== undefined);
	if (set.length === 0) return reportMessages(lang).noFilters;
	return set.map(([key, value]) => `${key}=${value}`).join(', ');
}

const scopeText = (scope: string, name: string | null) => (name ? `${name} (${scope})` : scope);

/** The stamp of a report: scope, period, instants, filters, fingerprint. */
export function reportStamp(report: Report, lang: Lang): Stamp {
	const t = reportMessages(lang);
	const f = formatters(lang);
	const { data } = report;
	return [
		[t.stampScope, scopeText(data.scope, report.names.scope)],
		[t.stampPeriod, periodText(data.period, lang)],
		[t.stampAsOf, `${f.dateTime(new Date(data.asOf))} (${data.asOf})`],
		[t.stampMeasuredAt, `${f.dateTime(new Date(data.measuredAt))} (${data.measuredAt})`],
		[t.stampFilters, filtersText(data.filters, lang)],
		[t.stampFingerprint, report.fingerprint]
	];
}

/** The stamp of a list export. */
export function listStamp(list: ListExport, lang: Lang): Stamp {
	const t = reportMessages(lang);
	const f = formatters(lang);
	return [
		[t.stampScope, scopeText(list.scope, list.names.scope)],
		[t.stampAsOf, `${f.dateTime(new Date(list.asOf))} (${list.asOf})`],
		[t.stampFilters, filtersText(list.filters, lang)],
		[t.stampFingerprint, list.fingerprint]
	];
}

/** The form's columns after the field column, with its two-level header. */
function bieu06Header(lang: Lang): Pick<Table, 'groups' | 'columns'> {
	const t = reportMessages(lang);
	return {
		groups: [
			{ label: t.groupField, span: 1 },
			{ label: t.groupReceived, span: 4 },
			{ label: t.groupResolved, span: 4 },
			{ label: t.groupInProgress, span: 3 },
			{ label: t.groupOutside, span: 1 }
		],
		columns: [
			col(t.colField, 'text', 34),
			col(t.colReceivedTotal, 'int', 11),
			col(t.colCarriedOver, 'int', 11),
			col(t.colOnline, 'int', 11),
			col(t.colDirectPostal, 'int', 11),
			col(t.colResolvedTotal, 'int', 11),
			col(t.colEarly, 'int', 10),
			col(t.colOnTime, 'int', 10),
			col(t.colLate, 'int', 10),
			col(t.colInProgressTotal, 'int', 11),
			col(t.colWithinTime, 'int', 10),
			col(t.colOverdue, 'int', 10),
			col(t.colWithdrawn, 'int', 9)
		]
	};
}

const fieldLabel = (code: string, names: Record<string, string>, lang: Lang) =>
	code === UNKNOWN_FIELD ? reportMessages(lang).unknownField : (names[code] ?? code);

/** The Decision 766 ESTIMATE: each group's rate and points out of its maximum, then the estimable total. */
function serviceIndexTable(report: Report, lang: Lang): Table {
	const t = reportMessages(lang);
	const ti = serviceIndexMessages(lang);
	const index = report.data.serviceIndex;
	return {
		id: 'serviceIndex',
		title: t.serviceIndexTitle,
		columns: [
			col(ti.colGroup, 'text', 34),
			col(ti.colRate, 'rate', 12),
			col(t.colIndexPoints, 'points', 14),
			col(t.colIndexMax, 'int', 12)
		],
		rows: [
			...SERVICE_INDEX_GROUPS.map((name) => {
				const group = index.groups[name];
				return [ti.groups[name], group.rate, group.points, group.maxPoints];
			}),
			[t.serviceIndexTotal, null, index.points, index.maxPoints]
		],
		totalRow: true,
		note: t.serviceIndexNote
	};
}

/** The report's tables in order: Biểu 06 by field, rates, the Decision 766 estimate, ranking of children, stages, overdue dossiers. */
export function reportTables(report: Report, lang: Lang): Table[] {
	const t = reportMessages(lang);
	const stageNames = messages(lang).stageNames as Record<string, string>;
	const { data, names } = report;
	const tables: Table[] = [
		{
			id: 'bieu06',
			title: t.formTitle,
			...bieu06Header(lang),
			rows: [
				...data.fields.map((row) => [
					fieldLabel(row.field, names.fields, lang),
					...bieu06Columns(row)
				]),
				[t.totalRow, ...bieu06Columns(data.totals)]
			],
			totalRow: true,
			note: t.formNote
		},
		{
			id: 'rates',
			title: t.ratesTitle,
			columns: [col(t.ratesTitle, 'text', 44), col('%', 'rate', 12)],
			rows: [
				[t.onTimeRate, data.onTimeRate],
				[t.onlineRate, data.onlineRate]
			]
		},
		serviceIndexTable(report, lang)
	];
	if (data.children.length > 0) {
		const ordered = [...data.children].sort((a, b) => a.rank - b.rank);
		tables.push({
			id: 'ranking',
			title: t.rankingTitle,
			columns: [
				col(t.colRank, 'int', 7),
				col(t.colUnit, 'text', 30),
				col(t.colCode, 'text', 14),
				col(t.colOnTimeRate, 'rate', 12),
				col(t.colReceived, 'int', 12),
				col(t.colResolved, 'int', 12),
				col(t.colInProgress, 'int', 12),
				col(t.colOverdue, 'int', 10),
				col(t.colRankable, 'text', 12)
			],
			rows: ordered.map((child) => [
				child.rank,
				names.units[child.scope] ?? child.scope,
				child.scope,
				child.onTimeRate,
				child.received,
				child.resolved,
				child.inProgress,
				child.overdue,
				child.rankable ? t.yes : t.no
			]),
			note: t.rankingNote
		});
	}
	tables.push({
		id: 'stages',
		title: t.stagesTitle,
		columns: [
			col(t.colStage, 'text', 26),
			col(t.colWip, 'int', 11),
			col(t.colOverdue, 'int', 10),
			col(t.colOverShare, 'int', 13),
			col(t.colMedianAge, 'hours', 13),
			col(t.colP90Age, 'hours', 13),
			col(t.colInflow, 'int', 10),
			col(t.colOutflow, 'int', 10),
			col(t.colBottleneck, 'text', 11)
		],
		rows: data.stages.map((stage) => [
			stageNames[stage.stage] ?? stage.stage,
			stage.wip,
			stage.overdue,
			stage.overShare,
			stage.medianAgeHours,
			stage.p90AgeHours,
			stage.inflow,
			stage.outflow,
			stage.bottleneck ? t.yes : t.no
		])
	});
	tables.push({
		id: 'overdue',
		title: t.overdueTitle,
		columns: dossierColumns(lang, 'overdue'),
		rows: data.overdue.map((row) => [
			row.code,
			names.units[`ward:${row.ward}`] ?? row.ward,
			fieldLabel(row.field, names.fields, lang),
			row.procedure ? (names.procedures[row.procedure] ?? row.procedure) : null,
			row.stage ? (stageNames[row.stage] ?? row.stage) : null,
			row.receivedAt,
			row.dueAt,
			row.overdueWorkingDays
		]),
		note: t.overdueNote(data.overdue.length, data.overdueTotal)
	});
	return tables;
}

function dossierColumns(lang: Lang, status: 'overdue' | 'dueSoon'): Column[] {
	const t = reportMessages(lang);
	return [
		col(t.colDossier, 'text', 24),
		col(t.colWard, 'text', 22),
		col(t.colField, 'text', 26),
		col(t.colProcedure, 'text', 40),
		col(t.colStage, 'text', 18),
		col(t.colReceivedAt, 'instant', 17),
		col(t.colDueAt, 'instant', 17),
		...(status === 'overdue' ? [col(t.colOverdueDays, 'int', 12)] : [])
	];
}

/** A dashboard list as one table. */
export function listTable(list: ListExport, lang: Lang): Table {
	const t = reportMessages(lang);
	const stageNames = messages(lang).stageNames as Record<string, string>;
	const { names } = list;
	return {
		id: list.status,
		title: list.status === 'overdue' ? t.listOverdue : t.listDueSoon,
		columns: dossierColumns(lang, list.status),
		rows: list.items.map((item) => [
			item.code,
			names.units[`ward:${item.ward}`] ?? item.ward,
			fieldLabel(item.field ?? UNKNOWN_FIELD, names.fields, lang),
			item.procedure ? (names.procedures[item.procedure] ?? item.procedure) : null,
			item.stage ? (stageNames[item.stage] ?? item.stage) : null,
			item.receivedAt,
			item.dueAt,
			...(list.status === 'overdue' ? [item.overdueWorkingDays ?? null] : [])
		]),
		...(list.capped && { note: t.listCapped(list.limit) })
	};
}

/** Everything a file export renders: its title, stamp and tables, in the reader's language. */
export interface ExportDocument {
	title: string;
	lang: Lang;
	stamp: Stamp;
	tables: Table[];
	/** UTC ISO instant the data was computed at (the file's creation date, so files are reproducible). */
	asOf: string;
	fingerprint: string;
	/** Paragraphs after the stamp. */
	notes?: { title: string; text: string }[];
}

/** The export document of a report. */
export function reportDocument(report: Report, lang: Lang): ExportDocument {
	const t = reportMessages(lang);
	return {
		title: `${t.title}: ${report.names.scope ?? report.data.scope}, ${periodText(report.data.period, lang)}`,
		lang,
		stamp: reportStamp(report, lang),
		tables: reportTables(report, lang),
		asOf: report.data.asOf,
		fingerprint: report.fingerprint
	};
}

/** The export document of a dashboard list. */
export function listDocument(list: ListExport, lang: Lang): ExportDocument {
	const table = listTable(list, lang);
	return {
		title: `${table.title}: ${list.names.scope ?? list.scope}`,
		lang,
		stamp: listStamp(list, lang),
		tables: [table],
		asOf: list.asOf,
		fingerprint: list.fingerprint
	};
}
