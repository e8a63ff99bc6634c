import type { MiddlewareHandler } from 'hono';

/**
 * Headers every response carries (pages set their Content-Security-Policy through SvelteKit's `kit.csp`):
 * no MIME sniffing, no framing, no referrer leaking paths to other sites, and HSTS when the site is served over
 * HTTPS (ORIGIN is https://…): a browser then refuses plain HTTP to it for a year.
 */
export function securityHeaders(https: boolean): Record<string, string> {
	return {
		'X-Content-Type-Options': 'nosniff',
		'X-Frame-Options': 'DENY',
		'Referrer-Policy': 'strict-origin-when-cross-origin',
		'Cross-Origin-Opener-Policy': 'same-origin',
		'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
		...(https && { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' })
	};
}

/** The REST API serves data, never documents to render: nothing may load or frame it. */
export const API_CSP =
	"default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Hono middleware setting the security headers and the API's CSP on every API response. */
export function apiSecurityHeaders(https: boolean): MiddlewareHandler {
	const headers = { ...securityHeaders(https), 'Content-Security-Policy': API_CSP };
	return async (c, next) => {
		await next();
		for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
	};
}
