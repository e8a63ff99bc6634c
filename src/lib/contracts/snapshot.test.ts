import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../domain/oracle';
import { ageToWire, isRankable, MIN_RESOLVED_TO_RANK, rankChildren } from './snapshot';

/** A child with only the figures ranking reads. */
const child = (scope: string, resolved: number, onTime: number, received: number) =>
	({
		scope,
		resolved: { total: resolved },
		onTimeRate: resolved === 0 ? null : onTime / resolved,
		received: { total: received }
	}) as unknown as Snapshot;

describe('ranking children', () => {
	it('ranks by on-time rate only from the minimum volume; the rest follow by intake, then code', () => {
		const few = MIN_RESOLVED_TO_RANK - 1;
		const ranks = rankChildren([
			child('ward:5', few, few, 90), // 100% on time, but too few finished to rank
			child('ward:4', 20, 19, 10), // 95%
			child('ward:3', 40, 30, 50), // 75%
			child('ward:2', 0, 0, 90), // nothing finished
			child('ward:1', 20, 19, 30) // 95%, more received than ward:4
		]);
		expect([...ranks.entries()].sort((a, b) => a[1] - b[1]).map(([scope]) => scope)).toEqual([
			'ward:1',
			'ward:4',
			'ward:3',
			'ward:2', // 90 received, ahead of ward:5 by code
			'ward:5'
		]);
		expect(isRankable(child('ward:5', few, few, 90))).toBe(false);
		expect(isRankable(child('ward:4', MIN_RESOLVED_TO_RANK, 0, 0))).toBe(true);
	});

	it('gives every child a distinct rank, the same whatever the input order', () => {
		const children = Array.from({ length: 30 }, (_, i) =>
			child(`ward:${100 + i}`, (i * 7) % 25, Math.min((i * 5) % 13, (i * 7) % 25), i % 4)
		);
		const forward = rankChildren(children);
		const backward = rankChildren([...children].reverse());
		expect(new Set(forward.values()).size).toBe(30);
		expect(backward).toEqual(forward);
	});
});

describe('working-hour ages on the wire', () => {
	it('are rounded to a tenth of an hour, so an age that has not moved by six minutes stays the same', () => {
		expect(ageToWire(3.2517)).toBe(3.3);
		expect(ageToWire(3.2499)).toBe(3.2);
		expect(ageToWire(3.21)).toBe(ageToWire(3.24));
		expect(ageToWire(0.04)).toBe(0);
		expect(ageToWire(null)).toBeNull();
	});
});
