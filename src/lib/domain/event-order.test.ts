import { describe, expect, it } from 'vitest';
import type { DossierEvent, EventType } from './dossier';
import { ctx, dossierEvents } from './dossier.test-support';
import { compareEvents, orderEvents } from './event-order';
import { deriveDossierState } from './lifecycle';

type Step = [EventType, string, Partial<DossierEvent>?];
const REG = { procedure: '1.001612', channel: 'online' as const };
const derive = (steps: Step[]) => deriveDossierState(dossierEvents('D1', steps), ctx);

describe('duplicates and ties', () => {
	it('counts an event resent with another arrival number once, without an anomaly', () => {
		const events = dossierEvents('D1', [['received', '2026-05-04 08:00', REG]]);
		const once = deriveDossierState(events, ctx);
		const twice = deriveDossierState([...events, { ...(events[0] as DossierEvent), seq: 99 }], ctx);
		expect(twice).toEqual(once);
		expect(twice.anomalies).toEqual([]);
	});

	it('orders events at the same instant by the natural order of a dossier life', () => {
		const state = derive([
			['returned', '2026-05-04 09:00'],
			['completed', '2026-05-04 09:00'],
			['received', '2026-05-04 08:00', REG]
		]);
		expect(state).toMatchObject({ status: 10, anomalies: [] });
		const a = { id: 'x', type: 'completed', dossier: 'D', ward: 'W', at: 1 } as const;
		expect(compareEvents(a, { ...a, id: 'y' })).toBeLessThan(0);
		expect(compareEvents({ ...a, reason: 'b' }, { ...a, reason: 'a' })).toBeGreaterThan(0);
	});
});

describe('orderEvents', () => {
	it('drops exact resends and flags a resent id with other content', () => {
		const [a, b] = dossierEvents('D1', [
			['received', '2026-05-04 08:00', REG],
			['completed', '2026-05-04 09:00']
		]) as [DossierEvent, DossierEvent];
		expect(orderEvents([b, a, { ...a, seq: 7 }])).toEqual({ ordered: [a, b], conflicting: false });
		// Same time, type and id: the content decides, and `["reason", …]` sorts before `["type", …]`.
		const changed = { ...b, reason: 'khác' };
		expect(orderEvents([b, changed, a])).toEqual({ ordered: [a, changed], conflicting: true });
		expect(orderEvents([changed, b, a])).toEqual({ ordered: [a, changed], conflicting: true });
	});
});
