import { inArray, sql } from 'drizzle-orm';
import type { DossierEvent, DossierState } from '../../src/lib/domain/dossier';
import { deriveDossierState } from '../../src/lib/domain/lifecycle';
import { outcomeOf } from '../../src/lib/domain/outcome';
import type { Database } from '../db/client';
import { dossierChanges, dossierEvents, dossiers } from '../db/schema';
import type { ReferenceData } from '../reference/reference-data';

/** A dossier whose state the batch changed; handed to the aggregator (also through the outbox). */
export interface DossierChange {
	code: string;
	before: DossierState | null;
	after: DossierState;
}

export interface StoreResult {
	accepted: number;
	duplicates: number;
	changes: DossierChange[];
}

/** Rows per INSERT statement: well under Postgres's 65,535 bound parameters. */
const CHUNK = 2_000;

function chunked<T>(rows: readonly T[]): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
	return out;
}

const date = (at: number | null) => (at === null ? null : new Date(at));

/**
 * Stores a batch of validated events durably and idempotently, in one transaction: inserts the new events
 * (a repeated (source, id) is a duplicate), re-derives every touched dossier from all its events, upserts its
 * state and writes the change to the outbox. When this resolves, the batch is committed.
 */
export async function storeEvents(
	db: Database,
	source: string,
	events: readonly DossierEvent[],
	reference: ReferenceData
): Promise<StoreResult> {
	if (events.length === 0) return { accepted: 0, duplicates: 0, changes: [] };
	// A fixed insertion order keeps two batches repeating each other's events from deadlocking.
	const ordered = [...events].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

	return db.transaction(async (tx) => {
		const inserted: { dossierCode: string }[] = [];
		for (const rows of chunked(ordered)) {
			inserted.push(
				...(await tx
					.insert(dossierEvents)
					.values(
						rows.map((event) => ({
							source,
							eventId: event.id,
							dossierCode: event.dossier,
							wardCode: event.ward,
							type: event.type,
							at: new Date(event.at),
							payload: event
						}))
					)
					.onConflictDoNothing({ target: [dossierEvents.source, dossierEvents.eventId] })
					.returning({ dossierCode: dossierEvents.dossierCode }))
			);
		}
		const accepted = inserted.length;
		const duplicates = events.length - accepted;
		const touched = [...new Set(inserted.map((row) => row.dossierCode))].sort();
		if (touched.length === 0) return { accepted, duplicates, changes: [] };

		// Serialise writers per dossier (in code order, so never a deadlock); reads after the lock see every
		// event committed by an earlier writer of the same dossier.
		await tx.execute(
			sql`select pg_advisory_xact_lock(hashtextextended(code, 7723002))
			    from unnest(${sql.param(touched)}::text[]) with ordinality as t(code, n) order by n`
		);
		const [allEvents, previous] = await Promise.all([
			tx
				.select({ dossierCode: dossierEvents.dossierCode, payload: dossierEvents.payload })
				.from(dossierEvents)
				.where(inArray(dossierEvents.dossierCode, touched)),
			tx
				.select({ code: dossiers.code, state: dossiers.state })
				.from(dossiers)
				.where(inArray(dossiers.code, touched))
		]);
		const eventsOf = new Map<string, DossierEvent[]>();
		for (const row of allEvents) {
			const list = eventsOf.get(row.dossierCode) ?? [];
			list.push(row.payload as DossierEvent);
			eventsOf.set(row.dossierCode, list);
		}
		const before = new Map(previous.map((row) => [row.code, row.state as DossierState]));
		const context = { procedures: reference.procedures, calendar: reference.calendar };

		const changes: DossierChange[] = touched.map((code) => ({
			code,
			before: before.get(code) ?? null,
			after: deriveDossierState(eventsOf.get(code) ?? [], context)
		}));

		for (const rows of chunked(changes)) {
			await tx
				.insert(dossiers)
				.values(
					rows.map(({ after: state }) => ({
						code: state.code,
						wardCode: state.ward,
						provinceCode: reference.provinceOf(state.ward) ?? '',
						receivingWardCode: state.receivingWard,
						procedureCode: state.procedure,
						fieldCode: state.field,
						channel: state.channel,
						status: state.status,
						stage: state.stage,
						submittedAt: date(state.submittedAt),
						receivedAt: date(state.receivedAt),
						dueAt: date(state.dueAt),
						finishedAt: date(state.finishedAt),
						returnedAt: date(state.returnedAt),
						outcome: outcomeOf(state),
						supplementCount: state.supplements.length,
						extended: state.extensions.length > 0,
						state
					}))
				)
				.onConflictDoUpdate({
					target: dossiers.code,
					set: {
						wardCode: sql`excluded.ward_code`,
						provinceCode: sql`excluded.province_code`,
						receivingWardCode: sql`excluded.receiving_ward_code`,
						procedureCode: sql`excluded.procedure_code`,
						fieldCode: sql`excluded.field_code`,
						channel: sql`excluded.channel`,
						status: sql`excluded.status`,
						stage: sql`excluded.stage`,
						submittedAt: sql`excluded.submitted_at`,
						receivedAt: sql`excluded.received_at`,
						dueAt: sql`excluded.due_at`,
						finishedAt: sql`excluded.finished_at`,
						returnedAt: sql`excluded.returned_at`,
						outcome: sql`excluded.outcome`,
						supplementCount: sql`excluded.supplement_count`,
						extended: sql`excluded.extended`,
						state: sql`excluded.state`,
						version: sql`${dossiers.version} + 1`,
						updatedAt: sql`now()`
					}
				});
			await tx
				.insert(dossierChanges)
				.values(
					rows.map((change) => ({
						dossierCode: change.code,
						before: change.before,
						after: change.after
					}))
				);
		}
		return { accepted, duplicates, changes };
	});
}
