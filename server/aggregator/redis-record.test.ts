import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendar, eventStreamArb, finalStates, provinceOf } from './event-streams.test-support';
import { contributionOf } from './projection';
import {
	encodeContribution,
	encodeRecord,
	parseGroup,
	recordHeader,
	recordSections,
	sectionGroups
} from './redis-record';
import { appliedRecord } from './store-ops';

describe('encodeContribution', () => {
	it('writes the same record as encodeRecord over the applied record, for every generated dossier', () => {
		let compared = 0;
		fc.assert(
			fc.property(eventStreamArb, fc.integer({ min: -1, max: 50 }), (stream, version) => {
				for (const state of finalStates(stream)) {
					const contribution = contributionOf(state, { provinceOf, calendar });
					if (!contribution) continue;
					const record = appliedRecord(state.code, contribution, version);
					expect(encodeContribution(state.code, contribution, version)).toBe(
						encodeRecord(state.code, record)
					);
					compared++;
				}
			}),
			{ numRuns: 300 }
		);
		expect(compared).toBeGreaterThan(300);
	});

	it("round-trips each item: parsing a record's groups gives back its counters and members", () => {
		// A dossier in work in progress, so that it has set members too.
		const state = fc
			.sample(eventStreamArb, { numRuns: 30, seed: 11 })
			.flatMap(finalStates)
			.find((s) => contributionOf(s, { provinceOf, calendar })?.wip);
		const contribution = contributionOf(state!, { provinceOf, calendar })!;
		const record = appliedRecord(state!.code, contribution, 4);
		const [counters, members] = recordSections(
			encodeContribution(state!.code, contribution, 4)
		).map(sectionGroups) as [string[], string[]];
		const parsedCounters = counters.flatMap((group) => {
			const { name, keys, values } = parseGroup(state!.code, 0, group);
			return keys.map((key, k) => [name, key, values[k]]);
		});
		const parsedMembers = members.flatMap((group) => {
			const { name, keys, values } = parseGroup(state!.code, 1, group);
			return keys.map((key, k) => [name, key, values[k]]);
		});
		const sorted = <T>(items: T[]) => items.map((item) => JSON.stringify(item)).sort();
		expect(sorted(parsedCounters)).toEqual(sorted(record.o.c.map(([b, f, d]) => [b, f, d])));
		expect(sorted(parsedMembers)).toEqual(sorted(record.o.z));
		expect(parsedMembers.length).toBeGreaterThan(0);
	});
});

describe('recordHeader', () => {
	it("reads a record's version and ward, and a tombstone's version with no ward", () => {
		const [state] = finalStates(fc.sample(eventStreamArb, { numRuns: 1, seed: 3 })[0]!);
		const contribution = contributionOf(state!, { provinceOf, calendar })!;
		expect(recordHeader(encodeContribution(state!.code, contribution, 12))).toEqual({
			v: 12,
			w: contribution.ward
		});
		const tombstone = { v: 9, w: '', p: '', o: { c: [], z: [], h: [] } };
		expect(recordHeader(encodeRecord('X', tombstone))).toEqual({ v: 9, w: '' });
		expect(recordHeader(encodeContribution(state!.code, contribution, undefined)).v).toBe(-1);
	});
});
