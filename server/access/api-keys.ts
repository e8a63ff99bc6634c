import { randomBytes } from 'node:crypto';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { formatScope, scopeSchema, type Scope } from '../../src/lib/contracts/scope';
import type { Database } from '../db/client';
import { apiKeys, auditLog } from '../db/schema';
import { audit } from './audit';
import type { Actor } from './input-error';
import { hashSecret } from './secrets';

export { hashSecret };

/** A connector key as the server knows it after checking the bearer token. */
export interface ApiKeyGrant {
	id: string;
	name: string;
	scope: Scope;
}

const KEY_PREFIX = 'mcl_';
/** How long a checked key is trusted without asking the database again: bounds how late a revocation bites. */
const CACHE_MS = 5_000;

/** Creates a key for a scope; the plaintext key is returned once and only its hash is stored. */
export async function createApiKey(
	db: Database,
	input: { name: string; scope: string },
	by: string | Actor
) {
	const actor: Actor = typeof by === 'string' ? { id: by } : by;
	const scope = scopeSchema.parse(input.scope);
	const id = `key_${randomBytes(6).toString('hex')}`;
	const key = `${KEY_PREFIX}${randomBytes(24).toString('base64url')}`;
	await db.transaction(async (tx) => {
		await tx
			.insert(apiKeys)
			.values({ id, name: input.name, scope: formatScope(scope), keyHash: hashSecret(key) });
		await audit(tx, {
			actor: actor.id,
			action: 'apikey.create',
			target: `apikey:${id}`,
			details: { name: input.name, scope: formatScope(scope) },
			address: actor.address
		});
	});
	return { id, key, scope };
}

export async function revokeApiKey(db: Database, id: string, by: string | Actor): Promise<boolean> {
	const actor: Actor = typeof by === 'string' ? { id: by } : by;
	return db.transaction(async (tx) => {
		const revoked = await tx
			.update(apiKeys)
			.set({ revokedAt: new Date() })
			.where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
			.returning({ id: apiKeys.id });
		if (revoked.length === 0) return false;
		await audit(tx, {
			actor: actor.id,
			action: 'apikey.revoke',
			target: `apikey:${id}`,
			address: actor.address
		});
		return true;
	});
}

export async function listApiKeys(db: Database) {
	return db
		.select({
			id: apiKeys.id,
			name: apiKeys.name,
			scope: apiKeys.scope,
			createdAt: apiKeys.createdAt,
			lastUsedAt: apiKeys.lastUsedAt,
			revokedAt: apiKeys.revokedAt
		})
		.from(apiKeys)
		.orderBy(desc(apiKeys.createdAt));
}

/**
 * Checks bearer keys (with a short cache) and records their use; use is written to the audit log in
 * batches, one row per key per flush, never per event.
 */
export class ApiKeyRegistry {
	private cache = new Map<string, { grant: ApiKeyGrant | null; until: number }>();
	private usage = new Map<string, { requests: number; events: number }>();

	constructor(private readonly db: Database) {}

	async authenticate(key: string | undefined): Promise<ApiKeyGrant | null> {
		if (!key || !key.startsWith(KEY_PREFIX) || key.length > 200) return null;
		const hash = hashSecret(key);
		const cached = this.cache.get(hash);
		if (cached && cached.until > Date.now()) return cached.grant;
		const [row] = await this.db
			.select({ id: apiKeys.id, name: apiKeys.name, scope: apiKeys.scope })
			.from(apiKeys)
			.where(and(eq(apiKeys.keyHash, hash), isNull(apiKeys.revokedAt)));
		const grant = row ? { id: row.id, name: row.name, scope: scopeSchema.parse(row.scope) } : null;
		if (this.cache.size > 10_000) this.cache.clear();
		this.cache.set(hash, { grant, until: Date.now() + CACHE_MS });
		return grant;
	}

	recordUse(grant: ApiKeyGrant, events: number): void {
		const usage = this.usage.get(grant.id) ?? { requests: 0, events: 0 };
		usage.requests += 1;
		usage.events += events;
		this.usage.set(grant.id, usage);
	}

	/** Writes accumulated use to the audit log and `last_used_at`; called on a timer and at shutdown. */
	async flushUse(): Promise<void> {
		if (this.usage.size === 0) return;
		const batch = [...this.usage];
		this.usage.clear();
		await this.db.transaction(async (tx) => {
			await tx.insert(auditLog).values(
				batch.map(([id, use]) => ({
					actor: `apikey:${id}`,
					action: 'apikey.use',
					target: `apikey:${id}`,
					details: JSON.stringify(use)
				}))
			);
			for (const [id] of batch)
				await tx
					.update(apiKeys)
					.set({ lastUsedAt: sql`now()` })
					.where(eq(apiKeys.id, id));
		});
	}
}
