import { services } from '$lib/server/services';
import { provincesWithWardCounts } from '$lib/server/queries/provinces';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({
	provinces: await provincesWithWardCounts(services().db)
});
