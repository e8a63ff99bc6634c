import { describe, expect, it } from 'vitest';
import { newBucket, SUBSCRIBE_BURST, SUBSCRIBE_REFILL_MS, takeToken } from './subscribe-limits';

describe('the subscribe rate limit', () => {
	it('passes a burst, refuses beyond it, and refills with time', () => {
		const bucket = newBucket(0);
		for (let i = 0; i < SUBSCRIBE_BURST; i++) expect(takeToken(bucket, 0)).toBe(true);
		expect(takeToken(bucket, 0)).toBe(false);
		expect(takeToken(bucket, SUBSCRIBE_REFILL_MS - 1)).toBe(false);
		expect(takeToken(bucket, SUBSCRIBE_REFILL_MS * 2)).toBe(true);
		expect(takeToken(bucket, 3_600_000)).toBe(true);
		expect(bucket.tokens).toBe(SUBSCRIBE_BURST - 1);
	});
});
