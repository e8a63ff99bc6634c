import { randomBytes } from 'node:crypto';
import type { Namespace } from 'socket.io';
import type { Logger } from 'pino';
import type { SnapshotJson } from '../../src/lib/contracts/snapshot';
import type {
	DossierOverdue,
	DossierTick,
	LiveClientToServerEvents,
	LiveServerToClientEvents,
	ScopeSubscribed,
	SnapshotChanges
} from '../../src/lib/contracts/socket-events';
import type { Instant } from '../../src/lib/domain/calendar/vn-time';
import type { Snapshot } from '../../src/lib/domain/oracle';
import { diffSnapshot } from '../../src/lib/realtime/snapshot-changes';
import type { AcceptedEvent } from '../ingest/ingest-service';
import type { Aggregator } from '../jobs/aggregator';
import type { OverdueCrossing } from '../jobs/deadline-sweeper';
import type { Metrics } from '../metrics';
import { latestTicks, RECENT_TICKS_WINDOW_MS, recentTicks } from '../read/recent-ticks';
import { AdminUnits } from '../read/scopes';
import type { Scope } from '../../src/lib/contracts/scope';
import type { Database } from '../db/client';
import type { ReferenceData } from '../reference/reference-data';
import { diffRoom } from './room-diff';
import { firstSeq, type RoomLedger, type RoomRecord } from './room-ledger';
import { roomJson, roomSnapshots, roomUnits, unitSnapshots } from './room-snapshots';

/** Units older than this are recomputed, oldest first: overdue, due-soon and ages move with time. */
export const REFRESH_MS = 30_000;
/**
 * A room is sent at least this often, even with nothing new, so that its `asOf` keeps telling how fresh it is: a
 * unit is at most REFRESH_MS + REFRESH_MS / 2 old (refreshes are spread), so a client's `asOf` stays under 60 s
 * while the lease holder works (the browser calls 75 s stale).
 */
const HEARTBEAT_MS = 15_000;
/** A record older than this is recomputed by whoever needs it (nobody has been refreshing the room). */
const RECORD_MAX_AGE_MS = 2 * REFRESH_MS;
/** How long a process's announcement of its rooms lasts; renewed three times as often. */
const ROOM_ANNOUNCE_MS = 30_000;
/**
 * A room's latest events are read again for a new subscriber once this old: a wave of subscribers (every wall
 * after a restart) reads once. Events this process accepts meanwhile are added to the read (`since`).
 */
const RECENT_TICKS_TTL_MS = 5_000;
/** Ticker events per room per tick at most: a ticker is a sample to read, the figures are exact anyway. */
const TICKER_PER_TICK = 1;
/** Events older than this are not announced on the ticker (a connector that lags a morning still shows). */
const TICKER_HORIZON_MS = 6 * 3_600_000;
const OVERDUE_PER_TICK = 20;

/** What clients holding `previous` apply to reach `next`; nothing across epochs (they resync then). */
function changesOf(previous: RoomRecord | null, next: RoomRecord): SnapshotChanges {
	return previous && previous.epoch === next.epoch
		? diffSnapshot(previous.snapshot, next.snapshot, ['/asOf'])
		: {};
}

const SCOPE_ROOM = /^(?:national|province:\d{2}|ward:\d{5})$/;

type LiveNamespace = Namespace<LiveClientToServerEvents, LiveServerToClientEvents>;

export interface LiveServiceDeps {
	db: Database;
	aggregator: Aggregator;
	reference: ReferenceData;
	ledger: RoomLedger;
	log: Logger;
	metrics: Metrics;
	coalesceMs: number;
	clock?: () => Instant;
}

/**
 * Live delivery behind the `/live` namespace: answers subscriptions from the room ledger, and on every tick
 * (LIVE_COALESCE_MS) the process holding the coalescer lease recomputes the units whose figures may have changed
 * (a changed dossier's ward, its province, the nation; every unit about every REFRESH_MS), reassembles the rooms
 * showing them, diffs each against its last sent snapshot and sends only the changed fields with the room's next
 * seq. Every process flushes its own ticker events. Broadcasts reach other processes' sockets through the
 * Socket.IO adapter.
 */
