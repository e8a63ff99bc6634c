import { describe, expect, it } from 'vitest';
import { vnInstant } from '../domain/calendar/vn-time';
import { seriesBuckets, seriesQuerySchema, toSeriesJson } from './series';

describe('series buckets in Vietnam time', () => {
	it('gives 24 hours of a day starting at Vietnam midnight, which is 17:00 UTC the day before', () => {
		const hours = seriesBuckets({ from: '2026-11-27', to: '2026-11-27' }, 'hour');
		expect(hours).toHaveLength(24);
		expect(new Date(hours[0]!.start).toISOString()).toBe('2026-11-26T17:00:00.000Z');
		expect(hours[0]!.label).toBe('2026-11-27T00');
		expect(hours[8]!.label).toBe('2026-11-27T08');
		expect(hours[8]!.start).toBe(vnInstant('2026-11-27', '08:00'));
		expect(hours[23]!.label).toBe('2026-11-27T23');
		expect(new Date(hours[23]!.start).toISOString()).toBe('2026-11-27T16:00:00.000Z');
	});

	it('walks days across a month and a year end, every date once', () => {
		const days = seriesBuckets({ from: '2026-12-30', to: '2027-01-02' }, 'day');
		expect(days.map((d) => d.label)).toEqual([
			'2026-12-30',
			'2026-12-31',
			'2027-01-01',
			'2027-01-02'
		]);
		expect(days[2]!.start).toBe(vnInstant('2027-01-01'));
		const february = seriesBuckets({ from: '2028-02-27', to: '2028-03-01' }, 'day');
		expect(february.map((d) => d.label)).toEqual([
			'2028-02-27',
			'2028-02-28',
			'2028-02-29',
			'2028-03-01'
		]);
	});

	it('labels hours across a month end on the Vietnamese clock', () => {
		const hours = seriesBuckets({ from: '2026-11-30', to: '2026-12-01' }, 'hour');
		expect(hours).toHaveLength(48);
		expect(hours[23]!.label).toBe('2026-11-30T23');
		expect(hours[24]!.label).toBe('2026-12-01T00');
		expect(hours[24]!.start - hours[23]!.start).toBe(3_600_000);
	});
});

describe('GET /api/v1/series query', () => {
	const schema = seriesQuerySchema('2026-11-28');
	const issue = (query: Record<string, string>) => {
		const parsed = schema.safeParse(query);
		return parsed.success ? null : parsed.error.issues[0];
	};

	it('defaults to today by hour, and a longer period by day', () => {
		expect(schema.parse({ scope: 'ward:16681' })).toEqual({
			scope: { kind: 'ward', code: '16681' },
			period: { from: '2026-11-28', to: '2026-11-28' },
			bucket: 'hour'
		});
		const month = schema.parse({ scope: 'national', from: '2026-10-30', to: '2026-11-28' });
		expect(month.bucket).toBe('day');
		expect(schema.parse({ scope: 'national', bucket: 'day' }).bucket).toBe('day');
	});

	it('allows hours for a week and refuses them beyond, naming bucket', () => {
		expect(
			schema.parse({ scope: 'national', from: '2026-11-22', to: '2026-11-28', bucket: 'hour' })
				.bucket
		).toBe('hour');
		const refused = issue({ scope: 'national', from: '2026-10-30', bucket: 'hour' });
		expect(refused?.path).toEqual(['bucket']);
		expect(refused?.message).toMatch(/at most 7 days/);
	});

	it('keeps the snapshot’s rules for the period and names the bad parameter', () => {
		expect(issue({ scope: 'national', from: '2026-11-29' })?.path).toEqual(['from']);
		expect(issue({ scope: 'national', from: '2026-02-30' })?.path).toEqual(['from']);
		expect(issue({ scope: 'national', from: '2025-01-01' })?.path).toEqual(['from']);
		expect(issue({ scope: 'city:1' })?.path).toEqual(['scope']);
		expect(issue({ scope: 'national', bucket: 'week' })?.path).toEqual(['bucket']);
	});
});

describe('series JSON', () => {
	it('fills every bucket, zeros included, and marks those after now as future', () => {
		const now = vnInstant('2026-11-28', '10:30');
		const json = toSeriesJson(
			'ward:16681',
			{ from: '2026-11-28', to: '2026-11-28' },
			'hour',
			now,
			new Map([[8, { received: 3, resolved: 1 }]])
		);
		expect(json.points).toHaveLength(24);
		expect(json.points[8]).toEqual({
			start: '2026-11-28T01:00:00.000Z',
			label: '2026-11-28T08',
			received: 3,
			resolved: 1,
			future: false
		});
		expect(json.points[7]).toMatchObject({ received: 0, resolved: 0 });
		expect(json.points[10]!.future).toBe(false);
		expect(json.points[11]!.future).toBe(true);
		expect(json.asOf).toBe(new Date(now).toISOString());
	});
});
