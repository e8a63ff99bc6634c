import { and, eq, gt, inArray, isNull, lt } from 'drizzle-orm';
import type { Logger } from 'pino';
import { formatScope, scopeSchema, type Scope } from '../../src/lib/contracts/scope';
import type { Config } from '../config';
import type { Database } from '../db/client';
import { apiKeys, displayTokens, sessions, users } from '../db/schema';
import type { ReferenceData } from '../reference/reference-data';
import type { ApiKeyRegistry } from './api-keys';
import { audit } from './audit';
import { servedOverHttps } from './cookies';
import { DISPLAY_TOKEN_PREFIX } from './display-tokens';
import { grantsOf, type GrantWindow } from './grants';
import { accountKey, addressKey, LOGIN_LIMITS, loginThrottle } from './login-throttle';
import { verifyNothing, verifyPassword } from './passwords';
import { allows, userScopes, type Principal, type Role, type Surface } from './policy';
import type { RateLimiter } from './rate-limit';
import { hashSecret, hmac, newToken, safeEqual } from './secrets';
import { findUserByEmail, normaliseEmail, type UserRow } from './users';

/** The credentials a request or a handshake may carry; an explicit token wins over cookies. */
export interface Credentials {
	/** `Authorization: Bearer …` or a socket's `auth.token`: an API key, a display token or LIVE_TOKEN. */
	token?: string;
	/** The session cookie. */
	session?: string;
	/** The display cookie. */
	display?: string;
}

/** What to check again later to know whether a principal still holds (sockets are re-checked every few seconds). */
export type Credential =
	| { kind: 'session'; hash: string }
	| { kind: 'display'; id: string }
	| { kind: 'api_key'; id: string }
	| { kind: 'live_token' }
	| { kind: 'public' };

export interface Authenticated {
	principal: Principal;
	credential: Credential;
}

export type LoginResult =
	| { ok: true; token: string; expiresAt: Date; principal: Principal }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'throttled'; retryAfterS: number };

export function credentialKey(credential: Credential): string {
	switch (credential.kind) {
		case 'session':
			return `session:${credential.hash}`;
		case 'display':
		case 'api_key':
			return `${credential.kind}:${credential.id}`;
		default:
			return credential.kind;
	}
}

const MAX_TOKEN_LENGTH = 200;
const usable = (token: string | undefined): token is string =>
	typeof token === 'string' && token !== '' && token.length <= MAX_TOKEN_LENGTH;

const parseScope = (text: string | null): Scope | null => (text ? scopeSchema.parse(text) : null);

/** Splits long id lists for `in (…)` queries (sockets of many people at once). */
function chunks<T>(items: T[], size = 1_000): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
	return out;
}

/** Ingest requests per key are counted in windows of this length. */
const INGEST_WINDOW_MS = 60_000;

/**
 * Who is asking and what they may do, for every surface: checks credentials (session cookies, display tokens,
 * API keys, LIVE_TOKEN), signs people in and out with throttling, and decides access with the one policy
 * (`allows`). Sessions live in Postgres and are looked up on every request, so a sign-out holds everywhere at
 * once and survives restarts.
 */
export class AccessService {
	readonly cookieSecure: boolean;
	readonly sessionTtlMs: number;
	private readonly clock: () => number;

	constructor(
		private readonly deps: {
			db: Database;
			config: Config;
			log: Logger;
			keys: ApiKeyRegistry;
			limiter: RateLimiter;
			reference: ReferenceData;
			/** Keys the CSRF tokens of forms (a secret shared by every process). */
			csrfSecret: string;
			clock?: () => number;
		}
	) {
		this.cookieSecure = servedOverHttps(deps.config.ORIGIN);
		this.sessionTtlMs = deps.config.SESSION_TTL_HOURS * 3_600_000;
		this.clock = deps.clock ?? Date.now;
	}

	private get db() {
		return this.deps.db;
	}

	private provinceOf = (ward: string) => this.deps.reference.provinceOf(ward);

