import { AGE_STEP_HOURS, type SnapshotJson } from '../../src/lib/contracts/snapshot';
import type { DossierTick } from '../../src/lib/contracts/socket-events';
import { connectLive, type LiveSocket } from '../../src/lib/realtime/live-client';
import { followScope } from '../../src/lib/realtime/scope-follower';
import type { FeedState } from '../../src/lib/realtime/scope-feed';

/** Fields that move with time alone (working-hour ages), compared within the time between the two readings. */
const AGE_FIELDS = new Set(['medianAgeHours', 'p90AgeHours']);

/**
 * Where two snapshot JSON documents differ, as JSON Pointers: every figure exactly, except `asOf` (skipped) and
 * working-hour ages, which may differ by at most the wall time between the two `asOf`s plus the tenth of an
 * hour they are rounded to.
 */
export function snapshotDifferences(a: SnapshotJson, b: SnapshotJson): string[] {
	const toleranceHours =
		Math.abs(Date.parse(a.asOf) - Date.parse(b.asOf)) / 3_600_000 + AGE_STEP_HOURS + 1e-9;
	const out: string[] = [];
	const walk = (x: unknown, y: unknown, path: string, key: string) => {
		if (path === '/asOf') return;
		if (AGE_FIELDS.has(key) && typeof x === 'number' && typeof y === 'number') {
			if (Math.abs(x - y) > toleranceHours) out.push(path);
			return;
		}
		if (typeof x === 'object' && x !== null && typeof y === 'object' && y !== null) {
			const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
			for (const k of keys)
				walk(
					(x as Record<string, unknown>)[k],
					(y as Record<string, unknown>)[k],
					`${path}/${k}`,
					k
				);
			return;
		}
		if (x !== y) out.push(`${path}: ${JSON.stringify(x)} ≠ ${JSON.stringify(y)}`);
	};
	walk(a, b, '', '');
	return out;
}

/** A scope followed through a real socket.io-client, with every state and update it saw. */
export interface Follower {
	socket: LiveSocket;
	state(): FeedState | null;
	/** Seqs of the states reached, in order (acknowledgements and applied updates). */
	seqs: number[];
	ticks: DossierTick[];
	overdue: { dossier: string; scope: string; dueAt: string }[];
	stop(): void;
}

export function follow(url: string, scope: string, token?: string): Follower {
	const socket = connectLive({ url, token });
	let current: FeedState | null = null;
	const seqs: number[] = [];
	const ticks: DossierTick[] = [];
	const overdue: { dossier: string; scope: string; dueAt: string }[] = [];
	const stop = followScope(socket, scope, {
		state: (state) => {
			// A recovered connection reports the state it kept: count transitions only.
			if (state.seq !== current?.seq || state.epoch !== current.epoch) seqs.push(state.seq);
			current = state;
		},
		lost: () => {},
		tick: (tick) => ticks.push(tick),
		overdue: (crossing) => overdue.push(crossing)
	});
	return {
		socket,
		state: () => current,
		seqs,
		ticks,
		overdue,
		stop() {
			stop();
			socket.disconnect();
		}
	};
}
