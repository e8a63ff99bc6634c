import { readFileSync } from 'node:fs';
import { VN_CALENDAR_SEED } from '../../src/lib/domain/calendar/vn-calendar-seed';
import { vnInstant, type Instant } from '../../src/lib/domain/calendar/vn-time';
import { WorkingCalendar } from '../../src/lib/domain/calendar/working-calendar';
import type { DossierEvent, DossierState } from '../../src/lib/domain/dossier';
import { deriveDossierState } from '../../src/lib/domain/lifecycle';
import { simulate, type SimulationOptions } from './generator';
import type { ScenarioSpec } from './scenarios';
import { SEED_CATALOGUE } from './seed-catalogue';
import { wardProfiles, type AdminUnit, type SimulatedWard } from './wards';

/** Helpers shared by the simulator's tests. */

export const calendar = new WorkingCalendar(VN_CALENDAR_SEED);

/** Nghệ An's 130 wards as the bundled administrative list has them. */
export const NGHE_AN: AdminUnit[] = (
	JSON.parse(readFileSync(new URL('../db/seed/vn-admin-units.json', import.meta.url), 'utf8')) as {
		wards: AdminUnit[];
	}
).wards
	.filter((w) => w.provinceCode === '40')
	.map(({ code, name, kind, provinceCode }) => ({ code, name, kind, provinceCode }));

export const THANH_VINH_CODE = '16681';
export const thanhVinh: SimulatedWard = wardProfiles(
	NGHE_AN.filter((w) => w.code === THANH_VINH_CODE)
)[0];

export function options(
	overrides: Partial<SimulationOptions> & { until?: Instant } = {}
): SimulationOptions & { until?: Instant } {
	return {
		seed: 'test',
		wards: [thanhVinh],
		from: vnInstant('2025-07-01'),
		calendar,
		procedures: SEED_CATALOGUE,
		...overrides
	};
}

/** Every event of a finite run, grouped by dossier. */
export function runByDossier(
	opts: SimulationOptions & { until: Instant }
): Map<string, DossierEvent[]> {
	const byDossier = new Map<string, DossierEvent[]>();
	for (const event of simulate(opts)) {
		const list = byDossier.get(event.dossier);
		if (list) list.push(event);
		else byDossier.set(event.dossier, [event]);
	}
	return byDossier;
}

/** The derived states of a finite run, with the seeded catalogue the simulator used. */
export function runStates(
	opts: SimulationOptions & { until: Instant },
	scenarios: ScenarioSpec[] = []
): DossierState[] {
	return [...runByDossier({ ...opts, scenarios }).values()].map((events) =>
		deriveDossierState(events, { procedures: SEED_CATALOGUE, calendar })
	);
}
