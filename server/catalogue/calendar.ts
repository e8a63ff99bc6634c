import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../access/audit';
import { InputError, type Actor } from '../access/input-error';
import type { Database } from '../db/client';
import { calendarDays } from '../db/schema';

export const CALENDAR_DAY_KINDS = ['holiday', 'day_off', 'working_day'] as const;

/** A day of the holiday calendar as an administrator enters it. */
export const calendarDayInputSchema = z.object({
	date: z.iso.date('must be a date YYYY-MM-DD'),
	kind: z.enum(CALENDAR_DAY_KINDS, 'must be holiday, day_off or working_day'),
	name: z.string().trim().min(1, 'is required').max(200),
	provisional: z.boolean()
});

export type CalendarDayInput = z.infer<typeof calendarDayInputSchema>;

/** Days of the calendar in a year (or all), in date order. */
export async function listCalendarDays(db: Database, year?: number) {
	const query = db.select().from(calendarDays);
	return year === undefined
		? query.orderBy(asc(calendarDays.date))
		: query
				.where(sql`extract(year from ${calendarDays.date}) = ${year}`)
				.orderBy(asc(calendarDays.date));
}

/**
 * Adds or changes a day of the calendar (a holiday, a compensatory day off, a swapped working day), or marks
 * it provisional, and audits the change. Deadlines computed from now on use it; stored due dates stay as they
 * were computed (a rebuild does not recompute them).
 */
export async function saveCalendarDay(db: Database, raw: unknown, actor: Actor) {
	const parsed = calendarDayInputSchema.safeParse(raw);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw new InputError(String(issue.path[0] ?? 'date'), issue.message);
	}
	const input = parsed.data;
	return db.transaction(async (tx) => {
		const [before] = await tx.select().from(calendarDays).where(eq(calendarDays.date, input.date));
		const row = { ...input, updatedAt: new Date() };
		const [saved] = await tx
			.insert(calendarDays)
			.values(row)
			.onConflictDoUpdate({ target: calendarDays.date, set: row })
			.returning();
		await audit(tx, {
			actor: actor.id,
			action: before ? 'calendar.update' : 'calendar.create',
			target: `calendar:${input.date}`,
			details: { before: before ?? null, after: saved },
			address: actor.address
		});
		return saved;
	});
}

/** Removes a day wrongly entered; audited with what it was. */
export async function deleteCalendarDay(
	db: Database,
	date: string,
	actor: Actor
): Promise<boolean> {
	return db.transaction(async (tx) => {
		const [removed] = await tx.delete(calendarDays).where(eq(calendarDays.date, date)).returning();
		if (!removed) return false;
		await audit(tx, {
			actor: actor.id,
			action: 'calendar.delete',
			target: `calendar:${date}`,
			details: { before: removed },
			address: actor.address
		});
		return true;
	});
}
