import { adminAction, text } from '$lib/server/admin-actions';
import { requireAdmin } from '$lib/server/access';
import { services } from '$lib/server/services';
import { ROLES } from '../../../../server/access/policy';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const me = requireAdmin(event);
	return { users: await services().admin.listUsers(), roles: ROLES, me: me.id };
};

export const actions: Actions = {
	create: (event) =>
		adminAction(event, async (form, actor, admin) => {
			const { user, password } = await admin.createUser(
				{
					email: text(form, 'email'),
					name: text(form, 'name'),
					role: text(form, 'role'),
					scope: text(form, 'scope'),
					password: text(form, 'password') || null
				},
				actor
			);
			return { created: { email: user.email, password } };
		}),
	update: (event) =>
		adminAction(event, async (form, actor, admin) => {
			await admin.updateUser(
				text(form, 'id'),
				{ name: text(form, 'name'), role: text(form, 'role'), scope: text(form, 'scope') },
				actor
			);
			return { saved: true };
		}),
	disable: (event) =>
		adminAction(event, async (form, actor, admin) => {
			await admin.setUserDisabled(text(form, 'id'), true, actor);
			return { saved: true };
		}),
	enable: (event) =>
		adminAction(event, async (form, actor, admin) => {
			await admin.setUserDisabled(text(form, 'id'), false, actor);
			return { saved: true };
		}),
	password: (event) =>
		adminAction(event, async (form, actor, admin) => {
			const id = text(form, 'id');
			const password = await admin.resetPassword(id, actor);
			const user = (await admin.listUsers()).find((u) => u.id === id);
			return { created: { email: user?.email ?? id, password } };
		})
};
