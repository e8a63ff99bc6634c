import { describe, expect, it } from 'vitest';
import { freshnessOf, RECONNECT_GRACE_MS, STALE_AFTER_MS } from './freshness';

const now = Date.parse('2026-11-28T02:00:00Z');

describe('freshness', () => {
	it('is live while synced with recent figures', () => {
		expect(freshnessOf({ synced: true, asOf: now - 1_000, lostAt: 0, now })).toEqual({
			kind: 'live'
		});
	});

	it('calls synced figures stale when no refresh came for too long (the server stopped sending)', () => {
		const asOf = now - STALE_AFTER_MS - 1;
		expect(freshnessOf({ synced: true, asOf, lostAt: 0, now })).toEqual({
			kind: 'stale',
			since: asOf
		});
	});

	it('shows reconnecting for a short while after a loss, then stale since the figures held', () => {
		const asOf = now - 60_000;
		expect(freshnessOf({ synced: false, asOf, lostAt: now - 1_000, now })).toEqual({
			kind: 'reconnecting'
		});
		expect(freshnessOf({ synced: false, asOf, lostAt: now - RECONNECT_GRACE_MS, now })).toEqual({
			kind: 'stale',
			since: asOf
		});
		expect(
			freshnessOf({ synced: false, asOf: null, lostAt: now - RECONNECT_GRACE_MS, now })
		).toEqual({ kind: 'stale', since: null });
	});
});
