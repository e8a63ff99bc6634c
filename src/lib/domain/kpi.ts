import type { Instant } from './calendar/vn-time';
import type { WorkingCalendar } from './calendar/working-calendar';
import { closedAt, type Channel, type DossierState } from './dossier';
import { DUE_SOON_WORKING_HOURS, openStatusAt, outcomeOf } from './outcome';
import { isInPeriod, periodStart, type Period } from './period';
import { rate } from './statistics';

/**
 * The snapshot figures of ARCHITECTURE §4.3 as functions of dossier states. Every figure counts a dossier only
 * once its receipt is known (`receivedAt`), except `awaitingIntake`; incomplete dossiers wait for their receipt.
 */

/** Received in the period. `total = online + direct + postal`; `carriedOver` (open at the start) is not in `total`. */
export interface ReceivedFigures {
	total: number;
	online: number;
	direct: number;
	postal: number;
	/** Received before the period and still open when it began (Biểu 06 "kỳ trước chuyển qua"). */
	carriedOver: number;
	/** Received in the period per field code; `unknown` when the field is not known. */
	byField: Record<string, number>;
}

/** Finished (by Biểu 06 outcome) or withdrawn in the period; `total = early + onTime + late + withdrawn`. */
export interface ResolvedFigures {
	total: number;
	early: number;
	onTime: number;
	late: number;
	withdrawn: number;
}

/**
 * Open at the measurement instant. `total = withinTime + dueSoon + overdue + awaitingCitizen` (disjoint groups,
 * so Biểu 06's "trong hạn" is withinTime + dueSoon + awaitingCitizen). `awaitingIntake` (submitted, not yet
 * accepted) is not accepted yet, so it is not part of `total`.
 */
export interface InProgressFigures {
	total: number;
	withinTime: number;
	dueSoon: number;
	overdue: number;
	awaitingCitizen: number;
	awaitingIntake: number;
}

/** The wards a figure covers (handling ward); null covers every dossier given. */
export type WardScope = ReadonlySet<string> | readonly string[] | null;

/** The `byField` key for dossiers whose field is not known. */
export const UNKNOWN_FIELD = 'unknown';

/** Dossiers handled by a ward in scope. */
export function inScope(states: readonly DossierState[], wards: WardScope): DossierState[] {
	if (wards === null) return [...states];
	const set = wards instanceof Set ? wards : new Set(wards as readonly string[]);
	return states.filter((state) => set.has(state.ward));
}

/** The channel for counting: an empty channel means in person (DVCQG KenhThucHien). */
export function channelOf(state: DossierState): Channel {
	return state.channel ?? 'direct';
}

/** Accepted at the desk within the period. */
export function isReceivedIn(state: DossierState, period: Period): boolean {
	return isInPeriod(state.receivedAt, period);
}

/** Accepted before the period began and not finished, withdrawn or refused before it began. */
export function isCarriedOver(state: DossierState, period: Period): boolean {
	const start = periodStart(period);
	if (state.receivedAt === null || state.receivedAt >= start) return false;
	const closed = closedAt(state);
	return closed === null || closed >= start;
}

export function receivedFigures(states: readonly DossierState[], period: Period): ReceivedFigures {
	const figures: ReceivedFigures = {
		total: 0,
		online: 0,
		direct: 0,
		postal: 0,
		carriedOver: 0,
		byField: {}
	};
	for (const state of states) {
		if (isCarriedOver(state, period)) figures.carriedOver++;
		if (!isReceivedIn(state, period)) continue;
		figures.total++;
		figures[channelOf(state)]++;
		const field = state.field ?? UNKNOWN_FIELD;
		figures.byField[field] = (figures.byField[field] ?? 0) + 1;
	}
	return figures;
}

export function resolvedFigures(states: readonly DossierState[], period: Period): ResolvedFigures {
	const figures: ResolvedFigures = { total: 0, early: 0, onTime: 0, late: 0, withdrawn: 0 };
	for (const state of states) {
		if (state.receivedAt === null) continue;
		if (isInPeriod(state.withdrawnAt, period)) figures.withdrawn++;
		const outcome = isInPeriod(state.finishedAt, period) ? outcomeOf(state) : null;
		if (outcome === 'early') figures.early++;
		if (outcome === 'on_time') figures.onTime++;
		if (outcome === 'late') figures.late++;
	}
	figures.total = figures.early + figures.onTime + figures.late + figures.withdrawn;
	return figures;
}

/**
 * (early + on time) ÷ dossiers finished, withdrawn ones excluded (a withdrawal is neither on time nor late);
 * null when nothing was finished.
 */
export function onTimeRate(resolved: ResolvedFigures): number | null {
	return rate(resolved.early + resolved.onTime, resolved.early + resolved.onTime + resolved.late);
}

/** Online ÷ received in the period; null when nothing was received. */
export function onlineRate(received: ReceivedFigures): number | null {
	return rate(received.online, received.total);
}

/** Open dossiers at `at` (see `measurementInstant`), grouped by `openStatusAt`. */
export function inProgressFigures(
	states: readonly DossierState[],
	at: Instant,
	calendar: WorkingCalendar,
	dueSoonWorkingHours = DUE_SOON_WORKING_HOURS
): InProgressFigures {
	const figures: InProgressFigures = {
		total: 0,
		withinTime: 0,
		dueSoon: 0,
		overdue: 0,
		awaitingCitizen: 0,
		awaitingIntake: 0
	};
	for (const state of states) {
		switch (openStatusAt(state, at, calendar, dueSoonWorkingHours)) {
			case 'awaiting_intake':
				figures.awaitingIntake++;
				break;
			case 'awaiting_citizen':
				figures.awaitingCitizen++;
				break;
			case 'within_time':
				figures.withinTime++;
				break;
			case 'due_soon':
				figures.dueSoon++;
				break;
			case 'overdue':
				figures.overdue++;
				break;
		}
	}
	figures.total = figures.withinTime + figures.dueSoon + figures.overdue + figures.awaitingCitizen;
	return figures;
}
