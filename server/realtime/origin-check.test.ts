import { describe, expect, it } from 'vitest';
import { originAllowed } from './origin-check';

describe('the Origin check of /live handshakes', () => {
	it('lets in pages of this very site, by Host or by the configured ORIGIN', () => {
		expect(originAllowed('http://localhost:3000', 'localhost:3000', undefined)).toBe(true);
		expect(originAllowed('https://motcua.gov.vn', '10.0.0.5:3000', 'https://motcua.gov.vn')).toBe(
			true
		);
	});

	it('refuses other sites, other ports and garbage', () => {
		expect(originAllowed('https://evil.example', 'localhost:3000', undefined)).toBe(false);
		expect(originAllowed('http://localhost:4000', 'localhost:3000', undefined)).toBe(false);
		expect(originAllowed('null', 'localhost:3000', undefined)).toBe(false);
		expect(originAllowed('https://evil.example', undefined, 'https://motcua.gov.vn')).toBe(false);
	});

	it('leaves clients without an Origin (not browsers) to the token check', () => {
		expect(originAllowed(undefined, 'localhost:3000', undefined)).toBe(true);
	});
});
