import { describe, expect, it } from 'vitest';
import type { DossierTick } from '../contracts/socket-events';
import { tickKey, withTick } from './ticker';

const tick = (
	dossier: string,
	at: string,
	type: DossierTick['type'] = 'received'
): DossierTick => ({
	scope: 'province:40',
	dossier,
	type,
	at,
	ward: '16681',
	field: null,
	stage: null
});

describe('the live ticker’s list', () => {
	it('puts a new event first and keeps only the newest ones', () => {
		let ticker: DossierTick[] = [];
		for (let minute = 10; minute < 15; minute++)
			ticker = withTick(ticker, tick(`D${minute}`, `2026-11-27T03:${minute}:00.000Z`), 3);
		expect(ticker.map((t) => t.dossier)).toEqual(['D14', 'D13', 'D12']);
	});

	it('shows a replayed event once', () => {
		const first = tick('D1', '2026-11-27T03:10:00.000Z');
		const ticker = withTick(withTick([], first, 5), { ...first }, 5);
		expect(ticker).toHaveLength(1);
		// Another event of the same dossier at the same time is a different line.
		expect(withTick(ticker, tick('D1', first.at, 'completed'), 5)).toHaveLength(2);
	});

	it('places an older event (a new subscriber’s latest events) after newer live ones', () => {
		const live = withTick([], tick('LIVE', '2026-11-27T03:20:00.000Z'), 5);
		const ticker = withTick(live, tick('EARLIER', '2026-11-27T02:41:00.000Z'), 5);
		expect(ticker.map((t) => t.dossier)).toEqual(['LIVE', 'EARLIER']);
		// An older event does not push a newer one out of a full ticker.
		expect(withTick(live, tick('OLDEST', '2026-11-26T22:00:00.000Z'), 1).map(tickKey)).toEqual(
			live.map(tickKey)
		);
	});
});
