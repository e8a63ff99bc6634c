import { describe, expect, it } from 'vitest';
import { changedFigures } from './announcements';

const figures = (received: number, resolved: number, overdue: number, dueSoon: number) => ({
	received: { total: received } as never,
	resolved: { total: resolved } as never,
	inProgress: { overdue, dueSoon } as never
});

describe('figures announced to screen readers', () => {
	it('names only the announced figures that changed, with their new values, in reading order', () => {
		expect(changedFigures(figures(10, 5, 1, 2), figures(12, 5, 0, 2))).toEqual([
			{ name: 'received.total', value: 12 },
			{ name: 'inProgress.overdue', value: 0 }
		]);
		expect(changedFigures(figures(10, 5, 1, 2), figures(10, 5, 1, 2))).toEqual([]);
	});
});
