import { z } from 'zod';
import { daysBetween, isCalendarDate, type CalendarDate } from '../domain/calendar/vn-time';
import { STAGES } from '../domain/dossier';
import type { Snapshot } from '../domain/oracle';
import type { Period } from '../domain/period';
import { scopeSchema } from './scope';

/**
 * The read contracts of ARCHITECTURE §4.3: query strings of `GET /api/v1/snapshot` and `GET /api/v1/dossiers`,
 * and the JSON they answer. Instants are UTC ISO strings on the wire; rates are fractions or null.
 */

/** The longest period one snapshot may cover, in days (a leap year). */
export const MAX_PERIOD_DAYS = 366;

const calendarDate = z
	.string()
	.refine(isCalendarDate, 'must be a calendar date YYYY-MM-DD')
	.transform((text) => text as CalendarDate);

/**
 * `scope` required; `to` defaults to `today` (Vietnam time) and `from` to `to`; both inclusive, from ≤ to, at
 * most MAX_PERIOD_DAYS days. `today` is a parameter because the clock belongs to the caller.
 */
export function snapshotQuerySchema(today: CalendarDate) {
	return z
		.object({ scope: scopeSchema, from: calendarDate.optional(), to: calendarDate.optional() })
		.transform((query, ctx) => {
			const to = query.to ?? today;
			const from = query.from ?? to;
			if (from > to) {
				ctx.addIssue({ code: 'custom', path: ['from'], message: `must not be after to (${to})` });
				return z.NEVER;
			}
			if (daysBetween(from, to) + 1 > MAX_PERIOD_DAYS) {
				ctx.addIssue({
					code: 'custom',
					path: ['from'],
					message: `a period may cover at most ${MAX_PERIOD_DAYS} days`
				});
				return z.NEVER;
			}
			const period: Period = { from, to };
			return { scope: query.scope, period };
		});
}

/** Which dossiers a list shows: open ones (all, overdue or due soon, exact at `now`) or finished ones. */
export const LIST_STATUSES = ['open', 'overdue', 'dueSoon', 'resolved'] as const;
export type ListStatus = (typeof LIST_STATUSES)[number];

/** Sort keys of a list: a column, descending with a leading `-`; ties are broken by dossier code. */
export const LIST_SORTS = [
	'dueAt',
	'-dueAt',
	'receivedAt',
	'-receivedAt',
	'finishedAt',
	'-finishedAt'
] as const;
export type ListSort = (typeof LIST_SORTS)[number];

export const MAX_LIST_LIMIT = 200;

/**
 * `GET /api/v1/dossiers`: `status` defaults to `open`; `sort` to `dueAt` (soonest first), or `-finishedAt` for
 * resolved; `finishedAt` sorts only resolved lists (open dossiers have none). `field=unknown` lists dossiers
 * without a field.
 */
export const dossierListQuerySchema = z
	.object({
		scope: scopeSchema,
		status: z.enum(LIST_STATUSES).default('open'),
		stage: z.enum(STAGES).optional(),
		field: z
			.string()
			.regex(/^[\w.-]{1,64}$/, 'must be a field code')
			.optional(),
		sort: z.enum(LIST_SORTS).optional(),
		cursor: z
			.string()
			.regex(/^[\w-]{1,1000}$/, 'must be a cursor returned by a previous page')
			.optional(),
		limit: z.coerce.number().int().min(1).max(MAX_LIST_LIMIT).default(50)
	})
	.transform((query, ctx) => {
		const sort: ListSort = query.sort ?? (query.status === 'resolved' ? '-finishedAt' : 'dueAt');
		if (sort.endsWith('finishedAt') && query.status !== 'resolved') {
			ctx.addIssue({
				code: 'custom',
				path: ['sort'],
				message: 'finishedAt sorts only status=resolved'
			});
			return z.NEVER;
		}
		return { ...query, sort };
	});
export type DossierListQuery = z.output<typeof dossierListQuerySchema>;

const isoInstant = z.iso.datetime();
const rateSchema = z.number().min(0).max(1).nullable();

const figuresShape = {
	received: z.object({
		total: z.number().int(),
		online: z.number().int(),
		direct: z.number().int(),
		postal: z.number().int(),
		carriedOver: z.number().int(),
		byField: z.record(z.string(), z.number().int())
	}),
	resolved: z.object({
		total: z.number().int(),
		early: z.number().int(),
		onTime: z.number().int(),
		late: z.number().int(),
		withdrawn: z.number().int()
	}),
	onTimeRate: rateSchema,
	onlineRate: rateSchema,
	inProgress: z.object({
		total: z.number().int(),
		withinTime: z.number().int(),
		dueSoon: z.number().int(),
		overdue: z.number().int(),
		awaitingCitizen: z.number().int(),
		awaitingIntake: z.number().int()
	}),
	stages: z.array(
		z.object({
			stage: z.enum(STAGES),
			wip: z.number().int(),
			overdue: z.number().int(),
			overShare: z
				.number()
				.int()
				.describe("of the work in progress, dossiers over the stage's share of their legal time"),
			medianAgeHours: z
				.number()
				.nullable()
				.describe('working hours, to one decimal (6 minutes), as the pages show them'),
			p90AgeHours: z.number().nullable().describe('working hours, to one decimal'),
			inflow: z.number().int(),
			outflow: z.number().int(),
			bottleneck: z.boolean(),
			bottleneckReason: z.string().nullable()
		})
	)
};

