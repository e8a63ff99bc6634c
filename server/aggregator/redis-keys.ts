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
 * <prefix>:{p<P>}:e:<E>:applied           dossier code → applied record     hash (JSON, see store-ops.ts)
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
 * Replaces a dossier's applied record with a new one (new − old), atomically. A record at a version ≤ the
 * applied one is ignored (returns 0). KEYS[1]: the province's applied hash; ARGV: key base, code, record JSON,
 * version (empty: none), day-bucket TTL in ms. Counters that reach 0 are deleted, so an emptied store holds no keys.
 */
export const APPLY_SCRIPT = `
local applied = KEYS[1]
local base, code, json, version, ttl = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4]), ARGV[5]
local oldJson = redis.call('HGET', applied, code)
local old = nil
if oldJson then old = cjson.decode(oldJson) end
if old and version and old.v >= 0 and version <= old.v then return 0 end
local function write(rec, sign)
  if rec.w == '' then return end
  local levels = { base .. 'w:' .. rec.w .. ':', base .. 'p:' }
  for _, level in ipairs(levels) do
    for _, op in ipairs(rec.o.c) do
      local key = level .. op[1]
      if redis.call('HINCRBY', key, op[2], sign * op[3]) == 0 then redis.call('HDEL', key, op[2]) end
      if op[4] == 1 then redis.call('PEXPIRE', key, ttl) end
    end
    for _, op in ipairs(rec.o.z) do
      if sign > 0 then redis.call('ZADD', level .. op[1], op[3], op[2])
      else redis.call('ZREM', level .. op[1], op[2]) end
    end
    for _, op in ipairs(rec.o.h) do
      if sign > 0 then redis.call('HSET', level .. op[1], op[2], op[3])
      else redis.call('HDEL', level .. op[1], op[2]) end
    end
  end
end
if old then write(old, -1) end
write(cjson.decode(json), 1)
redis.call('HSET', applied, code, json)
return 1
`;
