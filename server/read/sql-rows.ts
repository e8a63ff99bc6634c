import type { SQL } from 'drizzle-orm';
import type { Database } from '../db/client';

/** Runs a raw query and returns its rows from either driver (postgres.js gives an array, PGlite `{rows}`). */
export async function queryRows<T>(db: Database, query: SQL): Promise<T[]> {
	const result: unknown = await db.execute(query);
	return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** An instant as a timestamptz literal: ISO strings keep milliseconds exact (no float seconds). */
export const isoOf = (at: number): string => new Date(at).toISOString();

/** A timestamptz read back from either driver (Date, or a string) as epoch milliseconds. */
export function instantOf(value: Date | string | null): number | null {
	if (value === null) return null;
	return value instanceof Date ? value.getTime() : Date.parse(value);
}
