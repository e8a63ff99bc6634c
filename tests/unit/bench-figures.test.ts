import { describe, expect, it } from 'vitest';
import { figuresOf } from '../bench/figures';
import { summarySection } from '../bench/results-file';

const aggregateResult = (dossiers: number, applyPerSecond: number) => ({
	dossiers,
	rebuild: { seconds: 48.8, dossiersPerSecond: 20_474 },
	redisMemoryMB: 636,
	apply: { perSecond: applyPerSecond },
	nationalSnapshot: { store: { p50Ms: 12.2 } }
});

describe('bench headline figures', () => {
	it('judges the million-dossier targets only on a run of that size', () => {
		const full = figuresOf('aggregate', aggregateResult(1_000_000, 19_082));
		expect(full.map((f) => [f.value, f.met])).toEqual([
			[19_082, false],
			[12.2, true],
			[48.8, true],
			[636, true]
		]);
		const quick = figuresOf('aggregate', aggregateResult(20_000, 60_000));
		expect(quick.map((f) => f.met)).toEqual([true, null, null, null]);
		// The rebuild is extrapolated from the measured rate: 1,000,000 ÷ 20,474 per second.
		expect(quick[2]).toMatchObject({ value: 49, unit: 's' });
	});

	it('reports the live payload with ages rounded, naming the unrounded size, against no target', () => {
		const [figure] = figuresOf('live-payload', {
			data: { wards: 130 },
			perUpdate: {
				agesAsComputed: { pointers: 1_284, bytes: 71_003 },
				agesToOneDecimal: { pointers: 0, bytes: 12 }
			}
		});
		expect(figure).toMatchObject({ value: 12, unit: 'bytes', met: null });
		expect(figure!.figure).toContain('130 wards');
		expect(figure!.figure).toContain('71,003 B');
	});

	it('reads the live share of clients equal to the API as a percentage', () => {
		const live = (share: string) =>
			figuresOf('live', {
				clients: 300,
				eventsPerSecond: 200,
				latencyMs: { p99: 120 },
				finalStateEqualToApi: share,
				server: { rssMb: 210 }
			});
		expect(live('100.00%')[1]).toMatchObject({ value: 100, met: true });
		expect(live('99.67%')[1]).toMatchObject({ value: 99.67, met: false });
		expect(live('100.00%')[2].met).toBeNull();
	});

	it('gives no figures for a scenario it does not know', () => {
		expect(figuresOf('unknown', {})).toEqual([]);
	});

	it('renders a replaceable Markdown section with every figure and its verdict', () => {
		const figures = figuresOf('aggregate', aggregateResult(1_000_000, 19_082));
		const text = summarySection({
			machine: '2 × test cpu',
			date: '2026-11-28T15:00:00.000Z',
			size: 'full',
			seconds: 61,
			load: { start: 0.4, end: 1.9 },
			scenarios: ['aggregate'],
			figures
		});
		expect(text.startsWith('<!-- bench-summary:full:start -->')).toBe(true);
		expect(text.endsWith('<!-- bench-summary:full:end -->')).toBe(true);
		expect(text).toContain(
			'| aggregate | dossier changes applied to Redis | 19,082 changes/s | ≥ 50,000 | **not met** |'
		);
		expect(text.match(/\| met \|/g)).toHaveLength(3);
		expect(text).toContain('load average 0.4 at the start, 1.9 at the end');
	});
});
