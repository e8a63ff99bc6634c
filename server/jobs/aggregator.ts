import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { formatScope, type Scope } from '../../src/lib/contracts/scope';
import { vnDateOf, type Instant } from '../../src/lib/domain/calendar/vn-time';
import type { DossierState } from '../../src/lib/domain/dossier';
import type { Snapshot } from '../../src/lib/domain/oracle';
import type { Period } from '../../src/lib/domain/period';
import { contributionOf } from '../aggregator/projection';
import { LIVE_WINDOW_DAYS, storeSnapshot } from '../aggregator/snapshot-from-store';
import type { AggregateStore, ContributionChange } from '../aggregator/store';
import type { Database } from '../db/client';
import { rowsOf } from '../db/rows';
import type { Metrics } from '../metrics';
import { childScopeId } from '../read/scopes';
import type { ReferenceData } from '../reference/reference-data';

/** Dossiers just applied to the store, with their handling wards (for live delivery). */
export type AppliedListener = (applied: { code: string; ward: string }[]) => void;

/**
 * Outbox rows applied per transaction at most (a quiet outbox gives smaller batches). Large enough that a backlog
 * drains in few calls: a ward's counters and a province's sets are written once per batch however many of its
 * dossiers changed (apply at 200,000 dossiers: 42,739 changes/s with 2,000, 49,357 with 10,000; see
 * tests/bench/RESULTS.md), small enough that a batch is a fraction of a second.
 */
export const OUTBOX_BATCH = 10_000;
/** Dossiers read per page during a rebuild. */
const REBUILD_PAGE = 20_000;

/** The widest period the store answers at `now`: the live window's days up to today. */
export function liveWindow(now: Instant): Period {
	return { from: vnDateOf(now - (LIVE_WINDOW_DAYS - 1) * 86_400_000), to: vnDateOf(now) };
}

/**
 * Postgres advisory lock shared by every process: each outbox batch holds it shared for its transaction, and a
 * reader that must see the store and Postgres at one instant (reconciliation) holds it alone (`applyLocked`).
 */
export const APPLY_LOCK_KEY = 7_723_002;

/** A dossier row as the outbox batches and reconciliation read it. */
export interface DossierRow {
	code: string;
	version: number;
	state: DossierState;
}

/**
 * Keeps the aggregate store equal to Postgres: applies the dossier_changes outbox (each change replaces the
 * dossier's whole contribution, so replays are harmless), rebuilds into a new epoch when the store is empty or
 * its epoch marker is gone, and answers live-window snapshots from the store.
 */
export class Aggregator {
	private draining: Promise<void> | null = null;
	private again = false;
	private rebuilding: Promise<number> | null = null;
	private timer: NodeJS.Timeout | undefined;
	private stopped = false;
	private appliedListeners = new Set<AppliedListener>();
	/** Set while applies are paused (`whilePaused`); resolves when they resume. */
	private paused: Promise<void> | null = null;
	/** The outbox batch being applied, if any (a pause waits for it). */
	private batch: Promise<unknown> = Promise.resolve();
	/** True once the current epoch holds every dossier (after the first rebuild or a found epoch). */
	ready = false;

	constructor(
		private readonly db: Database,
		readonly store: AggregateStore,
		private readonly reference: ReferenceData,
		private readonly log: Logger,
		private readonly metrics: Metrics
	) {}

	/** Listens to changes applied from the outbox (told after the store has them, before the outbox commit). */
	onApplied(listener: AppliedListener): () => void {
		this.appliedListeners.add(listener);
		return () => this.appliedListeners.delete(listener);
	}

	private tellApplied(rows: readonly { code: string; state: DossierState }[]): void {
		if (this.appliedListeners.size === 0) return;
		const applied = rows.map((row) => ({ code: row.code, ward: row.state.ward }));
		for (const listener of this.appliedListeners) {
			try {
				listener(applied);
			} catch (error) {
				this.log.warn({ err: error }, 'applied-change listener failed');
			}
		}
	}

