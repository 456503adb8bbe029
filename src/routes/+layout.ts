// DuckDB-WASM runs only in the browser: pages are a static shell, rendered client-side.
export const ssr = false;
export const prerender = true;
