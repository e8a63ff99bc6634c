import { describe, expect, it } from 'vitest';
import { SharedReads } from './shared-reads';

/** A loader that counts its calls and answers with the call's number. */
function counting() {
	let calls = 0;
	return {
		load: () => Promise.resolve(++calls),
		get calls() {
			return calls;
		}
	};
}

describe('reads shared by pages', () => {
	it('shares one read per key within its time to live, then reads again', async () => {
		const reads = new SharedReads<number>();
		const loader = counting();
		const first = reads.read('national|2026-07-01|2026-09-30', 0, 1_000, loader.load);
		expect(reads.read('national|2026-07-01|2026-09-30', 999, 1_000, loader.load)).toBe(first);
		expect(await reads.read('province:40|2026-07-01|2026-09-30', 999, 1_000, loader.load)).toBe(2);
		expect(await reads.read('national|2026-07-01|2026-09-30', 1_000, 1_000, loader.load)).toBe(3);
		expect(loader.calls).toBe(3);
	});

	it('keeps no failed read: the next page tries again', async () => {
		const reads = new SharedReads<number>();
		const failed = reads.read('k', 0, 60_000, () => Promise.reject(new Error('database down')));
		await expect(failed).rejects.toThrow('database down');
		expect(await reads.read('k', 1, 60_000, () => Promise.resolve(7))).toBe(7);
	});

	it('keeps at most its limit of keys, dropping the oldest', async () => {
		const reads = new SharedReads<number>(2);
		const loader = counting();
		await reads.read('a', 0, 60_000, loader.load);
		await reads.read('b', 0, 60_000, loader.load);
		await reads.read('c', 0, 60_000, loader.load);
		expect(await reads.read('b', 1, 60_000, loader.load)).toBe(2);
		expect(await reads.read('a', 1, 60_000, loader.load)).toBe(4);
	});
});
