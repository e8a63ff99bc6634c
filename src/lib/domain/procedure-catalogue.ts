import type { ProcessingTime } from './deadline';
import type { Channel } from './dossier';

/** The procedure catalogue (thủ tục hành chính) as the rules need it: field and legal processing time. */

/** A catalogue entry: the procedure's field and legal processing time, which may differ by channel. */
export interface ProcedureRule {
	field: string;
	processingTime: ProcessingTime | null;
	processingTimeByChannel?: Partial<Record<Channel, ProcessingTime | null>>;
}

/** The procedure catalogue, keyed by national procedure code (MaTTHC). */
export type ProcedureCatalogue =
	| ReadonlyMap<string, ProcedureRule>
	| Readonly<Record<string, ProcedureRule>>
	| ((code: string) => ProcedureRule | undefined);

/** The catalogue entry of a procedure code, or undefined when the catalogue does not know it. */
export function lookupProcedure(
	catalogue: ProcedureCatalogue,
	code: string
): ProcedureRule | undefined {
	if (typeof catalogue === 'function') return catalogue(code);
	if (catalogue instanceof Map) return catalogue.get(code);
	const record = catalogue as Readonly<Record<string, ProcedureRule>>;
	return Object.hasOwn(record, code) ? record[code] : undefined;
}

/** The processing time for a channel: a channel-specific entry (even `null`) wins over the general one. */
export function processingTimeFor(
	rule: ProcedureRule,
	channel: Channel | null
): ProcessingTime | null {
	const byChannel = rule.processingTimeByChannel;
	if (channel !== null && byChannel && channel in byChannel) return byChannel[channel] ?? null;
	return rule.processingTime;
}
