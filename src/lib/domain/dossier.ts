import type { Instant } from './calendar/vn-time';

/**
 * The dossier vocabulary shared by every rule: channels, stages, native events (ARCHITECTURE §4.1), the DVCQG
 * status codes (DOMAIN §3) and the derived dossier state. The state is plain JSON (absent values are `null`), so
 * it can be stored in a `jsonb` column and compared after a round trip.
 */

export const CHANNELS = ['direct', 'online', 'postal'] as const;
/** How a dossier was submitted: in person (also when the source leaves it empty), online, or by post. */
export type Channel = (typeof CHANNELS)[number];

export const STAGES = ['intake', 'processing', 'approval', 'interagency', 'result'] as const;
/** Where an accepted dossier is: at the desk, with a specialist, awaiting signature, at another agency, back at the desk. */
export type Stage = (typeof STAGES)[number];

export const EVENT_TYPES = [
	'submitted',
	'received',
	'not_accepted',
	'stage_changed',
	'supplement_requested',
	'supplement_received',
	'fee_requested',
	'fee_paid',
	'due_extended',
	'withdrawn',
	'stopped',
	'resumed',
	'completed',
	'returned',
	'rated'
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** A native event, already validated and with its times converted to instants. */
export interface DossierEvent {
	id: string;
	type: EventType;
	dossier: string;
	ward: string;
	at: Instant;
	/** Arrival order. Deliberately not used to order events: arrival order must not change a state. */
	seq?: number;
	receivingWard?: string;
	procedure?: string;
	field?: string;
	channel?: Channel;
	/** The source's due date; on `due_extended` the new due date, on `supplement_received` NgayHenTraMoi. */
	dueAt?: Instant;
	stage?: Stage;
	step?: string;
	unit?: string;
	officer?: string;
	stageDueAt?: Instant;
	reason?: string;
	paidOnline?: boolean;
	satisfied?: boolean;
	/** Has digitised components and an electronic result (DVCQG HoSoCoThanhPhanSoHoa); on `received`/`completed`. */
	digitised?: boolean;
}

/**
 * DVCQG TrangThaiHoSo: 1 submitted online, not yet accepted; 2 accepted; 3 refused at intake; 4 being processed;
 * 5 waiting for a supplement; 6 waiting for fees; 7 withdrawn; 8 stopped; 9 result ready; 10 result delivered.
 */
export type DossierStatus = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;

/** A supplement request and, once the complete dossier is back, its return. */
export interface SupplementEpisode {
	requestedAt: Instant;
	receivedAt: Instant | null;
	reason: string | null;
}

/** A fee or tax request and its payment; a payment at the desk with no request has `requestedAt: null`. */
export interface FeeEpisode {
	requestedAt: Instant | null;
	paidAt: Instant | null;
	paidOnline: boolean | null;
}

/** A due date moved with a written apology (Phiếu xin lỗi và hẹn lại ngày trả kết quả). */
export interface Extension {
	at: Instant;
	previousDueAt: Instant | null;
	newDueAt: Instant;
	reason: string | null;
	/** Sent at least one working day (8 working hours) before the old due date. */
	apologyInTime: boolean;
}

/** Processing stopped by the handling body, and resumed. */
export interface StopEpisode {
	stoppedAt: Instant;
	resumedAt: Instant | null;
}

/** A stay of the dossier in one stage. */
export interface StageVisit {
	stage: Stage;
	enteredAt: Instant;
	exitedAt: Instant | null;
	/** The step's own deadline, when the source gives one. */
	stageDueAt: Instant | null;
	step: string | null;
	unit: string | null;
}

/**
 * Why the due date changed: `receipt` the first due date; `supplement` the legal clock restarted on the return
 * of the complete dossier; `extension` moved with an apology.
 */
export type DueChangeCause = 'receipt' | 'supplement' | 'extension';

export interface DueChange {
	/** When the change took effect: the receipt, the supplement's return, or the extension. */
	at: Instant;
	dueAt: Instant;
	cause: DueChangeCause;
	/** Given by the source system rather than computed from the catalogue. */
	fromSource: boolean;
}

export interface Rating {
	satisfied: boolean;
	at: Instant;
}

/** A dossier's current state, derived from its events by `deriveDossierState`. */
export interface DossierState {
	code: string;
	/** Handling ward. */
	ward: string;
	/** Receiving ward when the source names one (NĐ 118/2025: may differ from the handling ward). */
	receivingWard: string | null;
	procedure: string | null;
	field: string | null;
	channel: Channel | null;
	status: DossierStatus;
	stage: Stage | null;
	submittedAt: Instant | null;
	/** Accepted at the desk: the legal clock starts here. */
	receivedAt: Instant | null;
	/** The due date in force: source or computed, restarted after supplements, moved by extensions. */
	dueAt: Instant | null;
	dueAtHistory: DueChange[];
	/** Processing finished, result ready (a return without a completion counts as both). */
	finishedAt: Instant | null;
	returnedAt: Instant | null;
	/** Refused at intake (not accepted). */
	refusedAt: Instant | null;
	withdrawnAt: Instant | null;
	/** Start of the stop in force, if processing is stopped now. */
	stoppedAt: Instant | null;
	stops: StopEpisode[];
	supplements: SupplementEpisode[];
	fees: FeeEpisode[];
	extensions: Extension[];
	rating: Rating | null;
	/** Digitised components and an electronic result; null when the source never said. */
	digitised: boolean | null;
	stages: StageVisit[];
	/** Neither a submission, a receipt nor a refusal has been seen yet. */
	incomplete: boolean;
	/** Named impossible or suspicious sequences, in order of first occurrence (see `DossierAnomaly`). */
	anomalies: DossierAnomaly[];
	lastEventAt: Instant | null;
}

/** Impossible or suspicious sequences, kept on the dossier instead of failing. */
export type DossierAnomaly =
	| 'no_events'
	| 'mixed_dossier_codes'
	| 'ward_mismatch'
	| 'conflicting_duplicate_event'
	| 'unknown_procedure'
	| 'no_receipt'
	| 'submitted_twice'
	| 'received_twice'
	| 'refused_after_receipt'
	| 'stage_missing'
	| 'supplement_already_pending'
	| 'supplement_received_without_request'
	| 'fee_already_pending'
	| 'extension_without_due'
	| 'second_extension'
	| 'stopped_twice'
	| 'resumed_without_stop'
	| 'completed_twice'
	| 'returned_without_completion'
	| 'rating_without_value'
	| 'rated_twice'
	| 'event_after_finish';

/** Instant a dossier left the in-progress pool: finished, withdrawn or refused; null while open. */
export function closedAt(state: DossierState): Instant | null {
	const ends = [state.finishedAt, state.withdrawnAt, state.refusedAt].filter(
		(at): at is Instant => at !== null
	);
	return ends.length === 0 ? null : Math.min(...ends);
}
