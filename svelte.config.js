import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// The custom server in server/ imports build/handler.js; adapter-node's own index.js is unused.
		adapter: adapter({ out: 'build' }),
		// Content-Security-Policy of every page: scripts only from this site (SvelteKit adds a nonce to its own
		// inline script), live updates only to this site (`self` covers its ws:/wss:), never inside a frame.
		// Styles allow inline attributes: components set widths and colours with `style:`.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
