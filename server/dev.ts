import type { Server as HttpServer } from 'node:http';
import type { Http2SecureServer } from 'node:http2';
import { createBackend, type Backend, type NodeListener } from './backend';
import { loadConfig } from './config';
import { API_PATH } from './http/api';

const KEY = Symbol.for('mot-cua-live.dev-backend');
type Registry = { [KEY]?: { backend: Promise<Backend>; attachedTo: WeakSet<object> } };

/** Starts the backend once per dev process and attaches Socket.IO once per Vite HTTP server. */
export async function attachDevBackend(httpServer: HttpServer | Http2SecureServer) {
	const registry = globalThis as Registry;
	registry[KEY] ??= {
		backend: createBackend(loadConfig(undefined, { NODE_ENV: 'development' })),
		attachedTo: new WeakSet()
	};
	const entry = registry[KEY];
	const backend = await entry.backend;
	if (!entry.attachedTo.has(httpServer)) {
		backend.attachLive(httpServer as HttpServer, 'dev');
		entry.attachedTo.add(httpServer);
	}
	return {
		handles: (url: string | undefined) => API_PATH.test(url ?? '/'),
		listener: backend.api as NodeListener
	};
}
