import { STAGES } from '../../src/lib/domain/dossier';
import { SETS } from './store-ops';

/**
 * The Redis key layout, designed for Redis Cluster: everything one dossier touches (its ward's and its
 * province's figures and its applied record) carries the province hash tag `{p<code>}`, so one script call
 * stays in one slot. Only the epoch markers and the per-epoch province/home indexes are untagged.
 *
 * ```
 * <prefix>:epoch                          current epoch (readers)           string
 * <prefix>:building                       epoch being rebuilt, if any       string
 * <prefix>:epochs                         last epoch number handed out      counter
 * <prefix>:e:<E>:provinces                provinces with contributions      set
 * <prefix>:e:<E>:home                     dossier code → province applied   hash
 * <prefix>:{p<P>}:e:<E>:applied           dossier code → tagged record      hash (see redis-record.ts)
 * <prefix>:{p<P>}:e:<E>:seq               write sequence (record tags)      counter
 * <prefix>:{p<P>}:e:<E>:<L>d:<YYYY-MM-DD> day counters                      hash, expires 70 days after a field was last added
 * <prefix>:{p<P>}:e:<E>:<L>h:<YYYY-MM-DD> hourly stage entries and exits    hash, expires 3 days after a field was last added
 * <prefix>:{p<P>}:e:<E>:<L>carry          r:<day> receipts, c:<day> closed  hash
 * <prefix>:{p<P>}:e:<E>:<L>open           aw, ai, nd counters               hash
 * <prefix>:{p<P>}:e:<E>:<L>due            open dossiers by due time         sorted set
 * <prefix>:{p<P>}:e:<E>:<L>wq:<stage>     work in progress of a stage       sorted set, three kinds of entry (below)
 * <prefix>:{n}:e:<E>:wq:<stage>           the nation's work in progress     sorted set
 * ```
 * The national queues (ages do not sum over provinces) are the one exception to "one batch, one slot": a
 * province batch also writes them, so on Redis Cluster the `{n}` keys would have to share the province's slot;
 * the aggregates are sized for one primary (under 1 GB at a million dossiers, see tests/bench/RESULTS.md).
 * where `<L>` is `w:<ward>:` for a ward's figures and `p:` for the province rollup.
 *
 * A work-in-progress set `wq:<stage>` holds what the projection names three sets (`SETS.queue`, `.overdue`,
 * `.overShare`): each dossier as itself scored by its stage entry, as `<code>␟o` scored by the instant it is
 * overdue in stage plus WIP_SCORE_OFFSET.overdue, and as `<code>␟l` scored by the instant it goes over the stage's
 * share plus WIP_SCORE_OFFSET.overShare. Score ranges tell them apart (instants stay far below 10^13 ms), so a
 * dossier that moves stage costs one ZREM and one ZADD per level rather than three of each. The epoch marker's
 * value carries the layout (`<E>/<LAYOUT>`): an epoch of another layout counts as missing and is rebuilt.
 */
export const LAYOUT = 2;

/** Score offsets of the overdue and over-share entries in a work-in-progress set. */
export const WIP_SCORE_OFFSET = { overdue: 1e13, overShare: 2e13 } as const;

/** The projection's overdue and over-share set of each stage → its stage's set, member suffix, score offset. */
const WIP_ENTRIES = new Map<string, [string, string, number]>(
	STAGES.flatMap((stage): [string, [string, string, number]][] => [
		[SETS.overdue(stage), [SETS.queue(stage), '\x1fo', WIP_SCORE_OFFSET.overdue]],
		[SETS.overShare(stage), [SETS.queue(stage), '\x1fl', WIP_SCORE_OFFSET.overShare]]
	])
);

/**
 * Where the projection's set entry `(name, member, score)` is kept: the overdue and over-share sets of a stage go
 * into its work-in-progress set (see above); every other entry stays as it is.
 */
export function storedSetEntry(
	name: string,
	member: string,
	score: string
): [string, string, string] {
	const into = WIP_ENTRIES.get(name);
	if (into === undefined) return [name, member, score];
	const [set, suffix, offset] = into;
	return [set, member + suffix, String(Number(score) + offset)];
}

