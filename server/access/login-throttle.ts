import type { WindowCount } from './rate-limit';

/**
 * Sign-in failures allowed before further attempts are refused until the window ends: per account (whatever
 * address they come from) and per address (whatever account they try). Unknown e-mails count like known
 * ones, so throttling tells nothing about which accounts exist.
 */
export const LOGIN_LIMITS = {
	account: { failures: 5, windowMs: 15 * 60_000 },
	address: { failures: 20, windowMs: 15 * 60_000 }
} as const;

export const accountKey = (email: string) => `login:account:${email}`;
export const addressKey = (address: string) => `login:address:${address}`;

/** Whether a sign-in may be tried now, and if not, in how many seconds it may be tried again. */
export function loginThrottle(
	account: WindowCount,
	address: WindowCount
): { throttled: false } | { throttled: true; retryAfterS: number } {
	const waits: number[] = [];
	if (account.count >= LOGIN_LIMITS.account.failures) waits.push(account.resetInMs);
	if (address.count >= LOGIN_LIMITS.address.failures) waits.push(address.resetInMs);
	if (waits.length === 0) return { throttled: false };
	return { throttled: true, retryAfterS: Math.max(1, Math.ceil(Math.max(...waits) / 1000)) };
}
