import { describe, expect, it } from 'vitest';
import { canonicalJson, reportFingerprint, type FingerprintInput } from './report-fingerprint';

const input: FingerprintInput = {
	scope: 'province:40',
	period: { from: '2026-10-01', to: '2026-10-31' },
	asOf: '2026-11-02T03:00:00.000Z',
	filters: { status: 'overdue' },
	rows: [{ field: 'G01', received: { total: 12, online: 5 }, rate: 0.5 }]
};

describe('canonicalJson', () => {
	it('sorts keys at every depth, so build order does not matter', () => {
		expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: 'x' } })).toBe(
			'{"a":{"c":"x","d":[2,{"y":2,"z":1}]},"b":1}'
		);
	});

	it('writes numbers in one stable form and drops undefined members', () => {
		expect(canonicalJson({ n: 0.1 + 0.2, z: -0, big: 1e21, u: undefined })).toBe(
			'{"big":1e+21,"n":0.30000000000000004,"z":0}'
		);
		expect(canonicalJson([undefined, null])).toBe('[null,null]');
	});

	it('refuses what JSON would silently change', () => {
		expect(() => canonicalJson({ n: Number.NaN })).toThrow(RangeError);
		expect(() => canonicalJson({ n: Infinity })).toThrow(RangeError);
		expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError);
	});

	it('keeps Vietnamese text as it is', () => {
		expect(canonicalJson({ name: 'Tiếp nhận' })).toBe('{"name":"Tiếp nhận"}');
	});
});

describe('reportFingerprint', () => {
	it('is the SHA-256 of the canonical JSON (a known answer from coreutils sha256sum)', async () => {
		expect(canonicalJson(input)).toBe(
			'{"asOf":"2026-11-02T03:00:00.000Z","filters":{"status":"overdue"},"period":{"from":"2026-10-01","to":"2026-10-31"},"rows":[{"field":"G01","rate":0.5,"received":{"online":5,"total":12}}],"scope":"province:40"}'
		);
		expect(await reportFingerprint(input)).toBe(
			'0b0af9e7e4d89bcd9e392fdd237f88ff3388b72c373a41f46952132977093b57'
		);
	});

	it('is the same for the same inputs built in another key order', async () => {
		const reordered: FingerprintInput = {
			rows: [{ rate: 0.5, received: { online: 5, total: 12 }, field: 'G01' }],
			filters: { status: 'overdue' },
			asOf: '2026-11-02T03:00:00.000Z',
			period: { to: '2026-10-31', from: '2026-10-01' },
			scope: 'province:40'
		};
		expect(await reportFingerprint(reordered)).toBe(await reportFingerprint(input));
	});

	it('changes with any figure, the instant, the period or a filter', async () => {
		const base = await reportFingerprint(input);
		const variants: FingerprintInput[] = [
			{ ...input, rows: [{ field: 'G01', received: { total: 13, online: 5 }, rate: 0.5 }] },
			{ ...input, asOf: '2026-11-02T03:00:00.001Z' },
			{ ...input, period: { from: '2026-10-01', to: '2026-10-30' } },
			{ ...input, filters: { status: 'dueSoon' } },
			{ ...input, scope: 'province:38' }
		];
		for (const variant of variants) expect(await reportFingerprint(variant)).not.toBe(base);
	});
});
