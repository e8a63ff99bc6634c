import { sql } from 'drizzle-orm';
import type { DossierEvent, DossierState } from '../../src/lib/domain/dossier';
import { deriveDossierState } from '../../src/lib/domain/lifecycle';
import { outcomeOf } from '../../src/lib/domain/outcome';
import type { Database } from '../db/client';
import { rowsOf } from '../db/rows';
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
	/** Ids of the events newly stored (the rest were duplicates). */
	acceptedIds: ReadonlySet<string>;
	changes: DossierChange[];
}

/** An `Instant` (epoch milliseconds) in a JSON document as `timestamptz`, exactly (integer arithmetic). */
const instantOf = (json: ReturnType<typeof sql.raw>) =>
	sql`(timestamptz 'epoch' + (${json})::bigint * interval '1 millisecond')`;

/**
 * Each statement takes its rows as one JSON document: one parameter whatever the batch size, no per-value
 * query building on the hot path, and the columns are read from the events themselves, so nothing is sent
 * twice.
 */
function insertEvents(tx: Database, source: string, events: readonly DossierEvent[]) {
	return tx.execute(sql`
		insert into dossier_events (source, event_id, dossier_code, ward_code, type, at, payload)
		select ${source}, e->>'id', e->>'dossier', e->>'ward', e->>'type', ${instantOf(sql.raw(`e->>'at'`))}, e
		from jsonb_array_elements(${JSON.stringify(events)}::jsonb) as e
		on conflict (source, event_id) do nothing
		returning event_id`);
}

/** Writes derived states into `dossiers` (also used to load benchmark data without events). */
export function upsertDossiers(
	tx: Database,
	changes: readonly DossierChange[],
	reference: ReferenceData
) {
	// Columns derived in code travel beside the state; the rest are read from the state in SQL.
	const rows = changes.map(({ after: s }) => ({
		province: reference.provinceOf(s.ward) ?? '',
		outcome: outcomeOf(s),
		supplements: s.supplements.length,
		extended: s.extensions.length > 0,
		state: s
	}));
	const at = (field: string) => instantOf(sql.raw(`s->>'${field}'`));
	return tx.execute(sql`
		insert into dossiers (code, ward_code, province_code, receiving_ward_code, procedure_code, field_code, channel,
			status, stage, submitted_at, received_at, due_at, finished_at, returned_at, outcome, supplement_count,
			extended, state)
		select s->>'code', s->>'ward', r->>'province', s->>'receivingWard', s->>'procedure', s->>'field',
			s->>'channel', (s->>'status')::smallint, s->>'stage', ${at('submittedAt')}, ${at('receivedAt')},
			${at('dueAt')}, ${at('finishedAt')}, ${at('returnedAt')}, r->>'outcome', (r->>'supplements')::smallint,
			(r->>'extended')::boolean, s
		from jsonb_array_elements(${JSON.stringify(rows)}::jsonb) as r, lateral (select r->'state' as s) as state
		on conflict (code) do update set ward_code = excluded.ward_code, province_code = excluded.province_code,
			receiving_ward_code = excluded.receiving_ward_code, procedure_code = excluded.procedure_code,
			field_code = excluded.field_code, channel = excluded.channel, status = excluded.status,
			stage = excluded.stage, submitted_at = excluded.submitted_at, received_at = excluded.received_at,
			due_at = excluded.due_at, finished_at = excluded.finished_at, returned_at = excluded.returned_at,
			outcome = excluded.outcome, supplement_count = excluded.supplement_count, extended = excluded.extended,
			state = excluded.state, version = dossiers.version + 1, updated_at = now()`);
}

function insertChanges(tx: Database, changes: readonly DossierChange[]) {
	return tx.execute(sql`
		insert into dossier_changes (dossier_code)
		select unnest(${sql.param(changes.map((c) => c.code))}::text[])`);
}

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
	if (events.length === 0)
		return { accepted: 0, duplicates: 0, acceptedIds: new Set(), changes: [] };
	// A fixed insertion order keeps two batches repeating each other's events from deadlocking.
	const ordered = [...events].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

	return db.transaction(async (tx) => {
		const insertedIds = new Set(
			rowsOf<{ event_id: string }>(await insertEvents(tx, source, ordered)).map(
				(row) => row.event_id
			)
		);
		// Duplicates within the batch itself count once: the first occurrence is the one stored.
		const inserted = ordered.filter((e) => insertedIds.delete(e.id));
		const accepted = inserted.length;
		const duplicates = events.length - accepted;
		const acceptedIds = new Set(inserted.map((e) => e.id));
		const touched = [...new Set(inserted.map((event) => event.dossier))].sort();
		if (touched.length === 0) return { accepted, duplicates, acceptedIds, changes: [] };

		// Serialise writers per dossier (in code order, so never a deadlock). Under the lock, a dossier without
		// a stored state has no committed events, so this batch's events are all it has.
		await tx.execute(
			sql`select pg_advisory_xact_lock(hashtextextended(code, 7723002))
			    from unnest(${sql.param(touched)}::text[]) with ordinality as t(code, n) order by n`
		);
		const previous = rowsOf<{ code: string; state: DossierState }>(
			await tx.execute(
				sql`select code, state from dossiers where code = any(${sql.param(touched)}::text[])`
			)
		);
		const before = new Map(previous.map((row) => [row.code, row.state]));
		const eventsOf = new Map<string, DossierEvent[]>();
		const known = [...before.keys()];
		const stored =
			known.length === 0
				? []
				: rowsOf<{ payload: DossierEvent }>(
						await tx.execute(
							sql`select payload from dossier_events where dossier_code = any(${sql.param(known)}::text[])`
						)
					).map((row) => row.payload);
		for (const event of stored.concat(inserted.filter((e) => !before.has(e.dossier)))) {
			const list = eventsOf.get(event.dossier) ?? [];
			list.push(event);
			eventsOf.set(event.dossier, list);
		}
		const context = { procedures: reference.procedures, calendar: reference.calendar };
		const changes: DossierChange[] = touched.map((code) => ({
			code,
			before: before.get(code) ?? null,
			after: deriveDossierState(eventsOf.get(code) ?? [], context)
		}));
		await upsertDossiers(tx, changes, reference);
		await insertChanges(tx, changes);
		return { accepted, duplicates, acceptedIds, changes };
	});
}
