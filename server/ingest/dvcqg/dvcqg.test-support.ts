import finishedRequest from '../../../tests/fixtures/dvcqg/dong-bo-ho-so-finished.json';
import receivedRequest from '../../../tests/fixtures/dvcqg/dong-bo-ho-so-received.json';
import progressRequest from '../../../tests/fixtures/dvcqg/cap-nhat-tien-do.json';
import { dvcqgDossierSchema, type DvcqgDossier } from '../../../src/lib/contracts/dvcqg';
import { VN_CALENDAR_SEED } from '../../../src/lib/domain/calendar/vn-calendar-seed';
import { WorkingCalendar } from '../../../src/lib/domain/calendar/working-calendar';
import type { DossierEvent, DossierState } from '../../../src/lib/domain/dossier';
import { deriveDossierState, type LifecycleContext } from '../../../src/lib/domain/lifecycle';
import { createOfficerPseudonymiser } from './pseudonymise';
import type { TranslateContext } from './index';

/** Shared by the DVCQG ingest tests: the fixtures, a lifecycle context and a translation context. */

export { finishedRequest, progressRequest, receivedRequest };

export const CODE = '000.00.12.H40-261111-0007';
export const WARD = '16681';

/** The citizens' and officers' fake personal data in the fixtures: none of it may survive parsing. */
export const PERSONAL_DATA = [
	'Phạm Thị Quỳnh Mai',
	'Quỳnh Mai',
	'040190012345',
	'0912345678',
	'02383999111',
	'quynhmai.pham.fake@example.com',
	'DVCQG-7781203',
	'Lê Lợi',
	'Trần Văn Hùng',
	'Nguyễn Thị Hoa',
	'Lê Minh Tuấn',
	'motcua.nghean.example',
	'hợp đồng thuê',
	'VNeID'
];

/** Instants written out by hand from the fixture's Vietnam times (UTC+7). */
export const AT = {
	submitted: Date.parse('2026-11-10T13:45:12Z'), // 20261110204512
	received: Date.parse('2026-11-11T02:30:00Z'), // 20261111093000, a Wednesday
	supplementRequested: Date.parse('2026-11-11T08:00:00Z'), // 20261111150000
	supplementReturned: Date.parse('2026-11-12T01:30:00Z'), // 20261112083000
	dueAtReceipt: Date.parse('2026-11-16T02:30:00Z'), // 20261116093000: Wed 09:30 + 3 working days
	dueAfterSupplement: Date.parse('2026-11-17T01:30:00Z'), // 20261117083000: Thu 08:30 + 3 working days
	finished: Date.parse('2026-11-16T09:00:00Z') // 20261116160000
};

/** The first item of a fixture request, parsed. */
export function dossierOf(request: { data: unknown[] }): DvcqgDossier {
	return dvcqgDossierSchema.parse(request.data[0]);
}

/** A fixture item with some fields replaced, parsed. */
export function dossierWith(
	request: { data: unknown[] },
	changes: Record<string, unknown>
): DvcqgDossier {
	return dvcqgDossierSchema.parse({ ...(request.data[0] as object), ...changes });
}

/** The national calendar and a small catalogue (household business registration: 3 working days). */
export const lifecycle: LifecycleContext = {
	calendar: new WorkingCalendar(VN_CALENDAR_SEED),
	procedures: {
		'1.001612': { field: 'ho-kinh-doanh', processingTime: { value: 3, unit: 'working_days' } },
		'2.000815': { field: 'chung-thuc', processingTime: { value: null, unit: 'same_day' } }
	}
};

export const derive = (events: readonly DossierEvent[]): DossierState =>
	deriveDossierState(events, lifecycle);

export const pseudonymise = createOfficerPseudonymiser('unit-test-secret-0123456789');

/** Ward 16681 is the only known ward besides 16684; the fixture's unit id maps to it. */
export function translateContext(
	storedStates: ReadonlyMap<string, DossierState> = new Map(),
	extra: Partial<TranslateContext> = {}
): TranslateContext {
	return {
		isWardCode: (code) => code === WARD || code === '16684',
		unitWards: new Map([['000.00.12.H40', WARD]]),
		storedStates,
		pseudonymise,
		...extra
	};
}
