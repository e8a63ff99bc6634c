import { formatScope, scopeSchema, type Scope } from '../../src/lib/contracts/scope';
import { scopeCoversScope } from './scope';

/** What a person may do is said by a role, and where by their scopes. */
export const ROLES = ['admin', 'inspector', 'province_leader', 'ward_director'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Where access is asked for: the pages, REST reads, REST ingest, a `/live` subscription, an export, the
 * administration pages.
 */
export type Surface = 'page' | 'read' | 'ingest' | 'live' | 'export' | 'admin';

/**
 * Who is asking, once their credential has been checked: a signed-in person (`user`), a wall display's token,
 * a connector's API key, the configured LIVE_TOKEN, or an anonymous browser let in by LIVE_PUBLIC_READ.
 * `scopes` are what they may see right now (an inspector's current grants included); plain data, so it can
 * travel with a socket's recovered state.
 */
export type Principal =
	| { kind: 'user'; id: string; name: string; email: string; role: Role; scopes: Scope[] }
	| { kind: 'display'; id: string; name: string; scopes: Scope[] }
	| { kind: 'api_key'; id: string; name: string; scopes: Scope[] }
	| { kind: 'live_token'; id: 'live_token'; name: string; scopes: Scope[] }
	| { kind: 'public'; id: 'public'; name: string; scopes: Scope[] };

export type PrincipalKind = Principal['kind'];

/**
 * The surfaces each kind of principal may use at all (its scopes then bound where): people read pages, REST,
 * live figures and exports; a wall display is read-only and exports nothing; a connector key ingests and reads
 * by machine, never pages; LIVE_TOKEN and anonymous browsers only watch live figures. Only admins administer.
 */
const SURFACES: Record<PrincipalKind, readonly Surface[]> = {
	user: ['page', 'read', 'live', 'export'],
	display: ['page', 'read', 'live'],
	api_key: ['read', 'ingest', 'live'],
	live_token: ['live'],
	public: ['live']
};

export function usesSurface(principal: Principal, surface: Surface): boolean {
	if (surface === 'admin') return principal.kind === 'user' && principal.role === 'admin';
	return SURFACES[principal.kind].includes(surface);
}

/**
 * The access decision, the same for every surface: the principal must use the surface at all, and one of its
 * scopes must cover the requested scope (`scopeCoversScope`, the one scope check). Anonymous browsers never
 * see a single ward. No principal, no access.
 */
export function allows(
	principal: Principal | null | undefined,
	surface: Surface,
	target: Scope,
	provinceOf: (ward: string) => string | undefined
): boolean {
	if (!principal || !usesSurface(principal, surface)) return false;
	if (principal.kind === 'public' && target.kind === 'ward') return false;
	return principal.scopes.some((scope) => scopeCoversScope(scope, target, provinceOf));
}

/** The scopes a role's standing scope may be: an inspector's is the nation or none (grants only). */
export function roleScopeProblem(role: Role, scope: Scope | null): string | null {
	switch (role) {
		case 'admin':
			return scope?.kind === 'national' ? null : 'an admin’s scope is national';
		case 'inspector':
			return scope === null || scope.kind === 'national'
				? null
				: 'an inspector’s standing scope is national or none (then only their grants count)';
		case 'province_leader':
			return scope?.kind === 'province' ? null : 'a province leader’s scope is province:<code>';
		case 'ward_director':
			return scope?.kind === 'ward' ? null : 'a ward director’s scope is ward:<code>';
	}
}

/** Only inspectors (delegations) receive time-boxed grants; everyone else has one standing scope. */
export function mayHoldGrants(role: Role): boolean {
	return role === 'inspector';
}

/**
 * A person's scopes at an instant: the standing scope, plus (for an inspector) each grant whose window holds
 * the instant. An expired grant needs no job to stop counting.
 */
export function userScopes(
	user: { role: Role; scope: Scope | null },
	grants: readonly {
		scope: Scope;
		startsAt: number;
		expiresAt: number;
		revokedAt: number | null;
	}[],
	now: number
): Scope[] {
	const scopes: Scope[] = user.scope ? [user.scope] : [];
	if (!mayHoldGrants(user.role)) return scopes;
	const seen = new Set(scopes.map(formatScope));
	for (const grant of grants) {
		if (grant.revokedAt !== null || grant.startsAt > now || grant.expiresAt <= now) continue;
		const id = formatScope(grant.scope);
		if (!seen.has(id)) scopes.push(grant.scope);
		seen.add(id);
	}
	return scopes;
}

/**
 * The page a principal starts on: a wall display's wall (`/wall/ward/<code>`), else the nation when it may see
 * it, else its first scope's page.
 */
export function homePathOf(principal: Principal): string {
	const first = principal.scopes[0];
	if (principal.kind === 'display' && first && first.kind !== 'national')
		return `/wall/${first.kind}/${first.code}`;
	if (!first || first.kind === 'national' || principal.scopes.some((s) => s.kind === 'national'))
		return '/';
	return `/${first.kind}/${first.code}`;
}

/**
 * The scope a page path is about, which the request guard checks before any load runs: `/province/<code>…`,
 * `/ward/<code>…` and their walls `/wall/province/<code>…`, `/wall/ward/<code>…`; null for other pages (and for
 * malformed codes, which the page answers with a 404).
 */
export function scopeOfPagePath(pathname: string): Scope | null {
	const match = /^\/(?:wall\/)?(province|ward)\/([^/]+)/.exec(pathname);
	if (!match) return null;
	let code: string;
	try {
		code = decodeURIComponent(match[2]);
	} catch {
		return null;
	}
	const scope = scopeSchema.safeParse(`${match[1]}:${code}`);
	return scope.success ? scope.data : null;
}
