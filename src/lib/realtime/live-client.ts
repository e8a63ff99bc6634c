import { io, type Socket } from 'socket.io-client';
import {
	LIVE_NAMESPACE,
	SOCKET_PATH,
	type LiveClientToServerEvents,
	type LiveServerToClientEvents
} from '../contracts/socket-events';

export type LiveSocket = Socket<LiveServerToClientEvents, LiveClientToServerEvents>;

export interface LiveClientOptions {
	/** A display token or API key (`auth.token`); browsers with a session send none. */
	token?: string;
	/** Another server (scripts, tests); default: the page's own origin. */
	url?: string;
}

/** A new typed connection to the `/live` namespace; WebSocket first, long-polling as fallback. */
export function connectLive(options: LiveClientOptions = {}): LiveSocket {
	const target = options.url ? new URL(LIVE_NAMESPACE, options.url).toString() : LIVE_NAMESPACE;
	return io(target, {
		path: SOCKET_PATH,
		transports: ['websocket', 'polling'],
		auth: options.token ? { token: options.token } : {},
		// Each caller of connectLive gets its own connection; a page shares one through `sharedLive`.
		forceNew: true
	});
}

let shared: { socket: LiveSocket; users: number } | undefined;

/**
 * The page's one connection, shared by the connection indicator and every `LiveScope` on it; the last
 * `release` closes it.
 */
export function sharedLive(): { socket: LiveSocket; release: () => void } {
	shared ??= { socket: connectLive(), users: 0 };
	const holder = shared;
	holder.users += 1;
	let released = false;
	return {
		socket: holder.socket,
		release() {
			if (released) return;
			released = true;
			holder.users -= 1;
			if (holder.users === 0 && shared === holder) {
				holder.socket.disconnect();
				shared = undefined;
			}
		}
	};
}
