import { error, redirect } from '@sveltejs/kit';
import { messages } from '$lib/i18n/messages';
import { mayView, requireViewer } from '$lib/server/access';
import { services } from '$lib/server/services';
import { provincesWithWardCounts } from '$lib/server/queries/provinces';
import { homePathOf } from '../../server/access/policy';
import type { PageServerLoad } from './$types';

/** The nation, for those who may see it; everyone else starts on their own scope's page. */
export const load: PageServerLoad = async (event) => {
	const viewer = requireViewer(event);
	if (!mayView(event, 'national')) {
		if (viewer.scopes.length === 0) error(403, messages(event.locals.lang).accessNoScope);
		redirect(303, homePathOf(viewer));
	}
	return { provinces: await provincesWithWardCounts(services().db) };
};
