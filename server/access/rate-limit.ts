import type { RedisClient } from '../redis/client';

/** A key's hits in its current window, and how long until that window ends. */
export interface WindowCount {
	count: number;
	resetInMs: number;
}

/**
 * Fixed-window counters: a key's window opens at its first hit and lasts `windowMs`; the count starts again
 * after it. Used for sign-in failures (per account and per address) and ingest requests (per key).
 */
export interface RateLimiter {
	/** Adds one hit and returns the window's count, this hit included. */
	hit(key: string, windowMs: number): Promise<WindowCount>;
	/** The window's count without adding a hit. */
	peek(key: string): Promise<WindowCount>;
	reset(key: string): Promise<void>;
}

/** In-process counters, the clock a parameter; one process's view (with Redis, `RedisRateLimiter` shares it). */
export class MemoryRateLimiter implements RateLimiter {
	private windows = new Map<string, { count: number; endsAt: number }>();

	constructor(
		private readonly clock: () => number = Date.now,
		/** Above this many keys, ended windows are swept out. */
		private readonly sweepAbove = 10_000
	) {}

	async hit(key: string, windowMs: number): Promise<WindowCount> {
		return this.hitNow(key, windowMs);
	}

	/** Synchronous `hit`, for the fallback path of the Redis limiter. */
	hitNow(key: string, windowMs: number): WindowCount {
		const now = this.clock();
		let window = this.windows.get(key);
		if (!window || window.endsAt <= now) {
			if (this.windows.size >= this.sweepAbove) this.sweep(now);
			window = { count: 0, endsAt: now + windowMs };
			this.windows.set(key, window);
		}
		window.count += 1;
		return { count: window.count, resetInMs: window.endsAt - now };
	}

	async peek(key: string): Promise<WindowCount> {
		return this.peekNow(key);
	}

	peekNow(key: string): WindowCount {
		const now = this.clock();
		const window = this.windows.get(key);
		if (!window || window.endsAt <= now) return { count: 0, resetInMs: 0 };
		return { count: window.count, resetInMs: window.endsAt - now };
	}

	async reset(key: string): Promise<void> {
		this.windows.delete(key);
	}

	private sweep(now: number) {
		for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
	}
}

/** INCR, and on the window's first hit its expiry; answers the count and the time left. */
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {count, ttl}`;

/**
 * Counters in Redis, shared by every process. While Redis cannot answer, the process counts on its own
 * (never unthrottled, never refusing everyone).
 */
export class RedisRateLimiter implements RateLimiter {
	private readonly fallback = new MemoryRateLimiter();

	constructor(
		private readonly client: RedisClient,
		private readonly prefix: string
	) {}

	private key(key: string) {
		return `${this.prefix}:rl:${key}`;
	}

	async hit(key: string, windowMs: number): Promise<WindowCount> {
		if (!this.client.isReady) return this.fallback.hitNow(key, windowMs);
		try {
			const [count, ttl] = (await this.client.eval(HIT_SCRIPT, {
				keys: [this.key(key)],
				arguments: [String(windowMs)]
			})) as [number, number];
			return { count, resetInMs: ttl };
		} catch {
			return this.fallback.hitNow(key, windowMs);
		}
	}

	async peek(key: string): Promise<WindowCount> {
		if (!this.client.isReady) return this.fallback.peekNow(key);
		try {
			const [count, ttl] = await Promise.all([
				this.client.get(this.key(key)),
				this.client.pTTL(this.key(key))
			]);
			return count === null ? { count: 0, resetInMs: 0 } : { count: Number(count), resetInMs: ttl };
		} catch {
			return this.fallback.peekNow(key);
		}
	}

	async reset(key: string): Promise<void> {
		await this.fallback.reset(key);
		if (!this.client.isReady) return;
		await this.client.del(this.key(key)).catch(() => {});
	}
}
