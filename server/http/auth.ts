import type { Context } from 'hono';

/** The token of an `Authorization: Bearer <token>` header, if any. */
export function bearerToken(c: Context): string | undefined {
	const header = c.req.header('authorization');
	const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
	return match?.[1];
}
