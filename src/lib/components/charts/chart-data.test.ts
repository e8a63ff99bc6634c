import type { ChartData } from 'chart.js';
import { describe, expect, it } from 'vitest';
import { replaceChartData } from './chart-data';

describe('replaceChartData', () => {
	const before = (): ChartData => ({
		labels: ['a', 'b'],
		datasets: [
			{ label: 'received', data: [1, 2] },
			{ label: 'resolved', data: [0, 1] }
		]
	});

	it('moves labels and values in place, keeping the dataset objects Chart.js holds state on', () => {
		const target = before();
		const [first, second] = target.datasets;
		replaceChartData(target, {
			labels: ['a', 'b', 'c'],
			datasets: [
				{ label: 'received', data: [1, 2, 5] },
				{ label: 'resolved', data: [0, 1, 3] }
			]
		});
		expect(target.labels).toEqual(['a', 'b', 'c']);
		expect(target.datasets[0]).toBe(first);
		expect(target.datasets[1]).toBe(second);
		expect(target.datasets.map((d) => d.data)).toEqual([
			[1, 2, 5],
			[0, 1, 3]
		]);
	});

	it('adds and drops datasets to match the new data', () => {
		const target = before();
		replaceChartData(target, { labels: ['a'], datasets: [{ label: 'only', data: [9] }] });
		expect(target.datasets).toHaveLength(1);
		expect(target.datasets[0]).toMatchObject({ label: 'only', data: [9] });
		replaceChartData(target, before());
		expect(target.datasets.map((d) => d.label)).toEqual(['received', 'resolved']);
	});
});
