import { describe, expect, it } from 'vitest';
import { LEVEL_ICONS, onlineLevel, onTimeLevel, overdueLevel } from './thresholds';

describe('threshold levels', () => {
	it('grades the on-time rate at 90% and 80%, and leaves no rate ungraded', () => {
		expect(onTimeLevel(0.999)).toBe('good');
		expect(onTimeLevel(0.9)).toBe('good');
		expect(onTimeLevel(0.8999)).toBe('attention');
		expect(onTimeLevel(0.8)).toBe('attention');
		expect(onTimeLevel(0.79)).toBe('urgent');
		expect(onTimeLevel(0)).toBe('urgent');
		expect(onTimeLevel(null)).toBe('none');
	});

	it('gives the online rate full marks from 50%', () => {
		expect(onlineLevel(0.658)).toBe('good');
		expect(onlineLevel(0.5)).toBe('good');
		expect(onlineLevel(0.49)).toBe('attention');
		expect(onlineLevel(null)).toBe('none');
	});

	it('calls a single overdue dossier urgent', () => {
		expect(overdueLevel(0)).toBe('good');
		expect(overdueLevel(1)).toBe('urgent');
	});

	it('gives every level its own icon, so colour is never alone', () => {
		expect(new Set(Object.values(LEVEL_ICONS)).size).toBe(Object.keys(LEVEL_ICONS).length);
	});
});
