import { describe, expect, it } from 'vitest';
import { accountKey, addressKey, LOGIN_LIMITS, loginThrottle } from './login-throttle';
import { MemoryRateLimiter } from './rate-limit';

describe('MemoryRateLimiter (fixed windows, the clock a parameter)', () => {
	it('counts hits in a window that opens at the first hit and starts again after it', async () => {
		let now = 1_000;
		const limiter = new MemoryRateLimiter(() => now);
		expect(await limiter.hit('k', 60_000)).toEqual({ count: 1, resetInMs: 60_000 });
		now += 10_000;
		expect(await limiter.hit('k', 60_000)).toEqual({ count: 2, resetInMs: 50_000 });
		expect(await limiter.peek('k')).toEqual({ count: 2, resetInMs: 50_000 });
		now += 50_000;
		expect(await limiter.peek('k')).toEqual({ count: 0, resetInMs: 0 });
		expect(await limiter.hit('k', 60_000)).toEqual({ count: 1, resetInMs: 60_000 });
	});

	it('keeps keys apart, resets one, and sweeps ended windows when it grows', async () => {
		let now = 0;
		const limiter = new MemoryRateLimiter(() => now, 3);
		await limiter.hit('a', 100);
		await limiter.hit('b', 100);
		await limiter.hit('b', 100);
		await limiter.reset('b');
		expect((await limiter.peek('a')).count).toBe(1);
		expect((await limiter.peek('b')).count).toBe(0);
		now = 200;
		for (const key of ['c', 'd', 'e', 'f']) await limiter.hit(key, 100);
		expect((await limiter.peek('f')).count).toBe(1);
	});
});

describe('sign-in throttling', () => {
	const none = { count: 0, resetInMs: 0 };
	it('allows until an account or an address reaches its failures, then says when to retry', () => {
		expect(loginThrottle(none, none)).toEqual({ throttled: false });
		expect(
			loginThrottle({ count: LOGIN_LIMITS.account.failures - 1, resetInMs: 1 }, none).throttled
		).toBe(false);
		expect(
			loginThrottle({ count: LOGIN_LIMITS.account.failures, resetInMs: 61_500 }, none)
		).toEqual({
			throttled: true,
			retryAfterS: 62
		});
		expect(
			loginThrottle(
				{ count: LOGIN_LIMITS.account.failures, resetInMs: 10_000 },
				{ count: LOGIN_LIMITS.address.failures, resetInMs: 900_000 }
			)
		).toEqual({ throttled: true, retryAfterS: 900 });
	});

	it('keys accounts and addresses apart', () => {
		expect(accountKey('a@x.vn')).not.toBe(addressKey('a@x.vn'));
	});
});
