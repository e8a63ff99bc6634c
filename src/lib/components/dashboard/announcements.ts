import type { ScopeFigures } from './scope-view';

/** The figures whose changes are read out to screen-reader users, in the order they are read. */
export const ANNOUNCED = [
	'received.total',
	'resolved.total',
	'inProgress.overdue',
	'inProgress.dueSoon'
] as const;
export type AnnouncedFigure = (typeof ANNOUNCED)[number];

/** At most one announcement in this long: a live page changes every quarter second, a listener cannot. */
export const ANNOUNCE_EVERY_MS = 30_000;

const valueOf = (
	figures: Pick<ScopeFigures, 'received' | 'resolved' | 'inProgress'>,
	name: AnnouncedFigure
) =>
	({
		'received.total': figures.received.total,
		'resolved.total': figures.resolved.total,
		'inProgress.overdue': figures.inProgress.overdue,
		'inProgress.dueSoon': figures.inProgress.dueSoon
	})[name];

/** The announced figures that differ between two readings, with their new values. */
export function changedFigures(
	before: Pick<ScopeFigures, 'received' | 'resolved' | 'inProgress'>,
	after: Pick<ScopeFigures, 'received' | 'resolved' | 'inProgress'>
): { name: AnnouncedFigure; value: number }[] {
	return ANNOUNCED.filter((name) => valueOf(before, name) !== valueOf(after, name)).map((name) => ({
		name,
		value: valueOf(after, name)
	}));
}
