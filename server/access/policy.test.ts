import { describe, expect, it } from 'vitest';
import type { Scope } from '../../src/lib/contracts/scope';
import {
	allows,
	homePathOf,
	roleScopeProblem,
	scopeOfPagePath,
	userScopes,
	usesSurface,
	type Principal,
	type Surface
} from './policy';

/** Phường Thành Vinh and Phường Vinh Hưng (Nghệ An, 40); Phường Hạc Thành (Thanh Hóa, 38). */
const provinceOf = (ward: string) => ({ '16681': '40', '16690': '40', '14932': '38' })[ward];
const national: Scope = { kind: 'national' };
const ward = (code: string): Scope => ({ kind: 'ward', code });
const province = (code: string): Scope => ({ kind: 'province', code });

const user = (role: 'admin' | 'inspector' | 'province_leader' | 'ward_director', scopes: Scope[]) =>
	({ kind: 'user', id: 'u', name: 'u', email: 'u@x.vn', role, scopes }) satisfies Principal;
const PRINCIPALS: Record<string, Principal> = {
	admin: user('admin', [national]),
	inspectorNational: user('inspector', [national]),
	inspectorGrant: user('inspector', [province('40')]),
	inspectorExpired: user('inspector', []),
	provinceLeader: user('province_leader', [province('40')]),
	wardDirector: user('ward_director', [ward('16681')]),
	displayWard: { kind: 'display', id: 'd', name: 'TV', scopes: [ward('16681')] },
	displayProvince: { kind: 'display', id: 'd', name: 'TV', scopes: [province('40')] },
	apiKey: { kind: 'api_key', id: 'k', name: 'k', scopes: [ward('16681')] },
	liveToken: { kind: 'live_token', id: 'live_token', name: 'LIVE_TOKEN', scopes: [national] },
	public: { kind: 'public', id: 'public', name: 'public', scopes: [national] }
};
const TARGETS: Record<string, Scope> = {
	ownWard: ward('16681'),
	sameProvinceWard: ward('16690'),
	ownProvince: province('40'),
	otherProvince: province('38'),
	otherProvinceWard: ward('14932'),
	national
};
const Y = true;
const N = false;
/**
 * Expected decisions: for each principal, per surface, the targets it may reach in the order of TARGETS
 * (own ward, same-province ward, own province, other province, other province's ward, nation).
 */
const EXPECTED: Record<string, Partial<Record<Surface, boolean[]>>> = {
	admin: {
		page: [Y, Y, Y, Y, Y, Y],
		read: [Y, Y, Y, Y, Y, Y],
		live: [Y, Y, Y, Y, Y, Y],
		export: [Y, Y, Y, Y, Y, Y],
		admin: [Y, Y, Y, Y, Y, Y]
	},
	inspectorNational: {
		page: [Y, Y, Y, Y, Y, Y],
		read: [Y, Y, Y, Y, Y, Y],
		live: [Y, Y, Y, Y, Y, Y],
		export: [Y, Y, Y, Y, Y, Y]
	},
	inspectorGrant: {
		page: [Y, Y, Y, N, N, N],
		read: [Y, Y, Y, N, N, N],
		live: [Y, Y, Y, N, N, N],
		export: [Y, Y, Y, N, N, N]
	},
	inspectorExpired: {},
	provinceLeader: {
		page: [Y, Y, Y, N, N, N],
		read: [Y, Y, Y, N, N, N],
		live: [Y, Y, Y, N, N, N],
		export: [Y, Y, Y, N, N, N]
	},
	wardDirector: {
		page: [Y, N, N, N, N, N],
		read: [Y, N, N, N, N, N],
		live: [Y, N, N, N, N, N],
		export: [Y, N, N, N, N, N]
	},
	displayWard: { page: [Y, N, N, N, N, N], read: [Y, N, N, N, N, N], live: [Y, N, N, N, N, N] },
	displayProvince: { page: [Y, Y, Y, N, N, N], read: [Y, Y, Y, N, N, N], live: [Y, Y, Y, N, N, N] },
	apiKey: { read: [Y, N, N, N, N, N], ingest: [Y, N, N, N, N, N], live: [Y, N, N, N, N, N] },
	liveToken: { live: [Y, Y, Y, Y, Y, Y] },
	public: { live: [N, N, Y, Y, N, Y] }
};
const SURFACES: Surface[] = ['page', 'read', 'ingest', 'live', 'export', 'admin'];

