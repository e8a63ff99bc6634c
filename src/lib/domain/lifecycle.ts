import type { Instant } from './calendar/vn-time';
import type { WorkingCalendar } from './calendar/working-calendar';
import { isApologyInTime, resolveDueAt, restartedDueAt } from './deadline';
import type {
	DossierAnomaly,
	DossierEvent,
	DossierState,
	DossierStatus,
	DueChange,
	EventType,
	FeeEpisode,
	Stage,
	StageVisit,
	StopEpisode,
	SupplementEpisode
} from './dossier';
import { orderEvents } from './event-order';
import { lookupProcedure, processingTimeFor, type ProcedureCatalogue } from './procedure-catalogue';

/**
 * A dossier's state derived from its native events (ARCHITECTURE §2: "a dossier's state is derived from its
 * events"). The same set of events gives the same state in any arrival order, and impossible sequences become
 * named anomalies on the dossier, never an exception.
 */

// The catalogue types are re-exported so callers can take everything the lifecycle needs from here.
export type { ProcedureCatalogue, ProcedureRule } from './procedure-catalogue';

export interface LifecycleContext {
	procedures: ProcedureCatalogue;
	calendar: WorkingCalendar;
}

/** Event types that only make sense once the desk has accepted the dossier. */
const AFTER_ACCEPTANCE: ReadonlySet<EventType> = new Set<EventType>([
	'stage_changed',
	'supplement_requested',
	'supplement_received',
	'fee_requested',
	'due_extended',
	'stopped',
	'resumed',
	'completed',
	'returned'
]);

/** Once the result is ready, only these may still happen (the result goes back to the desk, is paid for, returned). */
const AFTER_COMPLETION: ReadonlySet<EventType> = new Set<EventType>([
	'stage_changed',
	'fee_paid',
	'completed',
	'returned',
	'rated'
]);

/** The value of `key` from the receipt, else the submission, else the first event that carries it. */
function pick<K extends keyof DossierEvent>(
	ordered: readonly DossierEvent[],
	key: K
): DossierEvent[K] | undefined {
	const preferred = [
		...ordered.filter((e) => e.type === 'received'),
		...ordered.filter((e) => e.type === 'submitted'),
		...ordered
	];
	return preferred.find((e) => e[key] !== undefined)?.[key];
}

/**
 * The DVCQG status code, from the facts rather than from any single event (DOMAIN §3): an ended dossier by how it
 * ended; an open one waits on a stop, a supplement or a fee, else is accepted (2) or being processed (4); an
 * online submission not yet accepted is 1. A dossier seen only through later events counts as being processed.
 */
function statusOf(state: DossierState, acceptedActivity: boolean): DossierStatus {
	if (state.withdrawnAt !== null) return 7;
	if (state.returnedAt !== null) return 10;
	if (state.finishedAt !== null) return 9;
	if (state.refusedAt !== null) return 3;
	if (state.stoppedAt !== null) return 8;
	if (state.supplements.some((s) => s.receivedAt === null)) return 5;
	if (state.fees.some((f) => f.paidAt === null)) return 6;
	if (state.receivedAt !== null) return state.stage === null || state.stage === 'intake' ? 2 : 4;
	if (state.submittedAt !== null) return 1;
	return acceptedActivity ? 4 : 1;
}

/**
 * Folds a dossier's events into its state. Events are de-duplicated by id and ordered by time, type rank and id,
 * so arrival order never matters. Rules worth knowing:
 * - the due date at receipt is the source's (`received.dueAt`) or computed from the catalogue and calendar; a
 *   supplement's return restarts it (the source's `dueAt` on `supplement_received` wins); an extension replaces it;
 * - the first `received` opens an `intake` stage visit; `stage_changed` closes the open visit and opens the next;
 *   completion, return, withdrawal and refusal close it;
 * - after completion only stage changes, payments, the return and a rating are accepted; after a return,
 *   withdrawal or refusal only a rating; anything else is recorded as `event_after_finish` and ignored;
 * - a return without a completion also sets `finishedAt`.
 */
