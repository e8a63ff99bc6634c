import { parseInputDate } from '$lib/i18n/date-input';
import { adminAction, text } from '$lib/server/admin-actions';
import { requireAdmin } from '$lib/server/access';
import { services } from '$lib/server/services';
import { vnDateOf } from '$lib/domain/calendar/vn-time';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireAdmin(event);
	const thisYear = Number(vnDateOf(Date.now()).slice(0, 4));
	const asked = Number(event.url.searchParams.get('year'));
	const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : thisYear;
	const days = await services().admin.calendar(year);
	const editing = event.url.searchParams.get('edit');
	return {
		year,
		years: [thisYear - 1, thisYear, thisYear + 1, thisYear + 2],
		days,
		editing: days.find((d) => d.date === editing) ?? null
	};
};

export const actions: Actions = {
	save: (event) =>
		adminAction(event, async (form, actor, admin) => {
			const saved = await admin.saveCalendarDay(
				{
					// Typed day/month/year; anything else goes on as typed, for the check to name.
					date: parseInputDate(text(form, 'date')) ?? text(form, 'date'),
					kind: text(form, 'kind'),
					name: text(form, 'name'),
					provisional: form.get('provisional') === 'on'
				},
				actor
			);
			return { saved: saved.date };
		}),
	remove: (event) =>
		adminAction(event, async (form, actor, admin) => {
			await admin.deleteCalendarDay(text(form, 'date'), actor);
			return { saved: text(form, 'date') };
		})
};
