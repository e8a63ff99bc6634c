import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, type Plugin } from 'vite';
import { tsImport } from 'tsx/esm/api';

/**
 * In `vite dev`, hosts the same backend as the production server (REST API, Socket.IO, database) on
 * Vite's own HTTP server. The backend is loaded through tsx, outside Vite's module graph, and kept on
 * globalThis so a config reload or hot update never starts a second one.
 */
function devBackend(): Plugin {
	return {
		name: 'mot-cua-live:dev-backend',
		apply: 'serve',
		async configureServer(server) {
			if (!server.httpServer) return;
			const { attachDevBackend } = (await tsImport(
				'./server/dev.ts',
				import.meta.url
			)) as typeof import('./server/dev');
			const api = await attachDevBackend(server.httpServer);
			server.middlewares.use((req, res, next) =>
				api.handles(req.url) ? api.listener(req, res) : next()
			);
		}
	};
}

export default defineConfig({
	plugins: [devBackend(), sveltekit()]
});
