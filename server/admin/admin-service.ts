import type { Logger } from 'pino';
import { z } from 'zod';
import { procedureCodeSchema, procedureInputSchema } from '../../src/lib/contracts/catalogue';
import type { Scope } from '../../src/lib/contracts/scope';
import { createApiKey, listApiKeys, revokeApiKey } from '../access/api-keys';
import { listAudit, type AuditFilter } from '../access/audit';
import {
	createDisplayToken,
	listDisplayTokens,
	revokeDisplayToken
} from '../access/display-tokens';
import { createGrant, listGrants, revokeGrant, type NewGrant } from '../access/grants';
import { InputError, type Actor } from '../access/input-error';
import {
	createUser,
	listUsers,
	resetPassword,
	setUserDisabled,
	updateUser,
	type NewUser
} from '../access/users';
import { scopeSchema } from '../../src/lib/contracts/scope';
import { deleteCalendarDay, listCalendarDays, saveCalendarDay } from '../catalogue/calendar';
import {
	fieldCodes,
	listFields,
	listProcedures,
	saveProcedure,
	UnknownFieldError
} from '../catalogue/procedures';
import type { Database } from '../db/client';
import type { AdminUnits } from '../read/scopes';
import type { ReferenceData } from '../reference/reference-data';

/**
 * What the administration pages do: people, grants, display tokens, API keys, the procedure catalogue and the
 * holiday calendar. Every change is audited in the same transaction, with who made it and from where; the
 * pages check that the actor is an admin before calling.
 */
export class AdminService {
	constructor(
		private readonly deps: {
			db: Database;
			reference: ReferenceData;
			units: () => Promise<AdminUnits>;
			log: Logger;
		}
	) {}

	private get db() {
		return this.deps.db;
	}

	private async exists(): Promise<(scope: Scope) => boolean> {
		const units = await this.deps.units();
		return (scope) => units.exists(scope);
	}

	listUsers() {
		return listUsers(this.db);
	}

	async createUser(input: NewUser, actor: Actor) {
		return createUser(this.db, input, actor, await this.exists());
	}

	async updateUser(
		id: string,
		input: { name?: string | null; role: string; scope?: string | null },
		actor: Actor
	) {
		return updateUser(this.db, id, input, actor, await this.exists());
	}

	setUserDisabled(id: string, disabled: boolean, actor: Actor) {
		return setUserDisabled(this.db, id, disabled, actor);
	}

	resetPassword(id: string, actor: Actor) {
		return resetPassword(this.db, id, actor);
	}

	listGrants() {
		return listGrants(this.db);
	}

	async createGrant(input: NewGrant, actor: Actor) {
		return createGrant(this.db, input, actor, await this.exists());
	}

	async revokeGrant(id: string, actor: Actor) {
		// An unknown or already revoked id changes nothing: say so instead of "saved".
		if (!(await revokeGrant(this.db, id, actor)))
			throw new InputError('id', 'no such grant, or it is already revoked');
	}

	listDisplayTokens() {
		return listDisplayTokens(this.db);
	}

	async createDisplayToken(input: { name: string; scope: string }, actor: Actor) {
		return createDisplayToken(this.db, input, actor, await this.exists());
	}

	async revokeDisplayToken(id: string, actor: Actor) {
		// An unknown or already revoked id changes nothing: say so instead of "saved".
		if (!(await revokeDisplayToken(this.db, id, actor)))
			throw new InputError('id', 'no such display token, or it is already revoked');
	}

	listApiKeys() {
		return listApiKeys(this.db);
	}

	async createApiKey(input: { name: string; scope: string }, actor: Actor) {
		const name = input.name.trim();
		if (name === '' || name.length > 200) throw new InputError('name', 'must be 1–200 characters');
		const scope = scopeSchema.safeParse(input.scope);
		if (!scope.success) throw new InputError('scope', scope.error.issues[0].message);
		if (!(await this.exists())(scope.data))
			throw new InputError('scope', `no such unit ${input.scope.trim()}`);
		return createApiKey(this.db, { name, scope: input.scope }, actor);
	}

	async revokeApiKey(id: string, actor: Actor) {
		// An unknown or already revoked id changes nothing: say so instead of "saved".
		if (!(await revokeApiKey(this.db, id, actor)))
			throw new InputError('id', 'no such API key, or it is already revoked');
	}

	async catalogue() {
		const [procedures, fields] = await Promise.all([listProcedures(this.db), listFields(this.db)]);
		return { procedures, fields };
	}

	/** Adds or edits a procedure; this process uses it at once, the others within a minute. */
	async saveProcedure(codeInput: string, raw: unknown, actor: Actor) {
		const code = procedureCodeSchema.safeParse(codeInput);
		if (!code.success) throw new InputError('code', code.error.issues[0].message);
		const input = procedureInputSchema.safeParse(raw);
		if (!input.success) {
			const issue = input.error.issues[0];
			const field =
				issue.path[0] === 'processingTime'
					? String(issue.path[1] ?? 'unit')
					: String(issue.path[0]);
			throw new InputError(field, issue.message);
		}
		try {
			const saved = await saveProcedure(this.db, code.data, input.data, actor);
			await this.reloadReference();
			return saved;
		} catch (error) {
			if (error instanceof UnknownFieldError)
				throw new InputError(
					'field',
					`unknown field; known fields: ${(await fieldCodes(this.db)).join(', ')}`
				);
			throw error;
		}
	}

	calendar(year?: number) {
		return listCalendarDays(this.db, year);
	}

	async saveCalendarDay(raw: unknown, actor: Actor) {
		const saved = await saveCalendarDay(this.db, raw, actor);
		await this.reloadReference();
		return saved;
	}

	async deleteCalendarDay(date: string, actor: Actor) {
		// Checked here: Postgres would refuse a malformed date with an error (a 500), not a reason.
		if (!z.iso.date().safeParse(date).success)
			throw new InputError('date', 'must be a date YYYY-MM-DD');
		if (!(await deleteCalendarDay(this.db, date, actor)))
			throw new InputError('date', `no calendar entry on ${date}`);
		await this.reloadReference();
	}

	audit(filter: AuditFilter) {
		return listAudit(this.db, filter);
	}

	private async reloadReference() {
		await this.deps.reference
			.load()
			.catch((err: unknown) => this.deps.log.warn({ err }, 'reference reload failed'));
	}
}
