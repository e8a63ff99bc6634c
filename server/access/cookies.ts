/** The signed-in person's session: a random token whose SHA-256 keys a row of `sessions`. */
export const SESSION_COOKIE = 'mcl_session';
/** A wall display's token, stored by opening its display URL. */
export const DISPLAY_COOKIE = 'mcl_display';

/** Browsers cap a cookie's lifetime at 400 days; a display cookie is renewed whenever its page loads. */
export const DISPLAY_COOKIE_MAX_AGE_S = 400 * 86_400;

export interface CookieOptions {
	path: string;
	httpOnly: boolean;
	secure: boolean;
	sameSite: 'lax';
	maxAge: number;
}

/**
 * Options of the credential cookies: out of scripts' reach, sent on top-level navigations from other sites
 * but not on their form posts or fetches (Lax), only over HTTPS when the site is served over HTTPS.
 */
export function credentialCookie(secure: boolean, maxAgeSeconds: number): CookieOptions {
	return { path: '/', httpOnly: true, secure, sameSite: 'lax', maxAge: maxAgeSeconds };
}

/** Whether the site is served over HTTPS, as ORIGIN says (behind a proxy the process itself speaks HTTP). */
export function servedOverHttps(origin: string | undefined): boolean {
	return origin?.startsWith('https://') ?? false;
}

/** One cookie's value from a `Cookie` header (sockets' handshakes and the REST API read it themselves). */
export function cookieValue(header: string | undefined, name: string): string | undefined {
	if (!header) return undefined;
	for (const part of header.split(';')) {
		const eq = part.indexOf('=');
		if (eq < 0) continue;
		if (part.slice(0, eq).trim() !== name) continue;
		const raw = part.slice(eq + 1).trim();
		try {
			return decodeURIComponent(raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw);
		} catch {
			return undefined;
		}
	}
	return undefined;
}
