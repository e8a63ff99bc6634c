import { describe, expect, it } from 'vitest';
import { applyChanges, diffSnapshot } from './snapshot-changes';

const before = {
	scope: 'province:40',
	asOf: '2026-11-28T02:00:00.000Z',
	received: { total: 3, online: 1, byField: { a: 2, b: 1 } as Record<string, number> },
	onTimeRate: null as number | null,
	stages: [
		{ stage: 'intake', wip: 1 },
		{ stage: 'processing', wip: 2 }
	],
	children: [{ scope: 'ward:16681', received: { total: 3 } }]
};

describe('snapshot changes', () => {
	it('lists changed leaves as absolute values keyed by JSON Pointer', () => {
		const after = structuredClone(before);
		after.received.total = 4;
		after.stages[1].wip = 3;
		after.children[0].received.total = 4;
		after.onTimeRate = 0.5;
		expect(diffSnapshot(before, after)).toEqual({
			'/received/total': 4,
			'/stages/1/wip': 3,
			'/children/0/received/total': 4,
			'/onTimeRate': 0.5
		});
	});

	it('sends a whole object when its keys change, and an array when its length does', () => {
		const after = structuredClone(before);
		after.received.byField = { a: 2, b: 1, c: 1 };
		after.stages.push({ stage: 'approval', wip: 0 });
		expect(diffSnapshot(before, after)).toEqual({
			'/received/byField': { a: 2, b: 1, c: 1 },
			'/stages': after.stages
		});
	});

	it('leaves ignored pointers out and finds nothing in equal documents', () => {
		const after = { ...structuredClone(before), asOf: '2026-11-28T02:00:30.000Z' };
		expect(diffSnapshot(before, after, ['/asOf'])).toEqual({});
		expect(diffSnapshot(before, after)).toEqual({ '/asOf': after.asOf });
	});

	it('treats a value going to or from null as a change', () => {
		const after = { ...structuredClone(before), onTimeRate: 1 };
		expect(diffSnapshot(after, before)).toEqual({ '/onTimeRate': null });
	});

	it('applies changes into a copy, sharing what did not change', () => {
		const after = structuredClone(before);
		after.received.total = 9;
		after.children[0].received.total = 9;
		after.received.byField = { z: 9 };
		const applied = applyChanges(before, diffSnapshot(before, after));
		expect(applied).toEqual(after);
		expect(before.received.total).toBe(3);
		expect(applied.stages).toBe(before.stages);
	});

	it('copies a container once however many changes fall under it, never touching the original', () => {
		const original = structuredClone(before);
		const applied = applyChanges(before, {
			'/stages/0/wip': 7,
			'/stages/1/wip': 8,
			'/children/0/received/total': 5
		});
		expect(applied.stages.map((stage) => stage.wip)).toEqual([7, 8]);
		expect(applied.children[0].received.total).toBe(5);
		expect(before).toEqual(original);
	});

	it('escapes keys holding / and ~ (RFC 6901)', () => {
		const a = { byField: { 'x/y': 1, 'p~q': 1 } };
		const b = { byField: { 'x/y': 2, 'p~q': 3 } };
		const changes = diffSnapshot(a, b);
		expect(changes).toEqual({ '/byField/x~1y': 2, '/byField/p~0q': 3 });
		expect(applyChanges(a, changes)).toEqual(b);
	});

	it('refuses a pointer that does not fit the document (the copy drifted)', () => {
		expect(() => applyChanges(before, { '/children/5/received/total': 1 })).toThrow(RangeError);
		expect(() => applyChanges(before, { '/nope/total': 1 })).toThrow(RangeError);
		expect(() => applyChanges(before, { 'received/total': 1 })).toThrow(RangeError);
		expect(() => applyChanges(before, { '/received/total/x': 1 })).toThrow(RangeError);
	});

	it('replaces the whole document at the root pointer', () => {
		expect(applyChanges(before, { '': { scope: 'national' } })).toEqual({ scope: 'national' });
	});
});
