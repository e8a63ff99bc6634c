import type { Instant } from '../../domain/calendar/vn-time';

/**
 * Reads that pages opened together, or one after another within a time to live, share: a slow SQL read (seconds
 * at the nation's scale) runs once per key. A failed read is not kept, so the next page tries again. At most
 * `limit` keys are kept, the oldest dropped first.
 */
export class SharedReads<T> {
	private readonly kept = new Map<string, { until: Instant; read: Promise<T> }>();

	constructor(private readonly limit = 200) {}

	/** The read kept under `key` if younger than its time to live at `now`, else a new one by `load`. */
	read(key: string, now: Instant, ttlMs: number, load: () => Promise<T>): Promise<T> {
		const found = this.kept.get(key);
		if (found && found.until > now) return found.read;
		this.kept.delete(key);
		if (this.kept.size >= this.limit) this.kept.delete(this.kept.keys().next().value as string);
		const entry = { until: now + ttlMs, read: load() };
		this.kept.set(key, entry);
		// Only this entry goes: a newer read under the same key may have replaced it meanwhile.
		entry.read.catch(() => {
			if (this.kept.get(key) === entry) this.kept.delete(key);
		});
		return entry.read;
	}
}
