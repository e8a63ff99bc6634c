import type { Bieu06Figures } from '../domain/bieu06';
import type { DossierListItem } from '../contracts/snapshot';
import type { Period } from '../domain/period';
import type { ServiceIndexCounts, ServiceIndexGroup } from '../domain/service-index';

/**
 * A frozen inspection report (issue #11): every figure computed once at `asOf`, in codes and numbers only, so
 * the page and its XLSX, CSV and PDF exports show the same data and share one fingerprint. Names travel apart
 * (`ReportNames`) because they depend on the reader's language and are not part of what is fingerprinted.
 */

export type Bieu06Row = Bieu06Figures & { field: string };

export interface ReportChild {
	scope: string;
	rank: number;
	rankable: boolean;
	received: number;
	resolved: number;
	onTimeRate: number | null;
	inProgress: number;
	overdue: number;
}

export interface ReportStage {
	stage: string;
	wip: number;
	overdue: number;
	overShare: number;
	medianAgeHours: number | null;
	p90AgeHours: number | null;
	inflow: number;
	outflow: number;
	bottleneck: boolean;
}

export interface ReportOverdue {
	code: string;
	ward: string;
	field: string;
	procedure: string | null;
	stage: string | null;
	receivedAt: string;
	dueAt: string;
	overdueWorkingDays: number;
}

export interface ReportData {
	scope: string;
	period: Period;
	/** UTC ISO instant the report was computed at. */
	asOf: string;
	/** When in-progress figures are measured: the period's last millisecond, or `asOf` while it runs. */
	measuredAt: string;
	filters: Record<string, string>;
	/** The scope's Biểu 06 row, from the snapshot. */
	totals: Bieu06Figures;
	onTimeRate: number | null;
	onlineRate: number | null;
	/** One Biểu 06 row per field; they sum to `totals` (tested). */
	fields: Bieu06Row[];
	children: ReportChild[];
	stages: ReportStage[];
	/** Overdue at `measuredAt`, the longest overdue first, at most `overdueLimit` of `overdueTotal`. */
	overdue: ReportOverdue[];
	overdueTotal: number;
	overdueLimit: number;
	/** The Decision 766 ESTIMATE at the same instant (fingerprinted with the rest); see ServiceIndexJson. */
	serviceIndex: ReportServiceIndex;
}

/** The service index estimate as the report shows it: codes and numbers only. */
export interface ReportServiceIndex {
	estimate: true;
	groups: Record<
		ServiceIndexGroup,
		{ rate: number | null; points: number | null; maxPoints: number }
	>;
	points: number;
	maxPoints: number;
	counts: ServiceIndexCounts;
}

export interface ReportNames {
	scope: string | null;
	fields: Record<string, string>;
	/** Unit names by scope id (`ward:16681`, `province:40`). */
	units: Record<string, string>;
	procedures: Record<string, string>;
}

export interface Report {
	data: ReportData;
	names: ReportNames;
	fingerprint: string;
}

/** A dashboard list (overdue or due soon) frozen at `asOf` for export, with its stamp. */
export interface ListExport {
	scope: string;
	status: 'overdue' | 'dueSoon';
	asOf: string;
	filters: Record<string, string>;
	items: DossierListItem[];
	/** True when the list had more rows than `limit` and was cut there. */
	capped: boolean;
	limit: number;
	fingerprint: string;
	names: Pick<ReportNames, 'scope' | 'fields' | 'units' | 'procedures'>;
}
