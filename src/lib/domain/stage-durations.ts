import type { Instant } from './calendar/vn-time';
import type { WorkingCalendar } from './calendar/working-calendar';
import { indexDueAt, pausedDueAt, supplementWaitingMs } from './deadline';
import type { DossierState, StageVisit, SupplementEpisode } from './dossier';

/**
 * One dossier seen up close (issue #9, the dossier page): the working time it spent in each stage visit, and how
 * its due date came to be what it is (receipt, supplements, extensions). Working time is counted by the working
 * calendar (office hours, weekends, holidays, swapped Saturdays); nothing here re-counts days by itself.
 */

/** The parts of a dossier these views read (a derived state, or the REST detail with instants). */
export type DossierTimes = Pick<
	DossierState,
	'receivedAt' | 'finishedAt' | 'dueAt' | 'dueAtHistory' | 'stages' | 'supplements' | 'extensions'
>;

/** A stage visit with the working time it took. */
export interface StageDuration {
	visit: StageVisit;
	/** Where the measurement ends: the exit, or `now` for the visit the dossier is still in. */
	until: Instant;
	open: boolean;
	/** Working time from entering the stage to `until`. */
	workingMs: number;
	/** Of `workingMs`, the working time the dossier waited for the applicant's supplement during the visit. */
	supplementWaitMs: number;
	/** Working time the step was given (entry to its own deadline); null without a step deadline. */
	allottedMs: number | null;
	/** The step's own deadline passed before the visit ended (or before `now`, while still in it). */
	exceeded: boolean;
}

const overlap = (from: Instant, to: Instant, start: Instant, end: Instant) =>
	[Math.max(from, start), Math.min(to, end)] as const;

/**
 * Working time per stage visit, measured up to `now` for the visit still open. A supplement wait inside a visit is
 * reported apart (the bottleneck figures leave it out of the stage's work), never subtracted silently.
 */
export function stageDurations(
	dossier: Pick<DossierTimes, 'stages' | 'supplements'>,
	calendar: WorkingCalendar,
	now: Instant
): StageDuration[] {
	return dossier.stages.map((visit) => {
		const until = Math.max(visit.enteredAt, visit.exitedAt ?? now);
		const supplementWaitMs = dossier.supplements.reduce((sum, episode) => {
			const [from, to] = overlap(
				visit.enteredAt,
				until,
				episode.requestedAt,
				episode.receivedAt ?? now
			);
			return to > from ? sum + calendar.workingMsBetween(from, to) : sum;
		}, 0);
		return {
			visit,
			until,
			open: visit.exitedAt === null,
			workingMs: calendar.workingMsBetween(visit.enteredAt, until),
			supplementWaitMs,
			allottedMs:
				visit.stageDueAt === null
					? null
					: Math.max(0, calendar.workingMsBetween(visit.enteredAt, visit.stageDueAt)),
			exceeded: visit.stageDueAt !== null && until > visit.stageDueAt
		};
	});
}

/** One change (or pause) of the due date, in time order. */
export type DueStep =
	| {
			kind: 'receipt';
			at: Instant;
			dueAt: Instant;
			/** Sent by the one-door system, rather than computed from the procedure catalogue. */
			fromSource: boolean;
			/** Working time the legal clock was given. */
			allottedMs: number;
	  }
	| {
			kind: 'supplement';
			/** Requested: the clock stops. */
			at: Instant;
			/** The complete dossier came back; null while still awaited. */
			returnedAt: Instant | null;
			reason: string | null;
			/** The due date in force when the supplement was requested. */
			dueBefore: Instant | null;
			/** Working time waited for the applicant (up to `now` while awaited). */
			waitedMs: number;
			/** Legal view (NĐ 61/2018 Art. 19.4): the clock restarts from zero at the return; null while awaited. */
			restartedDueAt: Instant | null;
			/** Index view (Decision 766): the due date before the request, moved later by the working time waited. */
			pausedDueAt: Instant | null;
	  }
	| {
			kind: 'extension';
			at: Instant;
			previousDueAt: Instant | null;
			newDueAt: Instant;
			reason: string | null;
			/** The apology reached the applicant at least one working day before the old due date. */
			apologyInTime: boolean;
			/** The law allows one extension; a later one is shown but flagged. */
			repeated: boolean;
	  };

export interface DueHistory {
	steps: DueStep[];
	/** The due date set at receipt. */
	initialDueAt: Instant | null;
	/** The due date in force (legal view: restarted after supplements, moved by the extension). */
	dueAt: Instant | null;
	/** Where the national index measures the dossier: its finish, else `now`. */
	measuredAt: Instant;
	/** The index's due date at `measuredAt`: the receipt or extension date, paused by the supplement waits since. */
	indexDueAt: Instant | null;
	/** Supplement requests by `measuredAt`; more than one makes the dossier late for the index. */
	supplementRequests: number;
}

const dueInForceAt = (dossier: DossierTimes, at: Instant) =>
	dossier.dueAtHistory.filter((change) => change.at <= at).at(-1)?.dueAt ?? null;

function supplementStep(
	dossier: DossierTimes,
	episode: SupplementEpisode,
	calendar: WorkingCalendar,
	now: Instant
): DueStep {
	const dueBefore = dueInForceAt(dossier, episode.requestedAt);
	const restart = dossier.dueAtHistory.find(
		(change) => change.cause === 'supplement' && change.at === episode.receivedAt
	);
	return {
		kind: 'supplement',
		at: episode.requestedAt,
		returnedAt: episode.receivedAt,
		reason: episode.reason,
		dueBefore,
		waitedMs: supplementWaitingMs([episode], calendar, now),
		restartedDueAt: restart?.dueAt ?? null,
		pausedDueAt: dueBefore === null ? null : pausedDueAt(dueBefore, [episode], calendar, now)
	};
}

/**
 * The due date's history: the receipt's due date, each supplement with both views (legal restart and index
 * pause), each extension with its old and new date and whether the apology came in time; and where the due
 * date stands now for the law and for the national index (measured at the finish, else `now`).
 */
export function dueHistory(
	dossier: DossierTimes,
	calendar: WorkingCalendar,
	now: Instant
): DueHistory {
	const receipt = dossier.dueAtHistory.find((change) => change.cause === 'receipt') ?? null;
	const steps: DueStep[] = [];
	if (receipt) {
		steps.push({
			kind: 'receipt',
			at: receipt.at,
			dueAt: receipt.dueAt,
			fromSource: receipt.fromSource,
			allottedMs: Math.max(0, calendar.workingMsBetween(receipt.at, receipt.dueAt))
		});
	}
	for (const episode of dossier.supplements)
		steps.push(supplementStep(dossier, episode, calendar, now));
	dossier.extensions.forEach((extension, i) =>
		steps.push({ kind: 'extension', ...extension, repeated: i > 0 })
	);
	// Stable sort: at the same instant a receipt comes before a supplement, a supplement before an extension.
	steps.sort((a, b) => a.at - b.at);

	// As the index measures (outcome.ts indexOutcome): only what happened by the finish, or by now.
	const measuredAt =
		dossier.finishedAt !== null && dossier.finishedAt <= now ? dossier.finishedAt : now;
	const requests = dossier.supplements.filter((s) => s.requestedAt <= measuredAt);
	const history = dossier.dueAtHistory.filter((change) => change.at <= measuredAt);
	return {
		steps,
		initialDueAt: receipt?.dueAt ?? null,
		dueAt: dossier.dueAt,
		measuredAt,
		indexDueAt: indexDueAt(history, requests, calendar, measuredAt),
		supplementRequests: requests.length
	};
}
