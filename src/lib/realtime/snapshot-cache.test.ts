import { describe, expect, it } from 'vitest';
import { toSnapshotJson } from '../contracts/snapshot';
import type { Snapshot } from '../domain/oracle';
import { loadSnapshot, saveSnapshot, type SnapshotStorage } from './snapshot-cache';

function memoryStorage(): SnapshotStorage & { items: Map<string, string> } {
	const items = new Map<string, string>();
	return {
		items,
		getItem: (key) => items.get(key) ?? null,
		setItem: (key, value) => void items.set(key, value)
	};
}

const figures = {
	received: { total: 2, online: 1, direct: 1, postal: 0, carriedOver: 0, byField: { x: 2 } },
	resolved: { total: 0, early: 0, onTime: 0, late: 0, withdrawn: 0 },
	onTimeRate: null,
	onlineRate: 0.5,
	inProgress: {
		total: 2,
		withinTime: 2,
		dueSoon: 0,
		overdue: 0,
		awaitingCitizen: 0,
		awaitingIntake: 0
	},
	stages: []
};
const snapshot = toSnapshotJson({
	scope: 'national',
	asOf: Date.parse('2026-11-28T02:00:00Z'),
	period: { from: '2026-11-28', to: '2026-11-28' },
	...figures
} as Snapshot);

describe('the stored snapshot', () => {
	it('comes back as it was saved, per scope', () => {
		const storage = memoryStorage();
		saveSnapshot(storage, 'national', snapshot);
		expect(loadSnapshot(storage, 'national')).toEqual(snapshot);
		expect(loadSnapshot(storage, 'province:40')).toBeNull();
	});

	it('is ignored when unreadable, of another shape or of another scope', () => {
		const storage = memoryStorage();
		storage.items.set('mcl:live:national', '{not json');
		expect(loadSnapshot(storage, 'national')).toBeNull();
		storage.items.set('mcl:live:national', JSON.stringify({ scope: 'national', old: true }));
		expect(loadSnapshot(storage, 'national')).toBeNull();
		storage.items.set('mcl:live:province:40', JSON.stringify(snapshot));
		expect(loadSnapshot(storage, 'province:40')).toBeNull();
	});

	it('never throws when storage is full or disabled', () => {
		const broken: SnapshotStorage = {
			getItem: () => {
				throw new Error('SecurityError');
			},
			setItem: () => {
				throw new Error('QuotaExceededError');
			}
		};
		expect(() => saveSnapshot(broken, 'national', snapshot)).not.toThrow();
		expect(loadSnapshot(broken, 'national')).toBeNull();
	});
});
