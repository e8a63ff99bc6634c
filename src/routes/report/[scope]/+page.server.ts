import { error } from '@sveltejs/kit';
import { vnDateOf } from '$lib/domain/calendar/vn-time';
import { reportMessages } from '$lib/i18n/report-messages';
import { exportQuery, parseReportRequest } from '$lib/report/report-request';
import { requireScope } from '$lib/server/access';
import { readReport } from '$lib/server/queries/report-reads';
import { services } from '$lib/server/services';
import type { PageServerLoad } from './$types';

/**
 * `/report/<scope>?period=…[&asOf=…]`: the inspection report of a scope (`national`, `province:40`,
 * `ward:16681`) for the dashboards' period, computed once; its exports carry the same instant when it is frozen.
 */
export const load: PageServerLoad = async (event) => {
	const now = Date.now();
	const lang = event.locals.lang;
	const request = parseReportRequest(event.params.scope, event.url.searchParams, now);
	if (!request.ok) {
		if (request.problem === 'asOf') error(400, reportMessages(lang).badAsOf);
		error(404, event.params.scope);
	}
	requireScope(event, request.scope);
	if (!(await services().snapshots.adminUnits()).exists(request.scope))
		error(404, event.params.scope);
	const { scope, selection, asOf, frozen } = request;
	const report = await readReport(scope, selection.period, asOf, lang);
	return {
		report,
		selection,
		frozen,
		today: vnDateOf(now),
		exportQuery: exportQuery(selection, asOf, frozen),
		mayExport: services().access.allows(event.locals.principal, 'export', scope)
	};
};
