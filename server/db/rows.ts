import type { SQL } from 'drizzle-orm';
import type { Database } from './client';

/** Rows of a raw query result from either driver: postgres.js returns an array, PGlite `{rows}`. */
export function rowsOf<T>(result: unknown): T[] {
	return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** Runs a raw query and returns its rows from either driver. */
export async function queryRows<T>(db: Database, query: SQL): Promise<T[]> {
	return rowsOf<T>(await db.execute(query));
}
