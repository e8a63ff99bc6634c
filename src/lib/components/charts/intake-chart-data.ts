import type { ChartData, ChartOptions } from 'chart.js';
import type { SeriesBucket, SeriesPoint } from '$lib/contracts/series';
import type { ChartMessages } from '$lib/i18n/chart-messages';
import type { formatters } from '$lib/i18n/format';
import type { Lang } from '$lib/i18n/messages';

/**
 * What the intake-against-resolved chart draws and its table reads, from the series points (pure, so tested
 * without a browser). Labels come from the points' Vietnam-time labels, never from the browser's time zone.
 */

/** Received bars and resolved line: both above 4.5:1 on white (WCAG AA), told apart by shape and dashes too. */
export const INTAKE_COLOURS = { received: '#1d4ed8', resolved: '#b45309' } as const;

type Formatters = ReturnType<typeof formatters>;

/** One row of the chart's table: a bucket that has happened (or has counts), with every charted number. */
export interface IntakeRow {
	label: string;
	/** The bucket in words: `27/11/2026` for a day, `08:00–09:00` (with `27/11` when the period has several days). */
	when: string;
	received: number;
	resolved: number;
}

/** `27/11` from `2026-11-27`: the order Vietnamese (and British) readers expect, whatever the browser's locale. */
const dayMonthOf = (label: string) => `${label.slice(8, 10)}/${label.slice(5, 7)}`;
const hourOf = (label: string) => label.slice(11, 13);

/** A future bucket with nothing in it is not drawn as zero (the day is not over), and not listed. */
const isShown = (point: SeriesPoint) => !point.future || point.received + point.resolved > 0;

/** The axis label of a bucket: `08 giờ` / `08:00` for an hour, `27/11` for a day. */
export function axisLabel(point: SeriesPoint, bucket: SeriesBucket, t: ChartMessages): string {
	return bucket === 'hour' ? t.hour(hourOf(point.label)) : dayMonthOf(point.label);
}

export function intakeRows(
	points: readonly SeriesPoint[],
	bucket: SeriesBucket,
	t: ChartMessages,
	f: Formatters
): IntakeRow[] {
	const days = new Set(points.map((p) => p.label.slice(0, 10))).size;
	return points.filter(isShown).map((point) => {
		const start = Date.parse(point.start);
		const hour = Number(hourOf(point.label));
		const next = String((hour + 1) % 24).padStart(2, '0');
		const range = t.hourRange(`${hourOf(point.label)}:00`, `${next}:00`);
		const when =
			bucket === 'day' ? f.date(start) : days > 1 ? `${dayMonthOf(point.label)} ${range}` : range;
		return { label: point.label, when, received: point.received, resolved: point.resolved };
	});
}

/** Received as bars, resolved as a dashed line with square points; future empty buckets left blank. */
export function intakeChartData(
	points: readonly SeriesPoint[],
	bucket: SeriesBucket,
	t: ChartMessages
): ChartData<'bar' | 'line', (number | null)[], string> {
	const value = (point: SeriesPoint, n: number) => (isShown(point) ? n : null);
	return {
		labels: points.map((point) => axisLabel(point, bucket, t)),
		datasets: [
			{
				type: 'bar',
				label: t.received,
				data: points.map((p) => value(p, p.received)),
				backgroundColor: INTAKE_COLOURS.received,
				pointStyle: 'rect',
				order: 2
			},
			{
				type: 'line',
				label: t.resolved,
				data: points.map((p) => value(p, p.resolved)),
				borderColor: INTAKE_COLOURS.resolved,
				backgroundColor: INTAKE_COLOURS.resolved,
				borderDash: [6, 4],
				borderWidth: 2,
				pointStyle: 'rectRot',
				pointRadius: 3,
				spanGaps: false,
				order: 1
			}
		]
	};
}

/** Plain options (no callbacks): numbers in the reader's locale, whole dossiers on the y axis. */
export function intakeChartOptions(lang: Lang, t: ChartMessages): ChartOptions<'bar'> {
	return {
		responsive: true,
		maintainAspectRatio: false,
		animation: false,
		locale: lang === 'vi' ? 'vi-VN' : 'en-GB',
		interaction: { mode: 'index', intersect: false },
		// The legend follows drawing order (the line on top); reversed, it names received first, as the table does.
		plugins: { legend: { position: 'bottom', reverse: true, labels: { usePointStyle: true } } },
		scales: {
			x: { grid: { display: false }, ticks: { autoSkip: true, maxRotation: 0 } },
			y: {
				beginAtZero: true,
				ticks: { precision: 0 },
				title: { display: true, text: t.dossiers }
			}
		}
	};
}

/** Totals of the shown buckets, for the summary and the table's last row. */
export function intakeTotals(rows: readonly IntakeRow[]): { received: number; resolved: number } {
	return rows.reduce(
		(sum, row) => ({
			received: sum.received + row.received,
			resolved: sum.resolved + row.resolved
		}),
		{ received: 0, resolved: 0 }
	);
}
