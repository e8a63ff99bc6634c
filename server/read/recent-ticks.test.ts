import { describe, expect, it } from 'vitest';
import type { DossierTick } from '../../src/lib/contracts/socket-events';
import { latestTicks } from './recent-ticks';

const tick = (dossier: string, minute: number): DossierTick => ({
	scope: 'province:40',
	dossier,
	type: 'received',
	at: new Date(Date.UTC(2026, 10, 27, 20, minute)).toISOString(),
	ward: '16681',
	field: null,
	stage: null
});

describe('a new subscriber’s latest events', () => {
	it('adds the events accepted since the read, each once, oldest first, the newest kept', () => {
		const read = [tick('A', 1), tick('B', 5)];
		const since = [tick('B', 5), tick('D', 9), tick('C', 7)];
		expect(latestTicks(read, since).map((t) => t.dossier)).toEqual(['A', 'B', 'C', 'D']);
		expect(latestTicks(read, since, 2).map((t) => t.dossier)).toEqual(['C', 'D']);
		expect(latestTicks([], [])).toEqual([]);
	});
});
