import { error } from '@sveltejs/kit';
import { PERIOD_CHOICES, type PeriodChoice } from '$lib/components/dashboard/period-choice';
import { dueHistory, stageDurations } from '$lib/domain/stage-durations';
import { dossierMessages } from '$lib/i18n/dossier-messages';
import { mayView, requireViewer } from '$lib/server/access';
import { fieldNames, procedureNames } from '$lib/server/queries/reference-names';
import { wardByCode } from '$lib/server/queries/units';
import { services } from '$lib/server/services';
import { dossierDetail } from '../../../../server/read/dossier-detail';
import { dossierTimesOf } from './dossier-times';
import type { PageServerLoad } from './$types';

/** Dossier codes are at most this long (the REST API's limit too). */
const MAX_CODE_LENGTH = 128;

/**
 * One dossier, for a viewer who may see its ward: the REST API's detail, the working time per stage visit and
 * the due date's history (computed by the domain with the working calendar), and the names it mentions.
 * Unknown and out-of-scope dossiers are the same 404, as in the REST API.
 */
export const load: PageServerLoad = async (event) => {
	const { params, url, locals } = event;
	requireViewer(event);
	const { db, reference } = services();
	const now = Date.now();
	const code = params.code;
	const detail =
		code.length > MAX_CODE_LENGTH
			? null
			: await dossierDetail(
					db,
					reference,
					code,
					(ward) => mayView(event, { kind: 'ward', code: ward }),
					now
				);
	if (!detail) error(404, dossierMessages(locals.lang).notFound(code.slice(0, MAX_CODE_LENGTH)));

	const times = dossierTimesOf(detail);
	const asked = url.searchParams.get('period');
	const period = (PERIOD_CHOICES as readonly string[]).includes(asked ?? '')
		? (asked as PeriodChoice)
		: null;
	const receiving =
		detail.receivingWard && detail.receivingWard !== detail.ward ? detail.receivingWard : null;
	const [ward, receivingWard, fields, procedures] = await Promise.all([
		wardByCode(db, detail.ward),
		receiving ? wardByCode(db, receiving) : null,
		fieldNames(db, locals.lang),
		procedureNames(db, detail.procedure ? [detail.procedure] : [])
	]);
	return {
		detail,
		ward,
		/** NĐ 118/2025: the receiving ward, when it is not the handling one. */
		receivingWardName: receiving ? (receivingWard?.fullName ?? receiving) : null,
		fieldName: detail.field ? (fields[detail.field] ?? null) : null,
		procedureName: detail.procedure ? (procedures[detail.procedure] ?? null) : null,
		stages: stageDurations(times, reference.calendar, now),
		dueHistory: dueHistory(times, reference.calendar, now),
		measuredAt: now,
		/** The period the reader came from (`?period=`), kept in the links back. */
		period
	};
};
