import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/**
 * Tokens (session cookies, display tokens, API keys) carry 192–256 random bits, so a fast hash is enough to
 * store them (passwords, not tokens, need a slow one).
 */
export function hashSecret(secret: string): string {
	return createHash('sha256').update(secret).digest('hex');
}

/** A new random token with a prefix that says what it is (`mcl_` API key, `mcd_` display token). */
export function newToken(prefix: string, bytes = 24): string {
	return `${prefix}${randomBytes(bytes).toString('base64url')}`;
}

/** A short random id with a prefix that says what it names (`usr_…`, `grt_…`, `dsp_…`). */
export function newId(prefix: string): string {
	return `${prefix}_${randomBytes(6).toString('hex')}`;
}

/** Letters and digits that cannot be mistaken for one another when read off a screen or typed. */
const READABLE = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A generated password: four groups of five readable characters (about 115 bits). */
export function generatePassword(): string {
	const groups = Array.from({ length: 4 }, () =>
		Array.from({ length: 5 }, () => READABLE[randomInt(READABLE.length)]).join('')
	);
	return groups.join('-');
}

/** HMAC-SHA256 of a message, hex. */
export function hmac(key: string, message: string): string {
	return createHmac('sha256', key).update(message).digest('hex');
}

/** Constant-time equality of two strings (of any length). */
export function safeEqual(a: string, b: string): boolean {
	const x = createHash('sha256').update(a).digest();
	const y = createHash('sha256').update(b).digest();
	return timingSafeEqual(x, y) && a.length === b.length;
}
