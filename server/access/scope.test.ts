import { describe, expect, it } from 'vitest';
import { scopeCoversScope, scopeCoversWard } from './scope';

const provinceOf = (ward: string) => ({ '16681': '40', '15229': '38' })[ward];

describe('scopeCoversWard', () => {
	it('national covers every ward', () => {
		expect(scopeCoversWard({ kind: 'national' }, '15229', provinceOf)).toBe(true);
	});

	it('a province covers its own wards only, by code not by name', () => {
		// Phường Thành Vinh (Nghệ An 40) and Xã Thành Vinh (Thanh Hóa 38) share a name.
		expect(scopeCoversWard({ kind: 'province', code: '40' }, '16681', provinceOf)).toBe(true);
		expect(scopeCoversWard({ kind: 'province', code: '40' }, '15229', provinceOf)).toBe(false);
		expect(scopeCoversWard({ kind: 'province', code: '40' }, '99999', provinceOf)).toBe(false);
	});

	it('a ward covers itself only', () => {
		expect(scopeCoversWard({ kind: 'ward', code: '16681' }, '16681', provinceOf)).toBe(true);
		expect(scopeCoversWard({ kind: 'ward', code: '16681' }, '15229', provinceOf)).toBe(false);
	});
});

describe('scopeCoversScope', () => {
	const province = (code: string) => ({ kind: 'province' as const, code });
	const ward = (code: string) => ({ kind: 'ward' as const, code });

	it('the nation reads every scope', () => {
		expect(scopeCoversScope({ kind: 'national' }, province('38'), provinceOf)).toBe(true);
		expect(scopeCoversScope({ kind: 'national' }, ward('15229'), provinceOf)).toBe(true);
	});

	it('a province reads itself and its wards, not the nation or another province', () => {
		expect(scopeCoversScope(province('40'), province('40'), provinceOf)).toBe(true);
		expect(scopeCoversScope(province('40'), ward('16681'), provinceOf)).toBe(true);
		expect(scopeCoversScope(province('40'), ward('15229'), provinceOf)).toBe(false);
		expect(scopeCoversScope(province('40'), province('38'), provinceOf)).toBe(false);
		expect(scopeCoversScope(province('40'), { kind: 'national' }, provinceOf)).toBe(false);
	});

	it('a ward reads only itself', () => {
		expect(scopeCoversScope(ward('16681'), ward('16681'), provinceOf)).toBe(true);
		expect(scopeCoversScope(ward('16681'), province('40'), provinceOf)).toBe(false);
	});
});
