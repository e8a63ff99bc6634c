import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** The one error shape of the REST API: `{error: {code, message, details}}` with the right status. */
export function apiError(
	c: Context,
	status: ContentfulStatusCode,
	code: string,
	message: string,
	details?: unknown
) {
	return c.json(
		{ error: { code, message, ...(details === undefined ? {} : { details }) } },
		status
	);
}
