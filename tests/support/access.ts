import { io } from 'socket.io-client';
import { LIVE_NAMESPACE, SOCKET_PATH } from '../../src/lib/contracts/socket-events';
import type { LiveSocket } from '../../src/lib/realtime/live-client';

/**
 * Signs in through the real sign-in form (as a browser posts it: same Origin, asking for HTML) and returns the
 * session cookie as a `Cookie` header value, or the response when the sign-in was refused.
 */
export async function signIn(
	base: string,
	email: string,
	password: string
): Promise<{ cookie: string | null; response: Response }> {
	const response = await fetch(`${base}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: base,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({ email, password, next: '' })
	});
	const set = response.headers.getSetCookie().find((c) => c.startsWith('mcl_session='));
	return { cookie: set ? set.split(';')[0] : null, response };
}

/** A `/live` socket as a browser (cookie and Origin) or a script (auth.token) opens it; resolves once decided. */
export function openLive(
	base: string,
	credentials: { cookie?: string; token?: string }
): Promise<{ socket: LiveSocket; connected: boolean; error?: string }> {
	const socket: LiveSocket = io(new URL(LIVE_NAMESPACE, base).toString(), {
		path: SOCKET_PATH,
		transports: ['websocket'],
		forceNew: true,
		reconnection: false,
		auth: credentials.token ? { token: credentials.token } : {},
		extraHeaders: credentials.cookie
			? { cookie: credentials.cookie, origin: base }
			: { origin: base }
	});
	return new Promise((resolve) => {
		socket.once('connect', () => resolve({ socket, connected: true }));
		socket.once('connect_error', (error) =>
			resolve({ socket, connected: false, error: error.message })
		);
	});
}

/** Form fields with the page's CSRF token, posted to a form action as a browser does. */
export async function postForm(
	base: string,
	path: string,
	cookie: string,
	fields: Record<string, string>
): Promise<Response> {
	return fetch(`${base}${path}`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			cookie,
			origin: base,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams(fields)
	});
}

/** The CSRF token the pages render into a signed-in person's forms. */
export async function csrfOf(base: string, cookie: string, path = '/logout'): Promise<string> {
	const html = await (await fetch(`${base}${path}`, { headers: { cookie } })).text();
	const match = /name="_csrf" value="([0-9a-f]+)"/.exec(html);
	if (!match) throw new Error(`no CSRF token on ${path}`);
	return match[1];
}
