import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import { formatScope, scopeSchema, type Scope } from '../../src/lib/contracts/scope';
import type { Database } from '../db/client';
import { sessions, users } from '../db/schema';
import { audit } from './audit';
import { InputError, type Actor } from './input-error';
import { hashPassword, passwordProblem } from './passwords';
import { ROLES, roleScopeProblem, type Role } from './policy';
import { generatePassword, newId } from './secrets';

export type UserRow = typeof users.$inferSelect;

/** A user as shown to administrators: never the hash. */
export type UserView = Omit<UserRow, 'passwordHash'>;

const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$/;

export function normaliseEmail(email: string): string {
	return email.trim().toLowerCase();
}

/** Whether a scope names a real unit (the nation always does). */
export type ScopeExists = (scope: Scope) => boolean;

function parseRole(role: string): Role {
	if (!(ROLES as readonly string[]).includes(role))
		throw new InputError('role', `must be one of ${ROLES.join(', ')}`);
	return role as Role;
}

/** Parses a role's standing scope; an empty scope is none (an inspector with grants only), an admin's is national. */
function parseRoleScope(
	role: Role,
	text: string | null | undefined,
	exists: ScopeExists
): Scope | null {
	const trimmed = text?.trim() ?? '';
	let scope: Scope | null = null;
	if (trimmed !== '' && trimmed !== 'none') {
		const parsed = scopeSchema.safeParse(trimmed);
		if (!parsed.success) throw new InputError('scope', parsed.error.issues[0].message);
		scope = parsed.data;
	} else if (role === 'admin') scope = { kind: 'national' };
	const problem = roleScopeProblem(role, scope);
	if (problem) throw new InputError('scope', problem);
	if (scope && !exists(scope)) throw new InputError('scope', `no such unit ${formatScope(scope)}`);
	return scope;
}

export interface NewUser {
	email: string;
	role: string;
	scope?: string | null;
	name?: string | null;
	/** Chosen password; none: one is generated and returned once. */
	password?: string | null;
}

const view = ({ passwordHash: _hash, ...rest }: UserRow): UserView => rest;

/** Creates a person; returns the generated password (shown once) when none was chosen. */
export async function createUser(
	db: Database,
	input: NewUser,
	actor: Actor,
	exists: ScopeExists
): Promise<{ user: UserView; password: string | null }> {
	const email = normaliseEmail(input.email);
	if (!EMAIL.test(email) || email.length > 254)
		throw new InputError('email', 'must be an e-mail address');
	const role = parseRole(input.role);
	const scope = parseRoleScope(role, input.scope, exists);
	const chosen = input.password ?? null;
	if (chosen !== null) {
		const problem = passwordProblem(chosen);
		if (problem) throw new InputError('password', problem);
	}
	const password = chosen ?? generatePassword();
	const passwordHash = await hashPassword(password);
	const name = input.name?.trim() || null;
	return db.transaction(async (tx) => {
		const [taken] = await tx
			.select({ id: users.id })
			.from(users)
			.where(sql`lower(${users.email}) = ${email}`);
		if (taken) throw new InputError('email', `${email} already has an account`);
		const [user] = await tx
			.insert(users)
			.values({
				id: newId('usr'),
				email,
				displayName: name,
				role,
				scope: scope ? formatScope(scope) : null,
				passwordHash
			})
			.returning();
		await audit(tx, {
			actor: actor.id,
			action: 'user.create',
			target: `user:${user.id}`,
			details: { email, role, scope: user.scope, name },
			address: actor.address
		});
		return { user: view(user), password: chosen === null ? password : null };
	});
}

export async function listUsers(db: Database): Promise<UserView[]> {
	const rows = await db.select().from(users).orderBy(asc(users.email));
	return rows.map(view);
}

export async function findUserByEmail(db: Database, email: string): Promise<UserRow | undefined> {
	const [row] = await db
		.select()
		.from(users)
		.where(sql`lower(${users.email}) = ${normaliseEmail(email)}`);
	return row;
}

