import { describe, expect, it } from 'vitest';
import { calendar, vn } from './dossier.test-support';
import {
	inProgressFigures,
	inScope,
	onlineRate,
	onTimeRate,
	receivedFigures,
	resolvedFigures
} from './kpi';
import { measurementInstant } from './period';
import { LAST_WEEK, NOW, PERIOD, WARD_A, WARD_B, WEEK } from './ward-week.test-support';

// Expected figures are counted by hand from the comments in ward-week.test-support.ts.
const wardA = inScope(WEEK, [WARD_A]);

describe('scope', () => {
	it('keeps the dossiers of the wards in scope, from a list or a set', () => {
		expect(wardA).toHaveLength(11);
		expect(inScope(WEEK, new Set([WARD_B])).map((d) => d.code)).toEqual(['D10']);
		expect(inScope(WEEK, null)).toHaveLength(12);
	});
});

describe('received', () => {
	it('counts this week by channel and field, and what was carried over', () => {
		// D1, D2, D6, D7 on Monday, D4 and D9 on Tuesday; D3 and D5 were open when the week began.
		expect(receivedFigures(wardA, PERIOD)).toEqual({
			total: 6,
			online: 2,
			direct: 3,
			postal: 1,
			carriedOver: 2,
			byField: { 'chung-thuc': 3, 'ho-kinh-doanh': 2, 'bao-tro-xa-hoi': 1 }
		});
	});

	it('counts last week: D3, D5 and D11', () => {
		expect(receivedFigures(wardA, LAST_WEEK)).toMatchObject({
			total: 3,
			online: 1,
			direct: 2,
			carriedOver: 0
		});
	});

	it('counts a dossier without a field or channel as unknown field, in person', () => {
		const bare = { ...(wardA[0] as (typeof wardA)[number]), field: null, channel: null };
		expect(receivedFigures([bare], PERIOD)).toMatchObject({ direct: 1, byField: { unknown: 1 } });
	});
});

describe('resolved and rates', () => {
	it('counts early, on time, late and withdrawn by the form', () => {
		// D3 early (Mon 11 before Tue 12), D1 on time, D2 late, D9 withdrawn.
		const resolved = resolvedFigures(wardA, PERIOD);
		expect(resolved).toEqual({ total: 4, early: 1, onTime: 1, late: 1, withdrawn: 1 });
		expect(onTimeRate(resolved)).toBeCloseTo(2 / 3);
	});

	it('gives rates as fractions, or null with no denominator', () => {
		expect(onlineRate(receivedFigures(wardA, PERIOD))).toBeCloseTo(1 / 3);
		expect(onTimeRate({ total: 1, early: 0, onTime: 0, late: 0, withdrawn: 1 })).toBeNull();
		expect(onlineRate(receivedFigures([], PERIOD))).toBeNull();
	});
});

describe('in progress', () => {
	it('groups the open dossiers now: within time, due soon, overdue, awaiting the citizen or intake', () => {
		// D4 within time, D6 due soon, D5 overdue, D7 awaiting a supplement, D8 awaiting intake.
		expect(inProgressFigures(wardA, measurementInstant(PERIOD, NOW), calendar)).toEqual({
			total: 4,
			withinTime: 1,
			dueSoon: 1,
			overdue: 1,
			awaitingCitizen: 1,
			awaitingIntake: 1
		});
	});

	it('measures a past period at its end', () => {
		// Friday 8 May at midnight: D3 (11 working hours left) and D5 (9 h left) are within time.
		const at = measurementInstant(LAST_WEEK, NOW);
		expect(at).toBe(vn('2026-05-09 00:00') - 1);
		expect(inProgressFigures(wardA, at, calendar)).toEqual({
			total: 2,
			withinTime: 2,
			dueSoon: 0,
			overdue: 0,
			awaitingCitizen: 0,
			awaitingIntake: 0
		});
	});

	it('lets the due-soon window be configured', () => {
		// With 12 working hours, D3 and D5 become due soon at the end of last week.
		const at = measurementInstant(LAST_WEEK, NOW);
		expect(inProgressFigures(wardA, at, calendar, 12)).toMatchObject({ withinTime: 0, dueSoon: 2 });
	});
});
