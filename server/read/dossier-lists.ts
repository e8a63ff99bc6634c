import { sql, type SQL } from 'drizzle-orm';
import type {
	DossierListItem,
	DossierListPage,
	DossierListQuery,
	ListSort
} from '../../src/lib/contracts/snapshot';
import type { Scope } from '../../src/lib/contracts/scope';
import { HOUR_MS, type Instant } from '../../src/lib/domain/calendar/vn-time';
import { WORKING_DAY_HOURS } from '../../src/lib/domain/calendar/working-calendar';
import { UNKNOWN_FIELD } from '../../src/lib/domain/kpi';
import { DUE_SOON_WORKING_HOURS } from '../../src/lib/domain/outcome';
import type { Database } from '../db/client';
import type { ReferenceData } from '../reference/reference-data';
import { instantOf, isoOf, queryRows } from './sql-rows';

/**
 * `GET /api/v1/dossiers`: paged lists from indexed queries on `dossiers`, exact at `now`. Keyset paging on
 * (sort column, code): a page never skips or repeats a dossier while rows keep their sort values. Open lists
 * use the partial (ward|province, due_at) index of unfinished dossiers. Dossiers with events dated after `now`
 * (clock skew) are judged by their stored state.
 */

/** A cursor did not come from this list (another sort or status, or tampered with). */
export class BadCursorError extends Error {}

interface CursorData {
	/** The status and sort the cursor belongs to. */
	q: string;
	/** Sort value of the last row (ISO instant) or null. */
	v: string | null;
	/** Code of the last row. */
	c: string;
}

const cursorTag = (query: DossierListQuery) => `${query.status}|${query.sort}`;

function encodeCursor(data: CursorData): string {
	return Buffer.from(JSON.stringify(data)).toString('base64url');
}

function decodeCursor(text: string, query: DossierListQuery): CursorData {
	let data: unknown;
	try {
		data = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
	} catch {
		throw new BadCursorError('not a cursor of this list');
	}
	const d = data as Partial<CursorData> | null;
	const valid =
		d !== null &&
		typeof d === 'object' &&
		d.q === cursorTag(query) &&
		typeof d.c === 'string' &&
		(d.v === null || (typeof d.v === 'string' && !Number.isNaN(Date.parse(d.v))));
	if (!valid)
		throw new BadCursorError('not a cursor of this list (status and sort must not change)');
	return d as CursorData;
}

const SORT_COLUMNS: Record<string, string> = {
	dueAt: 'due_at',
	receivedAt: 'received_at',
	finishedAt: 'finished_at'
};

/** Ascending puts null sort values last, descending first: the order a b-tree index scan gives. */
function ordering(sort: ListSort): { column: SQL; descending: boolean; name: string } {
	const descending = sort.startsWith('-');
	const name = SORT_COLUMNS[descending ? sort.slice(1) : sort] as string;
	return { column: sql.raw(name), descending, name };
}

function afterCursor(sort: ListSort, cursor: CursorData): SQL {
	const { column, descending } = ordering(sort);
	if (!descending) {
		return cursor.v === null
			? sql`(${column} is null and code > ${cursor.c})`
			: sql`(${column} > ${cursor.v}::timestamptz or (${column} = ${cursor.v}::timestamptz and code > ${cursor.c}) or ${column} is null)`;
	}
	return cursor.v === null
		? sql`((${column} is null and code < ${cursor.c}) or ${column} is not null)`
		: sql`(${column} < ${cursor.v}::timestamptz or (${column} = ${cursor.v}::timestamptz and code < ${cursor.c}))`;
}

function scopeFilter(scope: Scope): SQL {
	if (scope.kind === 'national') return sql`true`;
	return scope.kind === 'province'
		? sql`province_code = ${scope.code}`
		: sql`ward_code = ${scope.code}`;
}

/** Waiting for the applicant at `now` (`isAwaitingCitizenAt` in SQL): a supplement or a fee still pending. */
function awaitingCitizen(now: Instant): SQL {
	return sql`(exists (select 1 from jsonb_array_elements(state->'supplements') s
			where (s->>'requestedAt')::float8 <= ${now}
				and (s->>'receivedAt' is null or (s->>'receivedAt')::float8 > ${now}))
		or exists (select 1 from jsonb_array_elements(state->'fees') f
			where f->>'requestedAt' is not null and (f->>'requestedAt')::float8 <= ${now}
				and (f->>'paidAt' is null or (f->>'paidAt')::float8 > ${now})))`;
}

