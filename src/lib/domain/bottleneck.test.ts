import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	allottedWorkingMs,
	bottleneckReason,
	DEFAULT_BOTTLENECK_RULE,
	lookbackInstant,
	overShareAfter,
	stageFigures,
	visitAt,
	wipVisitAt
} from './bottleneck';
import { calendar, ctx, dossierEvents, vn } from './dossier.test-support';
import { inScope } from './kpi';
import { deriveDossierState } from './lifecycle';
import { measurementInstant } from './period';
import { LAST_WEEK, NOW, PERIOD, WARD_A, WEEK } from './ward-week.test-support';

const wardA = inScope(WEEK, [WARD_A]);
const figuresOf = (stage: string, all: ReturnType<typeof stageFigures>) =>
	all.find((f) => f.stage === stage);

describe('stage figures', () => {
	it('measures work in progress, age and flow per stage now', () => {
		const all = stageFigures(wardA, { period: PERIOD, at: NOW, calendar });
		expect(all.map((f) => f.stage)).toEqual([
			'intake',
			'processing',
			'approval',
			'interagency',
			'result'
		]);
		// Processing holds D4 (8 working hours), D6 (15 h) and D5 (33 h, overdue); D7 waits for the citizen.
		expect(figuresOf('processing', all)).toEqual({
			stage: 'processing',
			wip: 3,
			overdue: 1,
			overShare: 2,
			medianAgeHours: 15,
			p90AgeHours: expect.closeTo(29.4, 9),
			inflow: 3,
			outflow: 0,
			// None left in three hours and two of three over their share: a pile that sits.
			bottleneck: true,
			bottleneckReason:
				"processing: 3 dossiers in progress, about as many as 3 3 h ago; 2 of them have used more than the stage's 50% share of their legal time"
		});
		// Intake: entered by the six dossiers received this week; left by D1, D2, D3, D4, D6, D7 and D9.
		expect(figuresOf('intake', all)).toMatchObject({
			wip: 0,
			medianAgeHours: null,
			inflow: 6,
			outflow: 7
		});
		expect(figuresOf('approval', all)).toMatchObject({
			wip: 0,
			inflow: 0,
			outflow: 0,
			bottleneck: false
		});
	});

	it('measures a past period at its end', () => {
		const at = measurementInstant(LAST_WEEK, NOW);
		const all = stageFigures(wardA, { period: LAST_WEEK, at, calendar });
		// D3 at the desk since Thursday 10:00 (5 + 8 h); D5 in processing since Thursday 09:00 (6 + 8 h).
		expect(figuresOf('intake', all)).toMatchObject({
			wip: 1,
			medianAgeHours: 13,
			inflow: 3,
			outflow: 2
		});
		expect(figuresOf('processing', all)).toMatchObject({
			wip: 1,
			medianAgeHours: 14,
			inflow: 1,
			outflow: 0
		});
	});

	it('flags a stage whose work piles up while its dossiers overstay their share of the legal time', () => {
		// 48 h back (Monday 10:00) processing held D5 and D7 only; now 3. Age against allowance: D4 8/40,
		// D6 15/12, D5 33/12, so two of three are over their share.
		const rule = { ...DEFAULT_BOTTLENECK_RULE, lookbackHours: 48 };
		const processing = figuresOf(
			'processing',
			stageFigures(wardA, { period: PERIOD, at: NOW, calendar, rule })
		);
		expect(processing?.bottleneck).toBe(true);
		expect(processing?.bottleneckReason).toBe(
			"processing: 3 dossiers in progress, up from 2 48 h ago; 2 of them have used more than the stage's 50% share of their legal time"
		);
	});

	it('counts a dossier overdue in its stage when the step’s own deadline has passed', () => {
		const state = deriveDossierState(
			dossierEvents('S1', [
				['received', '2026-05-11 08:00', { procedure: '1.001612', channel: 'direct' }],
				[
					'stage_changed',
					'2026-05-11 09:00',
					{ stage: 'processing', stageDueAt: vn('2026-05-11 17:00') }
				]
			]),
			ctx
		);
		const all = stageFigures([state], { period: PERIOD, at: vn('2026-05-12 10:00'), calendar });
		expect(figuresOf('processing', all)).toMatchObject({ wip: 1, overdue: 1 });
	});
});

describe('the bottleneck rule', () => {
	const rule = DEFAULT_BOTTLENECK_RULE;
	it.each<[number, number, number, string]>([
		[2, 0, 2, 'too few dossiers'],
		[5, 6, 3, 'falling'],
		[5, 2, 2, 'fewer than half over their share'],
		[4, 2, 2, 'exactly half over their share']
	])('wip %d, before %d, over share %d: no bottleneck (%s)', (wip, before, over) => {
		expect(bottleneckReason('approval', wip, before, over, rule)).toBeNull();
	});

	it('keeps flagging a pile that sits still or loses no more than a tenth', () => {
		expect(bottleneckReason('approval', 90, 100, 50, rule)).toMatch(/about as many as 100/);
		expect(bottleneckReason('approval', 89, 100, 50, rule)).toBeNull();
		expect(bottleneckReason('approval', 5, 5, 3, rule)).toBe(
			"approval: 5 dossiers in progress, about as many as 5 3 h ago; 3 of them have used more than the stage's 20% share of their legal time"
		);
	});

	it('explains a bottleneck', () => {
		expect(bottleneckReason('approval', 5, 2, 3, rule)).toBe(
			"approval: 5 dossiers in progress, up from 2 3 h ago; 3 of them have used more than the stage's 20% share of their legal time"
		);
	});

	it('looks back from the start of the current hour', () => {
		expect(lookbackInstant(vn('2026-05-13 10:42'), rule)).toBe(vn('2026-05-13 07:00'));
		expect(lookbackInstant(vn('2026-05-13 10:00'), rule)).toBe(vn('2026-05-13 07:00'));
	});

	it('goes over the share exactly after the instant a store keeps', () => {
		const start = vn('2026-04-27 00:00');
		const instant = fc.integer({ min: 0, max: 20 * 24 * 60 }).map((m) => start + m * 60_000);
		fc.assert(
			fc.property(
				instant,
				fc.integer({ min: 0, max: 30 * 3_600_000 }),
				instant,
				(entered, allowance, at) => {
					const over = calendar.workingMsBetween(entered, at) > allowance;
					expect(at > overShareAfter(entered, allowance, calendar)).toBe(over);
				}
			),
			{ numRuns: 2_000 }
		);
	});
});

describe('stage helpers', () => {
	it('finds the visit at an instant, and none while the citizen is awaited', () => {
		const d7 = WEEK.find((d) => d.code === 'D7');
		expect(d7 && visitAt(d7, vn('2026-05-11 09:15'))?.stage).toBe('intake');
		expect(d7 && wipVisitAt(d7, vn('2026-05-12 08:00'))?.stage).toBe('processing');
		expect(d7 && wipVisitAt(d7, NOW)).toBeNull();
		expect(d7 && visitAt(d7, vn('2026-05-10 09:00'))).toBeNull();
	});

	it('has no allotted time without a due date', () => {
		const state = deriveDossierState(
			dossierEvents('S2', [['received', '2026-05-11 08:00', { procedure: '9.9' }]]),
			ctx
		);
		expect(allottedWorkingMs(state, NOW, calendar)).toBeNull();
		const all = stageFigures([state], { period: PERIOD, at: NOW, calendar });
		expect(figuresOf('intake', all)).toMatchObject({ wip: 1, bottleneck: false });
	});
});
