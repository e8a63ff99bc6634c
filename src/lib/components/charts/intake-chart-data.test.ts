import { describe, expect, it } from 'vitest';
import { toSeriesJson } from '../../contracts/series';
import { vnInstant } from '../../domain/calendar/vn-time';
import { chartMessages } from '../../i18n/chart-messages';
import { formatters } from '../../i18n/format';
import {
	INTAKE_COLOURS,
	intakeChartData,
	intakeChartOptions,
	intakeRows,
	intakeTotals
} from './intake-chart-data';

const vi = chartMessages('vi');
const en = chartMessages('en');

/** Today by hour at 10:30 in Vietnam: 08:00 has 3 received and 1 resolved, 11:00 onwards is still to come. */
const today = toSeriesJson(
	'ward:16681',
	{ from: '2026-11-27', to: '2026-11-27' },
	'hour',
	vnInstant('2026-11-27', '10:30'),
	new Map([
		[8, { received: 3, resolved: 1 }],
		[10, { received: 2, resolved: 0 }]
	])
).points;

/** Days across a month end. */
const days = toSeriesJson(
	'province:40',
	{ from: '2026-11-29', to: '2026-12-02' },
	'day',
	vnInstant('2026-12-05', '09:00'),
	new Map([
		[0, { received: 120, resolved: 98 }],
		[2, { received: 2718, resolved: 2600 }]
	])
).points;

describe('intake chart data', () => {
	it('labels hours "08 giờ" in Vietnamese and "08:00" in English, read from Vietnam time', () => {
		expect(intakeChartData(today, 'hour', vi).labels?.slice(7, 10)).toEqual([
			'07 giờ',
			'08 giờ',
			'09 giờ'
		]);
		expect(intakeChartData(today, 'hour', en).labels?.[8]).toBe('08:00');
	});

	it('labels days day/month across a month end', () => {
		expect(intakeChartData(days, 'day', vi).labels).toEqual(['29/11', '30/11', '01/12', '02/12']);
	});

	it('draws received as bars and resolved as a dashed line, past zeros as 0 and the empty future blank', () => {
		const data = intakeChartData(today, 'hour', vi);
		const [received, resolved] = data.datasets;
		expect(received).toMatchObject({ type: 'bar', label: 'Tiếp nhận' });
		expect(resolved).toMatchObject({ type: 'line', label: 'Đã giải quyết' });
		expect((resolved as { borderDash?: number[] }).borderDash?.length).toBe(2);
		expect(received!.data.slice(7, 12)).toEqual([0, 3, 0, 2, null]);
		expect(resolved!.data.slice(7, 12)).toEqual([0, 1, 0, 0, null]);
		expect(received!.data.filter((n) => n === null)).toHaveLength(13);
	});

	it('keeps a future bucket that already has counts (a future-dated event is still shown)', () => {
		const odd = today.map((p, i) => (i === 20 ? { ...p, received: 1 } : p));
		expect(intakeChartData(odd, 'hour', vi).datasets[0]!.data[20]).toBe(1);
		expect(intakeRows(odd, 'hour', vi, formatters('vi')).map((r) => r.label)).toContain(
			'2026-11-27T20'
		);
	});

	it('gives plain options: the reader’s locale and whole dossiers on the y axis', () => {
		const options = intakeChartOptions('vi', vi);
		expect(options.locale).toBe('vi-VN');
		expect(JSON.parse(JSON.stringify(options))).toEqual(options);
	});

	it('uses colours readable on white (WCAG AA, 4.5:1)', () => {
		const luminance = (hex: string) => {
			const [r, g, b] = [1, 3, 5].map((i) => {
				const c = parseInt(hex.slice(i, i + 2), 16) / 255;
				return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
			});
			return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
		};
		for (const colour of Object.values(INTAKE_COLOURS)) {
			expect(1.05 / (luminance(colour) + 0.05)).toBeGreaterThanOrEqual(4.5);
		}
	});
});

describe('intake table rows', () => {
	it('lists every bucket that has happened, with the hour range, and totals them', () => {
		const rows = intakeRows(today, 'hour', vi, formatters('vi'));
		expect(rows).toHaveLength(11);
		expect(rows[8]).toEqual({
			label: '2026-11-27T08',
			when: '08:00–09:00',
			received: 3,
			resolved: 1
		});
		expect(rows[0]!.when).toBe('00:00–01:00');
		expect(intakeTotals(rows)).toEqual({ received: 5, resolved: 1 });
	});

	it('names the date of each hour when the period has several days, and the full date of a day', () => {
		const twoDays = toSeriesJson(
			'ward:16681',
			{ from: '2026-11-30', to: '2026-12-01' },
			'hour',
			vnInstant('2026-12-02'),
			new Map()
		).points;
		const rows = intakeRows(twoDays, 'hour', vi, formatters('vi'));
		expect(rows[23]!.when).toBe('30/11 23:00–00:00');
		expect(rows[24]!.when).toBe('01/12 00:00–01:00');
		const dayRows = intakeRows(days, 'day', vi, formatters('vi'));
		expect(dayRows.map((r) => r.when)).toEqual([
			'29/11/2026',
			'30/11/2026',
			'01/12/2026',
			'02/12/2026'
		]);
		expect(intakeTotals(dayRows)).toEqual({ received: 2838, resolved: 2698 });
	});
});
