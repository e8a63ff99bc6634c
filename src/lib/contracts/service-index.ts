import { z } from 'zod';
import { isCalendarDate, type CalendarDate, type Instant } from '../domain/calendar/vn-time';
import type { Period } from '../domain/period';
import type {
	ServiceIndexCounts,
	ServiceIndexEstimate,
	ServiceIndexGroup
} from '../domain/service-index';

/**
 * `GET /api/v1/service-index`: the Decision 766 estimate of a scope for a period (query as for the snapshot).
 * `estimate: true` always: the portal's own split of points is not public, so clients must label it an estimate.
 */

export const SERVICE_INDEX_GROUPS = [
	'publicity',
	'progress',
	'onlineService',
	'onlinePayment',
	'satisfaction',
	'digitisation'
] as const satisfies readonly ServiceIndexGroup[];

const calendarDate = z
	.string()
	.refine(isCalendarDate, 'must be a calendar date YYYY-MM-DD')
	.transform((text) => text as CalendarDate);
const count = z.number().int().min(0);

const groupSchema = z.object({
	/** The rate behind the group's points, in [0, 1]; null when the dossiers do not allow it. */
	rate: z.number().min(0).max(1).nullable(),
	points: z.number().min(0).nullable(),
	maxPoints: z.number().min(0)
});

export const serviceIndexCountsSchema = z.object({
	received: count,
	online: count,
	withFee: count,
	paidOnline: count,
	digitisable: count,
	digitised: count,
	measured: z.object({ onTime: count, late: count, disliked: count })
});

export const serviceIndexJsonSchema = z.object({
	estimate: z.literal(true),
	scope: z.string(),
	period: z.object({ from: calendarDate, to: calendarDate }),
	asOf: z.iso.datetime(),
	groups: z.object(
		Object.fromEntries(SERVICE_INDEX_GROUPS.map((name) => [name, groupSchema])) as Record<
			ServiceIndexGroup,
			typeof groupSchema
		>
	),
	/** The estimable groups' points, out of their weights (`maxPoints`), not out of 100. */
	points: z.number().min(0),
	maxPoints: z.number().min(0),
	counts: serviceIndexCountsSchema
});
export type ServiceIndexJson = z.output<typeof serviceIndexJsonSchema>;

/** The wire form of an estimate and the counts it came from. */
export function toServiceIndexJson(
	scope: string,
	period: Period,
	asOf: Instant,
	counts: ServiceIndexCounts,
	estimate: ServiceIndexEstimate
): ServiceIndexJson {
	return {
		estimate: true,
		scope,
		period: { from: period.from, to: period.to },
		asOf: new Date(asOf).toISOString(),
		groups: estimate.groups,
		points: estimate.points,
		maxPoints: estimate.maxPoints,
		counts
	};
}
