import { error, redirect, type Handle } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { isLang, messages, type Lang } from '$lib/i18n/messages';
import { loginPath } from '$lib/server/access';
import { services } from '$lib/server/services';
import {
	credentialCookie,
	DISPLAY_COOKIE,
	DISPLAY_COOKIE_MAX_AGE_S,
	SESSION_COOKIE
} from '../server/access/cookies';
import { allows, scopeOfPagePath } from '../server/access/policy';
import { securityHeaders } from '../server/http/security-headers';

const LANG_COOKIE = 'lang';
const ONE_YEAR = 60 * 60 * 24 * 365;

/** Vietnamese unless the reader switched: `?lang=en` sets the choice, a cookie remembers it. */
const language: Handle = async ({ event, resolve }) => {
	const asked = event.url.searchParams.get('lang');
	let lang: Lang = 'vi';
	if (isLang(asked)) {
		lang = asked;
		event.cookies.set(LANG_COOKIE, asked, {
			path: '/',
			maxAge: ONE_YEAR,
			httpOnly: false,
			sameSite: 'lax'
		});
	} else {
		const remembered = event.cookies.get(LANG_COOKIE);
		if (isLang(remembered)) lang = remembered;
	}
	event.locals.lang = lang;
	return resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', lang) });
};

/**
 * Pages anyone may open: signing in and out, a display's token exchange and the plain page a revoked display
 * shows, the public API description.
 */
const PUBLIC_PATHS = [
	/^\/login\/?$/,
	/^\/logout\/?$/,
	/^\/display\/[^/]+\/?$/,
	/^\/wall\/revoked\/?$/,
	/^\/api-docs\/?$/
];

/** A revoked display on a wall says so plainly: an unattended screen must never show a sign-in form. */
const endedDisplayPath = (path: string) =>
	/^\/wall(\/|$)/.test(path) ? '/wall/revoked' : '/login?display=revoked';

/**
 * Who is asking, for every page, action and endpoint: the session cookie (a person), else the display cookie
 * (a wall display). Then the guard: anonymous visitors are sent to sign in (with a way back), a scope page is
 * refused (403) to a viewer whose scopes do not cover it, and /admin to anyone but admins.
 */
const access: Handle = async ({ event, resolve }) => {
	const { access } = services();
	const session = event.cookies.get(SESSION_COOKIE);
	const display = event.cookies.get(DISPLAY_COOKIE);
	const found = session || display ? await access.authenticate({ session, display }) : null;
	event.locals.principal = found?.principal ?? null;
	event.locals.sessionToken = found?.credential.kind === 'session' ? session : undefined;
	// Cookies that no longer open anything are dropped; a display's is renewed (browsers cap it at 400 days).
	if (session && found?.credential.kind !== 'session')
		event.cookies.delete(SESSION_COOKIE, { path: '/' });
	if (display && found?.credential.kind === 'display')
		event.cookies.set(
			DISPLAY_COOKIE,
			display,
			credentialCookie(access.cookieSecure, DISPLAY_COOKIE_MAX_AGE_S)
		);
	const displayEnded = Boolean(display) && !found && !session;
	if (displayEnded) event.cookies.delete(DISPLAY_COOKIE, { path: '/' });

	const path = event.url.pathname;
	if (!PUBLIC_PATHS.some((pattern) => pattern.test(path))) {
		const principal = event.locals.principal;
		if (!principal) redirect(303, displayEnded ? endedDisplayPath(path) : loginPath(event.url));
		const t = messages(event.locals.lang ?? 'vi');
		const scope = scopeOfPagePath(path);
		const provinceOf = (ward: string) => services().reference.provinceOf(ward);
		if (scope && !allows(principal, 'page', scope, provinceOf)) error(403, t.accessForbiddenScope);
		if (
			/^\/admin(\/|$)/.test(path) &&
			!allows(principal, 'admin', { kind: 'national' }, provinceOf)
		)
			error(403, t.accessForbiddenAdmin);
	}

	const response = await resolve(event);
	try {
		for (const [name, value] of Object.entries(securityHeaders(access.cookieSecure)))
			response.headers.set(name, value);
		// Pages show figures of a scope to whoever is signed in: no shared cache may keep them.
		if (event.locals.principal && !response.headers.has('cache-control'))
			response.headers.set('cache-control', 'private, no-store');
	} catch {
		// A response with immutable headers (a proxied fetch) keeps its own.
	}
	return response;
};

export const handle: Handle = sequence(language, access);
