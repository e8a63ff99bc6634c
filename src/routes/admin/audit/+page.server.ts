import { addDays, vnInstant } from '$lib/domain/calendar/vn-time';
import { parseInputDate } from '$lib/i18n/date-input';
import { requireAdmin } from '$lib/server/access';
import { services } from '$lib/server/services';
import { AUDIT_ACTIONS } from '../../../../server/access/audit';
import type { PageServerLoad } from './$types';

const PAGE = 100;

/** The same filter, one page further back. */
function olderQuery(query: URLSearchParams, before: number): string {
	const next = new URLSearchParams(query);
	next.set('before', String(before));
	return next.toString();
}

/** A date filter (typed day/month/year, or ISO) bound as the start of that day in Vietnam, or undefined. */
function vnDay(value: string | null, plusDays = 0): Date | undefined {
	const date = parseInputDate(value ?? '');
	return date === null ? undefined : new Date(vnInstant(addDays(date, plusDays)));
}

/** The audit log, newest first, filtered by action (or family), actor, target text and dates; 100 a page. */
export const load: PageServerLoad = async (event) => {
	requireAdmin(event);
	const q = event.url.searchParams;
	const before = Number(q.get('before'));
	const filter = {
		action: q.get('action') ?? '',
		actor: q.get('actor') ?? '',
		target: q.get('target') ?? '',
		from: q.get('from') ?? '',
		to: q.get('to') ?? ''
	};
	const { admin } = services();
	const [rows, users] = await Promise.all([
		admin.audit({
			action: filter.action || undefined,
			actor: filter.actor || undefined,
			target: filter.target.slice(0, 200) || undefined,
			from: vnDay(filter.from),
			to: vnDay(filter.to, 1),
			before: Number.isInteger(before) && before > 0 ? before : undefined,
			limit: PAGE
		}),
		admin.listUsers()
	]);
	const emails = Object.fromEntries(users.map((u) => [`user:${u.id}`, u.email]));
	// Families with several actions (`login.*`) first, then each action.
	const families = [...new Set(AUDIT_ACTIONS.map((action) => action.split('.')[0]))]
		.filter((family) => AUDIT_ACTIONS.filter((a) => a.startsWith(`${family}.`)).length > 1)
		.map((family) => `${family}.*`);
	return {
		rows,
		emails,
		filter,
		actions: [...families, ...AUDIT_ACTIONS],
		older: rows.length === PAGE ? olderQuery(q, rows[rows.length - 1].id) : null
	};
};
