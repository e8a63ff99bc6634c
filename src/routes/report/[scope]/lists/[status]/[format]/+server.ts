import { error } from '@sveltejs/kit';
import { renderCsv } from '../../../../../../../server/export/csv-export';
import { renderPdf } from '../../../../../../../server/export/pdf-export';
import { renderXlsx } from '../../../../../../../server/export/xlsx-export';
import { scopeSchema } from '$lib/contracts/scope';
import { dossierListQuerySchema } from '$lib/contracts/snapshot';
import { listDocument } from '$lib/report/report-tables';
import {
	EXPORT_FORMATS,
	exportResponse,
	fileNamePart,
	type ExportFormat
} from '$lib/server/report-export';
import { readListExport } from '$lib/server/queries/report-reads';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

const STATUSES = ['overdue', 'dueSoon'] as const;

/**
 * `GET /report/<scope>/lists/<overdue|dueSoon>/<xlsx|csv|pdf>[?field=…&stage=…]`: a dashboard list as it is
 * now, every page of it up to the export limit, audited.
 */
export const GET: RequestHandler = async (event) => {
	const format = event.params.format as ExportFormat;
	const status = event.params.status as (typeof STATUSES)[number];
	if (!EXPORT_FORMATS.includes(format) || !STATUSES.includes(status)) error(404, 'no such list');
	const scope = scopeSchema.safeParse(event.params.scope);
	if (!scope.success || !(await services().snapshots.adminUnits()).exists(scope.data))
		error(404, event.params.scope);
	const field = event.url.searchParams.get('field') ?? undefined;
	const stage = event.url.searchParams.get('stage') ?? undefined;
	const query = dossierListQuerySchema.safeParse({
		scope: event.params.scope,
		status,
		field,
		stage
	});
	if (!query.success) error(400, query.error.issues.map((issue) => issue.message).join('; '));
	const filters = { ...(field && { field }), ...(stage && { stage }) };
	const asOf = Date.now();
	return exportResponse(
		event,
		scope.data,
		format,
		{ kind: 'list', status, filters, asOf: new Date(asOf).toISOString() },
		async () => {
			const list = await readListExport(scope.data, status, filters, asOf, event.locals.lang);
			const document = listDocument(list, event.locals.lang);
			const body =
				format === 'xlsx'
					? await renderXlsx(document)
					: format === 'pdf'
						? await renderPdf(document)
						: renderCsv(document);
			return {
				body,
				fingerprint: list.fingerprint,
				name: fileNamePart(status, list.scope, list.asOf.slice(0, 19))
			};
		}
	);
};
