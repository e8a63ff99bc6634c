import { and, desc, eq, isNull } from 'drizzle-orm';
import { formatScope, scopeSchema } from '../../src/lib/contracts/scope';
import type { Database } from '../db/client';
import { displayTokens } from '../db/schema';
import { audit } from './audit';
import { InputError, type Actor } from './input-error';
import { hashSecret, newId, newToken } from './secrets';
import type { ScopeExists } from './users';

/** Display tokens start with this, API keys with `mcl_`: a bearer token says what it is. */
export const DISPLAY_TOKEN_PREFIX = 'mcd_';

/** Where a wall display is pointed: opening it stores the token in a cookie and shows the scope's page. */
export function displayUrl(origin: string, token: string): string {
	return new URL(`/display/${token}`, origin).toString();
}

/**
 * Creates a read-only token for one ward's or province's wall display; it never expires, only a revocation
 * ends it. The plaintext token is returned once and only its hash is stored.
 */
export async function createDisplayToken(
	db: Database,
	input: { name: string; scope: string },
	actor: Actor,
	exists: ScopeExists
) {
	const name = input.name.trim();
	if (name === '' || name.length > 200) throw new InputError('name', 'must be 1–200 characters');
	const scope = scopeSchema.safeParse(input.scope);
	if (!scope.success) throw new InputError('scope', scope.error.issues[0].message);
	if (scope.data.kind === 'national')
		throw new InputError('scope', 'a display shows one ward or one province');
	if (!exists(scope.data)) throw new InputError('scope', `no such unit ${formatScope(scope.data)}`);
	const id = newId('dsp');
	const token = newToken(DISPLAY_TOKEN_PREFIX);
	await db.transaction(async (tx) => {
		await tx
			.insert(displayTokens)
			.values({ id, name, scope: formatScope(scope.data), tokenHash: hashSecret(token) });
		await audit(tx, {
			actor: actor.id,
			action: 'display.create',
			target: `display:${id}`,
			details: { name, scope: formatScope(scope.data) },
			address: actor.address
		});
	});
	return { id, name, token, scope: scope.data };
}

/** Revokes a display token: its pages stop loading and its live sockets are cut within seconds. */
export async function revokeDisplayToken(db: Database, id: string, actor: Actor): Promise<boolean> {
	return db.transaction(async (tx) => {
		const [revoked] = await tx
			.update(displayTokens)
			.set({ revokedAt: new Date() })
			.where(and(eq(displayTokens.id, id), isNull(displayTokens.revokedAt)))
			.returning();
		if (!revoked) return false;
		await audit(tx, {
			actor: actor.id,
			action: 'display.revoke',
			target: `display:${id}`,
			details: { name: revoked.name, scope: revoked.scope },
			address: actor.address
		});
		return true;
	});
}

export async function listDisplayTokens(db: Database) {
	return db
		.select({
			id: displayTokens.id,
			name: displayTokens.name,
			scope: displayTokens.scope,
			createdAt: displayTokens.createdAt,
			revokedAt: displayTokens.revokedAt
		})
		.from(displayTokens)
		.orderBy(desc(displayTokens.createdAt));
}
