import { describe, expect, it } from 'vitest';
import { heatLevel, heatOrder } from './heat';
import type { RankingRow } from './scope-view';

const row = (scope: string, cells: [number, number, boolean][]) =>
	({
		scope,
		stages: cells.map(([wip, overdue, bottleneck], i) => ({
			stage: (['intake', 'processing', 'approval'] as const)[i],
			wip,
			overdue,
			bottleneck
		}))
	}) as unknown as RankingRow;

describe('heat table', () => {
	it('bands a stage by the share of its work in progress that is overdue', () => {
		expect(heatLevel({ wip: 0, overdue: 0 })).toBe('empty');
		expect(heatLevel({ wip: 12, overdue: 0 })).toBe('none');
		expect(heatLevel({ wip: 20, overdue: 1 })).toBe('low');
		expect(heatLevel({ wip: 10, overdue: 1 })).toBe('mid');
		expect(heatLevel({ wip: 10, overdue: 2 })).toBe('mid');
		expect(heatLevel({ wip: 10, overdue: 3 })).toBe('high');
		expect(heatLevel({ wip: 2, overdue: 2 })).toBe('high');
	});

	it('puts the units with most overdue work first, then bottlenecks, work in progress, code', () => {
		const rows = [
			row('ward:1', [[5, 0, false]]),
			row('ward:2', [
				[3, 1, false],
				[4, 1, false]
			]),
			row('ward:3', [[9, 0, true]]),
			row('ward:4', [[1, 2, false]]),
			row('ward:0', [[5, 0, false]])
		];
		expect(heatOrder(rows).map((r) => r.scope)).toEqual([
			'ward:2',
			'ward:4',
			'ward:3',
			'ward:0',
			'ward:1'
		]);
		expect(rows[0].scope).toBe('ward:1');
	});
});
