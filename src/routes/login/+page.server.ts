import { fail, redirect } from '@sveltejs/kit';
import { clientAddress, formOf, safeNext } from '$lib/server/access';
import { services } from '$lib/server/services';
import { credentialCookie, SESSION_COOKIE } from '../../../server/access/cookies';
import { homePathOf } from '../../../server/access/policy';
import type { Actions, PageServerLoad } from './$types';

/** Signed-in people go straight on; the page says why it is shown (signed out, a display's token ended). */
export const load: PageServerLoad = ({ locals, url }) => {
	const next = safeNext(url.searchParams.get('next'));
	if (locals.principal?.kind === 'user') redirect(303, next ?? homePathOf(locals.principal));
	return {
		next,
		notice: url.searchParams.has('signedOut')
			? ('signedOut' as const)
			: url.searchParams.get('display') === 'revoked'
				? ('displayRevoked' as const)
				: next
					? ('needed' as const)
					: null
	};
};

export const actions: Actions = {
	/**
	 * Signs in: a new session token in an httpOnly, SameSite=Lax cookie (Secure over HTTPS), replacing any
	 * session the browser had. SvelteKit's Origin check has already refused a post from another site.
	 */
	default: async (event) => {
		const form = await formOf(event);
		const email = String(form.get('email') ?? '').slice(0, 254);
		const password = String(form.get('password') ?? '');
		const next = safeNext(String(form.get('next') ?? ''));
		const { access } = services();
		const result = await access.login(email, password, {
			address: clientAddress(event) ?? 'unknown',
			previousSession: event.cookies.get(SESSION_COOKIE)
		});
		if (!result.ok) {
			if (result.reason === 'throttled')
				return fail(429, {
					email,
					error: 'throttled' as const,
					retryAfterMinutes: Math.ceil(result.retryAfterS / 60)
				});
			return fail(400, { email, error: 'invalid' as const, retryAfterMinutes: 0 });
		}
		event.cookies.set(
			SESSION_COOKIE,
			result.token,
			credentialCookie(access.cookieSecure, Math.floor(access.sessionTtlMs / 1000))
		);
		redirect(303, next ?? homePathOf(result.principal));
	}
};
