import { adminAction, text } from '$lib/server/admin-actions';
import { requireAdmin } from '$lib/server/access';
import { services } from '$lib/server/services';
import { PROCESSING_TIME_UNITS } from '$lib/contracts/catalogue';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireAdmin(event);
	const { procedures, fields } = await services().admin.catalogue();
	const editing = event.url.searchParams.get('edit');
	return {
		procedures,
		fields,
		units: PROCESSING_TIME_UNITS,
		editing: procedures.find((p) => p.code === editing) ?? null
	};
};

export const actions: Actions = {
	save: (event) =>
		adminAction(event, async (form, actor, admin) => {
			const unit = text(form, 'unit');
			const time = text(form, 'time');
			const saved = await admin.saveProcedure(
				text(form, 'code'),
				{
					name: text(form, 'name'),
					field: text(form, 'field'),
					processingTime:
						unit === 'same_day'
							? { unit }
							: { unit, value: time === '' ? undefined : Number(time) },
					provisional: form.get('provisional') === 'on',
					note: text(form, 'note') || null
				},
				actor
			);
			return { saved: saved.code };
		})
};
