import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { Logger } from 'pino';
import {
	LIVE_NAMESPACE,
	SOCKET_PATH,
	type LiveClientToServerEvents,
	type LiveServerToClientEvents
} from '../../src/lib/contracts/socket-events';
import type { Metrics } from '../metrics';

export type LiveServer = Server<LiveClientToServerEvents, LiveServerToClientEvents>;

/** Attaches Socket.IO to an HTTP server with the `/live` namespace. */
export function attachLive(
	httpServer: HttpServer,
	deps: { build: string; metrics: Metrics; log: Logger }
): LiveServer {
	const io: LiveServer = new Server(httpServer, {
		path: SOCKET_PATH,
		serveClient: false,
		transports: ['websocket', 'polling'],
		// Leave other upgrade requests (Vite's HMR socket in dev) alone instead of closing them.
		destroyUpgrade: false
	});
	const live = io.of(LIVE_NAMESPACE);
	live.on('connection', (socket) => {
		deps.metrics.liveSockets.inc();
		deps.metrics.liveConnections.inc();
		socket.emit('server:hello', { build: deps.build, serverTime: new Date().toISOString() });
		socket.on('disconnect', () => deps.metrics.liveSockets.dec());
	});
	deps.log.debug({ namespace: LIVE_NAMESPACE }, 'live namespace attached');
	return io;
}
