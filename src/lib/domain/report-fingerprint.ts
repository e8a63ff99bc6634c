/**
 * The fingerprint that makes an export reproducible (issue #11): SHA-256 over a canonical JSON of what the export
 * shows, so the same scope, period, instant, filters and rows give the same hex digest in any format or language.
 */

/** What is fingerprinted: the stamp of an export and the data rows it shows (codes and numbers, no labels). */
export interface FingerprintInput {
	scope: string;
	/** Null for a list of the present moment, which has no period. */
	period: { from: string; to: string } | null;
	/** UTC ISO instant the figures were computed at. */
	asOf: string;
	filters: Readonly<Record<string, string | number | boolean | null>>;
	rows: unknown;
}

/**
 * JSON with object keys sorted at every depth and `undefined` members dropped, so two equal values always give
 * the same text whatever order their keys were built in. Numbers use JavaScript's shortest round-trip form;
 * -0 is written 0 and a non-finite number is refused (JSON would silently turn it into null).
 */
export function canonicalJson(value: unknown): string {
	if (value === null) return 'null';
	switch (typeof value) {
		case 'number':
			if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
			return Object.is(value, -0) ? '0' : JSON.stringify(value);
		case 'string':
		case 'boolean':
			return JSON.stringify(value);
		case 'object': {
			if (Array.isArray(value))
				return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
			const record = value as Record<string, unknown>;
			const keys = Object.keys(record)
				.filter((key) => record[key] !== undefined)
				.sort();
			return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
		}
		default:
			throw new TypeError(`cannot fingerprint a ${typeof value}`);
	}
}

/** Lower-case hex SHA-256 of the canonical JSON of `input` (Web Crypto: the same in Node and browsers). */
export async function reportFingerprint(input: FingerprintInput): Promise<string> {
	const bytes = new TextEncoder().encode(canonicalJson(input));
	const digest = await crypto.subtle.digest('SHA-256', bytes);
	return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
