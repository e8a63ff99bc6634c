import { sql } from 'drizzle-orm';
import { bigserial, index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A scope is `national`, `province:<code>` or `ward:<code>`. */
const scope = () => text('scope').notNull();

/** Connector keys: ingest and read within one scope. Only a hash of the key is kept. */
export const apiKeys = pgTable(
	'api_keys',
	{
		id: text('id').primaryKey(),
		name: text('name').notNull(),
		scope: scope(),
		keyHash: text('key_hash').notNull(),
		createdAt: instant('created_at').notNull().defaultNow(),
		lastUsedAt: instant('last_used_at'),
		revokedAt: instant('revoked_at')
	},
	(t) => [uniqueIndex('api_keys_hash_uq').on(t.keyHash)]
);

/**
 * People who sign in. `scope` is the standing scope of the role (national for admins, a province for a
 * province leader, a ward for a ward director); an inspector has `national` or none, and then sees only the
 * scopes of their current grants.
 */
export const users = pgTable(
	'users',
	{
		id: text('id').primaryKey(),
		email: text('email').notNull(),
		displayName: text('display_name'),
		role: text('role', {
			enum: ['admin', 'inspector', 'province_leader', 'ward_director']
		}).notNull(),
		scope: text('scope'),
		/** argon2id (PHC string). */
		passwordHash: text('password_hash').notNull(),
		createdAt: instant('created_at').notNull().defaultNow(),
		lastLoginAt: instant('last_login_at'),
		disabledAt: instant('disabled_at')
	},
	(t) => [uniqueIndex('users_email_uq').on(sql`lower(${t.email})`)]
);

/** Browser sessions; the cookie carries a random token whose hash is the key here. */
export const sessions = pgTable(
	'sessions',
	{
		tokenHash: text('token_hash').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: instant('created_at').notNull().defaultNow(),
		expiresAt: instant('expires_at').notNull()
	},
	(t) => [index('sessions_user_idx').on(t.userId)]
);

/**
 * Time-boxed access of an inspector (an inspection delegation) to one scope: valid from `starts_at` until
 * `expires_at`, then nothing needs to happen for it to stop counting.
 */
export const accessGrants = pgTable(
	'access_grants',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		scope: scope(),
		startsAt: instant('starts_at').notNull(),
		expiresAt: instant('expires_at').notNull(),
		/** Why, e.g. the delegation and its decision number. */
		reason: text('reason'),
		createdBy: text('created_by').notNull(),
		createdAt: instant('created_at').notNull().defaultNow(),
		revokedAt: instant('revoked_at')
	},
	(t) => [index('access_grants_user_idx').on(t.userId, t.expiresAt)]
);

/** Read-only tokens for unattended wall displays; valid until revoked. */
export const displayTokens = pgTable(
	'display_tokens',
	{
		id: text('id').primaryKey(),
		name: text('name').notNull(),
		scope: scope(),
		tokenHash: text('token_hash').notNull(),
		createdAt: instant('created_at').notNull().defaultNow(),
		revokedAt: instant('revoked_at')
	},
	(t) => [uniqueIndex('display_tokens_hash_uq').on(t.tokenHash)]
);

/** Append-only trail of security-relevant actions: logins, grants, keys, exports, catalogue edits. */
export const auditLog = pgTable(
	'audit_log',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		at: instant('at').notNull().defaultNow(),
		actor: text('actor').notNull(),
		action: text('action').notNull(),
		target: text('target'),
		details: text('details'),
		/** The client's address, for sign-ins and changes made through the pages. */
		address: text('address')
	},
	(t) => [index('audit_log_at_idx').on(t.at), index('audit_log_action_idx').on(t.action, t.at)]
);
