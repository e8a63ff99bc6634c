import { error } from '@sveltejs/kit';
import { withRankingRows } from '$lib/components/dashboard/scope-view';
import { vnDateOf } from '$lib/domain/calendar/vn-time';
import { periodOfDay } from '$lib/domain/period';
import { messages } from '$lib/i18n/messages';
import { readScopeSnapshot } from '$lib/server/queries/scope-reads';
import { provinceByCode, wardNamesOfProvince } from '$lib/server/queries/units';
import { services } from '$lib/server/services';
import type { PageServerLoad } from './$types';

/**
 * A province today: its snapshot (its wards as ranked children, without their stages, which the page does not
 * show) and its wards' full names.
 */
export const load: PageServerLoad = async ({ params, locals }) => {
	const { db } = services();
	const province = await provinceByCode(db, params.code);
	if (!province) error(404, messages(locals.lang).notFoundProvince(params.code));
	const now = Date.now();
	const [snapshot, names] = await Promise.all([
		readScopeSnapshot({ kind: 'province', code: province.code }, periodOfDay(vnDateOf(now)), now),
		wardNamesOfProvince(db, province.code)
	]);
	const wardNames = Object.fromEntries(
		Object.entries(names).map(([code, name]) => [`ward:${code}`, name])
	);
	return { province, snapshot: withRankingRows(snapshot), wardNames };
};
