import { redirect } from '@sveltejs/kit';
import { services } from '$lib/server/services';
import {
	credentialCookie,
	DISPLAY_COOKIE,
	DISPLAY_COOKIE_MAX_AGE_S
} from '../../../../server/access/cookies';
import { homePathOf } from '../../../../server/access/policy';
import type { RequestHandler } from './$types';

/**
 * A wall display's URL (`npm run cli -- display create`): keeps the token in an httpOnly cookie, so neither
 * the page's scripts nor its later URLs carry it, and shows the wall of the display's scope. A revoked or
 * unknown token leads to a plain page that says so (a screen must never show a sign-in form).
 */
export const GET: RequestHandler = async ({ params, cookies }) => {
	const { access } = services();
	const found = await access.authenticate({ token: params.token });
	if (!found || found.principal.kind !== 'display') redirect(303, '/wall/revoked');
	cookies.set(
		DISPLAY_COOKIE,
		params.token,
		credentialCookie(access.cookieSecure, DISPLAY_COOKIE_MAX_AGE_S)
	);
	redirect(303, homePathOf(found.principal));
};
