/**
 * A fixed-capacity list that drops its oldest item when full: every list a wall keeps while it runs for weeks
 * (ticker lines, per-minute samples) lives in one, so memory cannot grow with time. Pure.
 */
export class BoundedBuffer<T> {
	private items: T[] = [];

	constructor(readonly capacity: number) {
		if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be ≥ 1');
	}

	get size(): number {
		return this.items.length;
	}

	/** Adds at the end; the oldest item goes when the buffer is full. */
	push(item: T): void {
		this.items.push(item);
		if (this.items.length > this.capacity) this.items.splice(0, this.items.length - this.capacity);
	}

	/** Replaces the newest item (or adds one when empty). */
	replaceLast(item: T): void {
		if (this.items.length === 0) this.push(item);
		else this.items[this.items.length - 1] = item;
	}

	last(): T | undefined {
		return this.items.at(-1);
	}

	/** A copy, oldest first. */
	toArray(): T[] {
		return [...this.items];
	}
}