export class LiveService {
	private nsp: LiveNamespace | undefined;
	private readonly holder = `${process.pid}-${randomBytes(4).toString('hex')}`;
	private readonly clock: () => Instant;
	private units: Promise<AdminUnits> | undefined;
	/** The lease holder's unit snapshots (the nation, provinces, wards) and when each was computed. */
	private unitCache = new Map<string, { snapshot: Snapshot; at: Instant }>();
	private unitEpoch: number | null = null;
	/** The lease holder's last sent record per room, and when it was sent. */
	private sent = new Map<string, { record: RoomRecord; at: Instant }>();
	private firstRecords = new Map<string, Promise<RoomRecord | null>>();
	private ticker = new Map<string, DossierTick[]>();
	private overdue = new Map<string, DossierOverdue[]>();
	/** Per room: its latest events as read at `at`, and those this process accepted since. */
	private recent = new Map<
		string,
		{ at: Instant; ticks: Promise<DossierTick[]>; since: DossierTick[] }
	>();
	/** Rooms with a subscriber somewhere, as last read from the ledger. */
	private active = new Set<string>();
	private announcedAt = 0;
	private timer: NodeJS.Timeout | undefined;
	private running: Promise<void> | undefined;
	private stopped = false;

	constructor(private readonly deps: LiveServiceDeps) {
		this.clock = deps.clock ?? Date.now;
	}

	/** Starts ticking for this namespace. */
	start(nsp: LiveNamespace): void {
		const ticking = this.nsp !== undefined;
		this.nsp = nsp;
		// Attached again (a new dev server): the running loop serves the new namespace.
		if (ticking) return;
		let lastError = '';
		const loop = () => {
			if (this.stopped) return;
			const started = this.clock();
			this.running = this.tick()
				.then(
					() => {
						lastError = '';
					},
					(err: unknown) => {
						// Four ticks a second: say each distinct failure once (e.g. Redis away).
						const message = err instanceof Error ? err.message : String(err);
						if (message !== lastError) this.deps.log.warn({ err }, 'live tick failed');
						lastError = message;
					}
				)
				.finally(() => {
					const wait = Math.max(0, this.deps.coalesceMs - (this.clock() - started));
					if (!this.stopped) this.timer = setTimeout(loop, wait);
				});
		};
		this.timer = setTimeout(loop, this.deps.coalesceMs);
	}

	async stop(): Promise<void> {
		this.stopped = true;
		clearTimeout(this.timer);
		await this.running;
		await this.deps.ledger.releaseLease(this.holder).catch(() => {});
	}

	/** Which scopes exist, their names and children (reference data, loaded once). */
	adminUnits(): Promise<AdminUnits> {
		this.units ??= AdminUnits.load(this.deps.db).catch((error: unknown) => {
			this.units = undefined;
			throw error;
		});
		return this.units;
	}

	/** The room's latest events within the last day, oldest first, to start a new subscriber's ticker with. */
	recentTicks(scope: Scope, room: string): Promise<DossierTick[]> {
		const now = this.clock();
		const cached = this.recent.get(room);
		if (cached && now - cached.at < RECENT_TICKS_TTL_MS)
			return cached.ticks.then((read) => latestTicks(read, cached.since));
		const ticks = this.adminUnits().then((units) =>
			recentTicks(this.deps.db, room, scope.kind === 'national' ? null : wardsOf(units, scope), now)
		);
		// A failed read is not kept: the next subscriber tries again.
		ticks.catch(() => {
			if (this.recent.get(room)?.ticks === ticks) this.recent.delete(room);
		});
		for (const [key, entry] of this.recent)
			if (now - entry.at >= RECENT_TICKS_TTL_MS) this.recent.delete(key);
		this.recent.set(room, { at: now, ticks, since: [] });
		return ticks;
	}

	/** The scope rooms a ward's change touches: the ward, its province, the nation. */
	private roomsOfWard(ward: string): string[] {
		const province = this.deps.reference.provinceOf(ward);
		return province ? [`ward:${ward}`, `province:${province}`, 'national'] : [`ward:${ward}`];
	}

	/** Dossiers of these wards were just applied to the aggregate store. */
	markChanged(wards: readonly string[]): void {
		this.deps.ledger
			.markDirty([...new Set(wards)])
			.catch((err: unknown) => this.deps.log.warn({ err }, 'live dirty mark failed'));
	}

	/** Accepted events, for the ticker of the rooms that show their ward. */
	announceEvents(events: readonly AcceptedEvent[]): void {
		// A ticker tells what is happening now: a history import or a long-delayed batch changes the figures
		// but is not news.
		const now = this.clock();
		const horizon = now - TICKER_HORIZON_MS;
		const window = now - RECENT_TICKS_WINDOW_MS;
		for (const event of events) {
			for (const room of this.roomsOfWard(event.ward)) {
				const tick: DossierTick = {
					scope: room,
					dossier: event.dossier,
					type: event.type,
					at: new Date(event.at).toISOString(),
					ward: event.ward,
					field: event.field,
					stage: event.stage
				};
				// A new subscriber's latest events include this one (another process's: after RECENT_TICKS_TTL_MS).
				const cached = this.recent.get(room);
				if (cached && now - cached.at >= RECENT_TICKS_TTL_MS) this.recent.delete(room);
				else if (cached && event.at > window) cached.since = latestTicks(cached.since, [tick]);
				if (event.at >= horizon) this.buffer(this.ticker, room, tick, TICKER_PER_TICK);
			}
		}
	}

