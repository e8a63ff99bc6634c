import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stageFigures } from './bottleneck';
import { CHANNELS, EVENT_TYPES, STAGES, type DossierEvent } from './dossier';
import { calendar, ctx, vn } from './dossier.test-support';
import {
	inProgressFigures,
	inScope,
	onlineRate,
	onTimeRate,
	receivedFigures,
	resolvedFigures
} from './kpi';
import { deriveDossierState } from './lifecycle';
import { computeSnapshot, type Snapshot } from './oracle';
import { measurementInstant } from './period';
import { LAST_WEEK, NOW, PERIOD, WARD_A, WARD_B, WEEK } from './ward-week.test-support';

const quietStage = (stage: string) => ({
	stage,
	wip: 0,
	overdue: 0,
	overShare: 0,
	medianAgeHours: null,
	p90AgeHours: null,
	inflow: 0,
	outflow: 0,
	bottleneck: false,
	bottleneckReason: null
});

describe('the oracle on a hand-counted week', () => {
	it('computes the whole snapshot of ward A (figures counted by hand in ward-week.test-support.ts)', () => {
		const snapshot = computeSnapshot(WEEK, {
			scope: { id: `ward:${WARD_A}`, wards: [WARD_A] },
			period: PERIOD,
			now: NOW,
			calendar
		});
		const expected: Snapshot = {
			scope: 'ward:16681',
			asOf: NOW,
			period: PERIOD,
			received: {
				total: 6,
				online: 2,
				direct: 3,
				postal: 1,
				carriedOver: 2,
				byField: { 'chung-thuc': 3, 'ho-kinh-doanh': 2, 'bao-tro-xa-hoi': 1 }
			},
			resolved: { total: 4, early: 1, onTime: 1, late: 1, withdrawn: 1 },
			onTimeRate: expect.closeTo(2 / 3, 9),
			onlineRate: expect.closeTo(1 / 3, 9),
			inProgress: {
				total: 4,
				withinTime: 1,
				dueSoon: 1,
				overdue: 1,
				awaitingCitizen: 1,
				awaitingIntake: 1
			},
			stages: [
				{ ...quietStage('intake'), inflow: 6, outflow: 7 },
				{
					...quietStage('processing'),
					wip: 3,
					overdue: 1,
					// D6 (15 of 12 working hours) and D5 (33 of 12) have used more than processing's half.
					overShare: 2,
					medianAgeHours: 15,
					p90AgeHours: expect.closeTo(29.4, 9),
					inflow: 3,
					// Three dossiers, none gone in three hours, two over their share: a pile that sits.
					bottleneck: true,
					bottleneckReason:
						"processing: 3 dossiers in progress, about as many as 3 3 h ago; 2 of them have used more than the stage's 50% share of their legal time"
				},
				quietStage('approval'),
				quietStage('interagency'),
				quietStage('result')
			] as Snapshot['stages']
		};
		expect(snapshot).toEqual(expected);
	});

	it('gives each child scope the same figures, and the parent their sum', () => {
		const snapshot = computeSnapshot(WEEK, {
			scope: { id: 'province:40', wards: null },
			children: [
				{ id: `ward:${WARD_A}`, wards: [WARD_A] },
				{ id: `ward:${WARD_B}`, wards: [WARD_B] }
			],
			period: PERIOD,
			now: NOW,
			calendar
		});
		const [a, b] = snapshot.children ?? [];
		expect(a?.scope).toBe('ward:16681');
		// Ward B: D10 only, a certification received in person and finished on time on Monday.
		expect(b).toMatchObject({
			scope: 'ward:16682',
			received: {
				total: 1,
				direct: 1,
				online: 0,
				postal: 0,
				carriedOver: 0,
				byField: { 'chung-thuc': 1 }
			},
			resolved: { total: 1, early: 0, onTime: 1, late: 0, withdrawn: 0 },
			onTimeRate: 1,
			onlineRate: 0,
			inProgress: { total: 0, awaitingIntake: 0 }
		});
		expect(b?.children).toBeUndefined();
		expect(snapshot.received.total).toBe(7);
		expect(snapshot.received.byField).toEqual({
			'chung-thuc': 4,
			'ho-kinh-doanh': 2,
			'bao-tro-xa-hoi': 1
		});
		expect(snapshot.resolved).toEqual({ total: 5, early: 1, onTime: 2, late: 1, withdrawn: 1 });
		expect(snapshot.stages[0]).toMatchObject({ inflow: 7, outflow: 8 });
	});

	it('measures a past period at its end', () => {
		const snapshot = computeSnapshot(WEEK, {
			scope: { id: `ward:${WARD_A}`, wards: [WARD_A] },
			period: LAST_WEEK,
			now: NOW,
			calendar
		});
		expect(snapshot.received).toMatchObject({ total: 3, carriedOver: 0 });
		expect(snapshot.resolved).toEqual({ total: 1, early: 1, onTime: 0, late: 0, withdrawn: 0 });
		expect(snapshot.inProgress).toMatchObject({ total: 2, withinTime: 2 });
	});
});

