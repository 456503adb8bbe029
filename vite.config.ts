import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { precomputedScorecards } from './scripts/vite-plugin-precomputed.ts';

export default defineConfig({
	plugins: [sveltekit(), precomputedScorecards()],
	server: {
		// The default data lives in data/ at the top level and is imported with ?url.
		fs: { allow: ['data'] }
	},
	optimizeDeps: {
		// duckdb-wasm ships its own worker and wasm files; pre-bundling would break their ?url imports.
		exclude: ['@duckdb/duckdb-wasm', 'parquet-wasm']
	},
	test: {
		include: ['tests/unit/**/*.test.ts', 'src/**/*.test.ts'],
		environment: 'node',
		testTimeout: 60_000,
		hookTimeout: 120_000
	}
});
