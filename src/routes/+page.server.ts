import { error, redirect } from '@sveltejs/kit';
import { periodFromUrl } from '$lib/components/dashboard/period-choice';
import { vnDateOf } from '$lib/domain/calendar/vn-time';
import { messages } from '$lib/i18n/messages';
import { mayView, requireViewer } from '$lib/server/access';
import { SERIES_DEPENDENCY } from '$lib/components/charts/series-refresh.svelte';
import {
	readComparison,
	readPeriodSeries,
	readRankedSnapshot
} from '$lib/server/queries/overview-reads';
import { provincesWithWardCounts } from '$lib/server/queries/provinces';
import { services } from '$lib/server/services';
import { streamServiceIndex } from '$lib/server/queries/service-index-reads';
import { homePathOf } from '../../server/access/policy';
import type { PageServerLoad } from './$types';

/**
 * The nation for the period in the URL, for those who may see it (everyone else starts on their own scope's
 * page): its snapshot with the provinces ranked, their names and ward counts, intake against resolved over the
 * period, and the previous period's
 * figures, streamed after the page.
 */
export const load: PageServerLoad = async (event) => {
	const viewer = requireViewer(event);
	event.depends(SERIES_DEPENDENCY);
	if (!mayView(event, 'national')) {
		if (viewer.scopes.length === 0) error(403, messages(event.locals.lang).accessNoScope);
		redirect(303, homePathOf(viewer));
	}
	const now = Date.now();
	const today = vnDateOf(now);
	const selection = periodFromUrl(event.url.searchParams, today);
	const [provinces, snapshot, series] = await Promise.all([
		provincesWithWardCounts(services().db),
		readRankedSnapshot({ kind: 'national' }, selection, now),
		readPeriodSeries({ kind: 'national' }, selection, now)
	]);
	return {
		provinces,
		today,
		selection,
		snapshot,
		series,
		comparison: readComparison({ kind: 'national' }, selection, now),
		// The Decision 766 estimate, streamed too: its SQL read takes seconds at the nation's scale.
		serviceIndex: streamServiceIndex({ kind: 'national' }, selection.period, now)
	};
};
