import type { ServerHello } from '$lib/contracts/socket-events';
import { connectLive } from './live-client';

export type LiveStatus = 'connecting' | 'connected' | 'disconnected';

/** Connection state of the `/live` namespace as reactive runes state. */
export class LiveConnection {
	status = $state<LiveStatus>('connecting');
	hello = $state<ServerHello | null>(null);

	/** Opens the socket; returns the cleanup that closes it. */
	connect(): () => void {
		const socket = connectLive();
		socket.on('connect', () => (this.status = 'connected'));
		socket.on('disconnect', () => (this.status = 'disconnected'));
		socket.on('connect_error', () => (this.status = 'disconnected'));
		socket.io.on('reconnect_attempt', () => (this.status = 'connecting'));
		socket.on('server:hello', (hello) => (this.hello = hello));
		return () => {
			socket.removeAllListeners();
			socket.io.removeAllListeners();
			socket.disconnect();
		};
	}
}
