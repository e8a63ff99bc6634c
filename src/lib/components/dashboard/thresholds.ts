/**
 * Threshold bands for figures shown in colour. A colour is never the only carrier: every level has an icon and
 * words (WCAG 1.4.1), see `LevelBadge.svelte`.
 */
export type Level = 'good' | 'attention' | 'urgent' | 'none';

/**
 * On-time rate bands, as provinces grade communes (DOMAIN §7: under 80 "needs urgent improvement", 80–90 "needs
 * attention"). Defaults until the bands become settings an administrator edits.
 */
export const ON_TIME_BANDS = { good: 0.9, attention: 0.8 } as const;

/** Decision 766 gives the online-submission indicator full points from 50% (DOMAIN §6). */
export const ONLINE_FULL_POINTS_RATE = 0.5;

/** A rate of dossiers resolved early or on time; null (nothing resolved) has no level. */
export function onTimeLevel(rate: number | null): Level {
	if (rate === null) return 'none';
	if (rate >= ON_TIME_BANDS.good) return 'good';
	return rate >= ON_TIME_BANDS.attention ? 'attention' : 'urgent';
}

/** The online submission rate: full points from 50%, below that the points shrink in proportion. */
export function onlineLevel(rate: number | null): Level {
	if (rate === null) return 'none';
	return rate >= ONLINE_FULL_POINTS_RATE ? 'good' : 'attention';
}

/** Any dossier past its due date is a breach of the law's deadline, so one is already urgent. */
export function overdueLevel(overdue: number): Level {
	return overdue > 0 ? 'urgent' : 'good';
}

/** The index bands as shares of the maximum (90 and 80 of 100 points). */
export const SERVICE_INDEX_BANDS = { good: 0.9, attention: 0.8 } as const;

/**
 * The service index estimate as a share of the points it could estimate, in the bands provinces use for the
 * index (DOMAIN §7: under 80 of 100 "needs urgent improvement", 80–90 "needs attention"); nothing estimable has
 * no level.
 */
export function serviceIndexLevel(points: number, maxPoints: number): Level {
	if (maxPoints <= 0) return 'none';
	const share = points / maxPoints;
	if (share >= SERVICE_INDEX_BANDS.good) return 'good';
	return share >= SERVICE_INDEX_BANDS.attention ? 'attention' : 'urgent';
}

/** The shape that goes with each level's colour. */
export const LEVEL_ICONS: Record<Level, string> = {
	good: '✓',
	attention: '▲',
	urgent: '✗',
	none: '○'
};
