import type { WallLists } from './wall-data';
import { isClockJump, nightlyReloadDue, versionAction } from './self-care';
import type { WallSettings } from './wall-settings';

/** How often the clock ticks (ages, playlist, standby) and the lists are read again. */
const TICK_MS = 1_000;
const LISTS_EVERY_MS = 60_000;
/** A page hidden this long (a screen saver, a sleeping machine) resyncs when it is shown again. */
const HIDDEN_RESYNC_MS = 30_000;
/** SvelteKit's `version.json` under the default `kit.appDir`. */
const VERSION_PATH = '/_app/version.json';
const RELOADED_FOR_KEY = 'mcl:wall:reloaded-for';
/** A reload that found the server away is tried again after this long. */
const RELOAD_RETRY_MS = 30_000;

export interface WallKeeperOptions {
	/** The wall's lists endpoint (`/wall/ward/<code>/lists`). */
	listsUrl: string;
	settings: WallSettings;
	/** The build this page runs (`version` from `$app/environment`). */
	version: string;
	/** When the page was rendered (ms). */
	loadedAt: number;
	lists: WallLists;
	/** Called after the machine slept or the page was hidden long: follow the live feed afresh. */
	resync: () => void;
}

/**
 * The self-care of an unattended screen, as runes state: a clock for ages, the playlist and standby; the lists
 * read again every minute (the last good ones kept on failure); a reload once per newly deployed build and once
 * a night, only when the server answers (a reload into an error page would end the screen); a resync after a
 * sleep; and the end of access seen by the lists' read. `connect()` returns the cleanup.
 */
export class WallKeeper {
	now = $state(Date.now());
	lists = $state.raw<WallLists>(null as unknown as WallLists);
	/** The server said this screen may no longer read (revoked display, ended session). */
	accessEnded = $state(false);
	private reloadTriedAt = Number.NEGATIVE_INFINITY;

	constructor(private readonly options: WallKeeperOptions) {
		this.lists = options.lists;
	}

	connect(): () => void {
		const { settings } = this.options;
		let previous = Date.now();
		let hiddenAt: number | null = null;
		const tick = () => {
			const now = Date.now();
			if (isClockJump(previous, now, TICK_MS)) this.wake();
			previous = now;
			this.now = now;
			if (nightlyReloadDue(this.options.loadedAt, now, settings.nightlyReload))
				void this.reloadWhenReachable();
		};
		const onVisibility = () => {
			if (document.visibilityState === 'hidden') hiddenAt = Date.now();
			else if (hiddenAt !== null && Date.now() - hiddenAt > HIDDEN_RESYNC_MS) this.wake();
			if (document.visibilityState === 'visible') hiddenAt = null;
		};
		const clock = setInterval(tick, TICK_MS);
		const lists = setInterval(() => void this.readLists(), LISTS_EVERY_MS);
		const version = setInterval(() => void this.checkVersion(), settings.versionPollSeconds * 1000);
		document.addEventListener('visibilitychange', onVisibility);
		return () => {
			clearInterval(clock);
			clearInterval(lists);
			clearInterval(version);
			document.removeEventListener('visibilitychange', onVisibility);
		};
	}

	/** After a sleep: the live feed and the lists are read afresh. */
	private wake() {
		this.options.resync();
		void this.readLists();
	}

	/** Reads the lists again; keeps the last good ones when the server does not answer. */
	async readLists(): Promise<void> {
		if (this.accessEnded) return;
		try {
			const response = await fetch(this.options.listsUrl, {
				cache: 'no-store',
				redirect: 'manual',
				headers: { accept: 'application/json' }
			});
			// The guard redirects a reader whose credential ended (to the revoked page or the sign-in).
			if (
				response.type === 'opaqueredirect' ||
				response.status === 401 ||
				response.status === 403
			) {
				this.accessEnded = true;
				return;
			}
			if (response.ok) this.lists = (await response.json()) as WallLists;
		} catch {
			// The server is away: the banner says so, the last lists stay.
		}
	}

	/** Compares the deployed build with the running one and reloads once for a new one. */
	async checkVersion(): Promise<void> {
		let served: string | null = null;
		try {
			const response = await fetch(VERSION_PATH, { cache: 'no-store' });
			if (response.ok) served = ((await response.json()) as { version?: string }).version ?? null;
		} catch {
			return;
		}
		const reloadedFor = sessionStorage.getItem(RELOADED_FOR_KEY);
		if (versionAction(this.options.version, served, reloadedFor) !== 'reload') return;
		// Remembered across the reload: the same version never causes a second one.
		await this.reloadWhenReachable(() => sessionStorage.setItem(RELOADED_FOR_KEY, served!));
	}

	/**
	 * Reloads only when the page itself answers (or redirects: a revoked screen's plain page), at most one try
	 * every 30 s; `before` runs just before the reload.
	 */
	async reloadWhenReachable(before?: () => void): Promise<void> {
		const now = Date.now();
		if (now - this.reloadTriedAt < RELOAD_RETRY_MS) return;
		this.reloadTriedAt = now;
		try {
			const response = await fetch(location.href, { cache: 'no-store', redirect: 'manual' });
			if (response.ok || response.type === 'opaqueredirect') {
				before?.();
				location.reload();
			}
		} catch {
			// Not reachable: tried again at a later tick or poll.
		}
	}
}
