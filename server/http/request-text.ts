import type { Context } from 'hono';

/** `\u0000` escaped in a JSON string (after an even number of backslashes, so `\\u0000` is plain text). */
const NUL_ESCAPE = /(?<!\\)(?:\\\\)*\\u0000/i;

/**
 * A request body as text, or why it is refused: bytes that are not UTF-8 (decoding them would silently store
 * U+FFFD in their place) or a U+0000 in a JSON string, which Postgres text cannot hold (it would fail the
 * transaction and be mistaken for an outage).
 */
export async function requestText(
	c: Context
): Promise<{ ok: true; text: string } | { ok: false; error: string }> {
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(await c.req.arrayBuffer());
	} catch {
		return { ok: false, error: 'the body is not valid UTF-8' };
	}
	if (NUL_ESCAPE.test(text)) return { ok: false, error: 'strings may not contain U+0000' };
	return { ok: true, text };
}
