import { formatScope, type Scope } from '../../contracts/scope';
import { dossierListQuerySchema, type DossierListItem } from '../../contracts/snapshot';
import { bieu06Of } from '../../domain/bieu06';
import type { Instant } from '../../domain/calendar/vn-time';
import type { Period } from '../../domain/period';
import { reportFingerprint } from '../../domain/report-fingerprint';
import type { Lang } from '../../i18n/messages';
import type { ListExport, Report, ReportData, ReportNames } from '../../report/report-data';
import { listDossiers } from '../../../../server/read/dossier-lists';
import { reportByField } from '../../../../server/read/report-by-field.sql';
import { services } from '../services';
import { fieldNames, procedureNames } from './reference-names';
import { readScopeSnapshot } from './scope-reads';
import { readServiceIndex } from './service-index-reads';

/**
 * The report of issue #11 and the dashboard lists, frozen for the page and its exports. Access is the caller's
 * to check (`requireScope` for the page, `requireExport` for a file).
 */

/** Rows an export holds at most: a list beyond this is cut and says so. */
export const EXPORT_ROW_LIMIT = 5_000;

const iso = (at: Instant) => new Date(at).toISOString();

/** Names of the report's units: the scope, its children, and the wards of listed dossiers. */
async function unitNames(scope: Scope, wards: readonly string[]): Promise<Record<string, string>> {
	const known = await services().snapshots.adminUnits();
	const names = Object.fromEntries(known.namesFor(scope));
	for (const ward of new Set(wards))
		for (const [id, name] of known.namesFor({ kind: 'ward', code: ward })) names[id] = name;
	return names;
}

/**
 * The report of `scope` over `period` computed at `asOf`: the snapshot (totals, children, stages), the same
 * figures per field and the overdue dossiers, and the Decision 766 estimate, all at the snapshot's measurement
 * instant (the estimate read afresh, not from the pages' cache, so it is the report's own).
 */
export async function readReport(
	scope: Scope,
	period: Period,
	asOf: Instant,
	lang: Lang
): Promise<Report> {
	const { db, reference } = services();
	const [snapshot, byField, index] = await Promise.all([
		readScopeSnapshot(scope, period, asOf),
		reportByField(db, reference, { scope, period, now: asOf }),
		readServiceIndex(scope, period, asOf, { cached: false })
	]);
	const overdue = byField.overdue.slice(0, EXPORT_ROW_LIMIT);
	const data: ReportData = {
		scope: formatScope(scope),
		period: { from: period.from, to: period.to },
		asOf: iso(asOf),
		measuredAt: iso(byField.measuredAt),
		filters: {},
		totals: bieu06Of(snapshot),
		onTimeRate: snapshot.onTimeRate,
		onlineRate: snapshot.onlineRate,
		fields: byField.fields.map((row) => ({ field: row.field, ...bieu06Of(row) })),
		children: snapshot.children.map((child) => ({
			scope: child.scope,
			rank: child.rank,
			rankable: child.rankable,
			received: child.received.total,
			resolved: child.resolved.total,
			onTimeRate: child.onTimeRate,
			inProgress: child.inProgress.total,
			overdue: child.inProgress.overdue
		})),
		stages: snapshot.stages.map((stage) => ({
			stage: stage.stage,
			wip: stage.wip,
			overdue: stage.overdue,
			overShare: stage.overShare,
			medianAgeHours: stage.medianAgeHours,
			p90AgeHours: stage.p90AgeHours,
			inflow: stage.inflow,
			outflow: stage.outflow,
			bottleneck: stage.bottleneck
		})),
		overdue: overdue.map((row) => ({
			code: row.code,
			ward: row.ward,
			field: row.field,
			procedure: row.procedure,
			stage: row.stage,
			receivedAt: iso(row.receivedAt),
			dueAt: iso(row.dueAt),
			overdueWorkingDays: row.overdueWorkingDays
		})),
		overdueTotal: byField.overdue.length,
		overdueLimit: EXPORT_ROW_LIMIT,
		serviceIndex: {
			estimate: true,
			groups: index.groups,
			points: index.points,
			maxPoints: index.maxPoints,
			counts: index.counts
		}
	};
	const [fields, procedures, units] = await Promise.all([
		fieldNames(db, lang),
		procedureNames(
			db,
			overdue.map((row) => row.procedure).filter((code) => code !== null)
		),
		unitNames(
			scope,
			overdue.map((row) => row.ward)
		)
	]);
	const names: ReportNames = { scope: snapshot.name, fields, units, procedures };
	return { data, names, fingerprint: await fingerprintOf(data) };
}

/** The report's fingerprint: its stamp and every figure it shows, nothing language-dependent. */
export function fingerprintOf(data: ReportData): Promise<string> {
	const { scope, period, asOf, filters, ...rows } = data;
	return reportFingerprint({ scope, period, asOf, filters, rows });
}

/** What a list export may be narrowed by, besides its status. */
export interface ListFilters {
	field?: string;
	stage?: string;
}

/**
 * A dashboard list (overdue or due soon at `asOf`), every page of it up to EXPORT_ROW_LIMIT rows, soonest due
 * date first, as the dashboards list it.
 */
export async function readListExport(
	scope: Scope,
	status: 'overdue' | 'dueSoon',
	filters: ListFilters,
	asOf: Instant,
	lang: Lang
): Promise<ListExport> {
	const { db, reference } = services();
	const items: DossierListItem[] = [];
	let cursor: string | null = null;
	let capped = false;
	do {
		const query = dossierListQuerySchema.parse({
			scope: formatScope(scope),
			status,
			...filters,
			limit: 200,
			...(cursor && { cursor })
		});
		const page = await listDossiers(db, reference, query, asOf);
		items.push(...page.items);
		cursor = page.nextCursor;
		if (items.length > EXPORT_ROW_LIMIT || (items.length === EXPORT_ROW_LIMIT && cursor)) {
			capped = true;
			break;
		}
	} while (cursor);
	items.splice(EXPORT_ROW_LIMIT);
	const stamp = {
		scope: formatScope(scope),
		asOf: iso(asOf),
		filters: { status, ...filters } as Record<string, string>
	};
	const fingerprint = await reportFingerprint({
		...stamp,
		period: null,
		rows: { items, capped, limit: EXPORT_ROW_LIMIT }
	});
	const [fields, procedures, units] = await Promise.all([
		fieldNames(db, lang),
		procedureNames(
			db,
			items.map((item) => item.procedure).filter((code) => code !== null)
		),
		unitNames(
			scope,
			items.map((item) => item.ward)
		)
	]);
	const scopeName = units[stamp.scope] ?? (scope.kind === 'national' ? 'Việt Nam' : null);
	return {
		...stamp,
		status,
		items,
		capped,
		limit: EXPORT_ROW_LIMIT,
		fingerprint,
		names: { scope: scopeName, fields, units, procedures }
	};
}
