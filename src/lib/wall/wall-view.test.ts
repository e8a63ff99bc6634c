import { describe, expect, it } from 'vitest';
import { fieldRows, rankingRows } from './wall-view';
import type { RankingRow } from '../components/dashboard/scope-view';

describe('field rows', () => {
	it('list fields by dossiers received, most first, with bars against the largest', () => {
		expect(fieldRows({ a: 2, b: 8, c: 0, d: 4 })).toEqual([
			{ field: 'b', received: 8, share: 1 },
			{ field: 'd', received: 4, share: 0.5 },
			{ field: 'a', received: 2, share: 0.25 }
		]);
	});

	it('sum the fields beyond the screen into one row, so the total still adds up', () => {
		const byField = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`f${i}`, i + 1]));
		const rows = fieldRows(byField, 5);
		expect(rows).toHaveLength(5);
		expect(rows.at(-1)).toMatchObject({ field: null, received: 1 + 2 + 3 + 4 + 5 + 6 + 7 + 8 });
		expect(rows.reduce((sum, row) => sum + row.received, 0)).toBe(78);
	});
});

describe('ranking rows', () => {
	it('keep the first rows by rank', () => {
		const rows = [3, 1, 2].map(
			(rank) => ({ rank, scope: `ward:${rank}` }) as unknown as RankingRow
		);
		expect(rankingRows(rows, 2).map((row) => row.rank)).toEqual([1, 2]);
	});
});
