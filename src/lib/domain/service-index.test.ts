import { describe, expect, it } from 'vitest';
import { calendar } from './dossier.test-support';
import { inScope } from './kpi';
import {
	countServiceIndex,
	DEFAULT_SERVICE_INDEX_CONFIG,
	estimateFromCounts,
	estimateServiceIndex
} from './service-index';
import { NOW, PERIOD, WARD_A, WEEK } from './ward-week.test-support';

const wardA = inScope(WEEK, [WARD_A]);

describe('Decision 766 estimates', () => {
	it('estimates each group the dossiers allow, and labels the result an estimate', () => {
		const result = estimateServiceIndex(wardA, { period: PERIOD, now: NOW, calendar });
		// Progress: D1, D3 on time; D2 late; D5 open and past due. 2 / 4 of 20 points.
		// Online service: 2 online of 6 received; full points at 50%: (1/3 ÷ 0.5) × 12 = 8.
		// Online payment: D6 paid online, D1 at the desk: 1 / 2 of 10 points.
		// Satisfaction: 1 − (2 late + 1 dislike) / 4 = 0.25; (0.25 ÷ 0.9) × 18 = 5.
		// Digitisation: D1 digitised, D2 not: 0.5; (0.5 ÷ 0.8) × 22 = 13.75. Publicity: not estimable.
		expect(result.estimate).toBe(true);
		expect(result.measured).toEqual({ onTime: 2, late: 2, disliked: 1 });
		expect(result.groups.progress).toEqual({ rate: 0.5, points: 10, maxPoints: 20 });
		expect(result.groups.onlineService.points).toBeCloseTo(8);
		expect(result.groups.onlinePayment).toEqual({ rate: 0.5, points: 5, maxPoints: 10 });
		expect(result.groups.satisfaction.rate).toBeCloseTo(0.25);
		expect(result.groups.satisfaction.points).toBeCloseTo(5);
		expect(result.groups.digitisation).toEqual({ rate: 0.5, points: 13.75, maxPoints: 22 });
		expect(result.groups.publicity).toEqual({ rate: null, points: null, maxPoints: 18 });
		expect(result.points).toBeCloseTo(41.75);
		expect(result.maxPoints).toBe(82);
	});

	it('caps points at the group weight and takes weights from configuration', () => {
		const config = {
			...DEFAULT_SERVICE_INDEX_CONFIG,
			weights: { ...DEFAULT_SERVICE_INDEX_CONFIG.weights, onlineService: 20 },
			fullAt: { ...DEFAULT_SERVICE_INDEX_CONFIG.fullAt, onlineSubmission: 0.25 }
		};
		const result = estimateServiceIndex(wardA, { period: PERIOD, now: NOW, calendar, config });
		expect(result.groups.onlineService).toMatchObject({ points: 20, maxPoints: 20 });
	});

	it('estimates nothing without dossiers', () => {
		const result = estimateServiceIndex([], { period: PERIOD, now: NOW, calendar });
		expect(result.points).toBe(0);
		expect(result.maxPoints).toBe(0);
		expect(Object.values(result.groups).every((g) => g.points === null)).toBe(true);
	});

	it('counts what the estimate needs, and estimates the same from the counts alone', () => {
		const counts = countServiceIndex(wardA, { period: PERIOD, now: NOW, calendar });
		// Six received, two online; two with a fee, one paid online; two flagged, one digitised.
		expect(counts).toEqual({
			received: 6,
			online: 2,
			withFee: 2,
			paidOnline: 1,
			digitisable: 2,
			digitised: 1,
			measured: { onTime: 2, late: 2, disliked: 1 }
		});
		expect(estimateFromCounts(counts)).toEqual(
			estimateServiceIndex(wardA, { period: PERIOD, now: NOW, calendar })
		);
	});
});
