import type { ChartData } from 'chart.js';

/**
 * Moves a chart's data to `next` in place: the labels and each dataset's values and settings change, the dataset
 * objects Chart.js holds its state on stay (so `chart.update('none')` redraws without a new chart or a flicker).
 */
export function replaceChartData(target: ChartData, next: ChartData): void {
	target.labels = next.labels;
	next.datasets.forEach((dataset, i) => {
		const current = target.datasets[i];
		if (current) Object.assign(current, dataset);
		else target.datasets.push(dataset);
	});
	target.datasets.length = next.datasets.length;
}
