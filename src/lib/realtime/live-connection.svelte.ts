import type { AccessRevoked, ServerHello } from '../contracts/socket-events';
import { sharedLive } from './live-client';

export type LiveStatus = 'connecting' | 'connected' | 'disconnected';

/** Connection state of the `/live` namespace as reactive runes state. */
export class LiveConnection {
	status = $state<LiveStatus>('connecting');
	hello = $state<ServerHello | null>(null);
	/** Why the server cut this connection's access (`access:revoked` without a scope), or null. */
	revoked = $state.raw<AccessRevoked | null>(null);

	/** Uses the page's shared socket; returns the cleanup that lets go of it. */
	connect(): () => void {
		const { socket, release } = sharedLive();
		const onConnect = () => (this.status = 'connected');
		const onDisconnect = () => (this.status = 'disconnected');
		const onAttempt = () => (this.status = 'connecting');
		const onHello = (hello: ServerHello) => (this.hello = hello);
		const onRevoked = (revoked: AccessRevoked) => {
			if (revoked.scope === undefined) this.revoked = revoked;
		};
		if (socket.connected) this.status = 'connected';
		socket.on('connect', onConnect);
		socket.on('disconnect', onDisconnect);
		socket.on('connect_error', onDisconnect);
		socket.io.on('reconnect_attempt', onAttempt);
		socket.on('server:hello', onHello);
		socket.on('access:revoked', onRevoked);
		return () => {
			socket.off('connect', onConnect);
			socket.off('disconnect', onDisconnect);
			socket.off('connect_error', onDisconnect);
			socket.io.off('reconnect_attempt', onAttempt);
			socket.off('server:hello', onHello);
			socket.off('access:revoked', onRevoked);
			release();
		};
	}
}
