import { sql } from 'drizzle-orm';
import type { Instant } from '../../src/lib/domain/calendar/vn-time';
import type { DossierEvent, DossierState } from '../../src/lib/domain/dossier';
import { orderEvents } from '../../src/lib/domain/event-order';
import {
	indexOutcome,
	openStatusAt,
	outcomeOf,
	type OpenStatus
} from '../../src/lib/domain/outcome';
import type { Database } from '../db/client';
import type { ReferenceData } from '../reference/reference-data';
import { isoOf, queryRows } from './sql-rows';

/**
 * `GET /api/v1/dossiers/{code}`: a dossier's current state and its event timeline. Free text (reasons) is cut
 * to REASON_MAX_CHARS and officer ids are never shown: the dashboard supervises work, not people.
 */

export const REASON_MAX_CHARS = 200;

const iso = (at: Instant | null) => (at === null ? null : isoOf(at));
const reasonOf = (text: string | null | undefined) =>
	text === null || text === undefined ? null : text.slice(0, REASON_MAX_CHARS);

export interface TimelineEntry {
	type: string;
	at: string;
	stage: string | null;
	step: string | null;
	unit: string | null;
	dueAt: string | null;
	reason: string | null;
}

function detailOf(
	state: DossierState,
	events: readonly DossierEvent[],
	now: Instant,
	reference: ReferenceData
) {
	return {
		code: state.code,
		ward: state.ward,
		receivingWard: state.receivingWard,
		procedure: state.procedure,
		field: state.field,
		channel: state.channel,
		status: state.status,
		openStatus: openStatusAt(state, now, reference.calendar) as OpenStatus | null,
		stage: state.stage,
		submittedAt: iso(state.submittedAt),
		receivedAt: iso(state.receivedAt),
		dueAt: iso(state.dueAt),
		finishedAt: iso(state.finishedAt),
		returnedAt: iso(state.returnedAt),
		withdrawnAt: iso(state.withdrawnAt),
		refusedAt: iso(state.refusedAt),
		outcome: outcomeOf(state),
		// Decision 766 outcome as of now (pending while open and not yet late); the dossier page explains it.
		indexOutcome: indexOutcome(state, reference.calendar, now),
		supplements: state.supplements.map((s) => ({
			requestedAt: iso(s.requestedAt),
			receivedAt: iso(s.receivedAt),
			reason: reasonOf(s.reason)
		})),
		dueAtHistory: state.dueAtHistory.map((change) => ({
			at: isoOf(change.at),
			dueAt: isoOf(change.dueAt),
			cause: change.cause,
			fromSource: change.fromSource
		})),
		extensions: state.extensions.map((e) => ({
			at: iso(e.at),
			previousDueAt: iso(e.previousDueAt),
			newDueAt: iso(e.newDueAt),
			reason: reasonOf(e.reason),
			apologyInTime: e.apologyInTime
		})),
		stages: state.stages.map((v) => ({
			stage: v.stage,
			enteredAt: iso(v.enteredAt),
			exitedAt: iso(v.exitedAt),
			stageDueAt: iso(v.stageDueAt),
			step: v.step,
			unit: v.unit
		})),
		anomalies: state.anomalies,
		timeline: events.map((e): TimelineEntry => ({
			type: e.type,
			at: isoOf(e.at),
			stage: e.stage ?? null,
			step: e.step ?? null,
			unit: e.unit ?? null,
			dueAt: e.dueAt === undefined ? null : isoOf(e.dueAt),
			reason: reasonOf(e.reason)
		}))
	};
}

export type DossierDetail = ReturnType<typeof detailOf>;

/**
 * The dossier `code` as seen by a reader who may read its ward (`mayRead`: the access policy, which goes through
 * the one scope check), or null when it is unknown or outside the reader's scopes (the two
 * are indistinguishable on purpose). The timeline is in the domain's event order (time, type rank, id), once per
 * event id, as the state was derived.
 */
export async function dossierDetail(
	db: Database,
	reference: ReferenceData,
	code: string,
	mayRead: (ward: string) => boolean,
	now: Instant
): Promise<DossierDetail | null> {
	const [row] = await queryRows<{ ward_code: string; state: DossierState }>(
		db,
		sql`select ward_code, state from dossiers where code = ${code}`
	);
	if (!row || !mayRead(row.ward_code)) {
		return null;
	}
	// The (dossier_code, at) index serves both the filter and the order.
	const events = await queryRows<{ payload: DossierEvent }>(
		db,
		sql`select payload from dossier_events where dossier_code = ${code} order by at, seq`
	);
	const { ordered } = orderEvents(events.map((e) => e.payload));
	return detailOf(row.state, ordered, now, reference);
}
