import { scopeSchema, type Scope } from '../contracts/scope';
import { vnDateOf, type Instant } from '../domain/calendar/vn-time';
import { periodEnd } from '../domain/period';
import {
	periodFromUrl,
	periodQuery,
	type PeriodSelection
} from '../components/dashboard/period-choice';

/**
 * What a report URL asks for: `/report/<scope>?period=…[&from&to][&asOf=…]`. The period uses the dashboards'
 * parameters. `asOf` freezes a report of a period that has ended: the instant its figures are computed at, no
 * earlier than the period's end (a running period cannot be recomputed as it stood) and no later than now.
 */
export type ReportRequest =
	| { ok: true; scope: Scope; selection: PeriodSelection; asOf: Instant; frozen: boolean }
	| { ok: false; problem: 'scope' | 'asOf' };

export function parseReportRequest(
	scopeParam: string,
	params: URLSearchParams,
	now: Instant
): ReportRequest {
	const scope = scopeSchema.safeParse(scopeParam);
	if (!scope.success) return { ok: false, problem: 'scope' };
	const selection = periodFromUrl(params, vnDateOf(now));
	const ended = periodEnd(selection.period) <= now;
	const asked = params.get('asOf');
	if (asked === null) return { ok: true, scope: scope.data, selection, asOf: now, frozen: ended };
	const asOf = /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/.test(asked)
		? Date.parse(asked)
		: NaN;
	if (Number.isNaN(asOf) || asOf > now || asOf < periodEnd(selection.period))
		return { ok: false, problem: 'asOf' };
	return { ok: true, scope: scope.data, selection, asOf, frozen: true };
}

/**
 * The query string of a report's exports: its period, and for a frozen report its `asOf`, so every export of the
 * page shows the page's figures with the page's fingerprint. Starts with `?` (or is empty).
 */
export function exportQuery(selection: PeriodSelection, asOf: Instant, frozen: boolean): string {
	const params = new URLSearchParams(periodQuery(selection).replace(/^\?/, ''));
	if (frozen) params.set('asOf', new Date(asOf).toISOString());
	const text = params.toString();
	return text ? `?${text}` : '';
}
