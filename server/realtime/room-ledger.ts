import type { SnapshotJson } from '../../src/lib/contracts/snapshot';
import type { SnapshotChanges } from '../../src/lib/contracts/socket-events';
import { applyChanges } from '../../src/lib/realtime/snapshot-changes';
import type { RedisClient } from '../redis/client';

/**
 * What the processes serving `/live` share about scope rooms: each room's last sent snapshot with its
 * `(epoch, seq)`, the wards whose figures changed since the last coalescing tick, which rooms have a subscriber
 * anywhere, and the coalescer lease (one process computes the updates for the whole cluster). In Redis with
 * REDIS_URL, in process otherwise.
 */
export interface RoomRecord {
	epoch: number;
	seq: number;
	snapshot: SnapshotJson;
}

export interface RoomLedger {
	read(room: string): Promise<RoomRecord | null>;
	/**
	 * Stores the room's next record if it is still at `expectedSeq` (null: no record yet); false when another
	 * writer came first. With `changes` (from the record at `expectedSeq`, same epoch), only they need storing.
	 * Seq only ever grows: a first record starts at `record.seq` (a clock reading, see `firstSeq`), so even a lost
	 * ledger never makes a seq go back.
	 */
	commit(
		room: string,
		expectedSeq: number | null,
		record: RoomRecord,
		changes?: SnapshotChanges
	): Promise<boolean>;
	markDirty(wards: readonly string[]): Promise<void>;
	/** The wards marked since the last call, emptied atomically. */
	takeDirty(): Promise<string[]>;
	/** Rooms with a subscriber on this process, announced until `until`. */
	announceRooms(rooms: readonly string[], until: number): Promise<void>;
	/** Rooms with a subscriber on some process at `now`. */
	activeRooms(now: number): Promise<string[]>;
	/** Takes or renews the coalescer lease for `ttlMs`; true while this holder has it. */
	holdLease(holder: string, ttlMs: number): Promise<boolean>;
	releaseLease(holder: string): Promise<void>;
}

/** The seq of a room's first record: the clock, so a room recreated after a loss never reuses a seq. */
export function firstSeq(now: number): number {
	return now;
}

/** One process: everything in memory, and the lease is always ours. */
export class MemoryRoomLedger implements RoomLedger {
	private records = new Map<string, RoomRecord>();
	private dirty = new Set<string>();
	private rooms = new Map<string, number>();

	async read(room: string) {
		return this.records.get(room) ?? null;
	}

	async commit(room: string, expectedSeq: number | null, record: RoomRecord) {
		if ((this.records.get(room)?.seq ?? null) !== expectedSeq) return false;
		this.records.set(room, record);
		return true;
	}

	async markDirty(wards: readonly string[]) {
		for (const ward of wards) this.dirty.add(ward);
	}

	async takeDirty() {
		const wards = [...this.dirty];
		this.dirty.clear();
		return wards;
	}

	async announceRooms(rooms: readonly string[], until: number) {
		for (const room of rooms) this.rooms.set(room, Math.max(until, this.rooms.get(room) ?? 0));
	}

	async activeRooms(now: number) {
		for (const [room, until] of this.rooms) if (until < now) this.rooms.delete(room);
		return [...this.rooms.keys()];
	}

	async holdLease() {
		return true;
	}

	async releaseLease() {}
}

/**
 * Compare-and-set of a room record: writes only if the stored seq is still the expected one. `base` stores the
 * whole snapshot and empties the change log; `log` appends one update's changes (a few hundred bytes instead of a
 * province's hundred kilobytes).
 */
const COMMIT_SCRIPT = `
local current = redis.call('HGET', KEYS[1], 'seq')
if (current or '') ~= ARGV[1] then return 0 end
if ARGV[3] == 'base' then
	redis.call('HSET', KEYS[1], 'seq', ARGV[2], 'epoch', ARGV[4], 'snapshot', ARGV[5])
	redis.call('DEL', KEYS[2])
else
	redis.call('RPUSH', KEYS[2], ARGV[5])
	redis.call('HSET', KEYS[1], 'seq', ARGV[2])
end
return 1`;

/** A room's log is folded into a new base after this many updates. */
const LOG_LIMIT = 40;