	/**
	 * Rebuilds when the store has no epoch (a fresh or flushed Redis), or always (the in-process store starts
	 * empty), then follows the outbox.
	 */
	async start(options: { rebuild: 'always' | 'when_missing'; pollMs?: number }): Promise<void> {
		if (options.rebuild === 'always' || (await this.store.currentEpoch()) === null)
			await this.rebuild();
		this.ready = true;
		await this.drain();
		if (this.stopped) return;
		this.timer = setInterval(() => void this.tick(), options.pollMs ?? 500);
		this.timer.unref();
	}

	/** Periodic work: notice a lost epoch (Redis flushed or restarted empty), then apply pending changes. */
	private async tick(): Promise<void> {
		try {
			if (this.rebuilding === null && (await this.store.currentEpoch()) === null) {
				this.log.warn('aggregate epoch missing: rebuilding from Postgres');
				await this.rebuild();
			}
			await this.drain();
		} catch (error) {
			this.log.warn({ err: error }, 'aggregator tick failed; will retry');
		}
	}

	/** Applies the outbox until it is empty; concurrent calls share one run (and ask for one more pass). */
	drain(): Promise<void> {
		if (this.draining) {
			this.again = true;
			return this.draining;
		}
		this.draining = (async () => {
			try {
				do {
					this.again = false;
					for (;;) {
						while (this.paused) await this.paused;
						if (this.stopped) break;
						const batch = this.drainBatch();
						this.batch = batch.catch(() => {});
						if ((await batch) === 0) break;
					}
				} while (this.again && !this.stopped);
			} finally {
				this.draining = null;
			}
		})();
		return this.draining;
	}

	/**
	 * One batch: claims outbox rows (SKIP LOCKED, so processes share the work), applies the dossiers' current
	 * states, and deletes the rows in the same transaction; a crash before commit leaves them for a retry.
	 */
	private async drainBatch(): Promise<number> {
		return this.db.transaction(async (tx) => {
			// Shared with other processes' batches; a consistent read (reconciliation) waits for it alone.
			await tx.execute(sql`select pg_advisory_xact_lock_shared(${APPLY_LOCK_KEY})`);
			const claimed = rowsOf<{ dossier_code: string }>(
				await tx.execute(sql`
					delete from dossier_changes where id in (
						select id from dossier_changes order by id limit ${OUTBOX_BATCH} for update skip locked)
					returning dossier_code`)
			);
			if (claimed.length === 0) return 0;
			const codes = [...new Set(claimed.map((row) => row.dossier_code))];
			const rows = await dossierRows(tx as unknown as Database, codes);
			await this.applyRows(rows);
			this.tellApplied(rows);
			this.metrics.aggregateChanges.inc(rows.length);
			return claimed.length;
		});
	}

	/**
	 * Runs `read` while this process applies nothing: the outbox batch in flight is finished first, the next waits
	 * until `read` is done. Other processes are held off by `applyLocked`.
	 */
	async whilePaused<T>(read: () => Promise<T>): Promise<T> {
		while (this.paused) await this.paused;
		let resume = () => {};
		this.paused = new Promise<void>((resolve) => (resume = resolve));
		try {
			await this.batch;
			return await read();
		} finally {
			this.paused = null;
			resume();
		}
	}

	/**
	 * Applies dossier rows (an outbox batch's, or reconciliation's own reading of the outbox); versions order
	 * them.
	 */
	async applyRows(rows: readonly DossierRow[]): Promise<void> {
		await this.store.apply(rows.map((row) => this.changeOf(row)));
	}

	/** Whether a rebuild is running (its switch of epochs would change what a reader sees half-way). */
	get isRebuilding(): boolean {
		return this.rebuilding !== null;
	}

	private changeOf(row: DossierRow): ContributionChange {
		return {
			code: row.code,
			version: row.version,
			contribution: contributionOf(row.state, {
				provinceOf: (w) => this.reference.provinceOf(w),
				calendar: this.reference.calendar
			})
		};
	}

