import { untrack } from 'svelte';
import type { SnapshotJson } from '../contracts/snapshot';
import type { AccessRevoked, DossierTick, LiveError } from '../contracts/socket-events';
import { freshnessOf, type Freshness } from './freshness';
import { sharedLive, type LiveSocket } from './live-client';
import { followScope } from './scope-follower';
import { withTick } from './ticker';
import { loadSnapshot, saveSnapshot, type SnapshotStorage } from './snapshot-cache';

/** Ticker events kept for display. */
const TICKER_LENGTH = 20;
/** How often the stored copy is rewritten at most (a national snapshot is tens of kilobytes). */
const SAVE_EVERY_MS = 15_000;

export interface LiveScopeOptions {
	/** Where the last snapshot is kept across reloads; default `localStorage`, null for none. */
	storage?: SnapshotStorage | null;
	/** A socket to use instead of the page's shared one. */
	socket?: LiveSocket;
	clock?: () => number;
}

/**
 * One scope's live figures for a page: the snapshot, kept in `seq` order (see `followScope`), its freshness
 * (live / reconnecting / stale since the `asOf` held) and the last snapshot kept in storage, so a reload shows it
 * at once, marked with its age, until the fresh one arrives.
 */
export class LiveScope {
	snapshot = $state.raw<SnapshotJson | null>(null);
	/** Newest first; a sample of the scope's dossier events. */
	ticker = $state.raw<DossierTick[]>([]);
	/** Why the last subscription was refused (e.g. `forbidden`), or null. */
	error = $state.raw<LiveError | null>(null);
	/** Set when the server ended access to this scope (a revoked display token, a sign-out, an ended grant). */
	revoked = $state.raw<AccessRevoked | null>(null);
	private synced = $state(false);
	private lostAt = $state(0);
	private now = $state(0);

	readonly freshness: Freshness = $derived(
		freshnessOf({
			synced: this.synced,
			asOf: this.snapshot ? Date.parse(this.snapshot.asOf) : null,
			lostAt: this.lostAt,
			now: this.now
		})
	);

	private savedAt = 0;

	constructor(
		readonly scope: string,
		private readonly options: LiveScopeOptions = {}
	) {}

	private get clock() {
		return this.options.clock ?? Date.now;
	}

	private get storage(): SnapshotStorage | null {
		if (this.options.storage !== undefined) return this.options.storage;
		return typeof localStorage === 'undefined' ? null : localStorage;
	}

	/** Starts following the scope; returns the cleanup that stops it. */
	connect(): () => void {
		this.now = this.clock();
		this.lostAt = this.now;
		const stored = this.storage && loadSnapshot(this.storage, this.scope);
		if (stored && !this.snapshot) this.snapshot = stored;
		const shared = this.options.socket ? undefined : sharedLive();
		const socket = this.options.socket ?? shared!.socket;
		const stop = followScope(socket, this.scope, {
			state: (state) => {
				this.snapshot = state.snapshot;
				this.synced = true;
				this.error = null;
				this.now = this.clock();
				if (this.now - this.savedAt >= SAVE_EVERY_MS) this.save();
			},
			lost: () => {
				if (this.synced) this.lostAt = this.clock();
				this.synced = false;
			},
			refused: (error) => (this.error = error),
			revoked: (revoked) => (this.revoked = revoked),
			tick: (tick) => (this.ticker = withTick(this.ticker, tick, TICKER_LENGTH))
		});
		// Freshness is a matter of time too: "stale since" must appear without any event.
		const clockTimer = setInterval(() => (this.now = this.clock()), 5_000);
		return () => {
			clearInterval(clockTimer);
			stop();
			this.save();
			shared?.release();
		};
	}

	private save() {
		this.savedAt = this.clock();
		if (this.snapshot && this.storage) saveSnapshot(this.storage, this.scope, this.snapshot);
	}
}

/**
 * Follows the live room `room()` names, from the browser, while the component that creates it lives (none while
 * it names null), anew whenever it names another; `current` is the room being followed. Create it while a
 * component initialises (it runs an effect).
 */
export class FollowedRoom {
	current = $state.raw<LiveScope | null>(null);

	constructor(room: () => string | null) {
		$effect(() => {
			const scope = room();
			if (scope === null) return;
			const following = new LiveScope(scope);
			this.current = following;
			// connect() reads the scope's state: keep it out of this effect's dependencies.
			const stop = untrack(() => following.connect());
			return () => {
				stop();
				this.current = null;
			};
		});
	}
}
