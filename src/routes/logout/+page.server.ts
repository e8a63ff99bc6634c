import { redirect } from '@sveltejs/kit';
import { checkedForm, clientAddress } from '$lib/server/access';
import { services } from '$lib/server/services';
import { SESSION_COOKIE } from '../../../server/access/cookies';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => ({
	name: locals.principal?.kind === 'user' ? locals.principal.name : null
});

export const actions: Actions = {
	/** Signs out: the session row is deleted, so the cookie opens nothing any more, in any process. */
	default: async (event) => {
		if (event.locals.sessionToken) {
			await checkedForm(event);
			await services().access.logout(event.locals.sessionToken, clientAddress(event));
		}
		event.cookies.delete(SESSION_COOKIE, { path: '/' });
		redirect(303, '/login?signedOut');
	}
};
