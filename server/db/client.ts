import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import type { Logger } from 'pino';
import * as schema from './schema';
import { seedReferenceData } from './seed';

export type Schema = typeof schema;
/** Either driver's database: queries are written once against the Postgres dialect. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export interface DatabaseHandle {
	readonly db: Database;
	readonly kind: 'postgres' | 'pglite';
	/** Applies pending migrations and bundled reference data; safe to run from many processes at once. */
	prepare(): Promise<void>;
	ping(): Promise<void>;
	close(): Promise<void>;
}

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));
/** Arbitrary constant shared by every process: serialises migrations and seeding across processes. */
const MIGRATION_LOCK_KEY = 7_723_001;

export function openDatabase(
	options: { databaseUrl?: string; dataDir: string },
	log: Logger
): DatabaseHandle {
	return options.databaseUrl
		? openPostgres(options.databaseUrl, log)
		: openPglite(path.resolve(options.dataDir, 'pglite'), log);
}

function openPostgres(url: string, log: Logger): DatabaseHandle {
	const client = postgres(url, { max: 10, onnotice: () => {}, connect_timeout: 5 });
	const db = drizzlePostgres(client, { schema }) as unknown as Database;
	return {
		db,
		kind: 'postgres',
		async prepare() {
			// An advisory lock lives on one session, so take it on a dedicated single connection.
			const lockClient = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 5 });
			try {
				await lockClient`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
				const lockedDb = drizzlePostgres(lockClient, { schema });
				await migratePostgres(lockedDb, { migrationsFolder });
				await seedReferenceData(lockedDb as unknown as Database, log);
				await lockClient`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
			} finally {
				await lockClient.end({ timeout: 5 });
			}
		},
		async ping() {
			await db.execute(sql`select 1`);
		},
		async close() {
			await client.end({ timeout: 5 });
		}
	};
}

function openPglite(dir: string, log: Logger): DatabaseHandle {
	mkdirSync(dir, { recursive: true });
	const client = new PGlite(dir);
	const db = drizzlePglite({ client, schema }) as unknown as Database;
	return {
		db,
		kind: 'pglite',
		async prepare() {
			// PGlite is single-process by construction (it owns its data directory), so no lock is needed.
			await migratePglite(drizzlePglite({ client, schema }), { migrationsFolder });
			await seedReferenceData(db, log);
		},
		async ping() {
			await db.execute(sql`select 1`);
		},
		async close() {
			await client.close();
		}
	};
}
