import type { Context } from 'hono';
import type { Credentials } from '../access/access-service';
import { cookieValue, DISPLAY_COOKIE, SESSION_COOKIE } from '../access/cookies';

/** The token of an `Authorization: Bearer <token>` header, if any. */
export function bearerToken(c: Context): string | undefined {
	const header = c.req.header('authorization');
	const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
	return match?.[1];
}

/** A request's credentials: the bearer token, else the session or display cookie a browser sends. */
export function credentialsOf(c: Context): Credentials {
	const cookie = c.req.header('cookie');
	return {
		token: bearerToken(c),
		session: cookieValue(cookie, SESSION_COOKIE),
		display: cookieValue(cookie, DISPLAY_COOKIE)
	};
}
