import { describe, expect, it } from 'vitest';
import {
	LEVEL_ICONS,
	onlineLevel,
	onTimeLevel,
	overdueLevel,
	serviceIndexLevel
} from './thresholds';

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

	it('grades the service index estimate as a share of its estimable maximum, at 90% and 80%', () => {
		expect(serviceIndexLevel(74, 82)).toBe('good'); // 90.2%
		expect(serviceIndexLevel(72, 80)).toBe('good'); // exactly 90%
		expect(serviceIndexLevel(71.9, 80)).toBe('attention');
		expect(serviceIndexLevel(64, 80)).toBe('attention'); // exactly 80%
		expect(serviceIndexLevel(63.9, 80)).toBe('urgent');
		expect(serviceIndexLevel(0, 0)).toBe('none');
	});

	it('gives every level its own icon, so colour is never alone', () => {
		expect(new Set(Object.values(LEVEL_ICONS)).size).toBe(Object.keys(LEVEL_ICONS).length);
	});
});
