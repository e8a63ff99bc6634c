import { createHash, timingSafeEqual } from 'node:crypto';
import type { Scope } from '../../src/lib/contracts/scope';
import type { ApiKeyRegistry } from '../access/api-keys';
import type { Config } from '../config';
import { scopeCoversScope } from '../access/scope';

/**
 * Who a `/live` socket is and what it may watch. Until access control (issue #8) brings sessions and display
 * tokens, `authenticateLive` is the one seam: #8 replaces its body, and `mayWatch` keeps deciding subscriptions.
 */
export interface LiveGrant {
	/** `api_key`: a connector key; `live_token`: the configured LIVE_TOKEN; `public`: an anonymous browser. */
	kind: 'api_key' | 'live_token' | 'public';
	id: string;
	scope: Scope;
}

export interface LiveHandshake {
	auth: unknown;
	/** The request's Origin header: browsers send one, scripts and displays' own clients usually do not. */
	origin: string | undefined;
}

/**
 * Whether anonymous browsers may watch the nation and provinces (never wards): LIVE_PUBLIC_READ, by default on
 * only for the embedded demo (no DATABASE_URL) until people can sign in.
 */
export function publicReadAllowed(config: Config): boolean {
	return (config.LIVE_PUBLIC_READ ?? (config.DATABASE_URL ? 'off' : 'on')) === 'on';
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Constant-time comparison of a presented token with the configured one. */
function isLiveToken(token: string, configured: string | undefined): boolean {
	return configured !== undefined && timingSafeEqual(digest(token), digest(configured));
}

/**
 * The handshake's grant, or null (refused): `auth.token` with an API key (its scope) or LIVE_TOKEN (national);
 * without a token, a browser (it sent an Origin, already checked by `allowRequest`) when public read is on.
 */
export async function authenticateLive(
	handshake: LiveHandshake,
	deps: { keys: ApiKeyRegistry; config: Config }
): Promise<LiveGrant | null> {
	const auth = handshake.auth as { token?: unknown } | undefined;
	const token = typeof auth?.token === 'string' && auth.token !== '' ? auth.token : undefined;
	if (token !== undefined) {
		if (isLiveToken(token, deps.config.LIVE_TOKEN))
			return { kind: 'live_token', id: 'live_token', scope: { kind: 'national' } };
		const key = await deps.keys.authenticate(token);
		return key ? { kind: 'api_key', id: key.id, scope: key.scope } : null;
	}
	if (handshake.origin !== undefined && publicReadAllowed(deps.config))
		return { kind: 'public', id: 'public', scope: { kind: 'national' } };
	return null;
}

/** May this grant watch this scope? Anonymous browsers see the nation and provinces, never a single ward. */
export function mayWatch(
	grant: LiveGrant,
	scope: Scope,
	provinceOf: (ward: string) => string | undefined
): boolean {
	if (grant.kind === 'public' && scope.kind === 'ward') return false;
	return scopeCoversScope(grant.scope, scope, provinceOf);
}
