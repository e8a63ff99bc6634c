/**
 * A token bucket per socket for `scope:subscribe`: a page subscribing to its scopes at once passes, a loop
 * hammering the server is refused. Plain data, so Socket.IO's connection-state recovery can keep it.
 */
export interface SubscribeBucket {
	tokens: number;
	at: number;
}

/** A burst of 10 subscriptions, then one every 500 ms. */
export const SUBSCRIBE_BURST = 10;
export const SUBSCRIBE_REFILL_MS = 500;

export function newBucket(now: number): SubscribeBucket {
	return { tokens: SUBSCRIBE_BURST, at: now };
}

/** Takes one token if there is one; mutates the bucket. */
export function takeToken(bucket: SubscribeBucket, now: number): boolean {
	const refill = Math.max(0, now - bucket.at) / SUBSCRIBE_REFILL_MS;
	bucket.tokens = Math.min(SUBSCRIBE_BURST, bucket.tokens + refill);
	bucket.at = now;
	if (bucket.tokens < 1) return false;
	bucket.tokens -= 1;
	return true;
}
