import type { Instant } from '../../../lib/domain/calendar/vn-time';
import type { DossierTimes } from '../../../lib/domain/stage-durations';
import type { DossierDetail } from '../../../../server/read/dossier-detail';

/** The REST detail (UTC ISO strings) as the instants the domain's views read: the page and the API agree. */
export function dossierTimesOf(detail: DossierDetail): DossierTimes {
	const at = (iso: string) => Date.parse(iso);
	const maybe = (iso: string | null): Instant | null => (iso === null ? null : at(iso));
	return {
		receivedAt: maybe(detail.receivedAt),
		finishedAt: maybe(detail.finishedAt),
		dueAt: maybe(detail.dueAt),
		dueAtHistory: detail.dueAtHistory.map((change) => ({
			...change,
			at: at(change.at),
			dueAt: at(change.dueAt)
		})),
		stages: detail.stages.map((visit) => ({
			...visit,
			enteredAt: at(visit.enteredAt as string),
			exitedAt: maybe(visit.exitedAt),
			stageDueAt: maybe(visit.stageDueAt)
		})),
		supplements: detail.supplements.map((episode) => ({
			...episode,
			requestedAt: at(episode.requestedAt as string),
			receivedAt: maybe(episode.receivedAt)
		})),
		extensions: detail.extensions.map((extension) => ({
			...extension,
			at: at(extension.at as string),
			previousDueAt: maybe(extension.previousDueAt),
			newDueAt: at(extension.newDueAt as string)
		}))
	};
}
