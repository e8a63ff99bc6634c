import type { Namespace, Socket } from 'socket.io';
import type { Logger } from 'pino';
import { formatScope, scopeSchema } from '../../src/lib/contracts/scope';
import type { AccessRevoked } from '../../src/lib/contracts/socket-events';
import { credentialKey, type AccessService, type Credential } from '../access/access-service';
import type { Principal } from '../access/policy';

/** How often this process checks the credentials of its sockets: a revocation bites within this (plus a query). */
export const REVALIDATE_EVERY_MS = 2_000;
/** How long a cut connection stays open for its notice to arrive (no data reaches it meanwhile). */
export const NOTICE_GRACE_MS = 1_000;

interface RevocableData {
	principal: Principal;
	credential: Credential;
}

type RevocableSocket = Pick<Socket, 'id' | 'rooms' | 'emit' | 'leave' | 'disconnect'> & {
	data: RevocableData;
};

const MESSAGES: Record<AccessRevoked['reason'], string> = {
	revoked: 'This access has been revoked; the connection is closed.',
	signed_out: 'The session has ended; sign in again.',
	scope_removed: 'This scope is no longer allowed for this connection.'
};

const sameScopes = (a: Principal, b: Principal) =>
	a.scopes.map(formatScope).join() === b.scopes.map(formatScope).join();

/**
 * Checks every socket of this process against the database once: a socket whose credential no longer holds is
 * told why (`access:revoked`) and cut; one that lost a scope (an inspector's grant ended) leaves that room and
 * is told so; the others carry on with their principal refreshed. Each process checks its own sockets, so a
 * revocation made anywhere (a page, the CLI, another process) reaches every socket without any messaging.
 */
export async function revalidateSockets(
	sockets: Iterable<RevocableSocket>,
	access: Pick<AccessService, 'revalidate' | 'allows'>
): Promise<{ cut: number; left: number }> {
	const list = [...sockets].filter((s) => s.data?.credential);
	const checked = await access.revalidate(list.map((s) => s.data.credential));
	let cut = 0;
	let left = 0;
	for (const socket of list) {
		const key = credentialKey(socket.data.credential);
		if (!checked.has(key)) continue;
		const principal = checked.get(key);
		if (!principal) {
			const reason = socket.data.credential.kind === 'session' ? 'signed_out' : 'revoked';
			// Nothing more reaches it from now on; the notice goes out (through the adapter, which may take a
			// round trip to Redis when connection-state recovery is on), then the connection is closed.
			for (const room of [...socket.rooms]) if (room !== socket.id) await socket.leave(room);
			socket.emit('access:revoked', { reason, message: MESSAGES[reason] });
			setTimeout(() => socket.disconnect(true), NOTICE_GRACE_MS).unref();
			cut += 1;
			continue;
		}
		const unchanged = sameScopes(socket.data.principal, principal);
		socket.data.principal = principal;
		// Rooms need a look only when the scopes moved (a grant ended, a role changed).
		if (unchanged) continue;
		for (const room of socket.rooms) {
			if (room === socket.id) continue;
			const scope = scopeSchema.safeParse(room);
			if (!scope.success || access.allows(principal, 'live', scope.data)) continue;
			await socket.leave(room);
			socket.emit('access:revoked', {
				reason: 'scope_removed',
				scope: room,
				message: MESSAGES.scope_removed
			});
			left += 1;
		}
	}
	return { cut, left };
}

/** Runs `revalidateSockets` over a namespace's local sockets every REVALIDATE_EVERY_MS; returns the stop. */
export function startRevalidation(
	namespace: Namespace,
	access: Pick<AccessService, 'revalidate' | 'allows'>,
	log: Logger
): () => void {
	let running = false;
	let lastError = '';
	const timer = setInterval(() => {
		if (running || namespace.sockets.size === 0) return;
		running = true;
		revalidateSockets(namespace.sockets.values() as Iterable<RevocableSocket>, access)
			.then(({ cut, left }) => {
				lastError = '';
				if (cut + left > 0) log.info({ cut, left }, 'live access revoked');
			})
			.catch((error: unknown) => {
				// A failed check keeps the sockets as they are (the database may be away); logged once per cause.
				const message = (error as Error).message;
				if (message !== lastError) log.warn({ err: error }, 'live access check failed');
				lastError = message;
			})
			.finally(() => (running = false));
	}, REVALIDATE_EVERY_MS);
	timer.unref();
	return () => clearInterval(timer);
}
