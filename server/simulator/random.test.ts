import { describe, expect, it } from 'vitest';
import { hash128, QuotaPicker, Random, weightedTable } from './random';

describe('the seeded random numbers', () => {
	it('repeat for the same seed and differ for another', () => {
		const a = new Random('a');
		const again = new Random('a');
		const sequence = Array.from({ length: 100 }, () => a.next());
		expect(Array.from({ length: 100 }, () => again.next())).toEqual(sequence);
		expect(new Random('b').next()).not.toBe(new Random('a').next());
		expect(sequence.every((x) => x >= 0 && x < 1)).toBe(true);
		expect(hash128('16681')).toEqual(hash128('16681'));
	});

	it('draws Poisson counts with the right mean, small and large', () => {
		const rng = new Random('poisson');
		for (const lambda of [0.3, 4, 45, 900]) {
			const n = 4000;
			let sum = 0;
			for (let i = 0; i < n; i++) sum += rng.poisson(lambda);
			// Within five standard errors of the mean.
			expect(Math.abs(sum / n - lambda)).toBeLessThan(5 * Math.sqrt(lambda / n));
		}
		expect(rng.poisson(0)).toBe(0);
	});

	it('picks from a weighted table in proportion to the weights', () => {
		const rng = new Random('pick');
		const table = weightedTable([
			['a', 1],
			['none', 0],
			['b', 3]
		] as const);
		const counts = { a: 0, b: 0, none: 0 };
		for (let i = 0; i < 8000; i++) counts[rng.pick(table)]++;
		expect(counts.none).toBe(0);
		expect(counts.b / counts.a).toBeGreaterThan(2.6);
		expect(counts.b / counts.a).toBeLessThan(3.4);
	});

	it('keeps quota picks within one of their exact share at every point', () => {
		const table = weightedTable([
			['a', 0.5],
			['b', 0.3],
			['c', 0.2]
		] as const);
		const picker = new QuotaPicker(table, new Random('quota'));
		const counts = { a: 0, b: 0, c: 0 };
		for (let n = 1; n <= 1000; n++) {
			counts[picker.pick()]++;
			expect(Math.abs(counts.a - 0.5 * n)).toBeLessThan(1.5);
			expect(Math.abs(counts.b - 0.3 * n)).toBeLessThan(1.5);
			expect(Math.abs(counts.c - 0.2 * n)).toBeLessThan(1.5);
		}
	});
});