	/**
	 * Streams every dossier from Postgres into a new epoch and switches readers to it atomically; changes
	 * applied meanwhile reach both epochs, and versions keep an older page from overwriting them.
	 */
	rebuild(): Promise<number> {
		this.rebuilding ??= (async () => {
			const started = performance.now();
			const writer = await this.store.beginRebuild();
			let count = 0;
			try {
				const page = async (after: string) =>
					rowsOf<DossierRow>(
						await this.db.execute(sql`
							select code, version, state from dossiers where code > ${after}
							order by code limit ${REBUILD_PAGE}`)
					);
				let next = page('');
				// Two pages in flight: one is prepared in Node while Redis runs the other's scripts.
				let previous: Promise<void> = Promise.resolve();
				for (;;) {
					const rows = await next;
					if (rows.length === 0) break;
					// Postgres reads the next page while this one is projected and written to the store.
					next = page(rows[rows.length - 1].code);
					const applying = writer.apply(rows.map((row) => this.changeOf(row)));
					// Awaited below; until then a failure must not count as unhandled.
					next.catch(() => {});
					applying.catch(() => {});
					await previous;
					previous = applying;
					count += rows.length;
				}
				await previous;
				await writer.commit();
			} catch (error) {
				await writer.abort().catch(() => {});
				throw error;
			}
			const seconds = (performance.now() - started) / 1000;
			this.metrics.aggregateRebuilds.inc();
			this.log.info({ dossiers: count, epoch: writer.epoch, seconds }, 'aggregates rebuilt');
			return count;
		})().finally(() => (this.rebuilding = null));
		return this.rebuilding;
	}

	/**
	 * Whether the store can answer this period: it ends today (its in-progress figures are the store's, which are
	 * now's) and starts within the live window. A period that ended earlier is measured at its end: Postgres.
	 */
	coversPeriod(period: Period, now: Instant): boolean {
		const widest = liveWindow(now);
		return this.ready && period.to === widest.to && period.from >= widest.from;
	}

	/** The snapshot of a live window from the store, or null (older periods are answered by Postgres). */
	async liveSnapshot(args: {
		scope: Scope;
		period: Period;
		now: Instant;
		children: readonly string[];
	}): Promise<Snapshot | null> {
		if (!this.coversPeriod(args.period, args.now)) return null;
		return storeSnapshot(this.store, {
			scope: { id: formatScope(args.scope), wards: null },
			period: args.period,
			now: args.now,
			calendar: this.reference.calendar,
			children: args.children.map((code) => ({ id: childScopeId(args.scope, code), wards: null }))
		});
	}

	async stop(): Promise<void> {
		this.stopped = true;
		clearInterval(this.timer);
		await this.draining;
		await this.rebuilding?.catch(() => {});
	}
}

/** The current rows of these dossiers (as the transaction `db` sees them). */
export async function dossierRows(db: Database, codes: readonly string[]): Promise<DossierRow[]> {
	if (codes.length === 0) return [];
	return rowsOf<DossierRow>(
		await db.execute(
			sql`select code, version, state from dossiers where code = any(${sql.param([...codes])}::text[])`
		)
	);
}

/**
 * Runs `read` while no other process applies a change: takes APPLY_LOCK_KEY alone in a transaction of its own
 * (waiting for every outbox batch in flight to commit) and lets it go when `read` is done. Only where other
 * processes may share the database: PGlite has one connection, and one process.
 */
export async function applyLocked<T>(db: Database, read: () => Promise<T>): Promise<T> {
	let release = () => {};
	const released = new Promise<void>((resolve) => (release = resolve));
	let locked = () => {};
	const acquiring = new Promise<void>((resolve) => (locked = resolve));
	const holder = db.transaction(async (tx) => {
		// A batch stuck elsewhere (Redis away) must not freeze every process's applies for long: give up instead.
		await tx.execute(sql`set local lock_timeout = '5s'`);
		try {
			await tx.execute(sql`select pg_advisory_xact_lock(${APPLY_LOCK_KEY})`);
		} catch (error) {
			throw new Error(
				'apply lock not taken within 5 s: an outbox batch elsewhere is still running',
				{
					cause: error
				}
			);
		}
		locked();
		await released;
	});
	try {
		// The holder fails only before it has the lock (it then waits for `release`).
		await Promise.race([acquiring, holder]);
		return await read();
	} finally {
		release();
		await holder.catch(() => {});
	}
}
