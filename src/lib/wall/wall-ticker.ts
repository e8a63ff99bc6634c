import type { DossierTick } from '../contracts/socket-events';
import { tickKey as keyOf } from '../realtime/ticker';

/** Lines the wall's ticker shows: a fixed window, whatever the rate of events. */
export const WALL_TICKER_LINES = 8;

/**
 * The ticker's lines from the live feed's newest-first sample: replays dropped (a recovered connection resends
 * events), then cut to the window. Pure.
 */
export function tickerLines(
	ticks: readonly DossierTick[],
	lines = WALL_TICKER_LINES
): DossierTick[] {
	const seen = new Set<string>();
	const shown: DossierTick[] = [];
	for (const tick of ticks) {
		if (shown.length >= lines) break;
		const key = keyOf(tick);
		if (seen.has(key)) continue;
		seen.add(key);
		shown.push(tick);
	}
	return shown;
}

export { tickKey } from '../realtime/ticker';