	/** A dossier crossed its due time (announced by this process's sweeper, once across the cluster). */
	announceOverdue(crossing: OverdueCrossing): void {
		this.markChanged([crossing.ward]);
		for (const room of this.roomsOfWard(crossing.ward)) {
			const overdue: DossierOverdue = {
				scope: room,
				dossier: crossing.dossier,
				ward: crossing.ward,
				dueAt: new Date(crossing.dueAt).toISOString()
			};
			this.buffer(this.overdue, room, overdue, OVERDUE_PER_TICK);
		}
	}

	private buffer<T>(into: Map<string, T[]>, room: string, item: T, cap: number) {
		const list = into.get(room) ?? [];
		list.push(item);
		// Keep the newest: a ticker shows what is happening now.
		if (list.length > cap) {
			list.shift();
			this.deps.metrics.liveTickerDropped.inc();
		}
		into.set(room, list);
	}

	/** Rooms with a subscriber on this process. */
	private localRooms(): string[] {
		const rooms = this.nsp?.adapter.rooms;
		return rooms ? [...rooms.keys()].filter((room) => SCOPE_ROOM.test(room)) : [];
	}

	/** Tells every process (and the lease holder) that a room has a subscriber here. */
	async roomJoined(room: string): Promise<void> {
		this.active.add(room);
		await this.deps.ledger.announceRooms([room], this.clock() + ROOM_ANNOUNCE_MS);
	}

	/**
	 * The acknowledgement of a subscription: the room's last sent record, so that the next update applies on top of
	 * it exactly. Without a current one (first subscriber anywhere, a new epoch, or nobody refreshed the room for a
	 * while), this process computes it and commits it as the room's next record. Null while the aggregates are not
	 * ready.
	 */
	async subscription(room: string): Promise<ScopeSubscribed | null> {
		const { aggregator } = this.deps;
		if (!aggregator.ready) return null;
		const epoch = await aggregator.store.currentEpoch();
		if (epoch === null) return null;
		const record = await this.deps.ledger.read(room);
		if (record && record.epoch === epoch && !this.outdated(record)) return record;
		let pending = this.firstRecords.get(room);
		if (!pending) {
			pending = this.renew(room, epoch, record).finally(() => this.firstRecords.delete(room));
			this.firstRecords.set(room, pending);
		}
		return pending;
	}

	private outdated(record: RoomRecord): boolean {
		return this.clock() - Date.parse(record.snapshot.asOf) > RECORD_MAX_AGE_MS;
	}

	private async renew(
		room: string,
		epoch: number,
		previous: RoomRecord | null
	): Promise<RoomRecord | null> {
		const now = this.clock();
		const snapshot = (await this.compute([room], now)).get(room) as SnapshotJson;
		const next = { epoch, seq: previous ? previous.seq + 1 : firstSeq(now), snapshot };
		if (await this.deps.ledger.commit(room, previous?.seq ?? null, next)) {
			// Sockets already in the room hold `previous`: they move on with this update.
			if (previous) this.send(room, next, changesOf(previous, next));
			return next;
		}
		// Another process wrote first; its record is at least as new as ours.
		const current = await this.deps.ledger.read(room);
		return current && current.epoch === epoch ? current : null;
	}

	private async compute(rooms: readonly string[], now: Instant) {
		return roomSnapshots(rooms, {
			store: this.deps.aggregator.store,
			calendar: this.deps.reference.calendar,
			units: await this.adminUnits(),
			now
		});
	}

	/** Broadcasts `next` to the room as its changes from `previous`. */
	private send(room: string, next: RoomRecord, changes: SnapshotChanges) {
		this.nsp?.to(room).emit('scope:update', {
			scope: room,
			epoch: next.epoch,
			seq: next.seq,
			asOf: next.snapshot.asOf,
			changes
		});
		this.deps.metrics.liveUpdates.inc();
	}

	private async tick(): Promise<void> {
		const now = this.clock();
		const { ledger } = this.deps;
		if (now - this.announcedAt >= ROOM_ANNOUNCE_MS / 3) {
			this.announcedAt = now;
			await ledger.announceRooms(this.localRooms(), now + ROOM_ANNOUNCE_MS);
		}
		this.active = new Set(await ledger.activeRooms(now));
		this.flushAnnouncements();
		if (await ledger.holdLease(this.holder, Math.max(3 * this.deps.coalesceMs, 3_000))) {
			const stop = this.deps.metrics.liveCoalesceSeconds.startTimer();
			await this.coalesce(now);
			stop();
		} else {
			// Another process computes; our view of what was sent would go stale.
			this.sent.clear();
			this.unitCache.clear();
		}
	}

