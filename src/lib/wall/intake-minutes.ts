import { BoundedBuffer } from './bounded-buffer';

/**
 * Dossiers received per minute over the last hour, from the live snapshot's running total of the day: the
 * total is sampled (the last value of each minute kept, in a bounded buffer) and each bar is the rise since the
 * minute before. Exact, unlike the ticker's sample of events. Pure.
 */
export const INTAKE_MINUTES = 60;

export interface MinuteSample {
	/** Minutes since the epoch. */
	minute: number;
	/** The day's received total at the end of that minute, as far as seen. */
	total: number;
}

export function intakeBuffer(): BoundedBuffer<MinuteSample> {
	return new BoundedBuffer<MinuteSample>(INTAKE_MINUTES + 1);
}

/** Records the day's total at `now`; a new minute adds a sample, the same minute replaces its own. */
export function recordTotal(buffer: BoundedBuffer<MinuteSample>, now: number, total: number): void {
	const minute = Math.floor(now / 60_000);
	const last = buffer.last();
	if (last && last.minute === minute) buffer.replaceLast({ minute, total });
	else if (!last || last.minute < minute) buffer.push({ minute, total });
}

/**
 * The last `count` minutes ending with the current one, oldest first: received in each, or null where the
 * screen lacks a sample of that minute or the one before (it was away, or had just started). A total that fell (a new day) counts from zero.
 */
export function minuteBars(
	samples: readonly MinuteSample[],
	now: number,
	count = INTAKE_MINUTES
): (number | null)[] {
	const byMinute = new Map(samples.map((s) => [s.minute, s.total]));
	const current = Math.floor(now / 60_000);
	const bars: (number | null)[] = [];
	for (let minute = current - count + 1; minute <= current; minute++) {
		const total = byMinute.get(minute);
		const before = byMinute.get(minute - 1);
		if (total === undefined || before === undefined) bars.push(null);
		else bars.push(total >= before ? total - before : total);
	}
	return bars;
}
