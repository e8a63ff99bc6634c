import { parseArgs } from 'node:util';
import {
	PROCESSING_TIME_UNITS,
	procedureCodeSchema,
	procedureInputSchema
} from '../../src/lib/contracts/catalogue';
import { fieldCodes, saveProcedure, UnknownFieldError } from '../catalogue/procedures';
import type { CliContext } from './context';
import { CliUsageError } from './context';

export const PROCEDURE_USAGE = `procedure set <code> --name <name> --field <field> --time <value> --unit <${PROCESSING_TIME_UNITS.join('|')}>`;

/** `procedure set <code> …`: maintains the procedure catalogue. */
export async function procedureCommand(args: string[], cli: CliContext): Promise<string> {
	const [verb, ...rest] = args;
	if (verb !== 'set')
		throw new CliUsageError(`unknown procedure command "${verb ?? ''}"`, PROCEDURE_USAGE);
	const { values, positionals } = parseArgs({
		args: rest,
		allowPositionals: true,
		options: {
			name: { type: 'string' },
			field: { type: 'string' },
			time: { type: 'string' },
			unit: { type: 'string' }
		}
	});
	const code = procedureCodeSchema.safeParse(positionals[0] ?? '');
	if (!code.success)
		throw new CliUsageError(`<code> ${code.error.issues[0].message}`, PROCEDURE_USAGE);
	const unit = values.unit;
	const input = procedureInputSchema.safeParse({
		name: values.name,
		field: values.field,
		processingTime:
			unit === 'same_day'
				? { unit }
				: { unit, value: values.time === undefined ? undefined : Number(values.time) }
	});
	if (!input.success) {
		const problems = input.error.issues.map((issue) => {
			const option = {
				name: '--name',
				field: '--field',
				processingTime: issue.path[1] === 'value' ? '--time' : '--unit'
			}[String(issue.path[0])];
			return `${option ?? issue.path.join('.')}: ${issue.message}`;
		});
		throw new CliUsageError(problems.join('; '), PROCEDURE_USAGE);
	}
	try {
		const saved = await saveProcedure(cli.db, code.data, input.data, 'cli');
		const time =
			saved.processingTimeUnit === 'same_day'
				? 'same_day'
				: `${saved.processingTimeValue} ${saved.processingTimeUnit}`;
		return `procedure ${saved.code} saved: ${saved.name} (${saved.fieldCode}, ${time})`;
	} catch (error) {
		if (error instanceof UnknownFieldError)
			throw new CliUsageError(
				`--field: unknown field "${error.field}"; known fields: ${(await fieldCodes(cli.db)).join(', ')}`,
				PROCEDURE_USAGE
			);
		throw error;
	}
}