	private flushAnnouncements() {
		const nsp = this.nsp;
		if (!nsp) return;
		// Rooms nobody watches cost a broadcast through Redis each: skip them.
		for (const [room, ticks] of this.ticker)
			if (this.active.has(room)) for (const tick of ticks) nsp.to(room).emit('dossier:event', tick);
		for (const [room, list] of this.overdue)
			if (this.active.has(room))
				for (const overdue of list) nsp.to(room).emit('dossier:overdue', overdue);
		this.ticker.clear();
		this.overdue.clear();
	}

	/**
	 * The lease holder's pass. Units (the nation, provinces, wards) are recomputed when a change touched them, and
	 * each at least every REFRESH_MS; the rooms showing a recomputed unit are assembled from the unit cache, diffed
	 * against the last sent record and sent when something changed (or as a heartbeat every HEARTBEAT_MS).
	 */
	private async coalesce(now: Instant): Promise<void> {
		const { aggregator, ledger } = this.deps;
		if (!aggregator.ready) return;
		const epoch = await aggregator.store.currentEpoch();
		if (epoch === null) return;
		if (epoch !== this.unitEpoch) {
			this.unitCache.clear();
			this.unitEpoch = epoch;
		}
		const units = await this.adminUnits();
		const dirty = await ledger.takeDirty();
		const touched = new Set(dirty.flatMap((ward) => this.roomsOfWard(ward)));
		for (const room of this.sent.keys()) if (!this.active.has(room)) this.sent.delete(room);
		const roomUnitsOf = new Map([...this.active].map((room) => [room, roomUnits(room, units)]));
		const shown = new Set([...roomUnitsOf.values()].flat());
		for (const id of this.unitCache.keys()) if (!shown.has(id)) this.unitCache.delete(id);
		const recompute: string[] = [];
		const ageing: { id: string; at: Instant }[] = [];
		for (const id of shown) {
			const cached = this.unitCache.get(id);
			if (!cached || touched.has(id)) recompute.push(id);
			else if (now - cached.at >= REFRESH_MS) ageing.push({ id, at: cached.at });
		}
		// Time alone changes every unit a little: refresh the oldest first, spread over ticks.
		const budget = Math.ceil((shown.size * this.deps.coalesceMs) / (REFRESH_MS / 2));
		ageing.sort((a, b) => a.at - b.at);
		for (const { id } of ageing.slice(0, budget)) recompute.push(id);
		const computed = await unitSnapshots(recompute, {
			store: aggregator.store,
			calendar: this.deps.reference.calendar,
			now
		});
		for (const [id, snapshot] of computed) this.unitCache.set(id, { snapshot, at: now });
		await Promise.all(
			[...roomUnitsOf].map(async ([room, ids]) => {
				const sent = this.sent.get(room);
				const heartbeat = !sent || sent.record.epoch !== epoch || now - sent.at >= HEARTBEAT_MS;
				if (!heartbeat && !ids.some((id) => computed.has(id))) return;
				const parts = ids.map((id) => this.unitCache.get(id));
				if (parts.some((part) => part === undefined)) return;
				const asOf = Math.min(...parts.map((part) => part!.at));
				const byId = new Map(ids.map((id, i) => [id, parts[i]!.snapshot]));
				const snapshot = roomJson(room, (id) => byId.get(id) as Snapshot, units, asOf);
				const previous = sent?.record ?? (await ledger.read(room));
				const next = { epoch, seq: previous ? previous.seq + 1 : firstSeq(now), snapshot };
				// Rows of units recomputed since our last send; the others can only have moved in rank.
				const recomputed =
					sent && sent.record.epoch === epoch
						? new Set(ids.slice(1).flatMap((id, i) => (parts[i + 1]!.at > sent.at ? [i] : [])))
						: null;
				const changes =
					previous && previous.epoch === epoch
						? diffRoom(previous.snapshot, snapshot, recomputed)
						: {};
				if (previous?.epoch === epoch && !heartbeat && Object.keys(changes).length === 0) return;
				const diff = previous?.epoch === epoch ? changes : undefined;
				if (!(await ledger.commit(room, previous?.seq ?? null, next, diff))) {
					// A subscriber's process renewed the room meanwhile; read it again next tick.
					this.sent.delete(room);
					return;
				}
				this.sent.set(room, { record: next, at: now });
				this.send(room, next, changes);
			})
		);
	}
}

const wardsOf = (units: AdminUnits, scope: Exclude<Scope, { kind: 'national' }>) =>
	scope.kind === 'province' ? units.childrenOf(scope) : [scope.code];
