import { describe, expect, it } from 'vitest';
import type { AccessService, Authenticated, Credentials } from '../access/access-service';
import type { Principal } from '../access/policy';
import { testConfig } from '../config';
import { authenticateLive, mayWatch, publicReadAllowed } from './live-auth';

const provinceOf = (ward: string) => (ward.startsWith('16') ? '40' : '38');
const wardKey: Authenticated = {
	principal: { kind: 'api_key', id: 'key_w', name: 'w', scopes: [{ kind: 'ward', code: '16681' }] },
	credential: { kind: 'api_key', id: 'key_w' }
};
const leader: Authenticated = {
	principal: {
		kind: 'user',
		id: 'usr_1',
		name: 'Lãnh đạo',
		email: 'l@x.vn',
		role: 'province_leader',
		scopes: [{ kind: 'province', code: '40' }]
	},
	credential: { kind: 'session', hash: 'h' }
};
/** A stand-in for the access service: knows one key and one session, and records what it was asked. */
function fakeAccess() {
	const asked: { credentials: Credentials; liveToken?: boolean }[] = [];
	const access = {
		authenticate: async (credentials: Credentials, options: { liveToken?: boolean } = {}) => {
			asked.push({ credentials, liveToken: options.liveToken });
			if (credentials.token === 'mcl_ward') return wardKey;
			if (credentials.token) return null;
			if (credentials.session === 'good-session') return leader;
			return null;
		}
	} as Pick<AccessService, 'authenticate'>;
	return { access, asked };
}

describe('live authentication', () => {
	it('takes auth.token first (API key, display token or LIVE_TOKEN), refusing a bad one outright', async () => {
		const { access, asked } = fakeAccess();
		const config = testConfig({ DATABASE_URL: 'postgres://x/y' });
		const handshake = (token: string) => ({
			auth: { token },
			origin: undefined,
			cookie: 'mcl_session=good-session'
		});
		expect(await authenticateLive(handshake('mcl_ward'), { access, config })).toEqual(wardKey);
		// A wrong token is not eked out with the cookie that came along.
		expect(await authenticateLive(handshake('wrong'), { access, config })).toBeNull();
		expect(asked.every((a) => a.liveToken === true)).toBe(true);
	});

	it('reads the session and display cookies of a browser handshake', async () => {
		const { access, asked } = fakeAccess();
		const config = testConfig({ DATABASE_URL: 'postgres://x/y' });
		const found = await authenticateLive(
			{
				auth: {},
				origin: 'http://localhost:3000',
				cookie: 'lang=vi; mcl_session=good-session; mcl_display=mcd_abc'
			},
			{ access, config }
		);
		expect(found).toEqual(leader);
		expect(asked[0].credentials).toEqual({
			token: undefined,
			session: 'good-session',
			display: 'mcd_abc'
		});
	});

	it('lets anonymous browsers in only when LIVE_PUBLIC_READ is on, which it is not by default', async () => {
		const { access } = fakeAccess();
		const embedded = testConfig();
		const opened = testConfig({ LIVE_PUBLIC_READ: 'on' });
		expect(publicReadAllowed(embedded)).toBe(false);
		expect(publicReadAllowed(testConfig({ DATABASE_URL: 'postgres://x/y' }))).toBe(false);
		expect(publicReadAllowed(opened)).toBe(true);
		const browser = { auth: {}, origin: 'http://localhost:3000', cookie: undefined };
		expect(await authenticateLive(browser, { access, config: embedded })).toBeNull();
		expect(await authenticateLive(browser, { access, config: opened })).toMatchObject({
			principal: { kind: 'public' },
			credential: { kind: 'public' }
		});
		// A client without an Origin is no browser: it needs a token.
		expect(
			await authenticateLive(
				{ auth: {}, origin: undefined, cookie: undefined },
				{ access, config: opened }
			)
		).toBeNull();
	});

	it('decides subscriptions with the one policy; anonymous readers never see a ward', () => {
		const anonymous: Principal = {
			kind: 'public',
			id: 'public',
			name: 'public',
			scopes: [{ kind: 'national' }]
		};
		const ward = wardKey.principal;
		const province = leader.principal;
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
