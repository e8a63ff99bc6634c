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
 * <prefix>:{p<P>}:e:<E>:<L>d:<YYYY-MM-DD> day counters                      hash, expires 70 days after its last write
 * <prefix>:{p<P>}:e:<E>:<L>carry          r:<day> receipts, c:<day> closed  hash
 * <prefix>:{p<P>}:e:<E>:<L>open           aw, ai, nd counters               hash
 * <prefix>:{p<P>}:e:<E>:<L>due            open dossiers by due time         sorted set
 * <prefix>:{p<P>}:e:<E>:<L>ts:<stage>     work-in-progress entries by time  sorted set
 * <prefix>:{p<P>}:e:<E>:<L>te:<stage>     work-in-progress exits by time    sorted set
 * <prefix>:{p<P>}:e:<E>:<L>wip:<stage>    dossier code → stage entry        hash
 * ```
 * where `<L>` is `w:<ward>:` for a ward's figures and `p:` for the province rollup.
 */
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
 * record must still be the one the deltas were computed from; otherwise nothing is written and the script
 * returns the codes whose record changed (the caller re-reads and retries). Returns an empty array on success.
 *
 * Each stored record starts with a write tag, `<n>␟`, from the province's write sequence (INCR per call): a
 * record is unchanged since it was read iff its tag is. KEYS[1]: the province's applied hash, KEYS[2]: its write
 * sequence. ARGV: key base (province and epoch), day-bucket TTL in ms, then sections, each starting with its
 * count:
 * - records: `code, expected tag ('' when no record), new record (untagged)`;
 * - counters: `key suffix, n, (field, delta) × n` (a counter reaching 0 is deleted);
 * - expiring keys: `key suffix` (day buckets, PEXPIRE);
 * - ZADD: `key suffix, n, (score, member) × n`; ZREM: `key suffix, n, member × n`;
 * - HSET: `key suffix, n, (field, value) × n`; HDEL: `key suffix, n, field × n`.
 * Key suffixes are appended to the base, so every key shares the province hash tag.
 */
export const APPLY_BATCH_SCRIPT = `
local applied, sequence, base, ttl = KEYS[1], KEYS[2], ARGV[1], ARGV[2]
local i = 3
local n = tonumber(ARGV[i]); i = i + 1
local first = i
local conflicts = {}
for from = 0, n - 1, 1000 do
  local codes = {}
  for k = from, math.min(n, from + 1000) - 1 do codes[#codes + 1] = ARGV[first + 3 * k] end
  local values = redis.call('HMGET', applied, unpack(codes))
  for m, current in ipairs(values) do
    local tag = ''
    if current then tag = string.sub(current, 1, string.find(current, '\\31', 1, true) - 1) end
    if tag ~= ARGV[first + 3 * (from + m - 1) + 1] then conflicts[#conflicts + 1] = codes[m] end
  end
end
i = first + 3 * n
if #conflicts > 0 then return conflicts end
local function bulk(command, key, from, count, width)
  local done = 0
  while done < count do
    local args = {}
    local take = math.min(count - done, math.floor(4000 / width))
    for k = from + done * width, from + (done + take) * width - 1 do args[#args + 1] = ARGV[k] end
    redis.call(command, key, unpack(args))
    done = done + take
  end
end
local tag = redis.call('INCR', sequence) .. '\\31'
for from = 0, n - 1, 1000 do
  local fields = {}
  for k = from, math.min(n, from + 1000) - 1 do
    fields[#fields + 1] = ARGV[first + 3 * k]
    fields[#fields + 1] = tag .. ARGV[first + 3 * k + 2]
  end
  redis.call('HSET', applied, unpack(fields))
end
n = tonumber(ARGV[i]); i = i + 1
for _ = 1, n do
  local key, m = base .. ARGV[i], tonumber(ARGV[i + 1])
  i = i + 2
  for _ = 1, m do
    if redis.call('HINCRBY', key, ARGV[i], ARGV[i + 1]) == 0 then redis.call('HDEL', key, ARGV[i]) end
    i = i + 2
  end
end
n = tonumber(ARGV[i]); i = i + 1
for _ = 1, n do
  redis.call('PEXPIRE', base .. ARGV[i], ttl)
  i = i + 1
end
for _, section in ipairs({ { 'ZADD', 2 }, { 'ZREM', 1 }, { 'HSET', 2 }, { 'HDEL', 1 } }) do
  n = tonumber(ARGV[i]); i = i + 1
  for _ = 1, n do
    local key, m = base .. ARGV[i], tonumber(ARGV[i + 1])
    i = i + 2
    bulk(section[1], key, i, m, section[2])
    i = i + m * section[2]
  end
end
return {}
`;

/**
 * Reads one unit's figures in one call (all its keys share the province hash tag). ARGV: level key base, the
 * lookback instant as an exclusive ZCOUNT bound (`(<instant>`), the carry, open and due key suffixes, the day
 * count and day bucket suffixes, the range count and `min, max` pairs, then per stage the suffixes of its
 * work-in-progress hash, entries and exits sorted sets. Returns `{ day counters summed (field, value, …), carry
 * (HGETALL), open (HGETALL), due counts, due total, per stage: work-in-progress values, entries after, exits
 * after }`.
 */
export const READ_SCRIPT = `
local base, after, carry, open, dueKey = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local i = 6
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
local due = {}
for _ = 1, n do
  due[#due + 1] = redis.call('ZCOUNT', base .. dueKey, ARGV[i], ARGV[i + 1])
  i = i + 2
end
local wip, starts, ends = {}, {}, {}
for k = i, #ARGV, 3 do
  wip[#wip + 1] = redis.call('HVALS', base .. ARGV[k])
  starts[#starts + 1] = redis.call('ZCOUNT', base .. ARGV[k + 1], after, '+inf')
  ends[#ends + 1] = redis.call('ZCOUNT', base .. ARGV[k + 2], after, '+inf')
end
return { days, redis.call('HGETALL', base .. carry), redis.call('HGETALL', base .. open), due,
  redis.call('ZCARD', base .. dueKey), wip, starts, ends }
`;
