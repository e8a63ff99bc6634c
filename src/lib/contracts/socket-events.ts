/**
 * Every Socket.IO event name and payload, declared once and used as the generics of both the server
 * (`server/realtime/`) and the browser client (`src/lib/realtime/`).
 */
export const LIVE_NAMESPACE = '/live';
export const SOCKET_PATH = '/socket.io';

export interface ServerHello {
	/** Version of the deployed build; a wall display reloads itself when it changes. */
	build: string;
	/** Server clock as a UTC ISO string, so a client can tell how far its own clock drifts. */
	serverTime: string;
}

export interface LiveServerToClientEvents {
	'server:hello': (hello: ServerHello) => void;
}

// Scope subscriptions (`scope:subscribe` …, ARCHITECTURE §4.4) join this map when live delivery lands.
export type LiveClientToServerEvents = Record<never, never>;