export function deriveDossierState(
	events: readonly DossierEvent[],
	ctx: LifecycleContext
): DossierState {
	const { calendar } = ctx;
	const { ordered, conflicting } = orderEvents(events);
	const anomalies = new Set<DossierAnomaly>();
	if (ordered.length === 0) anomalies.add('no_events');
	if (conflicting) anomalies.add('conflicting_duplicate_event');

	const code = ordered[0]?.dossier ?? '';
	if (ordered.some((e) => e.dossier !== code)) anomalies.add('mixed_dossier_codes');
	const ward = pick(ordered, 'ward') ?? '';
	if (ordered.some((e) => e.ward !== ward)) anomalies.add('ward_mismatch');
	const procedure = pick(ordered, 'procedure') ?? null;
	const channel = pick(ordered, 'channel') ?? null;
	const rule = procedure === null ? undefined : lookupProcedure(ctx.procedures, procedure);
	if (procedure !== null && rule === undefined) anomalies.add('unknown_procedure');
	const processingTime = rule ? processingTimeFor(rule, channel) : undefined;

	const state: DossierState = {
		code,
		ward,
		receivingWard: pick(ordered, 'receivingWard') ?? null,
		procedure,
		field: pick(ordered, 'field') ?? rule?.field ?? null,
		channel,
		status: 1,
		stage: null,
		submittedAt: null,
		receivedAt: null,
		dueAt: null,
		dueAtHistory: [],
		finishedAt: null,
		returnedAt: null,
		refusedAt: null,
		withdrawnAt: null,
		stoppedAt: null,
		stops: [],
		supplements: [],
		fees: [],
		extensions: [],
		rating: null,
		digitised: ordered.findLast((e) => e.digitised !== undefined)?.digitised ?? null,
		stages: [],
		incomplete: true,
		anomalies: [],
		lastEventAt: ordered.at(-1)?.at ?? null
	};

	let phase: 'open' | 'completed' | 'ended' = 'open';
	// A holder rather than a `let`: the closures below reassign it, which control-flow analysis cannot follow.
	const current: { visit: StageVisit | null } = { visit: null };
	let pendingSupplement: SupplementEpisode | null = null;
	let pendingFee: FeeEpisode | null = null;
	let pendingStop: StopEpisode | null = null;
	// The due change whose clock a supplement's return restarts (extensions move the date, not the clock).
	let allotment: DueChange | null = null;

	const closeVisit = (at: Instant) => {
		if (current.visit) current.visit.exitedAt = at;
		current.visit = null;
	};
	const enterStage = (stage: Stage, event: DossierEvent) => {
		closeVisit(event.at);
		current.visit = {
			stage,
			enteredAt: event.at,
			exitedAt: null,
			stageDueAt: event.stageDueAt ?? null,
			step: event.step ?? null,
			unit: event.unit ?? null
		};
		state.stages.push(current.visit);
	};
	const setDue = (change: DueChange) => {
		state.dueAt = change.dueAt;
		state.dueAtHistory.push(change);
		if (change.cause !== 'extension') allotment = change;
	};

	for (const event of ordered) {
		const { at } = event;
		if (
			(phase === 'ended' && event.type !== 'rated') ||
			(phase === 'completed' && !AFTER_COMPLETION.has(event.type))
		) {
			anomalies.add('event_after_finish');
			continue;
		}
		switch (event.type) {
			case 'submitted':
				if (state.submittedAt !== null) anomalies.add('submitted_twice');
				else state.submittedAt = at;
				break;
			case 'received': {
				if (state.receivedAt !== null) {
					anomalies.add('received_twice');
					break;
				}
				state.receivedAt = at;
				const dueAt = resolveDueAt(event.dueAt, processingTime, at, calendar);
				if (dueAt !== null) {
					setDue({ at, dueAt, cause: 'receipt', fromSource: event.dueAt !== undefined });
				}
				if (state.stages.length === 0) enterStage('intake', event);
				break;
			}
			case 'not_accepted':
				if (state.receivedAt !== null) anomalies.add('refused_after_receipt');
				state.refusedAt = at;
				closeVisit(at);
				phase = 'ended';
				break;
			case 'stage_changed':
				if (event.stage === undefined) anomalies.add('stage_missing');
				else if (current.visit?.stage !== event.stage) enterStage(event.stage, event);
				else {
					// A new step inside the same stage: the visit goes on with the step's own deadline.
					const visit = current.visit;
					visit.stageDueAt = event.stageDueAt ?? visit.stageDueAt;
					visit.step = event.step ?? visit.step;
					visit.unit = event.unit ?? visit.unit;
				}
				break;
			case 'supplement_requested':
				if (pendingSupplement) {
					anomalies.add('supplement_already_pending');
					break;
				}
				pendingSupplement = { requestedAt: at, receivedAt: null, reason: event.reason ?? null };
				state.supplements.push(pendingSupplement);
				break;
			case 'supplement_received': {
				if (!pendingSupplement) {
					anomalies.add('supplement_received_without_request');
					break;
				}
				pendingSupplement.receivedAt = at;
				pendingSupplement = null;
				const dueAt =
					event.dueAt ??
					(state.receivedAt === null
						? null
						: restartedDueAt(at, processingTime, allotment, calendar));
				if (dueAt !== null) {
					setDue({ at, dueAt, cause: 'supplement', fromSource: event.dueAt !== undefined });
				}
				break;
			}
			case 'fee_requested':
				if (pendingFee) {
					anomalies.add('fee_already_pending');
					break;
				}
				pendingFee = { requestedAt: at, paidAt: null, paidOnline: null };
				state.fees.push(pendingFee);
				break;
			case 'fee_paid':
				if (pendingFee) {
					pendingFee.paidAt = at;
					pendingFee.paidOnline = event.paidOnline ?? null;
					pendingFee = null;
				} else {
					state.fees.push({ requestedAt: null, paidAt: at, paidOnline: event.paidOnline ?? null });
				}
				break;
			case 'due_extended': {
				if (event.dueAt === undefined) {
					anomalies.add('extension_without_due');
					break;
				}
				if (state.extensions.length > 0) anomalies.add('second_extension');
				const previousDueAt = state.dueAt;
				state.extensions.push({
					at,
					previousDueAt,
					newDueAt: event.dueAt,
					reason: event.reason ?? null,
					apologyInTime: isApologyInTime(at, previousDueAt, calendar)
				});
				setDue({ at, dueAt: event.dueAt, cause: 'extension', fromSource: true });
				break;
			}
			case 'withdrawn':
				state.withdrawnAt = at;
				closeVisit(at);
				phase = 'ended';
				break;
			case 'stopped':
				if (pendingStop) {
					anomalies.add('stopped_twice');
					break;
				}
				pendingStop = { stoppedAt: at, resumedAt: null };
				state.stops.push(pendingStop);
				break;
			case 'resumed':
				if (!pendingStop) anomalies.add('resumed_without_stop');
				else pendingStop.resumedAt = at;
				pendingStop = null;
				break;
			case 'completed':
				if (phase === 'completed') {
					anomalies.add('completed_twice');
					break;
				}
				state.finishedAt = at;
				closeVisit(at);
				phase = 'completed';
				break;
			case 'returned':
				if (state.finishedAt === null) {
					anomalies.add('returned_without_completion');
					state.finishedAt = at;
				}
				state.returnedAt = at;
				closeVisit(at);
				phase = 'ended';
				break;
			case 'rated':
				if (event.satisfied === undefined) {
					anomalies.add('rating_without_value');
					break;
				}
				if (state.rating) anomalies.add('rated_twice');
				state.rating = { satisfied: event.satisfied, at };
				break;
		}
	}

	const acceptedActivity = ordered.some((e) => AFTER_ACCEPTANCE.has(e.type));
	if (state.receivedAt === null && acceptedActivity) anomalies.add('no_receipt');
	state.stoppedAt = pendingStop?.stoppedAt ?? null;
	state.stage = state.stages.at(-1)?.stage ?? null;
	state.incomplete =
		state.receivedAt === null && state.submittedAt === null && state.refusedAt === null;
	state.status = statusOf(state, acceptedActivity);
	state.anomalies = [...anomalies];
	return state;
}
