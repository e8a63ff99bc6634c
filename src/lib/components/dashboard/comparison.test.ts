import { describe, expect, it } from 'vitest';
import { changeOf, previousFiguresOf, rankChange } from './comparison';

describe('comparison with the previous period', () => {
	it('measures counts by difference and rates by points, without float noise', () => {
		expect(changeOf(120, 100)).toEqual({ direction: 'up', amount: 20 });
		expect(changeOf(80, 100)).toEqual({ direction: 'down', amount: 20 });
		expect(changeOf(0.3, 0.1 + 0.2)).toEqual({ direction: 'same', amount: 0 });
		expect(changeOf(0.95, 0.9)?.direction).toBe('up');
		expect(changeOf(0.95, 0.9)?.amount).toBeCloseTo(0.05, 9);
		expect(changeOf(null, 0.9)).toBeNull();
		expect(changeOf(0.9, null)).toBeNull();
	});

	it('moves a child up when its rank number falls; unranked now or before has no move', () => {
		const ranks = { 'ward:1': 5, 'ward:2': 1, 'ward:3': null };
		expect(rankChange({ scope: 'ward:1', rank: 2, rankable: true }, ranks)).toEqual({
			direction: 'up',
			amount: 3
		});
		expect(rankChange({ scope: 'ward:2', rank: 4, rankable: true }, ranks)).toEqual({
			direction: 'down',
			amount: 3
		});
		expect(rankChange({ scope: 'ward:2', rank: 1, rankable: true }, ranks)?.direction).toBe('same');
		expect(rankChange({ scope: 'ward:3', rank: 1, rankable: true }, ranks)).toBeNull();
		expect(rankChange({ scope: 'ward:1', rank: 9, rankable: false }, ranks)).toBeNull();
		expect(rankChange({ scope: 'ward:9', rank: 1, rankable: true }, ranks)).toBeNull();
		expect(rankChange({ scope: 'ward:1', rank: 1, rankable: true }, null)).toBeNull();
	});

	it('keeps the previous ranks of rankable children only', () => {
		const previous = previousFiguresOf({
			period: { from: '2026-11-27', to: '2026-11-27' },
			asOf: '2026-11-27T16:59:59.999Z',
			received: { total: 3 } as never,
			resolved: { total: 2 } as never,
			onTimeRate: 1,
			onlineRate: 0.5,
			inProgress: { total: 1 } as never,
			children: [
				{ scope: 'ward:1', rank: 1, rankable: true },
				{ scope: 'ward:2', rank: 2, rankable: false }
			]
		});
		expect(previous.ranks).toEqual({ 'ward:1': 1, 'ward:2': null });
		expect(previous.figures.onTimeRate).toBe(1);
		expect(previous.figures).not.toHaveProperty('stages');
	});
});
