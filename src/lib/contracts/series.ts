import { z } from 'zod';
import {
	addDays,
	daysBetween,
	HOUR_MS,
	startOfVnDay,
	vnDateTimeOf,
	type CalendarDate,
	type Instant
} from '../domain/calendar/vn-time';
import { periodEnd, periodStart, type Period } from '../domain/period';
import { snapshotQuerySchema } from './snapshot';

/**
 * `GET /api/v1/series` (issue #9): dossiers received and resolved per hour or per day of a period, in Vietnam
 * time, counted exactly as the snapshot counts them, so the points of a period add up to its snapshot's
 * `received.total` and `resolved.total`.
 */

export const SERIES_BUCKETS = ['hour', 'day'] as const;
export type SeriesBucket = (typeof SERIES_BUCKETS)[number];

/** The longest period hour buckets may cover, in days: a week is 168 points, a month would be 720. */
export const MAX_HOURLY_DAYS = 7;

/**
 * The snapshot's query (`scope`, `from`, `to`: same defaults, same limits) plus `bucket`, which defaults to
 * `hour` for a one-day period and `day` otherwise; `hour` is refused beyond MAX_HOURLY_DAYS days.
 */
export function seriesQuerySchema(today: CalendarDate) {
	const periodQuery = snapshotQuerySchema(today);
	return z.looseObject({ bucket: z.enum(SERIES_BUCKETS).optional() }).transform((query, ctx) => {
		const parsed = periodQuery.safeParse(query);
		if (!parsed.success) {
			for (const issue of parsed.error.issues) {
				ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
			}
			return z.NEVER;
		}
		const { scope, period } = parsed.data;
		const days = daysBetween(period.from, period.to) + 1;
		const bucket: SeriesBucket = query.bucket ?? (days === 1 ? 'hour' : 'day');
		if (bucket === 'hour' && days > MAX_HOURLY_DAYS) {
			ctx.addIssue({
				code: 'custom',
				path: ['bucket'],
				message: `hour covers at most ${MAX_HOURLY_DAYS} days (this period has ${days}); use day`
			});
			return z.NEVER;
		}
		return { scope, period, bucket };
	});
}
export type SeriesQuery = z.output<ReturnType<typeof seriesQuerySchema>>;

/** One bucket of a period: where it starts and its label in Vietnam time. */
export interface SeriesBucketSlot {
	start: Instant;
	/** `YYYY-MM-DD` (day) or `YYYY-MM-DDTHH` (hour), read on a Vietnamese clock. */
	label: string;
}

/**
 * Every bucket of the period in order, from Vietnam midnight of `from` to that after `to`. Vietnam has no
 * daylight saving, so every hour and every day has the same length.
 */
export function seriesBuckets(period: Period, bucket: SeriesBucket): SeriesBucketSlot[] {
	if (bucket === 'day') {
		const days = daysBetween(period.from, period.to) + 1;
		return Array.from({ length: days }, (_, i) => {
			const date = addDays(period.from, i);
			return { start: startOfVnDay(date), label: date };
		});
	}
	const [start, end] = [periodStart(period), periodEnd(period)];
	return Array.from({ length: (end - start) / HOUR_MS }, (_, i) => {
		const at = start + i * HOUR_MS;
		const clock = vnDateTimeOf(at);
		return { start: at, label: `${clock.date}T${String(clock.hour).padStart(2, '0')}` };
	});
}

/** The length of a bucket in milliseconds. */
export const bucketMs = (bucket: SeriesBucket): number =>
	bucket === 'hour' ? HOUR_MS : 24 * HOUR_MS;

const isoInstant = z.iso.datetime();
const count = z.number().int().min(0);

/** One point: the bucket and its counts. */
export const seriesPointSchema = z.object({
	start: isoInstant.describe('UTC instant at which the bucket starts'),
	label: z
		.string()
		.describe('The bucket in Vietnam time: YYYY-MM-DD (day) or YYYY-MM-DDTHH (hour)'),
	received: count.describe('Dossiers accepted at the desk in the bucket (snapshot received.total)'),
	resolved: count.describe(
		'Dossiers finished (early, on time or late) or withdrawn in the bucket (snapshot resolved.total)'
	),
	future: z.boolean().describe('The bucket starts after asOf: it has not happened yet')
});
export type SeriesPoint = z.output<typeof seriesPointSchema>;

/** `GET /api/v1/series`. */
export const seriesJsonSchema = z.object({
	scope: z.string(),
	period: z.object({ from: z.string(), to: z.string() }),
	bucket: z.enum(SERIES_BUCKETS),
	asOf: isoInstant,
	points: z.array(seriesPointSchema)
});
export type SeriesJson = z.output<typeof seriesJsonSchema>;

/** Counts of one bucket, by its index in `seriesBuckets`. */
export interface BucketCounts {
	received: number;
	resolved: number;
}

/**
 * The wire form: every bucket of the period, zeros included, each marked `future` when it starts after `now`.
 * `counts` maps a bucket's index to its counts; an index outside the period is a caller's bug.
 */
export function toSeriesJson(
	scope: string,
	period: Period,
	bucket: SeriesBucket,
	now: Instant,
	counts: ReadonlyMap<number, BucketCounts>
): SeriesJson {
	const iso = (at: Instant) => new Date(at).toISOString();
	return {
		scope,
		period: { from: period.from, to: period.to },
		bucket,
		asOf: iso(now),
		points: seriesBuckets(period, bucket).map((slot, i) => ({
			start: iso(slot.start),
			label: slot.label,
			received: counts.get(i)?.received ?? 0,
			resolved: counts.get(i)?.resolved ?? 0,
			future: slot.start > now
		}))
	};
}
