import { describe, expect, it } from 'vitest';
import { HOUR_MS, vnInstant, type Instant } from '../../src/lib/domain/calendar/vn-time';
import type { DossierState, Stage } from '../../src/lib/domain/dossier';
import { computeSnapshot } from '../../src/lib/domain/oracle';
import { simulate } from './generator';
import { SCENARIOS, type ScenarioName, type ScenarioSpec } from './scenarios';
import { calendar, NGHE_AN, options, runStates, THANH_VINH_CODE } from './simulator.test-support';
import { wardProfiles } from './wards';

/**
 * Each scenario must raise the bottleneck flag (src/lib/domain/bottleneck.ts, through the oracle) for its ward
 * and stage within the first office hours after its `from`, and the same ward without it must not. The day is
 * Monday 23 February 2026, the first working day after the Tết break, with the problems starting at midnight
 * as the demo starts them.
 */
const FROM = vnInstant('2026-02-23');
const UNTIL = vnInstant('2026-02-23', '17:00');
/** Hourly checks through the morning; the flag must be up by 11:00 (four office hours). */
const CHECKS = ['08:00', '09:00', '10:00', '11:00'].map((clock) => vnInstant('2026-02-23', clock));
const LATEST = CHECKS.at(-1) as Instant;

function flags(states: readonly DossierState[], at: Instant): Stage[] {
	const snapshot = computeSnapshot(states, {
		scope: { id: `ward:${THANH_VINH_CODE}`, wards: [THANH_VINH_CODE] },
		period: { from: '2026-02-23', to: '2026-02-23' },
		now: at,
		calendar
	});
	return snapshot.stages.filter((s) => s.bottleneck).map((s) => s.stage);
}

/** Land needs weeks of history (a 20-working-day procedure, and the backlog builds for 22 working days). */
const historyFrom = (name: ScenarioName | null) =>
	name === 'land-backlog' || name === null ? vnInstant('2025-12-01') : vnInstant('2026-01-10');

const statesWith = (name: ScenarioName | null) =>
	runStates(
		options({ seed: 'scenarios', from: historyFrom(name), until: UNTIL }) as ReturnType<
			typeof options
		> & { until: number },
		name === null ? [] : [{ name, ward: THANH_VINH_CODE, from: FROM }]
	);

describe('scenarios', () => {
	const baseline = statesWith(null);

	it('leave a normal day at Thành Vinh without any bottleneck', () => {
		for (const at of [...CHECKS, vnInstant('2026-02-23', '15:00')])
			expect(flags(baseline, at), new Date(at).toISOString()).toEqual([]);
	});

	for (const name of Object.keys(SCENARIOS) as ScenarioName[]) {
		const { stage } = SCENARIOS[name];
		it(`${name}: flags the ${stage} stage within the first office hours`, () => {
			const states = statesWith(name);
			const flagged = CHECKS.filter((at) => flags(states, at).includes(stage));
			expect(flagged.length, `${name} never flagged ${stage} by 11:00`).toBeGreaterThan(0);
			expect(flagged[0]).toBeLessThanOrEqual(LATEST);
		});
	}

	it('stay at their own ward: the other wards get the very same events', () => {
		const [a, b] = wardProfiles(NGHE_AN.slice(0, 2));
		const spec: ScenarioSpec = { name: 'after-tet', ward: a.code, from: FROM };
		const window = { wards: [a, b], from: FROM - 2 * 24 * HOUR_MS, until: UNTIL };
		const of = (scenarios: ScenarioSpec[]) =>
			JSON.stringify(
				[...simulate(options({ ...window, scenarios }))].filter((e) => e.ward === b.code)
			);
		expect(of([spec])).toBe(of([]));
		const atA = (scenarios: ScenarioSpec[]) =>
			[...simulate(options({ ...window, scenarios }))].filter(
				(e) => e.ward === a.code && e.type === 'received'
			).length;
		expect(atA([spec])).toBeGreaterThan(atA([]));
	});

	it('drain their pile once they end', () => {
		const until = vnInstant('2026-02-24', '07:00');
		const states = runStates(
			options({
				seed: 'scenarios',
				from: vnInstant('2026-01-10'),
				until: vnInstant('2026-02-27')
			}) as ReturnType<typeof options> & { until: number },
			[{ name: 'interlinked-stall', ward: THANH_VINH_CODE, from: FROM, until }]
		);
		const stuck = (at: Instant) =>
			computeSnapshot(states, {
				scope: { id: `ward:${THANH_VINH_CODE}`, wards: [THANH_VINH_CODE] },
				period: { from: '2026-02-26', to: '2026-02-26' },
				now: at,
				calendar
			}).stages.find((s) => s.stage === 'interagency');
		expect(stuck(vnInstant('2026-02-26', '15:00'))?.bottleneck).toBe(false);
	});
});
