import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Logger } from 'pino';
import { PAGES_PROTOCOL_HEADER, preparePagesHandler, type Config } from './config';
import { createBackend, type Backend } from './backend';
import { API_PATH } from './http/api';
import { securityHeaders } from './http/security-headers';

type PageHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export interface App {
	readonly server: Server;
	readonly backend: Backend;
	listen(port?: number, host?: string): Promise<AddressInfo>;
	close(): Promise<void>;
}

export interface AppOptions {
	log?: Logger;
	/** Serve SvelteKit pages from `build/` (default: when a build exists). */
	pages?: boolean;
}

const buildDir = fileURLToPath(new URL('../build/', import.meta.url));

function buildVersion(): string {
	try {
		const file = `${buildDir}client/_app/version.json`;
		return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
	} catch {
		return 'unbuilt';
	}
}

function notFound(res: ServerResponse) {
	res.statusCode = 404;
	res.setHeader('Content-Type', 'application/json');
	res.end(JSON.stringify({ error: { code: 'not_found', message: 'Not found' } }));
}

/**
 * Builds the whole product (pages, REST API, Socket.IO on one port) without listening, so tests can
 * start it on port 0.
 */
export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
	const backend = await createBackend(config, options.log);
	const { log, metrics } = backend;
	const withPages = options.pages ?? existsSync(`${buildDir}handler.js`);
	let pages: PageHandler | undefined;
	// Set before the handler is imported: it reads its settings then.
	const stampProtocol = withPages && preparePagesHandler(config);
	const headers = Object.entries(securityHeaders(backend.access.cookieSecure));
	if (withPages) {
		// Imported after the services are provided: the handler bundle reads them through the registry.
		const handlerModule = (await import(pathToFileURL(`${buildDir}handler.js`).href)) as {
			handler: PageHandler;
		};
		pages = handlerModule.handler;
	}

	const server = createServer((req, res) => {
		const route = API_PATH.test(req.url ?? '/') ? 'api' : 'page';
		const stopTimer = metrics.httpDuration.startTimer({ route });
		res.on('finish', () => {
			stopTimer();
			metrics.httpRequests.inc({
				method: req.method,
				route,
				status: `${Math.floor(res.statusCode / 100)}xx`
			});
			log.debug({ method: req.method, url: req.url, status: res.statusCode }, 'request');
		});
		if (route === 'api') return backend.api(req, res);
		// Static assets and redirects carry them too; pages add their CSP (kit.csp).
		for (const [name, value] of headers) res.setHeader(name, value);
		if (stampProtocol) req.headers[PAGES_PROTOCOL_HEADER] = 'http';
		if (pages) return pages(req, res, () => notFound(res));
		notFound(res);
	});
	// Idle connections outlive a load balancer's or client's own idle timeout (60 s at AWS and nginx), so the
	// server never closes one as the other end sends a request on it (Node's default is 5 s).
	server.keepAliveTimeout = 65_000;
	server.headersTimeout = 66_000;
	backend.attachLive(server, buildVersion());

	let closing: Promise<void> | undefined;
	return {
		server,
		backend,
		listen(port = config.PORT, host = config.HOST) {
			return new Promise((resolve, reject) => {
				server.once('error', reject);
				server.listen(port, host, () => {
					server.off('error', reject);
					resolve(server.address() as AddressInfo);
				});
			});
		},
		close() {
			// Stop accepting, let in-flight requests finish, then release sockets, database and Redis.
			closing ??= (async () => {
				const drained = new Promise<void>((resolve) => server.close(() => resolve()));
				server.closeIdleConnections();
				await backend.close();
				await Promise.race([
					drained,
					new Promise((r) => setTimeout(r, config.SHUTDOWN_TIMEOUT_MS / 2))
				]);
				server.closeAllConnections();
			})();
			return closing;
		}
	};
}