/** The epoch marker's value for an epoch built with this layout. */
export const epochMarker = (epoch: number): string => `${epoch}/${LAYOUT}`;

/** The epoch a marker names, and whether it was built with this layout. */
export function parseEpochMarker(value: string | null): { epoch: number; current: boolean } | null {
	if (value === null) return null;
	const [epoch, layout] = value.split('/');
	return { epoch: Number(epoch), current: Number(layout) === LAYOUT };
}
export class RedisKeys {
	constructor(readonly prefix: string) {}

	get epoch(): string {
		return `${this.prefix}:epoch`;
	}
	get building(): string {
		return `${this.prefix}:building`;
	}
	get epochs(): string {
		return `${this.prefix}:epochs`;
	}
	provinces(epoch: number): string {
		return `${this.prefix}:e:${epoch}:provinces`;
	}
	home(epoch: number): string {
		return `${this.prefix}:e:${epoch}:home`;
	}
	/** The base of the national level's keys in an epoch (names starting with `@` in the ops). */
	nationalBase(epoch: number): string {
		return `${this.prefix}:{n}:e:${epoch}:`;
	}
	/** The base of a province's keys in an epoch; the Lua script appends level and name. */
	provinceBase(epoch: number, province: string): string {
		return `${this.prefix}:{p${province}}:e:${epoch}:`;
	}
	applied(epoch: number, province: string): string {
		return `${this.provinceBase(epoch, province)}applied`;
	}
	/** The province's write sequence, tagging applied records (see APPLY_BATCH_SCRIPT). */
	sequence(epoch: number, province: string): string {
		return `${this.provinceBase(epoch, province)}seq`;
	}
	/** The key base of a ward's figures, or of the province rollup when `ward` is null. */
	levelBase(epoch: number, province: string, ward: string | null): string {
		return this.provinceBase(epoch, province) + (ward === null ? 'p:' : `w:${ward}:`);
	}
	/** Whether a key belongs to `epoch` (for dropping an epoch with SCAN). */
	isOfEpoch(key: string, epoch: number): boolean {
		return key.includes(`:e:${epoch}:`);
	}
}

/**
 * Applies a batch of dossiers of one province atomically, with deltas summed in Node. Each dossier's applied
 * record must still be the one the deltas were computed from; otherwise nothing but the sequence is written and
 * the script returns the codes whose record changed (the caller re-reads and retries). Returns an empty array on success.
 *
 * Each stored record starts with a write tag, `<n>␟`, from the province's write sequence (INCR per call, the
 * call's first write, whatever its outcome): a record is unchanged since it was read iff its tag is. Node reads
 * the sequence just before the records and sends that number plus one: when INCR gives exactly that, no other
 * call ran on the province since the read, so the records go in as Node tagged them, unchecked. Otherwise (or
 * with 0: unknown) each record's tag is checked against the one read and the records are tagged anew. KEYS[1]: the province's
 * applied hash, KEYS[2]: its write sequence. ARGV: key base (province and epoch), national key base, the
 * expected sequence number, then sections, each starting with its count (a full Redis refuses a script's first write
 * only, so with INCR first a call under `maxmemory` fails before it writes anything: tests/faults/redis-oom):
 * - records: `(code, new record tagged with the expected number) × n`, then `expected tag ('' when no record) × n`;
 * - counters: `key suffix, TTL in ms ('0': kept), field␟delta␟field␟delta…` (one argument per hash: Redis
 *   pays per argument; a counter reaching 0 is deleted; day and hour buckets get their TTL when a field is
 *   added, the only write that can create the hash, so an existing field's update costs no PEXPIRE);
 * - ZADD: `key suffix, n, (score, member) × n`; ZREM: `key suffix, n, member × n`;
 * - HSET: `key suffix, n, (field, value) × n`; HDEL: `key suffix, n, field × n`.
 * Key suffixes are appended to the base, so every key shares the province hash tag; a suffix starting with `@`
 * is appended to the national base instead.
 */
