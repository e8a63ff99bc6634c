import { hash, verify, type Options } from '@node-rs/argon2';

/**
 * argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane): about 15 ms on a server core, so a
 * stolen table is slow to attack while a sign-in stays instant.
 */
const OPTIONS: Options = {
	// Algorithm.Argon2id: a const enum, which isolated modules cannot read.
	algorithm: 2 as Options['algorithm'],
	memoryCost: 19_456,
	timeCost: 2,
	parallelism: 1
};

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

/** Why a chosen password is refused, or null. Length is what matters; no composition rules (NIST 800-63B). */
export function passwordProblem(password: string): string | null {
	if (password.length < MIN_PASSWORD_LENGTH)
		return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
	if (password.length > MAX_PASSWORD_LENGTH)
		return `must be at most ${MAX_PASSWORD_LENGTH} characters`;
	return null;
}

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS);
}

/** Whether the password matches the stored PHC string; a malformed hash never matches. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
	if (password.length > MAX_PASSWORD_LENGTH) return false;
	try {
		return await verify(stored, password);
	} catch {
		return false;
	}
}

let dummy: Promise<string> | undefined;

/**
 * Spends the time of one verification without a user, so that an unknown e-mail answers as slowly as a wrong
 * password (no account enumeration by timing).
 */
export async function verifyNothing(password: string): Promise<false> {
	dummy ??= hashPassword('not a password of anyone');
	await verifyPassword(await dummy, password);
	return false;
}
