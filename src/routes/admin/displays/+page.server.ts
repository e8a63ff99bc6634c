import { adminAction, text } from '$lib/server/admin-actions';
import { requireAdmin } from '$lib/server/access';
import { services } from '$lib/server/services';
import { displayUrl } from '../../../../server/access/display-tokens';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireAdmin(event);
	return { displays: await services().admin.listDisplayTokens() };
};

export const actions: Actions = {
	create: (event) =>
		adminAction(event, async (form, actor, admin) => {
			const created = await admin.createDisplayToken(
				{ name: text(form, 'name'), scope: text(form, 'scope') },
				actor
			);
			return { created: { name: created.name, url: displayUrl(event.url.origin, created.token) } };
		}),
	revoke: (event) =>
		adminAction(event, async (form, actor, admin) => {
			await admin.revokeDisplayToken(text(form, 'id'), actor);
			return { saved: true };
		})
};
