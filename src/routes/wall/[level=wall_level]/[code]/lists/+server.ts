import { error, json } from '@sveltejs/kit';
import { WARD_CODE, PROVINCE_CODE } from '$lib/contracts/scope';
import { readWallLists } from '$lib/server/queries/wall-reads';
import type { RequestHandler } from './$types';

/**
 * The wall's lists and its scope's last stored event, read again by the screen every minute (the guard in
 * hooks.server.ts has checked the scope). Never cached: a list is true only at its instant.
 */
export const GET: RequestHandler = async ({ params }) => {
	const valid = (params.level === 'ward' ? WARD_CODE : PROVINCE_CODE).test(params.code);
	if (!valid) error(404, 'unknown unit');
	const lists = await readWallLists({ kind: params.level, code: params.code }, Date.now());
	return json(lists, { headers: { 'cache-control': 'no-store' } });
};
