import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
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
