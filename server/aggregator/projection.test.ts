import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HOUR_MS, vnInstant } from '../../src/lib/domain/calendar/vn-time';
import { wipVisitAt } from '../../src/lib/domain/bottleneck';
import { computeSnapshot } from '../../src/lib/domain/oracle';
import { calendar, eventStreamArb, finalStates, provinceOf } from './event-streams.test-support';
import { contributionOf, wipTransitionsOf } from './projection';
import { dueSoonLimit } from './snapshot-from-store';
import { liveWindows } from './store.contract';

describe('dueSoonLimit', () => {
	it('is the last instant within 8 working hours, even when they run out at 17:00', () => {
		const friday1630 = vnInstant('2026-04-24', '16:30');
		// 30 min Friday, 7.5 h Tuesday (4.5 h before lunch, 3 h after) (Saturday–Sunday off, Monday 27 April is Hùng Kings' day off).
		expect(dueSoonLimit(calendar, friday1630, 8)).toBe(vnInstant('2026-04-28', '16:30'));
		// Runs out at Tuesday's 17:00: still within until the next working instant.
		expect(dueSoonLimit(calendar, vnInstant('2026-04-28', '07:00'), 8)).toBe(
			vnInstant('2026-04-29', '07:00')
		);
	});

	it('bounds exactly the instants with workingMsBetween(now, t) ≤ 8 h', () => {
		const start = vnInstant('2026-04-01', '00:00');
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 40 * 24 * 60 }), (minutes) => {
				const now = start + minutes * 60_000;
				const limit = dueSoonLimit(calendar, now, 8);
				expect(calendar.workingMsBetween(now, limit)).toBeLessThanOrEqual(8 * HOUR_MS);
				expect(calendar.workingMsBetween(now, limit + 1)).toBeGreaterThan(8 * HOUR_MS);
			}),
			{ numRuns: 300 }
		);
	});
});

describe('contributionOf', () => {
	it('is null for a ward with no known province', () => {
		const [state] = finalStates(fc.sample(eventStreamArb, { numRuns: 1, seed: 5 })[0]!);
		expect(contributionOf({ ...state!, ward: '00000' }, { provinceOf, calendar })).toBeNull();
	});

	it('its work-in-progress transitions reproduce wipVisitAt at every instant', () => {
		fc.assert(
			fc.property(
				eventStreamArb,
				fc.array(fc.integer({ min: 0, max: 41 * 24 * 60 })),
				(stream, probes) => {
					for (const state of finalStates(stream)) {
						const transitions = wipTransitionsOf(state);
						for (const minutesAgo of probes) {
							const at = stream.now - minutesAgo * 60_000;
							const open = transitions
								.filter((t) => t.at <= at)
								.reduce((acc, t) => acc.set(t.stage, (acc.get(t.stage) ?? 0) + t.delta), new Map());
							const stages = [...open].filter(([, n]) => n !== 0);
							const visit = wipVisitAt(state, at);
							expect(stages).toEqual(visit ? [[visit.stage, 1]] : []);
						}
					}
				}
			),
			{ numRuns: 200 }
		);
	});
});

describe('the generated streams', () => {
	it('exercise every figure the contract compares (so the contract can fail)', () => {
		const seen = new Set<string>();
		for (const stream of fc.sample(eventStreamArb, { numRuns: 300, seed: 42 })) {
			const states = finalStates(stream);
			for (const period of liveWindows(stream.now)) {
				const s = computeSnapshot(states, {
					scope: { id: 'national', wards: null },
					period,
					now: stream.now,
					calendar
				});
				const figures = { ...s.received, ...s.resolved, ...s.inProgress, byField: 0 };
				for (const [name, value] of Object.entries(figures)) if (value) seen.add(name);
				for (const stage of s.stages) {
					if (stage.bottleneck) seen.add('bottleneck');
					if (stage.overdue) seen.add('stageOverdue');
					if (stage.outflow) seen.add('outflow');
				}
			}
		}
		expect([...seen].sort()).toEqual(
			[
				'awaitingCitizen',
				'awaitingIntake',
				'bottleneck',
				'carriedOver',
				'direct',
				'dueSoon',
				'early',
				'late',
				'onTime',
				'online',
				'outflow',
				'overdue',
				'postal',
				'stageOverdue',
				'total',
				'withdrawn',
				'withinTime'
			].sort()
		);
	});
});
