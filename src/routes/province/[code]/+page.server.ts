import { error } from '@sveltejs/kit';
import { periodFromUrl } from '$lib/components/dashboard/period-choice';
import { vnDateOf } from '$lib/domain/calendar/vn-time';
import { messages } from '$lib/i18n/messages';
import { SERIES_DEPENDENCY } from '$lib/components/charts/series-refresh.svelte';
import {
	readComparison,
	readPeriodSeries,
	readRankedSnapshot
} from '$lib/server/queries/overview-reads';
import { provinceByCode, wardNamesOfProvince } from '$lib/server/queries/units';
import { services } from '$lib/server/services';
import { streamServiceIndex } from '$lib/server/queries/service-index-reads';
import type { PageServerLoad } from './$types';

/**
 * A province for the period in the URL (today by default): its snapshot (its wards as ranked children, their
 * stages cut to heat cells), its wards' full names, intake against resolved over the period, and the previous period's figures, streamed after the page.
 */
export const load: PageServerLoad = async ({ params, url, locals, depends }) => {
	depends(SERIES_DEPENDENCY);
	const { db } = services();
	const province = await provinceByCode(db, params.code);
	if (!province) error(404, messages(locals.lang).notFoundProvince(params.code));
	const now = Date.now();
	const today = vnDateOf(now);
	const selection = periodFromUrl(url.searchParams, today);
	const scope = { kind: 'province', code: province.code } as const;
	const [snapshot, names, series] = await Promise.all([
		readRankedSnapshot(scope, selection, now),
		wardNamesOfProvince(db, province.code),
		readPeriodSeries(scope, selection, now)
	]);
	const wardNames = Object.fromEntries(
		Object.entries(names).map(([code, name]) => [`ward:${code}`, name])
	);
	return {
		province,
		today,
		selection,
		snapshot,
		series,
		wardNames,
		comparison: readComparison(scope, selection, now),
		// The Decision 766 estimate, streamed too: its SQL read takes seconds at the nation's scale.
		serviceIndex: streamServiceIndex(scope, selection.period, now)
	};
};