/**
 * The latest due date that is still "due soon" at `now`: working time to a due date grows only in office hours,
 * so every due date up to the next working instant after `now` + 8 working hours is within them.
 */
export function dueSoonLimit(reference: ReferenceData, now: Instant): Instant {
	const calendar = reference.calendar;
	return calendar.nextWorkingInstant(calendar.addWorkingHours(now, DUE_SOON_WORKING_HOURS));
}

function statusFilter(query: DossierListQuery, reference: ReferenceData, now: Instant): SQL {
	const N = isoOf(now);
	if (query.status === 'resolved') {
		return sql`finished_at is not null and finished_at <= ${N}::timestamptz and received_at is not null`;
	}
	// Open at `now` (isOpenAt): accepted, and not finished, withdrawn (7) or refused (3).
	const open = sql`finished_at is null and received_at <= ${N}::timestamptz and status not in (3, 7)`;
	if (query.status === 'open') return open;
	if (query.status === 'overdue') {
		return sql`${open} and due_at < ${N}::timestamptz and not ${awaitingCitizen(now)}`;
	}
	const limit = isoOf(dueSoonLimit(reference, now));
	return sql`${open} and due_at >= ${N}::timestamptz and due_at <= ${limit}::timestamptz
		and not ${awaitingCitizen(now)}`;
}

interface Row {
	code: string;
	ward_code: string;
	procedure_code: string | null;
	field_code: string | null;
	channel: 'direct' | 'online' | 'postal' | null;
	status: number;
	stage: string | null;
	received_at: Date | string | null;
	due_at: Date | string | null;
	finished_at: Date | string | null;
	outcome: 'early' | 'on_time' | 'late' | null;
}

const isoOrNull = (value: Date | string | null) => {
	const at = instantOf(value);
	return at === null ? null : isoOf(at);
};

/** One page of a dossier list; throws BadCursorError for a cursor of another list. */
export async function listDossiers(
	db: Database,
	reference: ReferenceData,
	query: DossierListQuery,
	now: Instant
): Promise<DossierListPage> {
	const { column, descending, name } = ordering(query.sort);
	const filters: SQL[] = [scopeFilter(query.scope), statusFilter(query, reference, now)];
	if (query.stage) filters.push(sql`stage = ${query.stage}`);
	if (query.field) {
		filters.push(
			query.field === UNKNOWN_FIELD ? sql`field_code is null` : sql`field_code = ${query.field}`
		);
	}
	if (query.cursor) filters.push(afterCursor(query.sort, decodeCursor(query.cursor, query)));
	const order = descending
		? sql`${column} desc nulls first, code desc`
		: sql`${column} asc nulls last, code asc`;
	const rows = await queryRows<Row>(
		db,
		sql`select code, ward_code, procedure_code, field_code, channel, status, stage, received_at, due_at,
			finished_at, outcome
		from dossiers where ${sql.join(filters, sql` and `)}
		order by ${order} limit ${query.limit + 1}`
	);
	const page = rows.slice(0, query.limit);
	const items = page.map((row): DossierListItem => {
		const item: DossierListItem = {
			code: row.code,
			ward: row.ward_code,
			procedure: row.procedure_code,
			field: row.field_code,
			channel: row.channel,
			status: row.status,
			stage: row.stage,
			receivedAt: isoOrNull(row.received_at),
			dueAt: isoOrNull(row.due_at),
			finishedAt: isoOrNull(row.finished_at),
			outcome: row.outcome
		};
		const dueAt = instantOf(row.due_at);
		if (query.status === 'overdue' && dueAt !== null) {
			const late = reference.calendar.workingMsBetween(dueAt, now);
			item.overdueWorkingDays = Math.ceil(late / (WORKING_DAY_HOURS * HOUR_MS));
		}
		return item;
	});
	const last = page.at(-1);
	const lastValue = last ? isoOrNull(last[name as 'due_at']) : null;
	return {
		items,
		nextCursor:
			rows.length > query.limit && last
				? encodeCursor({ q: cursorTag(query), v: lastValue, c: last.code })
				: null
	};
}
