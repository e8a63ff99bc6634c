import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { WARD_CODE } from '../../src/lib/contracts/scope';
import { auditLog, unitWards, wards } from '../db/schema';
import { eq } from 'drizzle-orm';
import { CliUsageError, type CliContext } from './context';

export const UNIT_USAGE = 'unit set <unit-id> --ward <ward code>';

/** `unit set <unit id> --ward <code>`: which ward handles the dossiers of a DVCQG unit id (audited). */
export async function unitCommand(args: string[], cli: CliContext): Promise<string> {
	const [verb, ...rest] = args;
	if (verb !== 'set') throw new CliUsageError(`unknown unit command "${verb ?? ''}"`, UNIT_USAGE);
	const { values, positionals } = parseArgs({
		args: rest,
		allowPositionals: true,
		options: { ward: { type: 'string' } }
	});
	const unitId = positionals[0]?.trim();
	if (!unitId || unitId.length > 64 || unitId.includes('-'))
		throw new CliUsageError(
			'<unit-id>: must be a unit id such as 000.00.12.H40 (no dash)',
			UNIT_USAGE
		);
	const ward = values.ward?.trim() ?? '';
	if (!WARD_CODE.test(ward))
		throw new CliUsageError('--ward: must be a 5-digit ward code', UNIT_USAGE);
	const [known] = await cli.db
		.select({ name: wards.fullName })
		.from(wards)
		.where(eq(wards.code, ward));
	if (!known) throw new CliUsageError(`--ward: unknown ward code ${ward}`, UNIT_USAGE);
	await cli.db.transaction(async (tx) => {
		await tx
			.insert(unitWards)
			.values({ unitId, wardCode: ward })
			.onConflictDoUpdate({
				target: unitWards.unitId,
				set: { wardCode: ward, updatedAt: sql`now()` }
			});
		await tx.insert(auditLog).values({
			actor: 'cli',
			action: 'unit.set',
			target: `unit:${unitId}`,
			details: JSON.stringify({ ward })
		});
	});
	return `unit ${unitId} → ward ${ward} (${known.name})`;
}
