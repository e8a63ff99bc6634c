import { describe, expect, it } from 'vitest';
import type { SnapshotJson } from '../../contracts/snapshot';
import { shownCopy, viewOf, withRankingRows } from './scope-view';

function figures(received: number) {
	return {
		received: {
			total: received,
			online: 0,
			direct: received,
			postal: 0,
			carriedOver: 0,
			byField: {}
		},
		resolved: { total: 0, early: 0, onTime: 0, late: 0, withdrawn: 0 },
		onTimeRate: null,
		onlineRate: received ? 0 : null,
		inProgress: {
			total: received,
			withinTime: received,
			dueSoon: 0,
			overdue: 0,
			awaitingCitizen: 0,
			awaitingIntake: 0
		},
		stages: [
			{
				stage: 'processing' as const,
				wip: received,
				overdue: 1,
				overShare: 1,
				medianAgeHours: 3,
				p90AgeHours: 5,
				inflow: received,
				outflow: 0,
				bottleneck: true,
				bottleneckReason: 'up from 1 3h ago; 1 over 50% of its share'
			}
		]
	};
}

const province: SnapshotJson = {
	scope: 'province:40',
	name: 'Nghệ An',
	asOf: '2026-11-28T04:00:00.000Z',
	period: { from: '2026-11-28', to: '2026-11-28' },
	...figures(9),
	children: [
		{ scope: 'ward:16678', name: 'Trường Vinh', rank: 2, rankable: false, ...figures(2) },
		{ scope: 'ward:16681', name: 'Thành Vinh', rank: 1, rankable: false, ...figures(7) }
	]
};

describe('viewOf', () => {
	it('gives a snapshot’s own figures for its scope', () => {
		const view = viewOf(province, 'province:40');
		expect(view?.asOf).toBe(province.asOf);
		expect(view?.figures.received.total).toBe(9);
		expect(view?.figures).not.toHaveProperty('children');
	});

	it('reads a ward’s figures from its row in the province’s snapshot', () => {
		const view = viewOf(province, 'ward:16681');
		expect(view).toEqual({ scope: 'ward:16681', asOf: province.asOf, figures: figures(7) });
	});

	it('gives null without a snapshot or for a scope the snapshot does not show', () => {
		expect(viewOf(null, 'ward:16681')).toBeNull();
		expect(viewOf(province, 'ward:15229')).toBeNull();
	});
});

describe('shownCopy', () => {
	const at = (asOf: string) => ({ asOf });
	const early = at('2026-11-28T04:00:00.000Z');
	const late = at('2026-11-28T04:00:01.000Z');

	it('shows the live copy while the feed is live, even with an older asOf', () => {
		expect(shownCopy(early, late, true)).toBe(early);
	});

	it('otherwise shows the newer copy, the live one on a tie', () => {
		expect(shownCopy(early, late, false)).toBe(late);
		expect(shownCopy(late, early, false)).toBe(late);
		const twin = at(early.asOf);
		expect(shownCopy(early, twin, false)).toBe(early);
	});

	it('shows whichever copy exists', () => {
		expect(shownCopy(null, early, true)).toBe(early);
		expect(shownCopy(early, undefined, false)).toBe(early);
		expect(shownCopy(null, null, false)).toBeNull();
	});
});

describe('withRankingRows', () => {
	it('keeps every figure of the children, their stages cut to heat cells', () => {
		const ranked = withRankingRows(province);
		expect(ranked.stages).toBe(province.stages);
		expect(ranked.children.map((row) => row.scope)).toEqual(['ward:16678', 'ward:16681']);
		for (const row of ranked.children)
			expect(row.stages).toEqual([
				{ stage: 'processing', wip: row.received.total, overdue: 1, bottleneck: true }
			]);
		expect(ranked.children[1]).toMatchObject({ rank: 1, received: { total: 7 } });
	});
});
