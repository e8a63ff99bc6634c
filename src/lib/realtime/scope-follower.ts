import type {
	AccessRevoked,
	DossierOverdue,
	DossierTick,
	LiveError,
	ScopeSubscribed,
	ScopeUpdate
} from '../contracts/socket-events';
import type { LiveSocket } from './live-client';
import { catchUp, feedFromAck, stepFeed, type FeedState } from './scope-feed';

const ACK_TIMEOUT_MS = 10_000;
/** Refusals about the scope itself are final; the others (load, rate) pass with time. */
const FINAL_REFUSALS = new Set(['forbidden', 'unknown_scope', 'invalid_request']);

export interface FollowerHandlers {
	/** The scope's figures, in sequence (after an acknowledgement or an applied update). */
	state(state: FeedState): void;
	/** The figures held are no longer followed (connection lost, or a resync under way). */
	lost(): void;
	refused?(error: LiveError): void;
	tick?(tick: DossierTick): void;
	overdue?(overdue: DossierOverdue): void;
	/** The server ended this connection's access, or this scope's (`access:revoked`); nothing more will come. */
	revoked?(revoked: AccessRevoked): void;
}

/**
 * Follows one scope on a `/live` socket: subscribes on connect, applies `scope:update`s in `seq` order, and
 * subscribes again for a fresh snapshot on a gap, a new epoch, a change that does not fit, or a reconnection
 * that Socket.IO could not recover. A recovered connection replays what was missed, so the feed goes on.
 * Returns the cleanup that unsubscribes. No runes here: `LiveScope` wraps it for pages, tests and scripts use it
 * as it is.
 */
export function followScope(
	socket: LiveSocket,
	scope: string,
	handlers: FollowerHandlers
): () => void {
	let feed: FeedState | null = null;
	/** Updates that arrive while a subscription is being acknowledged. */
	let pending: ScopeUpdate[] | null = null;
	let retry: ReturnType<typeof setTimeout> | undefined;
	let closed = false;

	const adopt = (state: FeedState) => {
		feed = state;
		handlers.state(state);
	};
	const subscribe = (delayMs = 0) => {
		clearTimeout(retry);
		handlers.lost();
		feed = null;
		pending = [];
		if (delayMs > 0) {
			retry = setTimeout(() => subscribe(), delayMs);
			return;
		}
		if (closed || !socket.connected) return;
		socket
			.timeout(ACK_TIMEOUT_MS)
			.emit('scope:subscribe', { scope }, (err: Error | null, reply) => {
				if (closed) return;
				if (err) return subscribe(2_000);
				if (!reply.ok) {
					handlers.refused?.(reply.error);
					if (!FINAL_REFUSALS.has(reply.error.code)) subscribe(3_000);
					return;
				}
				acknowledge(reply.data);
			});
	};
	const acknowledge = (data: ScopeSubscribed) => {
		const step = catchUp(feedFromAck(data), pending ?? []);
		pending = null;
		if (step.kind === 'applied') adopt(step.state);
		else if (step.kind === 'resync') subscribe(500);
	};

	const onConnect = () => {
		if (socket.recovered && feed) return handlers.state(feed);
		subscribe();
	};
	const onDisconnect = () => handlers.lost();
	const onUpdate = (update: ScopeUpdate) => {
		if (update.scope !== scope) return;
		if (pending) return void pending.push(update);
		if (!feed) return;
		const step = stepFeed(feed, update);
		if (step.kind === 'applied') adopt(step.state);
		else if (step.kind === 'resync') subscribe();
	};
	const onTick = (tick: DossierTick) => {
		if (tick.scope === scope) handlers.tick?.(tick);
	};
	const onOverdue = (overdue: DossierOverdue) => {
		if (overdue.scope === scope) handlers.overdue?.(overdue);
	};
	const onRevoked = (revoked: AccessRevoked) => {
		if (revoked.scope !== undefined && revoked.scope !== scope) return;
		closed = true;
		clearTimeout(retry);
		handlers.lost();
		handlers.revoked?.(revoked);
	};
	socket.on('connect', onConnect);
	socket.on('disconnect', onDisconnect);
	socket.on('scope:update', onUpdate);
	socket.on('dossier:event', onTick);
	socket.on('dossier:overdue', onOverdue);
	socket.on('access:revoked', onRevoked);
	if (socket.connected) subscribe();

	return () => {
		closed = true;
		clearTimeout(retry);
		socket.off('connect', onConnect);
		socket.off('disconnect', onDisconnect);
		socket.off('scope:update', onUpdate);
		socket.off('dossier:event', onTick);
		socket.off('dossier:overdue', onOverdue);
		socket.off('access:revoked', onRevoked);
		if (socket.connected) socket.emit('scope:unsubscribe', { scope });
	};
}
