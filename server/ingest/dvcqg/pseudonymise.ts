import { createHmac } from 'node:crypto';

/**
 * Officers' names (NguoiXuLy) become stable pseudonyms, so a step can be attributed to "the same officer"
 * without storing who it was (Decree 13/2023).
 */

/**
 * A pseudonymiser keyed by `secret`: `o-` and the first 16 hex digits of HMAC-SHA-256 of the name, with case,
 * spacing and Unicode form evened out so that one officer keeps one id. Keyed, because a plain hash of a
 * Vietnamese name is reversed by hashing a list of common names.
 */
export function createOfficerPseudonymiser(secret: string): (name: string) => string {
	if (secret.length < 16)
		throw new RangeError('the pseudonymisation secret needs 16 characters or more');
	return (name) => {
		const even = name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');
		return `o-${createHmac('sha256', secret).update(even).digest('hex').slice(0, 16)}`;
	};
}
