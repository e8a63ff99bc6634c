import { z } from 'zod';

export const PROCESSING_TIME_UNITS = ['working_days', 'working_hours', 'days', 'same_day'] as const;

/** A procedure's legal processing time; `same_day` needs no value (done the same working day). */
export const processingTimeSchema = z.discriminatedUnion('unit', [
	z.object({ unit: z.literal('same_day'), value: z.null().optional() }),
	z.object({
		unit: z.enum(['working_days', 'working_hours', 'days']),
		value: z.number().positive().max(3650)
	})
]);

/** Body of `PUT /api/v1/procedures/{code}` and of `cli procedure set` (ARCHITECTURE §4.3). */
export const procedureInputSchema = z.object({
	name: z.string().trim().min(1).max(500),
	field: z.string().trim().min(1).max(64),
	processingTime: processingTimeSchema,
	/** The processing time still needs verifying; unchanged when absent. */
	provisional: z.boolean().optional(),
	/** The legal basis or what to verify; unchanged when absent, cleared by null. */
	note: z.string().trim().max(2000).nullable().optional()
});

/** National procedure codes (MaTTHC) look like 1.001193; kept loose since vendors add their own. */
export const procedureCodeSchema = z
	.string()
	.trim()
	.regex(/^[0-9A-Za-z][0-9A-Za-z._-]{0,63}$/, 'must be a procedure code such as 1.001193');

export type ProcedureInput = z.infer<typeof procedureInputSchema>;