	/** The access decision for a surface and a scope (see `allows` in policy.ts). */
	allows(principal: Principal | null | undefined, surface: Surface, scope: Scope): boolean {
		return allows(principal, surface, scope, this.provinceOf);
	}

	/** Whether the principal may see a ward's dossiers (REST dossier detail, lists). */
	allowsWard(principal: Principal | null | undefined, surface: Surface, ward: string): boolean {
		return this.allows(principal, surface, { kind: 'ward', code: ward });
	}

	/**
	 * The principal of a request or handshake, or null. A token is an API key (`mcl_…`), a display token
	 * (`mcd_…`) or, when `liveToken` is allowed, LIVE_TOKEN; a bad token is refused outright, never eked out
	 * with a cookie. Without a token: the session cookie, else the display cookie.
	 */
	async authenticate(
		credentials: Credentials,
		options: { liveToken?: boolean } = {}
	): Promise<Authenticated | null> {
		const { token } = credentials;
		if (token !== undefined && token !== '') {
			if (!usable(token)) return null;
			if (token.startsWith(DISPLAY_TOKEN_PREFIX)) return this.displayByToken(token);
			if (
				options.liveToken &&
				this.deps.config.LIVE_TOKEN &&
				safeEqual(token, this.deps.config.LIVE_TOKEN)
			)
				return {
					principal: {
						kind: 'live_token',
						id: 'live_token',
						name: 'LIVE_TOKEN',
						scopes: [{ kind: 'national' }]
					},
					credential: { kind: 'live_token' }
				};
			const key = await this.deps.keys.authenticate(token);
			return key
				? {
						principal: { kind: 'api_key', id: key.id, name: key.name, scopes: [key.scope] },
						credential: { kind: 'api_key', id: key.id }
					}
				: null;
		}
		if (usable(credentials.session)) {
			const session = await this.sessionByToken(credentials.session);
			if (session) return session;
		}
		if (usable(credentials.display)) return this.displayByToken(credentials.display);
		return null;
	}

	private async displayByToken(token: string): Promise<Authenticated | null> {
		const [row] = await this.db
			.select({ id: displayTokens.id, name: displayTokens.name, scope: displayTokens.scope })
			.from(displayTokens)
			.where(and(eq(displayTokens.tokenHash, hashSecret(token)), isNull(displayTokens.revokedAt)));
		if (!row) return null;
		return {
			principal: {
				kind: 'display',
				id: row.id,
				name: row.name,
				scopes: [scopeSchema.parse(row.scope)]
			},
			credential: { kind: 'display', id: row.id }
		};
	}

	private userPrincipal(user: UserRow, grants: readonly GrantWindow[]): Principal {
		return {
			kind: 'user',
			id: user.id,
			name: user.displayName ?? user.email,
			email: user.email,
			role: user.role as Role,
			scopes: userScopes(
				{ role: user.role as Role, scope: parseScope(user.scope) },
				grants.filter((g) => g.userId === user.id),
				this.clock()
			)
		};
	}

	private async sessionByToken(token: string): Promise<Authenticated | null> {
		const hash = hashSecret(token);
		const [row] = await this.db
			.select({ user: users })
			.from(sessions)
			.innerJoin(users, eq(users.id, sessions.userId))
			.where(
				and(
					eq(sessions.tokenHash, hash),
					gt(sessions.expiresAt, new Date(this.clock())),
					isNull(users.disabledAt)
				)
			);
		if (!row) return null;
		const grants = row.user.role === 'inspector' ? await grantsOf(this.db, [row.user.id]) : [];
		return {
			principal: this.userPrincipal(row.user, grants),
			credential: { kind: 'session', hash }
		};
	}

