import type { ParamMatcher } from '@sveltejs/kit';

/** A wall shows a ward or a province (the nation has its own page, no wall). */
export const match = ((param: string): param is 'ward' | 'province' =>
	param === 'ward' || param === 'province') satisfies ParamMatcher;
