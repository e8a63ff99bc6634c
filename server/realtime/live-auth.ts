import type { Scope } from '../../src/lib/contracts/scope';
import type { AccessService, Authenticated } from '../access/access-service';
import { cookieValue, DISPLAY_COOKIE, SESSION_COOKIE } from '../access/cookies';
import { allows, type Principal } from '../access/policy';
import type { Config } from '../config';

export interface LiveHandshake {
	auth: unknown;
	/** The request's Origin header: browsers send one, scripts and displays' own clients usually do not. */
	origin: string | undefined;
	/** The Cookie header: a browser's session or display cookie. */
	cookie: string | undefined;
}

/**
 * Whether anonymous browsers may watch the nation and provinces (never wards): LIVE_PUBLIC_READ, off unless
 * set. People sign in now, so the embedded demo no longer opens its figures to anyone by default.
 */
export function publicReadAllowed(config: Config): boolean {
	return config.LIVE_PUBLIC_READ === 'on';
}

/**
 * The handshake's principal, or null (refused): `auth.token` with an API key, a display token or LIVE_TOKEN
 * (national); else a browser's session cookie or display cookie; else, for a browser (it sent an Origin, already
 * checked by `allowRequest`) when public read is on, the anonymous public reader.
 */
export async function authenticateLive(
	handshake: LiveHandshake,
	deps: { access: Pick<AccessService, 'authenticate'>; config: Config }
): Promise<Authenticated | null> {
	const auth = handshake.auth as { token?: unknown } | undefined;
	const token = typeof auth?.token === 'string' && auth.token !== '' ? auth.token : undefined;
	const found = await deps.access.authenticate(
		{
			token,
			session: cookieValue(handshake.cookie, SESSION_COOKIE),
			display: cookieValue(handshake.cookie, DISPLAY_COOKIE)
		},
		{ liveToken: true }
	);
	if (found || token !== undefined) return found;
	if (handshake.origin !== undefined && publicReadAllowed(deps.config))
		return {
			principal: { kind: 'public', id: 'public', name: 'public', scopes: [{ kind: 'national' }] },
			credential: { kind: 'public' }
		};
	return null;
}

/** May this principal watch this scope? The one policy decides (anonymous readers never see a ward). */
export function mayWatch(
	principal: Principal,
	scope: Scope,
	provinceOf: (ward: string) => string | undefined
): boolean {
	return allows(principal, 'live', scope, provinceOf);
}
