import type { Handle } from '@sveltejs/kit';
import { isLang, type Lang } from '$lib/i18n/messages';

const LANG_COOKIE = 'lang';
const ONE_YEAR = 60 * 60 * 24 * 365;

/** Vietnamese unless the reader switched: `?lang=en` sets the choice, a cookie remembers it. */
export const handle: Handle = async ({ event, resolve }) => {
	const asked = event.url.searchParams.get('lang');
	let lang: Lang = 'vi';
	if (isLang(asked)) {
		lang = asked;
		event.cookies.set(LANG_COOKIE, asked, {
			path: '/',
			maxAge: ONE_YEAR,
			httpOnly: false,
			sameSite: 'lax'
		});
	} else {
		const remembered = event.cookies.get(LANG_COOKIE);
		if (isLang(remembered)) lang = remembered;
	}
	event.locals.lang = lang;
	return resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', lang) });
};
