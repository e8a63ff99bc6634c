import { services } from '$lib/server/services';
import type { LayoutServerLoad } from './$types';

/** The language, and who is signed in (name, role, whether they administer) with their forms' CSRF token. */
export const load: LayoutServerLoad = ({ locals }) => {
	const principal = locals.principal;
	const viewer = principal
		? {
				kind: principal.kind,
				name: principal.name,
				role: principal.kind === 'user' ? principal.role : null,
				admin: principal.kind === 'user' && principal.role === 'admin'
			}
		: null;
	const csrf = locals.sessionToken ? services().access.csrfToken(locals.sessionToken) : null;
	return { lang: locals.lang, viewer, csrf };
};
