/**
 * DuckDB-WASM in the browser, in a Web Worker so that queries never freeze the page. The wasm and worker files are
 * imported with `?url`, so Vite copies them into the build and they are served from the app's own origin: no CDN,
 * and the app works offline.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import type { Connector, Row, SqlValue } from './connector';
import { arrowToRows } from './arrow-rows';
import { WASM_SETTINGS } from './duckdb-settings';
import { startDuckDbWorker } from './duckdb-worker';
import { setParquetLoader } from './parquet';

const BUNDLES: duckdb.DuckDBBundles = {
	mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
	eh: { mainModule: ehWasm, mainWorker: ehWorker }
};

// parquet-wasm's browser build must be told where its wasm is; it is fetched only when a Parquet file is read.
setParquetLoader(async () => {
	const [module, { default: wasmUrl }] = await Promise.all([
		import('parquet-wasm/esm'),
		import('parquet-wasm/esm/parquet_wasm_bg.wasm?url')
	]);
	await module.default({ module_or_path: wasmUrl });
	return module as unknown as typeof import('parquet-wasm');
});

/** The wasm and worker files this browser uses, once chosen (the service worker keeps them for offline use). */
export const chosenBundleUrls: string[] = [];

export async function createBrowserConnector(): Promise<Connector> {
	const bundle = await duckdb.selectBundle(BUNDLES);
	chosenBundleUrls.splice(0, chosenBundleUrls.length, bundle.mainModule, bundle.mainWorker ?? '');
	const { worker, failed, settled } = startDuckDbWorker(bundle.mainWorker as string, bundle.mainModule);
	const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
	// The worker runs from a blob: URL, against which DuckDB cannot resolve a root-relative one (`/duckdb/…` in
	// the benchmark's dev server; the build's are absolute already).
	const wasmUrl = new URL(bundle.mainModule, location.href).href;
	const conn = await Promise.race([
		(async () => {
			await db.instantiate(wasmUrl, bundle.pthreadWorker);
			const conn = await db.connect();
			for (const setting of WASM_SETTINGS) await conn.query(setting);
			return conn;
		})(),
		failed
	])
		.catch((error: unknown) => {
			// A retry starts a new worker: this one would hold its memory until the page closes.
			worker.terminate();
			throw error;
		})
		.finally(settled);

	async function run(sql: string, params: readonly SqlValue[]) {
		if (params.length === 0) return conn.query(sql);
		const statement = await conn.prepare(sql);
		try {
			return await statement.query(...params);
		} finally {
			await statement.close();
		}
	}

	return {
		engine: 'wasm',
		async query<T extends Row = Row>(sql: string, params: readonly SqlValue[] = []) {
			return arrowToRows<T>(await run(sql, params));
		},
		async exec(sql, params = []) {
			await run(sql, params);
		},
		async registerFile(name, bytes) {
			await db.registerFileBuffer(name, bytes);
			return name;
		},
		async insertArrowIpc(table, ipc) {
			await conn.insertArrowFromIPCStream(ipc, { name: table, create: true });
		},
		async close() {
			await conn.close();
			await db.terminate();
			worker.terminate();
		}
	};
}