async function userById(db: Pick<Database, 'select'>, id: string): Promise<UserRow> {
	const [row] = await db.select().from(users).where(eq(users.id, id));
	if (!row) throw new InputError('user', `no user ${id}`);
	return row;
}

/** Refuses a change that would leave no active administrator. */
async function keepAnAdmin(db: Pick<Database, 'select'>, exceptId: string): Promise<void> {
	const [other] = await db
		.select({ id: users.id })
		.from(users)
		.where(and(eq(users.role, 'admin'), isNull(users.disabledAt), ne(users.id, exceptId)))
		.limit(1);
	if (!other) throw new InputError('role', 'this is the last active administrator');
}

/** Changes a person's name, role or standing scope; takes effect on their next request. */
export async function updateUser(
	db: Database,
	id: string,
	input: { name?: string | null; role: string; scope?: string | null },
	actor: Actor,
	exists: ScopeExists
): Promise<UserView> {
	const role = parseRole(input.role);
	const scope = parseRoleScope(role, input.scope, exists);
	return db.transaction(async (tx) => {
		const before = await userById(tx, id);
		if (before.role === 'admin' && role !== 'admin') await keepAnAdmin(tx, id);
		const [after] = await tx
			.update(users)
			.set({
				displayName: input.name?.trim() || null,
				role,
				scope: scope ? formatScope(scope) : null
			})
			.where(eq(users.id, id))
			.returning();
		await audit(tx, {
			actor: actor.id,
			action: 'user.update',
			target: `user:${id}`,
			details: {
				email: before.email,
				before: { role: before.role, scope: before.scope, name: before.displayName },
				after: { role: after.role, scope: after.scope, name: after.displayName }
			},
			address: actor.address
		});
		return view(after);
	});
}

/** Disables (signing out everywhere at once) or enables a person. */
export async function setUserDisabled(
	db: Database,
	id: string,
	disabled: boolean,
	actor: Actor
): Promise<UserView> {
	if (disabled && actor.id === `user:${id}`)
		throw new InputError('user', 'you cannot disable your own account');
	return db.transaction(async (tx) => {
		const before = await userById(tx, id);
		if (disabled && before.role === 'admin') await keepAnAdmin(tx, id);
		const [after] = await tx
			.update(users)
			.set({ disabledAt: disabled ? new Date() : null })
			.where(eq(users.id, id))
			.returning();
		if (disabled) await tx.delete(sessions).where(eq(sessions.userId, id));
		await audit(tx, {
			actor: actor.id,
			action: disabled ? 'user.disable' : 'user.enable',
			target: `user:${id}`,
			details: { email: before.email },
			address: actor.address
		});
		return view(after);
	});
}

/** Sets a new generated password (returned once) and ends the person's sessions. */
export async function resetPassword(db: Database, id: string, actor: Actor): Promise<string> {
	const password = generatePassword();
	const passwordHash = await hashPassword(password);
	await db.transaction(async (tx) => {
		const before = await userById(tx, id);
		await tx.update(users).set({ passwordHash }).where(eq(users.id, id));
		await tx.delete(sessions).where(eq(sessions.userId, id));
		await audit(tx, {
			actor: actor.id,
			action: 'user.password_reset',
			target: `user:${id}`,
			details: { email: before.email },
			address: actor.address
		});
	});
	return password;
}

export async function countUsers(db: Database): Promise<number> {
	const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
	return n;
}

/** The administrator an empty embedded database starts with. */
export const FIRST_ADMIN_EMAIL = 'admin@motcua.local';

/**
 * With no user at all, creates the first administrator and returns its password (to be shown once); with
 * any user, does nothing and returns null.
 */
export async function ensureFirstAdmin(
	db: Database
): Promise<{ email: string; password: string } | null> {
	if ((await countUsers(db)) > 0) return null;
	const { password } = await createUser(
		db,
		{ email: FIRST_ADMIN_EMAIL, role: 'admin', scope: 'national', name: 'Quản trị viên' },
		{ id: 'system' },
		() => true
	);
	return password ? { email: FIRST_ADMIN_EMAIL, password } : null;
}
