import { describe, expect, it } from 'vitest';
import { sortRanking } from './ranking-sort';
import type { RankingRow } from './scope-view';

const row = (
	scope: string,
	rank: number,
	onTimeRate: number | null,
	received: number,
	name: string
) =>
	({
		scope,
		rank,
		name,
		onTimeRate,
		received: { total: received },
		resolved: { total: 0 },
		inProgress: { total: 0, overdue: received % 3 }
	}) as unknown as RankingRow;

const rows = [
	row('ward:1', 3, 0.8, 10, 'Xã Đông Sơn'),
	row('ward:2', 1, 0.95, 10, 'Phường Thành Vinh'),
	row('ward:3', 4, null, 50, 'Xã Anh Sơn'),
	row('ward:4', 2, 0.8, 20, 'Phường Vinh Hưng')
];
const scopes = (sorted: RankingRow[]) => sorted.map((r) => r.scope);
const name = (r: RankingRow) => r.name ?? '';

describe('sorting a ranking', () => {
	it('sorts by the snapshot rank by default', () => {
		expect(scopes(sortRanking(rows, 'rank', 'ascending', name))).toEqual([
			'ward:2',
			'ward:4',
			'ward:1',
			'ward:3'
		]);
	});

	it('breaks ties by rank and keeps rows without a rate last in both directions', () => {
		expect(scopes(sortRanking(rows, 'onTimeRate', 'descending', name))).toEqual([
			'ward:2',
			'ward:4',
			'ward:1',
			'ward:3'
		]);
		expect(scopes(sortRanking(rows, 'onTimeRate', 'ascending', name))).toEqual([
			'ward:4',
			'ward:1',
			'ward:2',
			'ward:3'
		]);
		expect(scopes(sortRanking(rows, 'received', 'descending', name))).toEqual([
			'ward:3',
			'ward:4',
			'ward:2',
			'ward:1'
		]);
	});

	it('sorts names in Vietnamese alphabetical order', () => {
		expect(sortRanking(rows, 'name', 'ascending', name).map(name)).toEqual([
			'Phường Thành Vinh',
			'Phường Vinh Hưng',
			'Xã Anh Sơn',
			'Xã Đông Sơn'
		]);
	});
});
