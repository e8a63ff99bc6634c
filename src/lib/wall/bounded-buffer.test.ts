import { describe, expect, it } from 'vitest';
import { BoundedBuffer } from './bounded-buffer';
import { intakeBuffer, minuteBars, recordTotal, INTAKE_MINUTES } from './intake-minutes';
import { tickerLines, WALL_TICKER_LINES } from './wall-ticker';
import type { DossierTick } from '../contracts/socket-events';

describe('a bounded buffer', () => {
	it('never holds more than its capacity, dropping the oldest', () => {
		const buffer = new BoundedBuffer<number>(3);
		for (let i = 0; i < 1_000; i++) buffer.push(i);
		expect(buffer.size).toBe(3);
		expect(buffer.toArray()).toEqual([997, 998, 999]);
		buffer.replaceLast(5);
		expect(buffer.toArray()).toEqual([997, 998, 5]);
	});

	it('refuses a capacity below one', () => {
		expect(() => new BoundedBuffer(0)).toThrow(RangeError);
	});
});

describe('intake per minute', () => {
	const minute = 60_000;
	it('is the rise of the day’s total from one minute to the next, over a fixed hour', () => {
		const buffer = intakeBuffer();
		const start = 1_000 * minute;
		recordTotal(buffer, start, 10);
		recordTotal(buffer, start + 30_000, 12);
		recordTotal(buffer, start + minute, 15);
		recordTotal(buffer, start + 2 * minute + 5_000, 15);
		const bars = minuteBars(buffer.toArray(), start + 2 * minute + 10_000);
		expect(bars).toHaveLength(INTAKE_MINUTES);
		expect(bars.slice(-3)).toEqual([null, 3, 0]);
	});

	it('counts from zero when the total falls at a new day', () => {
		const buffer = intakeBuffer();
		recordTotal(buffer, 0, 900);
		recordTotal(buffer, minute, 2);
		expect(minuteBars(buffer.toArray(), minute).at(-1)).toBe(2);
	});

	it('keeps at most an hour of samples however long it runs', () => {
		const buffer = intakeBuffer();
		for (let i = 0; i < 10_000; i++) recordTotal(buffer, i * minute, i);
		expect(buffer.size).toBe(INTAKE_MINUTES + 1);
		expect(minuteBars(buffer.toArray(), 9_999 * minute).every((bar) => bar === 1)).toBe(true);
	});

	it('ignores a sample older than the newest', () => {
		const buffer = intakeBuffer();
		recordTotal(buffer, 5 * minute, 7);
		recordTotal(buffer, 2 * minute, 1);
		expect(buffer.toArray()).toEqual([{ minute: 5, total: 7 }]);
	});
});

describe('ticker lines', () => {
	const tick = (dossier: string, at: string): DossierTick => ({
		scope: 'ward:16681',
		dossier,
		type: 'received',
		at,
		ward: '16681',
		field: null,
		stage: null
	});

	it('drop replays and keep a fixed window', () => {
		const ticks = Array.from({ length: 20 }, (_, i) => tick(`D-${i}`, `2026-11-27T01:00:${i}Z`));
		const lines = tickerLines([ticks[0], ticks[0], ...ticks]);
		expect(lines).toHaveLength(WALL_TICKER_LINES);
		expect(lines.map((line) => line.dossier)).toEqual(
			ticks.slice(0, WALL_TICKER_LINES).map((t) => t.dossier)
		);
	});
});