describe('the access policy', () => {
	it('matches the expected matrix for every principal, surface and target', () => {
		const mismatches: string[] = [];
		for (const [name, principal] of Object.entries(PRINCIPALS))
			for (const surface of SURFACES)
				Object.values(TARGETS).forEach((target, i) => {
					const expected = EXPECTED[name][surface]?.[i] ?? false;
					const actual = allows(principal, surface, target, provinceOf);
					if (actual !== expected)
						mismatches.push(`${name} ${surface} ${Object.keys(TARGETS)[i]}: ${actual}`);
				});
		expect(mismatches).toEqual([]);
	});

	it('refuses everything without a principal', () => {
		for (const surface of SURFACES) expect(allows(null, surface, national, provinceOf)).toBe(false);
	});

	it('lets only admins administer, and keys only ingest', () => {
		expect(usesSurface(PRINCIPALS.admin, 'admin')).toBe(true);
		expect(usesSurface(PRINCIPALS.inspectorNational, 'admin')).toBe(false);
		expect(usesSurface(PRINCIPALS.admin, 'ingest')).toBe(false);
		expect(usesSurface(PRINCIPALS.apiKey, 'ingest')).toBe(true);
		expect(usesSurface(PRINCIPALS.displayWard, 'export')).toBe(false);
	});
});

describe('roles and scopes', () => {
	it('ties each role to its kind of standing scope', () => {
		expect(roleScopeProblem('admin', national)).toBeNull();
		expect(roleScopeProblem('admin', province('40'))).not.toBeNull();
		expect(roleScopeProblem('inspector', national)).toBeNull();
		expect(roleScopeProblem('inspector', null)).toBeNull();
		expect(roleScopeProblem('inspector', ward('16681'))).not.toBeNull();
		expect(roleScopeProblem('province_leader', province('40'))).toBeNull();
		expect(roleScopeProblem('province_leader', ward('16681'))).not.toBeNull();
		expect(roleScopeProblem('ward_director', ward('16681'))).toBeNull();
		expect(roleScopeProblem('ward_director', null)).not.toBeNull();
	});

	it('counts an inspector’s grants only inside their window, and nobody else’s', () => {
		const grant = (
			scope: Scope,
			startsAt: number,
			expiresAt: number,
			revokedAt: number | null = null
		) => ({
			scope,
			startsAt,
			expiresAt,
			revokedAt
		});
		const grants = [
			grant(province('40'), 100, 200),
			grant(ward('14932'), 150, 300),
			grant(province('38'), 0, 1000, 120),
			grant(province('40'), 0, 1000)
		];
		const inspector = { role: 'inspector' as const, scope: null };
		expect(userScopes(inspector, grants, 50)).toEqual([province('40')]);
		expect(userScopes(inspector, grants, 160)).toEqual([province('40'), ward('14932')]);
		// The end is exclusive: at expiresAt the grant no longer counts.
		expect(userScopes(inspector, [grant(ward('16681'), 0, 200)], 200)).toEqual([]);
		expect(userScopes({ role: 'ward_director', scope: ward('16681') }, grants, 160)).toEqual([
			ward('16681')
		]);
	});

	it('starts each principal on its own page', () => {
		expect(homePathOf(PRINCIPALS.admin)).toBe('/');
		expect(homePathOf(PRINCIPALS.provinceLeader)).toBe('/province/40');
		expect(homePathOf(PRINCIPALS.displayWard)).toBe('/wall/ward/16681');
		expect(homePathOf(PRINCIPALS.inspectorExpired)).toBe('/');
	});

	it('reads the scope of a page path, leaving malformed codes to the page', () => {
		expect(scopeOfPagePath('/ward/16681')).toEqual(ward('16681'));
		expect(scopeOfPagePath('/province/40/anything')).toEqual(province('40'));
		expect(scopeOfPagePath('/wall/ward/16681')).toEqual(ward('16681'));
		expect(scopeOfPagePath('/wall/province/40/lists')).toEqual(province('40'));
		expect(scopeOfPagePath('/wall/revoked')).toBeNull();
		expect(scopeOfPagePath('/ward/abc')).toBeNull();
		expect(scopeOfPagePath('/ward/%E0%A4%A')).toBeNull();
		expect(scopeOfPagePath('/admin/users')).toBeNull();
		expect(scopeOfPagePath('/')).toBeNull();
	});
});
