import { fail, type RequestEvent } from '@sveltejs/kit';
import { InputError, isInputError, type Actor } from '../../../server/access/input-error';
import type { AdminService } from '../../../server/admin/admin-service';
import { actorOf, checkedForm, requireAdmin } from './access';
import { services } from './services';

/** What a refused administration form answers: the field and why; nothing was changed. */
export interface AdminFailure {
	error: { field: string; message: string };
}

/**
 * Runs an administration form action: admins only, the form's CSRF token checked, the change made by
 * `AdminService` (which audits it with the actor and their address); a refused input becomes a 400 naming the
 * field.
 */
export async function adminAction<T>(
	event: RequestEvent,
	run: (form: FormData, actor: Actor, admin: AdminService) => Promise<T>
) {
	requireAdmin(event);
	const form = await checkedForm(event);
	try {
		return await run(form, actorOf(event), services().admin);
	} catch (error) {
		if (isInputError(error))
			return fail(400, {
				error: { field: error.field, message: error.message }
			} satisfies AdminFailure);
		throw error;
	}
}

/** A form field as text ('' when absent). */
export const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

/** A `datetime-local` value read as Vietnam time (UTC+7, the product's only zone). */
export function vnDateTime(value: string, field: string): Date {
	if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value))
		throw new InputError(field, 'must be a date and time');
	return new Date(`${value}:00+07:00`);
}

/** An instant as a `datetime-local` value in Vietnam time. */
export function vnLocalInput(instant: number): string {
	return new Date(instant + 7 * 3_600_000).toISOString().slice(0, 16);
}
