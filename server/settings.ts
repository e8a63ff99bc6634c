import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Database } from './db/client';
import { appSettings } from './db/schema';

/**
 * A secret generated once and shared by every process through the database (first writer wins), so that
 * pseudonyms stay stable across restarts and processes without any configuration.
 */
export async function sharedSecret(db: Database, name: string): Promise<string> {
	await db
		.insert(appSettings)
		.values({ name, value: randomBytes(32).toString('base64url') })
		.onConflictDoNothing();
	const [row] = await db.select().from(appSettings).where(eq(appSettings.name, name));
	return row.value;
}

/** A JSON setting (e.g. a feed's checkpoint), or null when absent or no longer of this shape (older versions). */
export async function loadSetting<T>(
	db: Database,
	name: string,
	schema: z.ZodType<T>
): Promise<T | null> {
	const [row] = await db.select().from(appSettings).where(eq(appSettings.name, name));
	if (!row) return null;
	const parsed = schema.safeParse(JSON.parse(row.value));
	return parsed.success ? parsed.data : null;
}

/** Writes a JSON setting, replacing the previous value. */
export async function saveSetting(db: Database, name: string, value: unknown): Promise<void> {
	const text = JSON.stringify(value);
	await db
		.insert(appSettings)
		.values({ name, value: text })
		.onConflictDoUpdate({ target: appSettings.name, set: { value: text } });
}