interface LogEntry {
	seq: number;
	asOf: string;
	changes: SnapshotChanges;
}

const LEASE_SCRIPT = `
local holder = redis.call('GET', KEYS[1])
if holder == false then
	redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
	return 1
end
if holder == ARGV[1] then
	redis.call('PEXPIRE', KEYS[1], ARGV[2])
	return 1
end
return 0`;

const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * Several processes on one Redis, under the deployment's key prefix. A room is a base snapshot plus a short log
 * of the changes sent since; a reader folds the log in.
 */
export class RedisRoomLedger implements RoomLedger {
	private readonly keys;
	/** Log length per room as this process last wrote or read it; unknown means write a base. */
	private logLength = new Map<string, number>();

	constructor(
		private readonly client: RedisClient,
		prefix: string
	) {
		const base = `${prefix}:live`;
		this.keys = {
			room: (room: string) => `${base}:room:${room}`,
			log: (room: string) => `${base}:log:${room}`,
			dirty: `${base}:dirty`,
			rooms: `${base}:rooms`,
			lease: `${base}:lease`
		};
	}

	async read(room: string): Promise<RoomRecord | null> {
		const [hash, log] = (await this.client
			.multi()
			.hGetAll(this.keys.room(room))
			.lRange(this.keys.log(room), 0, -1)
			.exec()) as unknown as [Record<string, string>, string[]];
		if (!hash.seq || !hash.snapshot) return null;
		let snapshot = JSON.parse(hash.snapshot) as SnapshotJson;
		let seq = Number(hash.seq) - log.length;
		for (const line of log) {
			const entry = JSON.parse(line) as LogEntry;
			if (entry.seq !== seq + 1) throw new Error(`room ${room}: log out of order at ${entry.seq}`);
			snapshot = { ...applyChanges(snapshot, entry.changes), asOf: entry.asOf };
			seq = entry.seq;
		}
		this.logLength.set(room, log.length);
		return { seq, epoch: Number(hash.epoch), snapshot };
	}

	async commit(
		room: string,
		expectedSeq: number | null,
		record: RoomRecord,
		changes?: SnapshotChanges
	): Promise<boolean> {
		const logged = this.logLength.get(room);
		const asLog = changes !== undefined && logged !== undefined && logged < LOG_LIMIT;
		const payload = asLog
			? JSON.stringify({ seq: record.seq, asOf: record.snapshot.asOf, changes })
			: JSON.stringify(record.snapshot);
		const written = await this.client.eval(COMMIT_SCRIPT, {
			keys: [this.keys.room(room), this.keys.log(room)],
			arguments: [
				expectedSeq === null ? '' : String(expectedSeq),
				String(record.seq),
				asLog ? 'log' : 'base',
				String(record.epoch),
				payload
			]
		});
		if (written === 1) this.logLength.set(room, asLog ? logged + 1 : 0);
		else this.logLength.delete(room);
		return written === 1;
	}

	async markDirty(wards: readonly string[]) {
		if (wards.length > 0) await this.client.sAdd(this.keys.dirty, [...wards]);
	}

	async takeDirty(): Promise<string[]> {
		const [members] = (await this.client
			.multi()
			.sMembers(this.keys.dirty)
			.del(this.keys.dirty)
			.exec()) as unknown as [string[], number];
		return members;
	}

	async announceRooms(rooms: readonly string[], until: number) {
		if (rooms.length === 0) return;
		// GT: a shorter announcement from one process never shortens another's.
		await this.client.zAdd(
			this.keys.rooms,
			rooms.map((value) => ({ score: until, value })),
			{ GT: true }
		);
	}

	async activeRooms(now: number): Promise<string[]> {
		await this.client.zRemRangeByScore(this.keys.rooms, '-inf', now);
		return this.client.zRangeByScore(this.keys.rooms, now, '+inf');
	}

	async holdLease(holder: string, ttlMs: number): Promise<boolean> {
		const held = await this.client.eval(LEASE_SCRIPT, {
			keys: [this.keys.lease],
			arguments: [holder, String(ttlMs)]
		});
		return held === 1;
	}

	async releaseLease(holder: string) {
		await this.client.eval(RELEASE_SCRIPT, { keys: [this.keys.lease], arguments: [holder] });
	}
}
