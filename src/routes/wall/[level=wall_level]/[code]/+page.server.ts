import { error } from '@sveltejs/kit';
import { withRankingRows } from '$lib/components/dashboard/scope-view';
import { addDays, vnDateOf } from '$lib/domain/calendar/vn-time';
import { messages } from '$lib/i18n/messages';
import { fieldNames } from '$lib/server/queries/reference-names';
import { readScopeSnapshot } from '$lib/server/queries/scope-reads';
import { provinceByCode, wardByCode, wardNamesOfProvince } from '$lib/server/queries/units';
import { readWallLists } from '$lib/server/queries/wall-reads';
import { services } from '$lib/server/services';
import { wallSettingsFrom } from '$lib/wall/wall-settings';
import type { PageServerLoad } from './$types';

/**
 * A ward's or province's wall (the guard in hooks.server.ts has checked the scope): today's snapshot for the
 * first paint (a province's wards cut to ranking rows), the lists, the scope's last stored event, the office
 * periods of today and tomorrow for the lag rule (the nightly reload renews them), and the screen's settings.
 */
export const load: PageServerLoad = async ({ params, url, locals }) => {
	const { db, reference, wall } = services();
	const t = messages(locals.lang);
	const unit =
		params.level === 'ward'
			? await wardByCode(db, params.code)
			: await provinceByCode(db, params.code);
	if (!unit)
		error(
			404,
			params.level === 'ward' ? t.notFoundWard(params.code) : t.notFoundProvince(params.code)
		);
	const scope = { kind: params.level, code: unit.code } as const;
	const now = Date.now();
	const today = vnDateOf(now);
	const [snapshot, lists, fields, wardNames] = await Promise.all([
		readScopeSnapshot(scope, { from: today, to: today }, now),
		readWallLists(scope, now),
		fieldNames(db, locals.lang),
		params.level === 'province' ? wardNamesOfProvince(db, unit.code) : Promise.resolve({})
	]);
	const calendar = reference.calendar;
	return {
		level: params.level,
		unit: { code: unit.code, fullName: unit.fullName },
		scope: `${params.level}:${unit.code}`,
		snapshot: withRankingRows(snapshot),
		lists,
		fieldNames: fields,
		wardNames: wardNames as Record<string, string>,
		officePeriods: [today, addDays(today, 1)].flatMap((date) => calendar.workingPeriods(date)),
		settings: wallSettingsFrom(url.searchParams, wall),
		loadedAt: now
	};
};
