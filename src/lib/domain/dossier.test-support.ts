import { vnInstant, type Instant } from './calendar/vn-time';
import { WorkingCalendar } from './calendar/working-calendar';
import { VN_CALENDAR_SEED } from './calendar/vn-calendar-seed';
import type { DossierEvent, EventType } from './dossier';
import type { LifecycleContext } from './lifecycle';
import type { ProcedureRule } from './procedure-catalogue';

/** Test helpers shared by the domain's tests (excluded from coverage). */

/** The national calendar with default office hours. */
export const calendar = new WorkingCalendar(VN_CALENDAR_SEED);

/** `vn('2026-04-24 10:00')`: an instant read on a Vietnamese clock. */
export function vn(dateTime: string): Instant {
	const [date, clock] = dateTime.split(' ');
	return vnInstant(date as string, clock ?? '00:00');
}

/** A small catalogue: same-day certification, 3-working-day business registration, 10-day social allowance. */
export const procedures: Record<string, ProcedureRule> = {
	'2.000815': { field: 'chung-thuc', processingTime: { value: null, unit: 'same_day' } },
	'1.001612': { field: 'ho-kinh-doanh', processingTime: { value: 3, unit: 'working_days' } },
	'1.001776': { field: 'bao-tro-xa-hoi', processingTime: { value: 10, unit: 'working_days' } }
};

export const ctx: LifecycleContext = { procedures, calendar };

/** Builds the events of one dossier with generated ids: `dossierEvents('D1', [['received', '…', {...}], …])`. */
export function dossierEvents(
	dossier: string,
	steps: [EventType, string, Partial<DossierEvent>?][],
	ward = '16681'
): DossierEvent[] {
	return steps.map(([type, at, extra], index) => ({
		id: `${dossier}-${index}`,
		type,
		dossier,
		ward,
		at: vn(at),
		...extra
	}));
}
