/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Offline use (inspection teams in border communes with weak connections): after one visit the app, its data and
 * the DuckDB bundle the browser chose are cached, and every page works with no network.
 * - The app shell, pages and data files are cached at install (they are small).
 * - The DuckDB-WASM and parquet-wasm files (tens of MB each, and only one DuckDB bundle is used by a browser) are
 *   cached the first time they are fetched.
 * Requests are answered from the cache first; a new deployment has a new cache name (`version`) and replaces it.
 */
import { build, files, prerendered, version } from '$service-worker';

const worker = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `chi-tieu-${version}`;
const LARGE = /\.wasm$|duckdb-browser-.*\.worker\..*\.js$/;
const PRECACHE = [...build.filter((path) => !LARGE.test(path)), ...files, ...prerendered];

worker.addEventListener('install', (event) => {
	event.waitUntil(
		caches
			.open(CACHE)
			.then((cache) => cache.addAll(PRECACHE))
			.then(() => worker.skipWaiting())
	);
});

worker.addEventListener('activate', (event) => {
	event.waitUntil(
		caches
			.keys()
			.then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
			.then(() => worker.clients.claim())
	);
});

/** Pages are prerendered as `/unit.html` but linked as `/unit`; any other navigation gets the SPA shell. */
function pageFor(url: URL): string {
	if (url.pathname === '/' || url.pathname === '') return '/';
	const page = prerendered.find((p) => p === url.pathname || p === `${url.pathname}.html`);
	return page ?? '/';
}

async function respond(request: Request): Promise<Response> {
	const url = new URL(request.url);
	const cache = await caches.open(CACHE);
	const key = request.mode === 'navigate' ? pageFor(url) : url.pathname;
	const cached = await cache.match(key);
	if (cached) return cached;
	try {
		const response = await fetch(request);
		// Immutable build files (hashed names) and the large wasm files are kept once fetched.
		if (response.ok && url.pathname.startsWith('/_app/')) await cache.put(url.pathname, response.clone());
		return response;
	} catch (error) {
		const shell = request.mode === 'navigate' ? await cache.match('/') : undefined;
		if (shell) return shell;
		throw error;
	}
}

/**
 * The page names the DuckDB files its browser chose once they are loaded (on the very first visit they were
 * fetched before this worker took control), so that the next start works offline.
 */
worker.addEventListener('message', (event) => {
	const data = event.data as { type?: string; urls?: unknown };
	if (data?.type !== 'cache-urls' || !Array.isArray(data.urls)) return;
	const urls = data.urls.filter(
		(u): u is string =>
			typeof u === 'string' && new URL(u, worker.location.origin).origin === worker.location.origin
	);
	event.waitUntil(
		caches.open(CACHE).then(async (cache) => {
			for (const url of urls) {
				const path = new URL(url, worker.location.origin).pathname;
				if (!(await cache.match(path))) await cache.add(path);
			}
		})
	);
});

worker.addEventListener('fetch', (event) => {
	const url = new URL(event.request.url);
	// Only our own origin's GET requests: nothing else is ours to cache.
	if (event.request.method !== 'GET' || url.origin !== worker.location.origin) return;
	event.respondWith(respond(event.request));
});