export const APPLY_BATCH_SCRIPT = `
local applied, sequence, base, nbase = KEYS[1], KEYS[2], ARGV[1], ARGV[2]
local seq = redis.call('INCR', sequence)
local function key(suffix)
  if string.byte(suffix, 1) == 64 then return nbase .. string.sub(suffix, 2) end
  return base .. suffix
end
local n = tonumber(ARGV[4])
local first, tags = 5, 5 + 2 * n
local i = tags + n
if n > 0 and tostring(seq) == ARGV[3] then
  -- Nothing written on the province since Node's read: its records are current and tagged with seq.
  for from = first, tags - 1, 2000 do
    redis.call('HSET', applied, unpack(ARGV, from, math.min(tags, from + 2000) - 1))
  end
elseif n > 0 then
  local conflicts = {}
  for from = 0, n - 1, 1000 do
    local codes = {}
    for k = from, math.min(n, from + 1000) - 1 do codes[#codes + 1] = ARGV[first + 2 * k] end
    local values = redis.call('HMGET', applied, unpack(codes))
    for m, current in ipairs(values) do
      local tag = ''
      if current then tag = string.sub(current, 1, string.find(current, '\\31', 1, true) - 1) end
      if tag ~= ARGV[tags + from + m - 1] then conflicts[#conflicts + 1] = codes[m] end
    end
  end
  if #conflicts > 0 then return conflicts end
  local tag = seq .. '\\31'
  for from = 0, n - 1, 1000 do
    local fields = {}
    for k = from, math.min(n, from + 1000) - 1 do
      local record = ARGV[first + 2 * k + 1]
      fields[#fields + 1] = ARGV[first + 2 * k]
      fields[#fields + 1] = tag .. string.sub(record, string.find(record, '\\31', 1, true) + 1)
    end
    redis.call('HSET', applied, unpack(fields))
  end
end
local function bulk(command, key, from, count, width)
  local take = math.floor(4000 / width)
  for done = 0, count - 1, take do
    redis.call(command, key, unpack(ARGV, from + done * width, from + math.min(count, done + take) * width - 1))
  end
end
n = tonumber(ARGV[i]); i = i + 1
for _ = 1, n do
  local counters, ttl, packed = key(ARGV[i]), ARGV[i + 1], ARGV[i + 2]
  i = i + 3
  local fields, deltas, from = {}, {}, 1
  while true do
    local sep = string.find(packed, '\\31', from, true)
    local after = string.find(packed, '\\31', sep + 1, true)
    fields[#fields + 1] = string.sub(packed, from, sep - 1)
    if after == nil then deltas[#deltas + 1] = tonumber(string.sub(packed, sep + 1)); break end
    deltas[#deltas + 1] = tonumber(string.sub(packed, sep + 1, after - 1))
    from = after + 1
  end
  -- Whether a field was added: only then can the hash have been created, and need its TTL.
  local added = false
  if #fields <= 2 then
    for k = 1, #fields do
      local value = redis.call('HINCRBY', counters, fields[k], deltas[k])
      if value == 0 then redis.call('HDEL', counters, fields[k])
      elseif value == deltas[k] then added = true end
    end
  else
    -- One read and one write per hash rather than a call per field.
    local values = redis.call('HMGET', counters, unpack(fields))
    local set, zero = {}, {}
    for k = 1, #fields do
      local value = (tonumber(values[k]) or 0) + deltas[k]
      if value == 0 then zero[#zero + 1] = fields[k]
      else
        set[#set + 1] = fields[k]; set[#set + 1] = string.format('%d', value)
        if not values[k] then added = true end
      end
    end
    if #set > 0 then redis.call('HSET', counters, unpack(set)) end
    if #zero > 0 then redis.call('HDEL', counters, unpack(zero)) end
  end
  if added and ttl ~= '0' then redis.call('PEXPIRE', counters, ttl) end
end
for _, section in ipairs({ { 'ZADD', 2 }, { 'ZREM', 1 }, { 'HSET', 2 }, { 'HDEL', 1 } }) do
  n = tonumber(ARGV[i]); i = i + 1
  for _ = 1, n do
    local target, m = key(ARGV[i]), tonumber(ARGV[i + 1])
    i = i + 2
    bulk(section[1], target, i, m, section[2])
    i = i + m * section[2]
  end
end
return {}
`;

