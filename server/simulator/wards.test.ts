import { describe, expect, it } from 'vitest';
import { NGHE_AN, thanhVinh } from './simulator.test-support';
import { arrivalMix, wardProfiles } from './wards';

describe('ward profiles', () => {
	it('calibrate Phường Thành Vinh on its published month (DOMAIN §1)', () => {
		expect(thanhVinh).toMatchObject({
			code: '16681',
			population: 123_000,
			receivedPerMonth: 2718,
			onlineShare: 0.658
		});
		expect(thanhVinh.fieldMix['chung-thuc'] * 2718).toBeCloseTo(1182);
		expect(thanhVinh.fieldMix['ho-tich'] * 2718).toBeCloseTo(748);
		expect(thanhVinh.fieldMix['bao-tro-xa-hoi'] * 2718).toBeCloseTo(417);
		const total = Object.values(thanhVinh.fieldMix).reduce((s, x) => s + x, 0);
		expect(total).toBeCloseTo(1);
	});

	it('give every ward a deterministic population class from its kind and code', () => {
		const first = wardProfiles(NGHE_AN);
		expect(wardProfiles(NGHE_AN)).toEqual(first);
		expect(first).toHaveLength(130);
		for (const ward of first) {
			expect(ward.receivedPerMonth).toBeGreaterThan(0);
			const urban = ward.populationClass.startsWith('urban');
			expect(urban).toBe(ward.kind === 'ward');
		}
		// A province of a few million people, not a handful or a hundred million.
		const people = first.reduce((s, w) => s + w.population, 0);
		expect(people).toBeGreaterThan(2_000_000);
		expect(people).toBeLessThan(6_000_000);
	});

	it('split the procedure mix by channel so the ward reaches its online share', () => {
		for (const ward of wardProfiles(NGHE_AN).slice(0, 20)) {
			const mix = arrivalMix(ward);
			expect(mix.onlineShare).toBeCloseTo(ward.onlineShare, 6);
			// Signatures are certified in person only.
			expect(mix.online.items.some((p) => p.code === '2.000884')).toBe(false);
		}
	});
});
