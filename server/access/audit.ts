import { and, desc, eq, gte, ilike, like, lt, or, type SQL } from 'drizzle-orm';
import type { Database } from '../db/client';
import { auditLog } from '../db/schema';

/**
 * Every audited action, by its name in the `action` column. The log is append-only: a trigger refuses UPDATE,
 * DELETE and TRUNCATE (migration 0005).
 */
export const AUDIT_ACTIONS = [
	'login.success',
	'login.failure',
	'login.throttled',
	'logout',
	'user.create',
	'user.update',
	'user.disable',
	'user.enable',
	'user.password_reset',
	'grant.create',
	'grant.revoke',
	'display.create',
	'display.revoke',
	'apikey.create',
	'apikey.revoke',
	'apikey.use',
	'export',
	'procedure.create',
	'procedure.update',
	'calendar.create',
	'calendar.update',
	'calendar.delete',
	'unit.set'
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
	/** `user:<id>`, `cli`, `apikey:<id>`, `system`; an unknown signer-in is `anonymous`. */
	actor: string;
	action: AuditAction;
	/** What was acted on: `user:<id>`, `grant:<id>`, `display:<id>`, `apikey:<id>`, `procedure:<code>`, … */
	target?: string | null;
	details?: unknown;
	address?: string | null;
}

/** Anything with an insert: the database or a transaction. */
type Writer = Pick<Database, 'insert'>;

/** Appends one entry; inside the caller's transaction when given one, so the change and its trail commit together. */
export async function audit(db: Writer, entry: AuditEntry): Promise<void> {
	await db.insert(auditLog).values({
		actor: entry.actor,
		action: entry.action,
		target: entry.target ?? null,
		details: entry.details === undefined ? null : JSON.stringify(entry.details),
		address: entry.address ?? null
	});
}

export interface AuditFilter {
	/** An action name, or a family such as `login.*` (every `login.…`). */
	action?: string;
	actor?: string;
	/** Part of the target, e.g. an e-mail or `ward:16681`. */
	target?: string;
	/** Instants (inclusive from, exclusive to). */
	from?: Date;
	to?: Date;
	/** Keyset paging: entries older than this id. */
	before?: number;
	limit?: number;
}

export type AuditRow = typeof auditLog.$inferSelect;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Entries matching the filter, newest first, one page at a time. */
export async function listAudit(db: Database, filter: AuditFilter = {}): Promise<AuditRow[]> {
	const where: SQL[] = [];
	if (filter.action)
		where.push(
			filter.action.endsWith('.*')
				? like(auditLog.action, `${escapeLike(filter.action.slice(0, -1))}%`)
				: eq(auditLog.action, filter.action)
		);
	if (filter.actor) where.push(eq(auditLog.actor, filter.actor));
	if (filter.target) {
		const pattern = `%${escapeLike(filter.target)}%`;
		where.push(or(ilike(auditLog.target, pattern), ilike(auditLog.details, pattern))!);
	}
	if (filter.from) where.push(gte(auditLog.at, filter.from));
	if (filter.to) where.push(lt(auditLog.at, filter.to));
	if (filter.before !== undefined) where.push(lt(auditLog.id, filter.before));
	return db
		.select()
		.from(auditLog)
		.where(where.length ? and(...where) : undefined)
		.orderBy(desc(auditLog.id))
		.limit(Math.min(Math.max(filter.limit ?? 100, 1), 500));
}