// Random wards of random dossiers: the brute-force oracle and the single-pass KPI functions must agree.
const base = vn('2026-05-08 06:00');
const at = fc.integer({ min: 0, max: 300 }).map((slot) => base + slot * 20 * 60_000);
const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
const dossier = fc.array(
	fc.record(
		{
			type: fc.constantFrom(...EVENT_TYPES),
			at,
			procedure: optional(fc.constantFrom('2.000815', '1.001612', '1.001776')),
			channel: optional(fc.constantFrom(...CHANNELS)),
			stage: optional(fc.constantFrom(...STAGES)),
			stageDueAt: optional(at),
			paidOnline: optional(fc.boolean()),
			satisfied: optional(fc.boolean())
		},
		{ requiredKeys: ['type', 'at'] }
	),
	{ minLength: 1, maxLength: 10 }
);
const ward = fc
	.array(fc.tuple(fc.constantFrom(WARD_A, WARD_B), dossier), { maxLength: 25 })
	.map((list) =>
		list.map(([wardCode, bodies], n) =>
			deriveDossierState(
				bodies.map((body, i) => {
					const event = {
						id: `${n}-${i}`,
						dossier: `R${n}`,
						ward: wardCode,
						...body
					} as DossierEvent;
					for (const key of Object.keys(event) as (keyof DossierEvent)[]) {
						if (event[key] === undefined) delete event[key];
					}
					return event;
				}),
				ctx
			)
		)
	);

describe('the oracle against the KPI functions (fast-check)', () => {
	it('agrees on every figure for random dossiers, periods and instants', () => {
		const period = fc.constantFrom(
			{ from: '2026-05-08', to: '2026-05-08' },
			{ from: '2026-05-11', to: '2026-05-12' },
			{ from: '2026-05-01', to: '2026-05-31' }
		);
		fc.assert(
			fc.property(ward, period, at, (states, p, now) => {
				const snapshot = computeSnapshot(states, {
					scope: { id: 'ward', wards: [WARD_A] },
					period: p,
					now,
					calendar
				});
				const scoped = inScope(states, [WARD_A]);
				const measuredAt = measurementInstant(p, now);
				const received = receivedFigures(scoped, p);
				const resolved = resolvedFigures(scoped, p);
				expect(snapshot.received).toEqual(received);
				expect(snapshot.resolved).toEqual(resolved);
				expect(snapshot.onTimeRate).toEqual(onTimeRate(resolved));
				expect(snapshot.onlineRate).toEqual(onlineRate(received));
				expect(snapshot.inProgress).toEqual(inProgressFigures(scoped, measuredAt, calendar));
				expect(snapshot.stages).toEqual(
					stageFigures(scoped, { period: p, at: measuredAt, calendar })
				);
			}),
			{ numRuns: 150 }
		);
	});
});