	/**
	 * Checks credentials again (live sockets, every few seconds): the principal as it is now for each one that
	 * still holds (an inspector's expired grants gone), null for each that does not. LIVE_TOKEN and public
	 * access depend on configuration only and are not listed.
	 */
	async revalidate(credentials: readonly Credential[]): Promise<Map<string, Principal | null>> {
		const out = new Map<string, Principal | null>();
		const hashes = new Set<string>();
		const displays = new Set<string>();
		const keys = new Set<string>();
		for (const c of credentials) {
			if (c.kind === 'session') hashes.add(c.hash);
			else if (c.kind === 'display') displays.add(c.id);
			else if (c.kind === 'api_key') keys.add(c.id);
		}
		if (hashes.size > 0) {
			const rows = (
				await Promise.all(
					chunks([...hashes]).map((chunk) =>
						this.db
							.select({ hash: sessions.tokenHash, user: users })
							.from(sessions)
							.innerJoin(users, eq(users.id, sessions.userId))
							.where(
								and(
									inArray(sessions.tokenHash, chunk),
									gt(sessions.expiresAt, new Date(this.clock())),
									isNull(users.disabledAt)
								)
							)
					)
				)
			).flat();
			const inspectors = rows.filter((r) => r.user.role === 'inspector').map((r) => r.user.id);
			const grants = await grantsOf(this.db, [...new Set(inspectors)]);
			for (const hash of hashes) out.set(`session:${hash}`, null);
			for (const row of rows) out.set(`session:${row.hash}`, this.userPrincipal(row.user, grants));
		}
		if (displays.size > 0) {
			const rows = await this.db
				.select()
				.from(displayTokens)
				.where(and(inArray(displayTokens.id, [...displays]), isNull(displayTokens.revokedAt)));
			for (const id of displays) out.set(`display:${id}`, null);
			for (const row of rows)
				out.set(`display:${row.id}`, {
					kind: 'display',
					id: row.id,
					name: row.name,
					scopes: [scopeSchema.parse(row.scope)]
				});
		}
		if (keys.size > 0) {
			const rows = await this.db
				.select()
				.from(apiKeys)
				.where(and(inArray(apiKeys.id, [...keys]), isNull(apiKeys.revokedAt)));
			for (const id of keys) out.set(`api_key:${id}`, null);
			for (const row of rows)
				out.set(`api_key:${row.id}`, {
					kind: 'api_key',
					id: row.id,
					name: row.name,
					scopes: [scopeSchema.parse(row.scope)]
				});
		}
		return out;
	}

	/**
	 * Signs a person in: refused while the account or the address is throttled (without even checking the
	 * password), else the password is checked with argon2id; success opens a new session (a new token: a
	 * session is never carried over from before sign-in), failure counts against both limits. Every outcome is
	 * audited, a throttled streak once per window.
	 */
	async login(
		emailInput: string,
		password: string,
		meta: { address: string; previousSession?: string }
	): Promise<LoginResult> {
		const email = normaliseEmail(emailInput).slice(0, 254);
		const { limiter } = this.deps;
		const [account, address] = await Promise.all([
			limiter.peek(accountKey(email)),
			limiter.peek(addressKey(meta.address))
		]);
		const throttle = loginThrottle(account, address);
		if (throttle.throttled) {
			const [a, b] = await Promise.all([
				limiter.hit(accountKey(email), LOGIN_LIMITS.account.windowMs),
				limiter.hit(addressKey(meta.address), LOGIN_LIMITS.address.windowMs)
			]);
			// The first refused attempt of a streak is audited; the rest would only flood the log.
			if (
				a.count === LOGIN_LIMITS.account.failures + 1 ||
				b.count === LOGIN_LIMITS.address.failures + 1
			)
				await audit(this.db, {
					actor: 'anonymous',
					action: 'login.throttled',
					target: email,
					details: { retryAfterS: throttle.retryAfterS },
					address: meta.address
				});
			return { ok: false, reason: 'throttled', retryAfterS: throttle.retryAfterS };
		}

		const user = await findUserByEmail(this.db, email);
		const valid =
			user && user.disabledAt === null
				? await verifyPassword(user.passwordHash, password)
				: await verifyNothing(password);
		if (!user || !valid) {
			await Promise.all([
				limiter.hit(accountKey(email), LOGIN_LIMITS.account.windowMs),
				limiter.hit(addressKey(meta.address), LOGIN_LIMITS.address.windowMs)
			]);
			await audit(this.db, {
				actor: 'anonymous',
				action: 'login.failure',
				target: email,
				details: {
					reason: !user ? 'unknown_account' : user.disabledAt ? 'disabled' : 'wrong_password'
				},
				address: meta.address
			});
			return { ok: false, reason: 'invalid' };
		}

		await limiter.reset(accountKey(email));
		const token = newToken('', 32);
		const now = this.clock();
		const expiresAt = new Date(now + this.sessionTtlMs);
		await this.db.transaction(async (tx) => {
			if (usable(meta.previousSession))
				await tx.delete(sessions).where(eq(sessions.tokenHash, hashSecret(meta.previousSession)));
			await tx
				.insert(sessions)
				.values({ tokenHash: hashSecret(token), userId: user.id, expiresAt });
			await tx
				.update(users)
				.set({ lastLoginAt: new Date(now) })
				.where(eq(users.id, user.id));
			await audit(tx, {
				actor: `user:${user.id}`,
				action: 'login.success',
				target: `user:${user.id}`,
				details: { email: user.email },
				address: meta.address
			});
		});
		const grants = user.role === 'inspector' ? await grantsOf(this.db, [user.id]) : [];
		return { ok: true, token, expiresAt, principal: this.userPrincipal(user, grants) };
	}

