import { adminAction, text, vnDateTime, vnLocalInput } from '$lib/server/admin-actions';
import { requireAdmin } from '$lib/server/access';
import { services } from '$lib/server/services';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireAdmin(event);
	const { admin } = services();
	const [grants, users] = await Promise.all([admin.listGrants(), admin.listUsers()]);
	const now = Date.now();
	return {
		now,
		grants,
		inspectors: users
			.filter((u) => u.role === 'inspector' && !u.disabledAt)
			.map((u) => ({ id: u.id, email: u.email, name: u.displayName })),
		defaults: { from: vnLocalInput(now), until: vnLocalInput(now + 7 * 86_400_000) }
	};
};

export const actions: Actions = {
	create: (event) =>
		adminAction(event, async (form, actor, admin) => {
			await admin.createGrant(
				{
					userId: text(form, 'userId'),
					scope: text(form, 'scope'),
					startsAt: vnDateTime(text(form, 'startsAt'), 'startsAt'),
					expiresAt: vnDateTime(text(form, 'expiresAt'), 'expiresAt'),
					reason: text(form, 'reason')
				},
				actor
			);
			return { saved: true };
		}),
	revoke: (event) =>
		adminAction(event, async (form, actor, admin) => {
			await admin.revokeGrant(text(form, 'id'), actor);
			return { saved: true };
		})
};
