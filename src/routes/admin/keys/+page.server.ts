import { adminAction, text } from '$lib/server/admin-actions';
import { requireAdmin } from '$lib/server/access';
import { services } from '$lib/server/services';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireAdmin(event);
	return { keys: await services().admin.listApiKeys() };
};

export const actions: Actions = {
	create: (event) =>
		adminAction(event, async (form, actor, admin) => {
			const name = text(form, 'name');
			const created = await admin.createApiKey({ name, scope: text(form, 'scope') }, actor);
			return { created: { name, key: created.key } };
		}),
	revoke: (event) =>
		adminAction(event, async (form, actor, admin) => {
			await admin.revokeApiKey(text(form, 'id'), actor);
			return { saved: true };
		})
};
