import { describe, expect, it } from 'vitest';
import { panelAt, panelsFor } from './playlist';

describe('the playlist', () => {
	it('has the ward ranking only for a province', () => {
		expect(panelsFor('ward')).toEqual(['overview', 'fields', 'stages', 'lists']);
		expect(panelsFor('province')).toEqual(['overview', 'fields', 'stages', 'lists', 'ranking']);
	});

	it('advances every interval from its start and wraps around', () => {
		const panels = panelsFor('ward');
		expect(panelAt(panels, 1_000, 1_000, 20).panel).toBe('overview');
		expect(panelAt(panels, 1_000, 20_999, 20).panel).toBe('overview');
		expect(panelAt(panels, 1_000, 21_000, 20).panel).toBe('fields');
		expect(panelAt(panels, 1_000, 1_000 + 4 * 20_000, 20)).toEqual({ panel: 'overview', index: 0 });
	});

	it('stays on the first panel when the clock is behind its start', () => {
		expect(panelAt(panelsFor('province'), 50_000, 10_000, 20).index).toBe(0);
	});
});
