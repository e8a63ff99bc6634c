export { queryRows } from '../db/rows';

/** An instant as a timestamptz literal: ISO strings keep milliseconds exact (no float seconds). */
export const isoOf = (at: number): string => new Date(at).toISOString();

/** A timestamptz read back from either driver (Date, or a string) as epoch milliseconds. */
export function instantOf(value: Date | string | null): number | null {
	if (value === null) return null;
	return value instanceof Date ? value.getTime() : Date.parse(value);
}