/**
 * Reads one unit's figures in one call (all its keys share one hash tag). ARGV: level key base; the score bounds
 * of a work-in-progress set's kinds (see above): the queue's exclusive maximum, the overdue entries' range and the
 * over-share entries' range at the reading instant (`min`, `(max`); the carry, open and due key suffixes ('' to
 * skip), the day bucket count and suffixes (summed), the hour bucket count and suffixes (returned one by one),
 * the due range count and `min, max` pairs, the percentile count and values, then per stage the suffix of its
 * work-in-progress set and whether to count its overdue and over-share entries ('1' or ''). Returns `{ day
 * counters summed (field, value, …), carry, open, due counts, due total, hour buckets (HGETALL each), per stage:
 * { queue size, overdue, over share, entry instants at each percentile's two ranks counted from the newest } }`.
 */
export const READ_SCRIPT = `
local base, queueMax = ARGV[1], ARGV[2]
local overdueMin, overdueMax, shareMin, shareMax = ARGV[3], ARGV[4], ARGV[5], ARGV[6]
local carry, open, dueKey = ARGV[7], ARGV[8], ARGV[9]
local i = 10
local n = tonumber(ARGV[i]); i = i + 1
local sums, order = {}, {}
for _ = 1, n do
  local flat = redis.call('HGETALL', base .. ARGV[i])
  i = i + 1
  for k = 1, #flat, 2 do
    local field = flat[k]
    if sums[field] == nil then sums[field] = 0; order[#order + 1] = field end
    sums[field] = sums[field] + tonumber(flat[k + 1])
  end
end
local days = {}
for _, field in ipairs(order) do days[#days + 1] = field; days[#days + 1] = sums[field] end
n = tonumber(ARGV[i]); i = i + 1
local hours = {}
for _ = 1, n do
  hours[#hours + 1] = redis.call('HGETALL', base .. ARGV[i])
  i = i + 1
end
n = tonumber(ARGV[i]); i = i + 1
local due = {}
for _ = 1, n do
  if dueKey ~= '' then due[#due + 1] = redis.call('ZCOUNT', base .. dueKey, ARGV[i], ARGV[i + 1]) end
  i = i + 2
end
n = tonumber(ARGV[i]); i = i + 1
local percentiles = {}
for _ = 1, n do percentiles[#percentiles + 1] = tonumber(ARGV[i]); i = i + 1 end
local stages = {}
for k = i, #ARGV, 3 do
  local queue = base .. ARGV[k]
  local size = redis.call('ZCOUNT', queue, '-inf', queueMax)
  local overdue, over = 0, 0
  if ARGV[k + 1] ~= '' then overdue = redis.call('ZCOUNT', queue, overdueMin, overdueMax) end
  if ARGV[k + 2] ~= '' then over = redis.call('ZCOUNT', queue, shareMin, shareMax) end
  local entries = {}
  if size > 0 then
    for _, p in ipairs(percentiles) do
      -- Ranks from the newest entry; the queue entries are the set's lowest scores, read in ascending order.
      local lower = math.floor(p * (size - 1))
      local upper = math.min(lower + 1, size - 1)
      local found = redis.call('ZRANGE', queue, size - 1 - upper, size - 1 - lower, 'WITHSCORES')
      entries[#entries + 1] = found[#found]
      entries[#entries + 1] = found[2]
    end
  end
  stages[#stages + 1] = { size, overdue, over, entries }
end
local dueTotal, carried, opened = 0, {}, {}
if dueKey ~= '' then dueTotal = redis.call('ZCARD', base .. dueKey) end
if carry ~= '' then carried = redis.call('HGETALL', base .. carry) end
if open ~= '' then opened = redis.call('HGETALL', base .. open) end
return { days, carried, opened, due, dueTotal, hours, stages }
`;
