import type { DossierTick } from '../contracts/socket-events';

/** One event's identity in a ticker: a replay (a recovered connection, a new subscription) is the same event. */
export const tickKey = (tick: DossierTick): string => `${tick.dossier}|${tick.type}|${tick.at}`;

/**
 * A ticker (newest first) with `tick` added: a tick already shown is not added again, ticks stay in time order
 * (a new subscriber gets the latest events before the live ones, which may interleave with them), and only the
 * newest `length` are kept. Pure.
 */
export function withTick(
	ticker: readonly DossierTick[],
	tick: DossierTick,
	length: number
): DossierTick[] {
	const key = tickKey(tick);
	if (ticker.some((shown) => tickKey(shown) === key)) return [...ticker];
	const at = Date.parse(tick.at);
	const index = ticker.findIndex((shown) => Date.parse(shown.at) <= at);
	const next =
		index < 0 ? [...ticker, tick] : [...ticker.slice(0, index), tick, ...ticker.slice(index)];
	return next.slice(0, length);
}
