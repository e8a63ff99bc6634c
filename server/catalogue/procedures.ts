import { eq } from 'drizzle-orm';
import type { ProcedureInput } from '../../src/lib/contracts/catalogue';
import type { Database } from '../db/client';
import { auditLog, fields, procedures } from '../db/schema';

export class UnknownFieldError extends Error {
	constructor(readonly field: string) {
		super(`Unknown field "${field}"`);
	}
}

/** Creates or updates a procedure of the catalogue and audits the change, in one transaction. */
export async function saveProcedure(
	db: Database,
	code: string,
	input: ProcedureInput,
	actor: string
) {
	return db.transaction(async (tx) => {
		const [field] = await tx.select().from(fields).where(eq(fields.code, input.field));
		if (!field) throw new UnknownFieldError(input.field);
		const row = {
			code,
			name: input.name,
			fieldCode: input.field,
			processingTimeValue: input.processingTime.value ?? null,
			processingTimeUnit: input.processingTime.unit,
			updatedAt: new Date()
		};
		const [before] = await tx.select().from(procedures).where(eq(procedures.code, code));
		const [saved] = await tx
			.insert(procedures)
			.values(row)
			.onConflictDoUpdate({ target: procedures.code, set: row })
			.returning();
		await tx.insert(auditLog).values({
			actor,
			action: before ? 'procedure.update' : 'procedure.create',
			target: `procedure:${code}`,
			details: JSON.stringify({ before: before ?? null, after: saved })
		});
		return saved;
	});
}

/** Every field code, for error messages that list the valid choices. */
export async function fieldCodes(db: Database): Promise<string[]> {
	return (await db.select({ code: fields.code }).from(fields)).map((f) => f.code);
}
