import { describe, expect, it } from 'vitest';
import type { ApiKeyRegistry } from '../access/api-keys';
import { testConfig } from '../config';
import { authenticateLive, mayWatch, publicReadAllowed, type LiveGrant } from './live-auth';

const provinceOf = (ward: string) => (ward.startsWith('16') ? '40' : '38');
const keys = {
	authenticate: async (key: string | undefined) =>
		key === 'mcl_ward'
			? { id: 'key_w', name: 'w', scope: { kind: 'ward' as const, code: '16681' } }
			: null
} as unknown as ApiKeyRegistry;
const TOKEN = 'a-display-token-of-enough-length';

describe('live authentication (the seam access control will replace)', () => {
	it('takes an API key with its scope, or LIVE_TOKEN for the nation', async () => {
		const config = testConfig({ LIVE_TOKEN: TOKEN, DATABASE_URL: 'postgres://x/y' });
		expect(
			await authenticateLive({ auth: { token: 'mcl_ward' }, origin: undefined }, { keys, config })
		).toEqual({ kind: 'api_key', id: 'key_w', scope: { kind: 'ward', code: '16681' } });
		expect(
			await authenticateLive({ auth: { token: TOKEN }, origin: undefined }, { keys, config })
		).toMatchObject({ kind: 'live_token', scope: { kind: 'national' } });
		expect(
			await authenticateLive({ auth: { token: 'wrong' }, origin: undefined }, { keys, config })
		).toBeNull();
	});

	it('lets anonymous browsers in only when public read is on (by default: the embedded demo)', async () => {
		const embedded = testConfig();
		const served = testConfig({ DATABASE_URL: 'postgres://x/y' });
		expect(publicReadAllowed(embedded)).toBe(true);
		expect(publicReadAllowed(served)).toBe(false);
		expect(
			publicReadAllowed(testConfig({ DATABASE_URL: 'postgres://x/y', LIVE_PUBLIC_READ: 'on' }))
		).toBe(true);
		const browser = { auth: {}, origin: 'http://localhost:3000' };
		expect(await authenticateLive(browser, { keys, config: embedded })).toMatchObject({
			kind: 'public'
		});
		expect(await authenticateLive(browser, { keys, config: served })).toBeNull();
		// A client without an Origin is no browser: it needs a token.
		expect(
			await authenticateLive({ auth: {}, origin: undefined }, { keys, config: embedded })
		).toBeNull();
	});

	it('decides subscriptions with the one scope check; anonymous readers never see a ward', () => {
		const ward: LiveGrant = { kind: 'api_key', id: 'k', scope: { kind: 'ward', code: '16681' } };
		const province: LiveGrant = {
			kind: 'api_key',
			id: 'k',
			scope: { kind: 'province', code: '40' }
		};
		const anonymous: LiveGrant = { kind: 'public', id: 'public', scope: { kind: 'national' } };
		expect(mayWatch(ward, { kind: 'ward', code: '16681' }, provinceOf)).toBe(true);
		expect(mayWatch(ward, { kind: 'ward', code: '16690' }, provinceOf)).toBe(false);
		expect(mayWatch(ward, { kind: 'province', code: '40' }, provinceOf)).toBe(false);
		expect(mayWatch(province, { kind: 'ward', code: '16690' }, provinceOf)).toBe(true);
		expect(mayWatch(province, { kind: 'ward', code: '15229' }, provinceOf)).toBe(false);
		expect(mayWatch(province, { kind: 'national' }, provinceOf)).toBe(false);
		expect(mayWatch(anonymous, { kind: 'province', code: '38' }, provinceOf)).toBe(true);
		expect(mayWatch(anonymous, { kind: 'ward', code: '16681' }, provinceOf)).toBe(false);
	});
});
