import { eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import {
	addDays,
	startOfVnDay,
	vnDateOf,
	type Instant
} from '../../src/lib/domain/calendar/vn-time';
import type { DossierEvent } from '../../src/lib/domain/dossier';
import type { Database } from '../db/client';
import { wards } from '../db/schema';
import type { ReferenceData } from '../reference/reference-data';
import { simulate } from '../simulator/generator';
import { SCENARIOS, type ScenarioName, type ScenarioSpec } from '../simulator/scenarios';
import { wardProfiles, type SimulatedWard } from '../simulator/wards';

/** Everything that fixes a simulated stream: the same plan always gives the same events. */
export const simulationPlanSchema = z.object({
	seed: z.string().min(1).max(64),
	/** The simulated wards (a province's, or a chosen few). */
	wards: z.array(z.string().regex(/^\d{5}$/)).min(1),
	from: z.number().int(),
	rateMultiplier: z.number().positive().max(1_000).default(1),
	scenarios: z
		.array(
			z.object({
				name: z.enum(Object.keys(SCENARIOS) as [ScenarioName, ...ScenarioName[]]),
				ward: z.string().regex(/^\d{5}$/),
				from: z.number().int(),
				until: z.number().int().optional()
			})
		)
		.default([])
});
export type SimulationPlan = z.infer<typeof simulationPlanSchema>;

/** The wards of a province, or the given ones, checked against the administrative map. */
export async function wardsToSimulate(
	db: Database,
	selection: { province?: string; wards?: string[] }
): Promise<string[]> {
	if (selection.wards?.length) return selection.wards;
	const rows = await db
		.select({ code: wards.code })
		.from(wards)
		.where(eq(wards.provinceCode, selection.province ?? '40'))
		.orderBy(wards.code);
	return rows.map((row) => row.code);
}

/** A plan whose history starts `days` whole days before today (Vietnam time). */
export function planFrom(
	now: Instant,
	days: number,
	fields: Omit<SimulationPlan, 'from' | 'rateMultiplier' | 'scenarios'> &
		Partial<Pick<SimulationPlan, 'rateMultiplier' | 'scenarios'>>
): SimulationPlan {
	return simulationPlanSchema.parse({
		...fields,
		from: startOfVnDay(addDays(vnDateOf(now), -days))
	});
}

/** The simulator's profile of each ward (size, staff, mix), in the order given; unknown codes are an error. */
export async function simulatedWards(
	db: Database,
	codes: readonly string[]
): Promise<SimulatedWard[]> {
	const units = await db
		.select({
			code: wards.code,
			name: wards.name,
			kind: wards.kind,
			provinceCode: wards.provinceCode
		})
		.from(wards)
		.where(inArray(wards.code, [...codes]));
	const byCode = new Map(units.map((unit) => [unit.code, unit]));
	const unknown = codes.filter((code) => !byCode.has(code));
	if (unknown.length > 0) throw new Error(`no such ward: ${unknown.join(', ')}`);
	return wardProfiles(codes.map((code) => byCode.get(code) as (typeof units)[number]));
}

/** The plan's events, lazily and in time order, for wards already profiled (`simulatedWards`). */
export function planStream(
	plan: SimulationPlan,
	wards: SimulatedWard[],
	reference: ReferenceData
): Iterator<DossierEvent> {
	return simulate({
		seed: plan.seed,
		wards,
		from: plan.from,
		calendar: reference.calendar,
		procedures: reference.procedures,
		scenarios: plan.scenarios as ScenarioSpec[],
		rateMultiplier: plan.rateMultiplier
	});
}

/** The plan's events, lazily and in time order, using the live catalogue and working calendar. */
export async function planEvents(
	db: Database,
	reference: ReferenceData,
	plan: SimulationPlan
): Promise<Iterator<DossierEvent>> {
	return planStream(plan, await simulatedWards(db, plan.wards), reference);
}
