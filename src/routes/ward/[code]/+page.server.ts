import { error } from '@sveltejs/kit';
import { periodFromUrl } from '$lib/components/dashboard/period-choice';
import { SERIES_DEPENDENCY } from '$lib/components/charts/series-refresh.svelte';
import { addDays, vnDateOf } from '$lib/domain/calendar/vn-time';
import { messages } from '$lib/i18n/messages';
import { fieldNames, procedureNames } from '$lib/server/queries/reference-names';
import { readComparison, readPeriodSnapshot } from '$lib/server/queries/overview-reads';
import { listScopeDossiers } from '$lib/server/queries/scope-reads';
import { readIntakeSeries } from '$lib/server/queries/series-reads';
import { wardByCode } from '$lib/server/queries/units';
import { services } from '$lib/server/services';
import { streamServiceIndex } from '$lib/server/queries/service-index-reads';
import { WARD_LISTS } from './dependencies';
import type { PageServerLoad } from './$types';

/** The ward's trend covers this many days, today included. */
const TREND_DAYS = 30;

/**
 * A ward for the period in the URL (today by default): its snapshot, the overdue and due-soon dossiers now, the
 * names of the fields and procedures they mention, intake against resolved (today by hour, the last 30 days by
 * day), and the previous period's figures, streamed after the page.
 */
export const load: PageServerLoad = async ({ params, url, locals, depends }) => {
	depends(WARD_LISTS, SERIES_DEPENDENCY);
	const { db } = services();
	const ward = await wardByCode(db, params.code);
	if (!ward) error(404, messages(locals.lang).notFoundWard(params.code));
	const now = Date.now();
	const today = vnDateOf(now);
	const selection = periodFromUrl(url.searchParams, today);
	const scope = { kind: 'ward', code: ward.code } as const;
	const [snapshot, overdue, dueSoon, fields, hourly, daily] = await Promise.all([
		readPeriodSnapshot(scope, selection, now),
		listScopeDossiers(scope, 'overdue', now),
		listScopeDossiers(scope, 'dueSoon', now),
		fieldNames(db, locals.lang),
		readIntakeSeries(scope, { from: today, to: today }, 'hour', now),
		readIntakeSeries(scope, { from: addDays(today, -(TREND_DAYS - 1)), to: today }, 'day', now)
	]);
	const mentioned = [...overdue.items, ...dueSoon.items].flatMap((item) =>
		item.procedure ? [item.procedure] : []
	);
	return {
		ward,
		today,
		selection,
		snapshot,
		hourly,
		daily,
		overdue,
		dueSoon,
		listsAt: new Date(now).toISOString(),
		fieldNames: fields,
		procedureNames: await procedureNames(db, mentioned),
		comparison: readComparison(scope, selection, now),
		// The Decision 766 estimate, streamed too: its SQL read takes seconds at the nation's scale.
		serviceIndex: streamServiceIndex(scope, selection.period, now)
	};
};
