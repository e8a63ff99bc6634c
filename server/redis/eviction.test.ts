import { describe, expect, it } from 'vitest';
import { evictionRisk } from './eviction';

describe('whether Redis may evict the live aggregates', () => {
	it('cannot without a memory limit, nor with noeviction', () => {
		expect(evictionRisk(0, 'allkeys-lru')).toBeNull();
		expect(evictionRisk(2 ** 30, 'noeviction')).toBeNull();
	});

	it('can under a limit with any other policy, expiring keys included, and says how to stop it', () => {
		for (const policy of ['allkeys-lru', 'volatile-ttl', 'volatile-lru', 'allkeys-random']) {
			const risk = evictionRisk(2 ** 30, policy);
			expect(risk).toContain(`maxmemory-policy ${policy}`);
			expect(risk).toContain('maxmemory 1073741824 bytes');
			expect(risk).toContain('set maxmemory-policy noeviction');
		}
	});
});
