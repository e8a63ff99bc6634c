import { io, type Socket } from 'socket.io-client';
import {
	LIVE_NAMESPACE,
	SOCKET_PATH,
	type LiveClientToServerEvents,
	type LiveServerToClientEvents
} from '$lib/contracts/socket-events';

export type LiveSocket = Socket<LiveServerToClientEvents, LiveClientToServerEvents>;

/** The browser's one typed connection to the `/live` namespace; WebSocket first, long-polling as fallback. */
export function connectLive(): LiveSocket {
	return io(LIVE_NAMESPACE, { path: SOCKET_PATH, transports: ['websocket', 'polling'] });
}
