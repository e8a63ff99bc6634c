import { asc, eq } from 'drizzle-orm';
import type { ProcedureInput } from '../../src/lib/contracts/catalogue';
import type { Database } from '../db/client';
import { audit } from '../access/audit';
import type { Actor } from '../access/input-error';
import { fields, procedures } from '../db/schema';

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
	by: string | Actor
) {
	const actor: Actor = typeof by === 'string' ? { id: by } : by;
	return db.transaction(async (tx) => {
		const [field] = await tx.select().from(fields).where(eq(fields.code, input.field));
		if (!field) throw new UnknownFieldError(input.field);
		const row = {
			code,
			name: input.name,
			fieldCode: input.field,
			processingTimeValue: input.processingTime.value ?? null,
			processingTimeUnit: input.processingTime.unit,
			...(input.provisional !== undefined && { provisional: input.provisional }),
			...(input.note !== undefined && { note: input.note || null }),
			updatedAt: new Date()
		};
		const [before] = await tx.select().from(procedures).where(eq(procedures.code, code));
		const [saved] = await tx
			.insert(procedures)
			.values(row)
			.onConflictDoUpdate({ target: procedures.code, set: row })
			.returning();
		await audit(tx, {
			actor: actor.id,
			action: before ? 'procedure.update' : 'procedure.create',
			target: `procedure:${code}`,
			details: { before: before ?? null, after: saved },
			address: actor.address
		});
		return saved;
	});
}

/** The catalogue in code order, with each procedure's field. */
export async function listProcedures(db: Database) {
	return db.select().from(procedures).orderBy(asc(procedures.code));
}

/** Every field, for choosing one in a form. */
export async function listFields(db: Database) {
	return db.select().from(fields).orderBy(asc(fields.code));
}

/** Every field code, for error messages that list the valid choices. */
export async function fieldCodes(db: Database): Promise<string[]> {
	return (await db.select({ code: fields.code }).from(fields)).map((f) => f.code);
}
