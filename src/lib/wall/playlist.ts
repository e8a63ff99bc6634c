/** The wall's rotating panels, in order. The ward ranking only exists for a province. Pure. */
export const WALL_PANELS = ['overview', 'fields', 'stages', 'lists', 'ranking'] as const;
export type WallPanel = (typeof WALL_PANELS)[number];

export type WallLevel = 'ward' | 'province';

export function panelsFor(level: WallLevel): WallPanel[] {
	return WALL_PANELS.filter((panel) => panel !== 'ranking' || level === 'province');
}

/**
 * The panel on screen at `now`: the playlist advances every `seconds` from `startedAt`, derived from the clock
 * rather than counted by a timer, so a missed tick (a busy or sleeping machine) cannot shift it.
 */
export function panelAt(
	panels: readonly WallPanel[],
	startedAt: number,
	now: number,
	seconds: number
): { panel: WallPanel; index: number } {
	const step = Math.max(1, seconds) * 1000;
	const elapsed = Math.max(0, now - startedAt);
	const index = Math.floor(elapsed / step) % panels.length;
	return { panel: panels[index], index };
}
