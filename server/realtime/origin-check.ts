/**
 * The `Origin` rule for `/live` handshakes (Socket.IO's `allowRequest`): a browser may connect only from this
 * site (the request's own host, or ORIGIN behind a proxy); a client that sends no Origin is not a browser and
 * must then present a token in the handshake.
 */
export function originAllowed(
	origin: string | undefined,
	host: string | undefined,
	configuredOrigin: string | undefined
): boolean {
	if (origin === undefined) return true;
	let parsed: URL;
	try {
		parsed = new URL(origin);
	} catch {
		return false;
	}
	if (configuredOrigin !== undefined && parsed.origin === new URL(configuredOrigin).origin)
		return true;
	return host !== undefined && parsed.host === host.toLowerCase();
}
