import { error } from '@sveltejs/kit';
import { renderCsv } from '../../../../../../server/export/csv-export';
import { renderPdf } from '../../../../../../server/export/pdf-export';
import { renderXlsx } from '../../../../../../server/export/xlsx-export';
import { reportMessages } from '$lib/i18n/report-messages';
import { reportDocument } from '$lib/report/report-tables';
import { parseReportRequest } from '$lib/report/report-request';
import {
	EXPORT_FORMATS,
	exportResponse,
	fileNamePart,
	type ExportFormat
} from '$lib/server/report-export';
import { readReport } from '$lib/server/queries/report-reads';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** `GET /report/<scope>/export/<xlsx|csv|pdf>?period=…[&asOf=…]`: the report as a file, audited. */
export const GET: RequestHandler = async (event) => {
	const format = event.params.format as ExportFormat;
	if (!EXPORT_FORMATS.includes(format)) error(404, 'xlsx, csv or pdf');
	const lang = event.locals.lang;
	const request = parseReportRequest(event.params.scope, event.url.searchParams, Date.now());
	if (!request.ok)
		error(
			request.problem === 'scope' ? 404 : 400,
			request.problem === 'asOf' ? reportMessages(lang).badAsOf : 'scope'
		);
	if (!(await services().snapshots.adminUnits()).exists(request.scope))
		error(404, event.params.scope);
	const { scope, selection, asOf } = request;
	return exportResponse(
		event,
		scope,
		format,
		{ kind: 'report', period: selection.period, asOf: new Date(asOf).toISOString() },
		async () => {
			const report = await readReport(scope, selection.period, asOf, lang);
			const document = reportDocument(report, lang);
			const body =
				format === 'xlsx'
					? await renderXlsx(document)
					: format === 'pdf'
						? await renderPdf(document)
						: renderCsv(document);
			return {
				body,
				fingerprint: report.fingerprint,
				name: fileNamePart('bao-cao', report.data.scope, selection.period.from, selection.period.to)
			};
		}
	);
};
