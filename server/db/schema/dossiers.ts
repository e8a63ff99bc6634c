import { sql } from 'drizzle-orm';
import {
	bigserial,
	boolean,
	index,
	integer,
	jsonb,
	pgTable,
	smallint,
	text,
	timestamp,
	uniqueIndex
} from 'drizzle-orm/pg-core';
import { wards } from './reference';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Append-only log of native events: the truth from which every dossier state is derived.
 * A repeated (source, event id) is a duplicate, never a second count.
 */
export const dossierEvents = pgTable(
	'dossier_events',
	{
		seq: bigserial('seq', { mode: 'number' }).primaryKey(),
		source: text('source').notNull(),
		eventId: text('event_id').notNull(),
		dossierCode: text('dossier_code').notNull(),
		wardCode: text('ward_code').notNull(),
		type: text('type').notNull(),
		at: instant('at').notNull(),
		payload: jsonb('payload').notNull(),
		storedAt: instant('stored_at').notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('dossier_events_source_event_uq').on(t.source, t.eventId),
		index('dossier_events_dossier_idx').on(t.dossierCode, t.at),
		// A province's or a ward's latest events, for a new subscriber's ticker (server/read/recent-ticks.ts).
		index('dossier_events_ward_at_idx').on(t.wardCode, t.at)
	]
);

/** Current state of each dossier, re-derived from its events on every change. */
export const dossiers = pgTable(
	'dossiers',
	{
		code: text('code').primaryKey(),
		wardCode: text('ward_code')
			.notNull()
			.references(() => wards.code),
		/** Denormalised so province-scope reads need no join. */
		provinceCode: text('province_code').notNull(),
		receivingWardCode: text('receiving_ward_code'),
		procedureCode: text('procedure_code'),
		fieldCode: text('field_code'),
		channel: text('channel', { enum: ['direct', 'online', 'postal'] }),
		/** DVCQG TrangThaiHoSo code 1–10. */
		status: smallint('status').notNull(),
		stage: text('stage'),
		submittedAt: instant('submitted_at'),
		receivedAt: instant('received_at'),
		dueAt: instant('due_at'),
		finishedAt: instant('finished_at'),
		returnedAt: instant('returned_at'),
		/** Biểu 06 outcome by calendar date: early | on_time | late; null while open. */
		outcome: text('outcome'),
		supplementCount: smallint('supplement_count').notNull().default(0),
		extended: boolean('extended').notNull().default(false),
		/** The whole derived state (episodes, stage visits, anomalies) as the domain computed it. */
		state: jsonb('state').notNull(),
		version: integer('version').notNull().default(1),
		updatedAt: instant('updated_at').notNull().defaultNow()
	},
	(t) => [
		index('dossiers_ward_received_idx').on(t.wardCode, t.receivedAt),
		index('dossiers_province_received_idx').on(t.provinceCode, t.receivedAt),
		index('dossiers_ward_finished_idx').on(t.wardCode, t.finishedAt),
		index('dossiers_province_finished_idx').on(t.provinceCode, t.finishedAt),
		// Open dossiers by due date: the overdue and due-soon lists of §4.3.
		index('dossiers_ward_open_due_idx')
			.on(t.wardCode, t.dueAt)
			.where(sql`${t.finishedAt} is null`),
		index('dossiers_province_open_due_idx')
			.on(t.provinceCode, t.dueAt)
			.where(sql`${t.finishedAt} is null`)
		// Stage and field filters narrow a scope's rows found by the indexes above; their own indexes cost
		// every write and served no query plan (dropped in 0003).
	]
);

/**
 * Outbox of changed dossiers, written in the same transaction as their events. The aggregator reads each
 * dossier's current state, applies the difference from what it applied before, and deletes the row; so a
 * crash between commit and aggregation is repaired at the next start. Codes only: states are in `dossiers`.
 */
export const dossierChanges = pgTable('dossier_changes', {
	id: bigserial('id', { mode: 'number' }).primaryKey(),
	dossierCode: text('dossier_code').notNull(),
	createdAt: instant('created_at').notNull().defaultNow()
});
