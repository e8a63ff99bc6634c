import { describe, expect, it } from 'vitest';
import { vnInstant } from '../../src/lib/domain/calendar/vn-time';
import { computeSnapshot } from '../../src/lib/domain/oracle';
import { indexOutcome } from '../../src/lib/domain/outcome';
import { periodEnd, type Period } from '../../src/lib/domain/period';
import { calendar, options, runStates, THANH_VINH_CODE } from './simulator.test-support';

/**
 * DOMAIN §1: Phường Thành Vinh received 2,718 dossiers in a month — 1,182 certification, 748 civil status, 417
 * social protection — 65.8% online, 99.9% on time or early. A simulated 30-day month (July 2025: 22 working
 * days, no holiday) must come within ±5% of each figure and stay at least 99.5% on time or early.
 */
const MONTH: Period = { from: '2025-07-01', to: '2025-07-30' };
const within5 = (actual: number, expected: number) =>
	expect(Math.abs(actual / expected - 1), `${actual} vs ${expected}`).toBeLessThanOrEqual(0.05);

describe('a simulated month at Phường Thành Vinh', () => {
	// A month of history first, so the month's resolved dossiers include those carried over.
	const states = runStates(
		options({
			seed: 'month',
			from: vnInstant('2025-06-01'),
			until: periodEnd(MONTH)
		}) as ReturnType<typeof options> & { until: number }
	);
	const snapshot = computeSnapshot(states, {
		scope: { id: `ward:${THANH_VINH_CODE}`, wards: [THANH_VINH_CODE] },
		period: MONTH,
		now: periodEnd(MONTH),
		calendar
	});
	const { received } = snapshot;

	it('receives as many dossiers, of the same fields, as the published month', () => {
		within5(received.total, 2718);
		within5(received.byField['chung-thuc'] / received.total, 1182 / 2718);
		within5(received.byField['ho-tich'] / received.total, 748 / 2718);
		within5(received.byField['bao-tro-xa-hoi'] / received.total, 417 / 2718);
	});

	it('has the same online share', () => {
		within5(snapshot.onlineRate ?? 0, 0.658);
	});

	it('resolves at least 99.5% on time or early, with about 0.1% late (Biểu 06 and the national index)', () => {
		expect(snapshot.onTimeRate).toBeGreaterThanOrEqual(0.995);
		expect(snapshot.resolved.late).toBeGreaterThan(0);
		const measured = states
			.map((s) => indexOutcome(s, calendar, periodEnd(MONTH) - 1))
			.filter((o) => o === 'on_time' || o === 'late');
		const late = measured.filter((o) => o === 'late').length;
		// The index also counts a second supplement request as late; none are simulated.
		expect(late / measured.length).toBeLessThan(0.01);
	});

	it('has supplements, extensions, withdrawals and refusals in realistic proportions', () => {
		const inMonth = states.filter(
			(s) =>
				s.receivedAt !== null &&
				s.receivedAt >= vnInstant(MONTH.from) &&
				s.receivedAt < periodEnd(MONTH)
		);
		const share = (keep: (s: (typeof inMonth)[number]) => boolean) =>
			inMonth.filter(keep).length / inMonth.length;
		expect(share((s) => s.supplements.length > 0)).toBeGreaterThan(0.005);
		expect(share((s) => s.supplements.length > 0)).toBeLessThan(0.05);
		expect(share((s) => s.extensions.length > 0)).toBeGreaterThan(0);
		expect(share((s) => s.extensions.length > 0)).toBeLessThan(0.01);
		expect(share((s) => s.withdrawnAt !== null)).toBeLessThan(0.01);
		expect(states.some((s) => s.refusedAt !== null)).toBe(true);
		expect(share((s) => s.rating !== null)).toBeGreaterThan(0.2);
	});
});
