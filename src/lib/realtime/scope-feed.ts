import type { SnapshotJson } from '../contracts/snapshot';
import type { ScopeSubscribed, ScopeUpdate } from '../contracts/socket-events';
import { applyChanges } from './snapshot-changes';

/**
 * The ordering rules of one scope's live feed, pure: a snapshot at `(epoch, seq)` advances by exactly one `seq`
 * per update. A gap, another epoch or a change that does not fit means the copy can no longer be trusted: resync.
 */

export interface FeedState {
	epoch: number;
	seq: number;
	snapshot: SnapshotJson;
}

export type ResyncReason = 'gap' | 'epoch' | 'drift';

export type FeedStep =
	| { kind: 'applied'; state: FeedState }
	/** Already contained in the state (an update sent before the acknowledgement arrived, or a repeat). */
	| { kind: 'ignored' }
	| { kind: 'resync'; reason: ResyncReason };

/** The state an acknowledgement starts from. */
export function feedFromAck(ack: ScopeSubscribed): FeedState {
	return { epoch: ack.epoch, seq: ack.seq, snapshot: ack.snapshot };
}

/** What one update does to the state. */
export function stepFeed(state: FeedState, update: ScopeUpdate): FeedStep {
	if (update.epoch !== state.epoch) return { kind: 'resync', reason: 'epoch' };
	if (update.seq <= state.seq) return { kind: 'ignored' };
	if (update.seq !== state.seq + 1) return { kind: 'resync', reason: 'gap' };
	let snapshot: SnapshotJson;
	try {
		snapshot = applyChanges(state.snapshot, update.changes);
	} catch {
		return { kind: 'resync', reason: 'drift' };
	}
	return {
		kind: 'applied',
		state: { epoch: state.epoch, seq: update.seq, snapshot: { ...snapshot, asOf: update.asOf } }
	};
}

/**
 * Applies updates that arrived while a subscription was being acknowledged (the server may send them before the
 * acknowledgement reaches the client), in `seq` order, on top of the acknowledged state.
 */
export function catchUp(state: FeedState, pending: readonly ScopeUpdate[]): FeedStep {
	let current = state;
	for (const update of [...pending].sort((a, b) => a.seq - b.seq)) {
		const step = stepFeed(current, update);
		if (step.kind === 'resync') return step;
		if (step.kind === 'applied') current = step.state;
	}
	return { kind: 'applied', state: current };
}
