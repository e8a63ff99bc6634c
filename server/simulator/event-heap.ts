import type { DossierEvent } from '../../src/lib/domain/dossier';

/**
 * The dossiers whose events are still ahead, ordered by their next event: a binary min-heap keyed by (time,
 * arrival sequence). One entry per open dossier rather than per event keeps the heap small; ties go to the
 * dossier that arrived first, so the merged stream is deterministic.
 */
interface Cursor {
	events: readonly DossierEvent[];
	index: number;
	seq: number;
}

const before = (a: Cursor, b: Cursor): boolean => {
	const at = a.events[a.index].at - b.events[b.index].at;
	return at < 0 || (at === 0 && a.seq < b.seq);
};

export class EventHeap {
	private readonly items: Cursor[] = [];

	get size(): number {
		return this.items.length;
	}

	/** Adds a dossier's events, already in time order; an empty list is ignored. */
	push(events: readonly DossierEvent[], seq: number): void {
		if (events.length > 0) this.insert({ events, index: 0, seq });
	}

	/** The time of the next event, or Infinity when empty. */
	peekAt(): number {
		const top = this.items[0];
		return top ? top.events[top.index].at : Infinity;
	}

	/** Takes the next event in (time, arrival) order. */
	pop(): DossierEvent | undefined {
		const top = this.items[0];
		if (!top) return undefined;
		const event = top.events[top.index];
		top.index++;
		if (top.index < top.events.length) this.siftDown(0);
		else {
			const last = this.items.pop() as Cursor;
			if (this.items.length > 0) {
				this.items[0] = last;
				this.siftDown(0);
			}
		}
		return event;
	}

	private insert(cursor: Cursor): void {
		const items = this.items;
		items.push(cursor);
		let i = items.length - 1;
		while (i > 0) {
			const parent = (i - 1) >> 1;
			if (!before(items[i], items[parent])) break;
			[items[i], items[parent]] = [items[parent], items[i]];
			i = parent;
		}
	}

	private siftDown(start: number): void {
		const items = this.items;
		let i = start;
		for (;;) {
			const left = 2 * i + 1;
			const right = left + 1;
			let smallest = i;
			if (left < items.length && before(items[left], items[smallest])) smallest = left;
			if (right < items.length && before(items[right], items[smallest])) smallest = right;
			if (smallest === i) return;
			[items[i], items[smallest]] = [items[smallest], items[i]];
			i = smallest;
		}
	}
}