	/** Ends a session: its row is deleted, so no process accepts the cookie any more. */
	async logout(sessionToken: string | undefined, address: string | null): Promise<void> {
		if (!usable(sessionToken)) return;
		const [ended] = await this.db
			.delete(sessions)
			.where(eq(sessions.tokenHash, hashSecret(sessionToken)))
			.returning({ userId: sessions.userId });
		if (ended)
			await audit(this.db, {
				actor: `user:${ended.userId}`,
				action: 'logout',
				target: `user:${ended.userId}`,
				address
			});
	}

	/** Deletes expired sessions (they are refused anyway; this only keeps the table small). */
	async sweepSessions(): Promise<number> {
		const gone = await this.db
			.delete(sessions)
			.where(lt(sessions.expiresAt, new Date(this.clock())))
			.returning({ hash: sessions.tokenHash });
		return gone.length;
	}

	/** The token a session's forms carry (stateless: derived from the session, so no store is needed). */
	csrfToken(sessionToken: string): string {
		return hmac(this.deps.csrfSecret, `csrf:${hashSecret(sessionToken)}`);
	}

	checkCsrf(sessionToken: string | undefined, given: unknown): boolean {
		if (!usable(sessionToken) || typeof given !== 'string' || given === '') return false;
		return safeEqual(this.csrfToken(sessionToken), given);
	}

	/**
	 * The check every export calls before it produces anything: the principal may export this scope (people
	 * only, within their scopes). An allowed export is audited with what was exported.
	 */
	async authorizeExport(
		principal: Principal | null | undefined,
		scope: Scope,
		what: Record<string, unknown>,
		address: string | null = null
	): Promise<boolean> {
		if (!this.allows(principal, 'export', scope)) return false;
		await audit(this.db, {
			actor: `${principal!.kind === 'user' ? 'user' : principal!.kind}:${principal!.id}`,
			action: 'export',
			target: formatScope(scope),
			details: what,
			address
		});
		return true;
	}

	/** Counts one ingest request of a key; refused beyond INGEST_RATE_LIMIT requests a minute. */
	async ingestAllowed(
		keyId: string
	): Promise<{ allowed: true } | { allowed: false; retryAfterS: number }> {
		const window = await this.deps.limiter.hit(`ingest:${keyId}`, INGEST_WINDOW_MS);
		if (window.count <= this.deps.config.INGEST_RATE_LIMIT) return { allowed: true };
		return { allowed: false, retryAfterS: Math.max(1, Math.ceil(window.resetInMs / 1000)) };
	}
}
