import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// The custom server in server/ imports build/handler.js; adapter-node's own index.js is unused.
		adapter: adapter({ out: 'build' })
	}
};

export default config;
