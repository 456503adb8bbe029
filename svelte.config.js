import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// A static app: every page is prerendered or falls back to the SPA shell, so it runs from any file server.
		adapter: adapter({ fallback: '200.html' }),
		alias: { $data: 'data' }
	}
};

export default config;
