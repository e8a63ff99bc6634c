import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHANNELS, EVENT_TYPES, STAGES, type DossierEvent } from './dossier';
import { ctx, vn } from './dossier.test-support';
import { deriveDossierState } from './lifecycle';

const base = vn('2026-05-04 07:00');
const HALF_HOUR = 30 * 60_000;
// Few distinct instants, so that many events share the same time and tie-breaking is exercised.
const at = fc.integer({ min: 0, max: 40 }).map((slot) => base + slot * HALF_HOUR);
const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });

const eventBody = fc.record(
	{
		type: fc.constantFrom(...EVENT_TYPES),
		at,
		procedure: optional(fc.constantFrom('2.000815', '1.001612', '1.001776', '9.999')),
		channel: optional(fc.constantFrom(...CHANNELS)),
		stage: optional(fc.constantFrom(...STAGES)),
		dueAt: optional(at),
		stageDueAt: optional(at),
		paidOnline: optional(fc.boolean()),
		satisfied: optional(fc.boolean()),
		digitised: optional(fc.boolean()),
		reason: optional(fc.constantFrom('a', 'b'))
	},
	{ requiredKeys: ['type', 'at'] }
);

/** A dossier's events with unique ids, plus exact resends and a few conflicting resends of the same id. */
const dossierEvents = fc
	.tuple(
		fc.array(eventBody, { maxLength: 25 }),
		fc.array(fc.nat(), { maxLength: 4 }),
		fc.array(fc.tuple(fc.nat(), at), { maxLength: 2 })
	)
	.map(([bodies, resent, conflicting]) => {
		const events: DossierEvent[] = bodies.map((body, i) => {
			const event: DossierEvent = { id: `e${i}`, dossier: 'D1', ward: '16681', ...body };
			for (const key of Object.keys(event) as (keyof DossierEvent)[]) {
				if (event[key] === undefined) delete event[key];
			}
			return event;
		});
		if (events.length === 0) return events;
		const pickEvent = (n: number) => events[n % events.length] as DossierEvent;
		return [
			...events,
			...resent.map((n) => ({ ...pickEvent(n) })),
			...conflicting.map(([n, time]) => ({ ...pickEvent(n), at: time }))
		];
	});

const shuffled = dossierEvents.chain((events) =>
	fc.tuple(
		fc.constant(events),
		fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length })
	)
);

describe('lifecycle invariants (fast-check)', () => {
	it('event order never changes a derived state, whatever the arrival numbers', () => {
		fc.assert(
			fc.property(shuffled, ([events, reordered]) => {
				const arrived = reordered.map((event, seq) => ({ ...event, seq }));
				expect(deriveDossierState(arrived, ctx)).toEqual(deriveDossierState(events, ctx));
			}),
			{ numRuns: 500 }
		);
	});

	it('never throws, always gives a DVCQG status, and survives a JSON round trip', () => {
		fc.assert(
			fc.property(dossierEvents, (events) => {
				const state = deriveDossierState(events, ctx);
				expect(state.status).toBeGreaterThanOrEqual(1);
				expect(state.status).toBeLessThanOrEqual(10);
				expect(JSON.parse(JSON.stringify(state))).toEqual(state);
				for (const visit of state.stages) {
					if (visit.exitedAt !== null)
						expect(visit.exitedAt).toBeGreaterThanOrEqual(visit.enteredAt);
				}
			}),
			{ numRuns: 500 }
		);
	});
});
