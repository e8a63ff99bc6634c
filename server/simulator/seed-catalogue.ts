import type { ProcedureRule } from '../../src/lib/domain/procedure-catalogue';
import { PROCEDURE_SEED } from '../db/seed/catalogue';

/**
 * The seeded procedure catalogue as the domain reads it: what a fresh database holds, for tests and for runs
 * without a database. A running server passes its own (possibly edited) catalogue instead.
 */
export const SEED_CATALOGUE: ReadonlyMap<string, ProcedureRule> = new Map(
	PROCEDURE_SEED.map((p) => [
		p.code,
		{
			field: p.fieldCode,
			processingTime: { value: p.processingTime.value, unit: p.processingTime.unit }
		}
	])
);
