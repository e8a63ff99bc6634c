import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { formatScope, scopeSchema, type Scope } from '$lib/contracts/scope';
import { messages } from '$lib/i18n/messages';
import type { Actor } from '../../../server/access/input-error';
import { allows, usesSurface, type Principal } from '../../../server/access/policy';
import { services } from './services';

/**
 * Access control for SvelteKit loads, actions and endpoints. `hooks.server.ts` authenticates every request
 * (session cookie, else display cookie) into `locals.principal`; these helpers decide with the one policy of
 * `server/access/policy.ts`, the same as the REST API, Socket.IO and exports.
 *
 * Pages under `/province/<code>` and `/ward/<code>` are already checked by the hook for their path's scope; a
 * load that reads any other scope calls `requireScope` for it.
 */

type Event = Pick<RequestEvent, 'locals' | 'url'>;

/** Where to sign in, coming back to this page afterwards. */
export function loginPath(url: URL): string {
	const back = `${url.pathname}${url.search}`;
	return back === '/' ? '/login' : `/login?next=${encodeURIComponent(back)}`;
}

/** A `next` that is a path of this site (never `//other.site` or an absolute URL): no open redirect. */
export function safeNext(next: string | null | undefined): string | null {
	if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\'))
		return null;
	if (next.startsWith('/login') || next.startsWith('/logout')) return null;
	return next;
}

/** The signed-in person or wall display, or a redirect to the sign-in page. */
export function requireViewer(event: Event): Principal {
	const principal = event.locals.principal;
	if (!principal) redirect(303, loginPath(event.url));
	if (!usesSurface(principal, 'page')) error(403, messages(event.locals.lang).accessForbiddenScope);
	return principal;
}

const asScope = (scope: Scope | string): Scope =>
	typeof scope === 'string' ? scopeSchema.parse(scope) : scope;

/** Whether the viewer may see this scope's page (for links and optional parts; no throw). */
export function mayView(event: Event, scope: Scope | string): boolean {
	return allows(event.locals.principal, 'page', asScope(scope), (ward) =>
		services().reference.provinceOf(ward)
	);
}

/**
 * The check a load or endpoint makes before reading a scope: redirects an anonymous visitor to sign in (303),
 * answers 403 when the viewer's scopes do not cover it; returns the viewer.
 */
export function requireScope(event: Event, scope: Scope | string): Principal {
	const principal = requireViewer(event);
	const wanted = asScope(scope);
	if (!mayView(event, wanted))
		error(403, `${messages(event.locals.lang).accessForbiddenScope} (${formatScope(wanted)})`);
	return principal;
}

/** Administration pages: admins only (403 for everyone else signed in). */
export function requireAdmin(event: Event): Extract<Principal, { kind: 'user' }> {
	const principal = requireViewer(event);
	if (!usesSurface(principal, 'admin') || principal.kind !== 'user')
		error(403, messages(event.locals.lang).accessForbiddenAdmin);
	return principal;
}

/** Who is acting, for the audit log. */
export function actorOf(event: Pick<RequestEvent, 'locals' | 'getClientAddress'>): Actor {
	const principal = event.locals.principal;
	return {
		id: principal
			? `${principal.kind === 'user' ? 'user' : principal.kind}:${principal.id}`
			: 'anonymous',
		address: clientAddress(event)
	};
}

export function clientAddress(event: Pick<RequestEvent, 'getClientAddress'>): string | null {
	try {
		return event.getClientAddress();
	} catch {
		return null;
	}
}

/**
 * A posted form, or 415 when the platform cannot read it as one (SvelteKit lets `text/plain` through to form
 * actions, as an HTML form may send it, but `formData()` then throws: a 500), or 400 when a value holds U+0000.
 */
export async function formOf(event: Pick<RequestEvent, 'request' | 'locals'>): Promise<FormData> {
	let form: FormData;
	try {
		form = await event.request.formData();
	} catch {
		error(415, messages(event.locals.lang).formExpired);
	}
	// No one types U+0000, and Postgres text cannot hold it: a query with one fails (a 500) instead of refusing.
	for (const [, value] of form)
		if (typeof value === 'string' && value.includes('\u0000'))
			error(400, messages(event.locals.lang).formExpired);
	return form;
}

/**
 * The form of an action after its CSRF check: besides SvelteKit's Origin check, every form of a signed-in
 * person carries `_csrf`, a token derived from their session; a form without the right one is refused (403).
 */
export async function checkedForm(event: RequestEvent): Promise<FormData> {
	const form = await formOf(event);
	if (!services().access.checkCsrf(event.locals.sessionToken, form.get('_csrf')))
		error(403, messages(event.locals.lang).formExpired);
	return form;
}

/**
 * The check every export makes before producing anything: 303 to sign in when anonymous, 403 when the viewer
 * may not export this scope (people only, within their scopes; wall displays never). An allowed export is
 * written to the audit log with `what` (format, period, …).
 */
export async function requireExport(
	event: RequestEvent,
	scope: Scope | string,
	what: Record<string, unknown>
): Promise<Principal> {
	const principal = event.locals.principal;
	if (!principal) redirect(303, loginPath(event.url));
	const wanted = asScope(scope);
	if (!(await services().access.authorizeExport(principal, wanted, what, clientAddress(event))))
		error(403, `${messages(event.locals.lang).accessForbiddenExport} (${formatScope(wanted)})`);
	return principal;
}
