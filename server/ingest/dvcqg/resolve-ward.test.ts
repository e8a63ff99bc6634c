import { describe, expect, it } from 'vitest';
import { resolveWard, unitIdOf, type WardContext } from './resolve-ward';

const ctx: WardContext = {
	isWardCode: (code) => ['16681', '16684', '15229'].includes(code),
	unitWards: new Map([
		['000.00.12.H40', '16681'],
		['000.00.15.H40', '16684'],
		['000.00.99.H40', '99999']
	])
};
const CODE = '000.00.12.H40-261111-0007';

describe('unitIdOf', () => {
	it('takes the part of MaHoSo before the first dash', () => {
		expect(unitIdOf(CODE)).toBe('000.00.12.H40');
		expect(unitIdOf('H40.12-A-B')).toBe('H40.12');
		expect(unitIdOf('HS0007')).toBeNull();
		expect(unitIdOf('-261111-0007')).toBeNull();
	});
});

describe('resolveWard', () => {
	it('first: MaDonVi holding a known ward code', () => {
		// The MaHoSo prefix maps elsewhere: the item's own ward code wins.
		expect(resolveWard({ MaHoSo: CODE, MaDonVi: '15229' }, { ...ctx, keyWard: '16684' })).toEqual({
			ward: '15229'
		});
	});

	it('a 5-digit MaDonVi that is no known ward, or a unit id there, goes to the unit map', () => {
		expect(resolveWard({ MaHoSo: CODE, MaDonVi: '12345' }, ctx)).toEqual({ ward: '16681' });
		expect(resolveWard({ MaHoSo: CODE, MaDonVi: '000.00.15.H40' }, ctx)).toEqual({
			ward: '16684'
		});
	});

	it('second: the unit map applied to the MaHoSo prefix', () => {
		expect(resolveWard({ MaHoSo: CODE }, { ...ctx, keyWard: '16684' })).toEqual({ ward: '16681' });
		expect(resolveWard({ MaHoSo: '000.00.15.H40-261111-0001', MaDonVi: null }, ctx)).toEqual({
			ward: '16684'
		});
	});

	it('third: the API key scoped to one ward', () => {
		expect(resolveWard({ MaHoSo: 'XYZ-261111-0001' }, { ...ctx, keyWard: '16684' })).toEqual({
			ward: '16684'
		});
		expect(resolveWard({ MaHoSo: 'HS0001', MaDonVi: '' }, { ...ctx, keyWard: '16681' })).toEqual({
			ward: '16681'
		});
	});

	it('otherwise an error that says what was tried', () => {
		expect(resolveWard({ MaHoSo: 'XYZ-261111-0001', MaDonVi: 'ABC' }, ctx)).toEqual({
			error:
				'the handling ward cannot be told: MaDonVi ABC is neither a ward code nor a mapped unit; ' +
				'unit XYZ of MaHoSo is not mapped; the API key is not scoped to one ward'
		});
		expect(resolveWard({ MaHoSo: 'HS0001' }, ctx)).toEqual({
			error:
				'the handling ward cannot be told: no MaDonVi; MaHoSo has no unit prefix; ' +
				'the API key is not scoped to one ward'
		});
	});

	it('a map entry naming an unknown ward is an error, not a silent fall back to the key', () => {
		expect(
			resolveWard({ MaHoSo: '000.00.99.H40-261111-0001' }, { ...ctx, keyWard: '16681' })
		).toEqual({ error: 'the unit 000.00.99.H40 is mapped to 99999, which is not a ward code' });
	});
});
