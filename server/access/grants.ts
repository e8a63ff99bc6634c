import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { formatScope, scopeSchema, type Scope } from '../../src/lib/contracts/scope';
import type { Database } from '../db/client';
import { accessGrants, users } from '../db/schema';
import { audit } from './audit';
import { InputError, type Actor } from './input-error';
import { mayHoldGrants } from './policy';
import { newId } from './secrets';
import type { ScopeExists } from './users';

/** The longest window a grant may have: inspections last days or weeks, never open-ended. */
export const MAX_GRANT_DAYS = 366;

export interface NewGrant {
	userId: string;
	scope: string;
	startsAt: Date;
	expiresAt: Date;
	reason?: string | null;
}

/** Grants an inspector one scope for a window; it stops counting at `expiresAt` by itself. */
export async function createGrant(
	db: Database,
	input: NewGrant,
	actor: Actor,
	exists: ScopeExists,
	now = Date.now()
) {
	const scope = scopeSchema.safeParse(input.scope);
	if (!scope.success) throw new InputError('scope', scope.error.issues[0].message);
	if (!exists(scope.data)) throw new InputError('scope', `no such unit ${input.scope.trim()}`);
	const starts = input.startsAt.getTime();
	const expires = input.expiresAt.getTime();
	if (!Number.isFinite(starts)) throw new InputError('startsAt', 'must be a date and time');
	if (!Number.isFinite(expires)) throw new InputError('expiresAt', 'must be a date and time');
	if (expires <= starts) throw new InputError('expiresAt', 'must be after the start');
	if (expires <= now) throw new InputError('expiresAt', 'must be in the future');
	if (expires - starts > MAX_GRANT_DAYS * 86_400_000)
		throw new InputError('expiresAt', `a grant lasts at most ${MAX_GRANT_DAYS} days`);
	return db.transaction(async (tx) => {
		const [user] = await tx.select().from(users).where(eq(users.id, input.userId));
		if (!user) throw new InputError('userId', `no user ${input.userId}`);
		if (!mayHoldGrants(user.role))
			throw new InputError(
				'userId',
				`only inspectors receive grants; ${user.email} is a ${user.role}`
			);
		const [grant] = await tx
			.insert(accessGrants)
			.values({
				id: newId('grt'),
				userId: user.id,
				scope: formatScope(scope.data),
				startsAt: input.startsAt,
				expiresAt: input.expiresAt,
				reason: input.reason?.trim() || null,
				createdBy: actor.id
			})
			.returning();
		await audit(tx, {
			actor: actor.id,
			action: 'grant.create',
			target: `grant:${grant.id}`,
			details: {
				user: user.email,
				scope: grant.scope,
				startsAt: grant.startsAt.toISOString(),
				expiresAt: grant.expiresAt.toISOString(),
				reason: grant.reason
			},
			address: actor.address
		});
		return grant;
	});
}

/** Ends a grant before its time; the inspector loses the scope on their next request or within seconds live. */
export async function revokeGrant(db: Database, id: string, actor: Actor): Promise<boolean> {
	return db.transaction(async (tx) => {
		const [revoked] = await tx
			.update(accessGrants)
			.set({ revokedAt: new Date() })
			.where(and(eq(accessGrants.id, id), isNull(accessGrants.revokedAt)))
			.returning();
		if (!revoked) return false;
		await audit(tx, {
			actor: actor.id,
			action: 'grant.revoke',
			target: `grant:${id}`,
			details: { scope: revoked.scope, userId: revoked.userId },
			address: actor.address
		});
		return true;
	});
}

/** Every grant with its inspector's e-mail, newest first. */
export async function listGrants(db: Database) {
	return db
		.select({
			id: accessGrants.id,
			userId: accessGrants.userId,
			email: users.email,
			scope: accessGrants.scope,
			startsAt: accessGrants.startsAt,
			expiresAt: accessGrants.expiresAt,
			reason: accessGrants.reason,
			createdBy: accessGrants.createdBy,
			createdAt: accessGrants.createdAt,
			revokedAt: accessGrants.revokedAt
		})
		.from(accessGrants)
		.innerJoin(users, eq(users.id, accessGrants.userId))
		.orderBy(desc(accessGrants.createdAt));
}

export interface GrantWindow {
	userId: string;
	scope: Scope;
	startsAt: number;
	expiresAt: number;
	revokedAt: number | null;
}

/** The unrevoked grants of these people (the window is checked by `userScopes`). */
export async function grantsOf(db: Database, userIds: readonly string[]): Promise<GrantWindow[]> {
	if (userIds.length === 0) return [];
	const rows = await db
		.select()
		.from(accessGrants)
		.where(and(inArray(accessGrants.userId, [...userIds]), isNull(accessGrants.revokedAt)));
	return rows.map((row) => ({
		userId: row.userId,
		scope: scopeSchema.parse(row.scope),
		startsAt: row.startsAt.getTime(),
		expiresAt: row.expiresAt.getTime(),
		revokedAt: null
	}));
}
