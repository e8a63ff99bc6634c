import { describe, expect, it } from 'vitest';
import { DEFAULT_WALL_SETTINGS, activeWindow, wallSettingsFrom } from './wall-settings';

describe('wall settings', () => {
	it('take the defaults when the URL says nothing', () => {
		expect(wallSettingsFrom(new URLSearchParams(), DEFAULT_WALL_SETTINGS)).toEqual(
			DEFAULT_WALL_SETTINGS
		);
	});

	it('take valid overrides from the query', () => {
		const query = new URLSearchParams(
			'interval=45&active=07:00-17:30&lag=15&nightly=02:30&versionPoll=5'
		);
		expect(wallSettingsFrom(query, DEFAULT_WALL_SETTINGS)).toEqual({
			panelSeconds: 45,
			activeHours: '07:00-17:30',
			lagMinutes: 15,
			nightlyReload: '02:30',
			versionPollSeconds: 5
		});
	});

	it('ignore malformed or out-of-range values', () => {
		const query = new URLSearchParams(
			'interval=1&active=7-17&lag=-3&nightly=25:00&versionPoll=abc'
		);
		expect(wallSettingsFrom(query, DEFAULT_WALL_SETTINGS)).toEqual(DEFAULT_WALL_SETTINGS);
		expect(wallSettingsFrom(new URLSearchParams('nightly=24:00'), DEFAULT_WALL_SETTINGS)).toEqual(
			DEFAULT_WALL_SETTINGS
		);
	});

	it('read an active window in minutes, allowing 24:00 and refusing an empty one', () => {
		expect(activeWindow('00:00-24:00')).toEqual([0, 1440]);
		expect(activeWindow('22:00-06:00')).toEqual([1320, 360]);
		expect(activeWindow('08:00-08:00')).toBeNull();
		expect(activeWindow('08:61-09:00')).toBeNull();
	});
});
