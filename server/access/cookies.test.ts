import { describe, expect, it } from 'vitest';
import { cookieValue, credentialCookie, servedOverHttps } from './cookies';
import { generatePassword, hmac, newToken, safeEqual } from './secrets';
import { passwordProblem, verifyPassword, hashPassword } from './passwords';

describe('credential cookies', () => {
	it('are httpOnly, SameSite=Lax, site-wide, and Secure exactly when the site is served over HTTPS', () => {
		expect(credentialCookie(false, 3600)).toEqual({
			path: '/',
			httpOnly: true,
			secure: false,
			sameSite: 'lax',
			maxAge: 3600
		});
		expect(credentialCookie(true, 60).secure).toBe(true);
		expect(servedOverHttps('https://motcua.example.gov.vn')).toBe(true);
		expect(servedOverHttps('http://localhost:3000')).toBe(false);
		expect(servedOverHttps(undefined)).toBe(false);
	});

	it('are read from a Cookie header by name', () => {
		const header = 'lang=vi; mcl_session=abc%2Bdef; other="quoted"';
		expect(cookieValue(header, 'mcl_session')).toBe('abc+def');
		expect(cookieValue(header, 'other')).toBe('quoted');
		expect(cookieValue(header, 'missing')).toBeUndefined();
		expect(cookieValue(undefined, 'mcl_session')).toBeUndefined();
		expect(cookieValue('mcl_session=%E0%A4%A', 'mcl_session')).toBeUndefined();
	});
});

describe('secrets and passwords', () => {
	it('generates readable passwords of four groups, and distinct tokens with their prefix', () => {
		const password = generatePassword();
		expect(password).toMatch(/^[a-zA-Z2-9]{5}(-[a-zA-Z2-9]{5}){3}$/);
		expect(password).not.toMatch(/[01lIoO]/);
		expect(passwordProblem(password)).toBeNull();
		expect(newToken('mcd_')).toMatch(/^mcd_[\w-]{32}$/);
		expect(newToken('mcd_')).not.toBe(newToken('mcd_'));
	});

	it('compares in constant time and keys HMACs', () => {
		expect(safeEqual('abc', 'abc')).toBe(true);
		expect(safeEqual('abc', 'abd')).toBe(false);
		expect(safeEqual('abc', 'abcd')).toBe(false);
		expect(hmac('k', 'm')).not.toBe(hmac('k2', 'm'));
	});

	it('hashes with argon2id and verifies only the right password', async () => {
		const stored = await hashPassword('một mật khẩu đủ dài');
		expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(await verifyPassword(stored, 'một mật khẩu đủ dài')).toBe(true);
		expect(await verifyPassword(stored, 'một mật khẩu khác')).toBe(false);
		expect(await verifyPassword('not a hash', 'x')).toBe(false);
		expect(passwordProblem('short')).toMatch(/at least 12/);
	});
});