/** One child row: a ward of a province or a province of the nation, with the same figures and its rank. */
export const snapshotChildSchema = z.object({
	scope: z.string(),
	name: z.string().nullable(),
	/** 1 = best; see `rankChildren`. */
	rank: z.number().int().min(1),
	/** False below the minimum volume (MIN_RESOLVED_TO_RANK): its rank only places it after the ranked rows. */
	rankable: z.boolean(),
	...figuresShape
});

/** `GET /api/v1/snapshot` (ARCHITECTURE §4.3). */
export const snapshotJsonSchema = z.object({
	scope: z.string(),
	name: z.string().nullable(),
	asOf: isoInstant,
	period: z.object({ from: calendarDate, to: calendarDate }),
	...figuresShape,
	children: z.array(snapshotChildSchema)
});
export type SnapshotJson = z.output<typeof snapshotJsonSchema>;
export type SnapshotChildJson = z.output<typeof snapshotChildSchema>;

const iso = (at: number) => new Date(at).toISOString();

/**
 * Working-hour ages to one decimal: the pages show no more, and an age that has not moved by six minutes then
 * stays out of the live updates, which otherwise carry every age of every child on every tick.
 */
export const AGE_STEP_HOURS = 0.1;
export const ageToWire = (hours: number | null): number | null =>
	// Divided by the steps per hour (10), not multiplied by the step: 33 × 0.1 is 3.3000000000000003.
	hours === null ? null : Math.round(hours / AGE_STEP_HOURS) / (1 / AGE_STEP_HOURS);

function figuresJson(snapshot: Snapshot) {
	return {
		received: { ...snapshot.received, byField: { ...snapshot.received.byField } },
		resolved: { ...snapshot.resolved },
		onTimeRate: snapshot.onTimeRate,
		onlineRate: snapshot.onlineRate,
		inProgress: { ...snapshot.inProgress },
		stages: snapshot.stages.map((stage) => ({
			...stage,
			medianAgeHours: ageToWire(stage.medianAgeHours),
			p90AgeHours: ageToWire(stage.p90AgeHours)
		}))
	};
}

/**
 * The minimum volume for a child's on-time rate to rank it: fewer finished dossiers in the period and one late
 * dossier swings the rate by tens of points, so such a child is listed after every ranked one.
 */
export const MIN_RESOLVED_TO_RANK = 10;

/** Whether a child has finished enough dossiers in the period for its on-time rate to rank it. */
export const isRankable = (child: Pick<Snapshot, 'resolved' | 'onTimeRate'>): boolean =>
	child.onTimeRate !== null && child.resolved.total >= MIN_RESOLVED_TO_RANK;

/**
 * Ranks child rows, 1 = best: rankable children (see `isRankable`) first, by the higher on-time rate; then more
 * dossiers received in the period; then the lower scope code. The code makes every rank distinct, so the order
 * is stable from one read to the next.
 */
export function rankChildren(children: readonly Snapshot[]): Map<string, number> {
	const rateKey = (child: Snapshot) => (isRankable(child) ? (child.onTimeRate as number) : -1);
	const ordered = [...children].sort(
		(a, b) =>
			rateKey(b) - rateKey(a) ||
			b.received.total - a.received.total ||
			(a.scope < b.scope ? -1 : a.scope > b.scope ? 1 : 0)
	);
	return new Map(ordered.map((child, i) => [child.scope, i + 1]));
}

/**
 * The wire form of a domain snapshot: UTC ISO instants, names of the scope and its children when known
 * (`names` maps scope ids such as `ward:16681` to names), children in scope-code order with their rank.
 */
export function toSnapshotJson(
	snapshot: Snapshot,
	names: ReadonlyMap<string, string> = new Map()
): SnapshotJson {
	const children = snapshot.children ?? [];
	const ranks = rankChildren(children);
	return {
		scope: snapshot.scope,
		name: names.get(snapshot.scope) ?? null,
		asOf: iso(snapshot.asOf),
		period: { from: snapshot.period.from, to: snapshot.period.to },
		...figuresJson(snapshot),
		children: children.map((child) => ({
			scope: child.scope,
			name: names.get(child.scope) ?? null,
			rank: ranks.get(child.scope) as number,
			rankable: isRankable(child),
			...figuresJson(child)
		}))
	};
}

/** One row of `GET /api/v1/dossiers`: no personal data, only what the supervision needs. */
export interface DossierListItem {
	code: string;
	ward: string;
	procedure: string | null;
	field: string | null;
	channel: 'direct' | 'online' | 'postal' | null;
	/** DVCQG TrangThaiHoSo 1–10. */
	status: number;
	stage: string | null;
	receivedAt: string | null;
	dueAt: string | null;
	finishedAt: string | null;
	outcome: 'early' | 'on_time' | 'late' | null;
	/** Overdue lists only: started working days since the due date (any part of a working day counts as one). */
	overdueWorkingDays?: number;
}

export interface DossierListPage {
	items: DossierListItem[];
	/** Pass as `cursor` for the next page; null on the last page. */
	nextCursor: string | null;
}
