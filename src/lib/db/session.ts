/**
 * Opens DuckDB-WASM in the browser and loads the default dataset into it, reporting progress at each step.
 */
import { defaultFiles, type RemoteFile } from '$lib/data/default-files';
import type { TableName } from '$lib/model/data';
import type { Connector } from './connector';
import { loadDataset, type DataFile, type LoadReport } from './load';
import { chosenBundleUrls, createBrowserConnector } from './wasm-browser';

export type LoadPhase =
	/** `dataFetched` once the downloads are done and only the engine is still starting. */
	| { step: 'engine'; dataFetched?: boolean }
	| { step: 'fetch'; done: number; total: number }
	| { step: 'load'; table: TableName; done: number; total: number }
	/** The user's imports, kept in the browser, applied on top of the default data. */
	| { step: 'imports'; done: number; total: number };

export interface Session {
	conn: Connector;
	reports: LoadReport[];
	seconds: number;
}

export async function fetchFile(file: RemoteFile): Promise<DataFile> {
	// The browser's own message ("Failed to fetch") does not say which file.
	const response = await fetch(file.url).catch((error: unknown) => {
		throw new Error(`${file.name}: ${error instanceof Error ? error.message : String(error)}`);
	});
	if (!response.ok) throw new Error(`${file.name}: HTTP ${response.status}`);
	return {
		table: file.table,
		name: file.name,
		format: file.format,
		bytes: new Uint8Array(await response.arrayBuffer())
	};
}

/**
 * Hands a starting engine and the files downloading beside it (both slow and independent) to `use` once both are
 * there. If anything fails, the engine is closed once it is up: a retry starts another, and this one would keep
 * its worker and wasm memory until the page closes.
 */
export async function withEngineAndFiles<T>(
	engine: Promise<Connector>,
	downloads: Promise<DataFile[]>,
	use: (conn: Connector, files: DataFile[]) => Promise<T>
): Promise<T> {
	try {
		const [conn, files] = await Promise.all([engine, downloads]);
		return await use(conn, files);
	} catch (error) {
		engine.then((conn) => conn.close()).catch(() => undefined);
		throw error;
	}
}

export async function openDefaultSession(onProgress: (phase: LoadPhase) => void): Promise<Session> {
	const started = performance.now();
	onProgress({ step: 'engine' });
	const files = defaultFiles();
	// Downloading overlaps with starting the engine: both are slow and independent.
	let fetched = 0;
	onProgress({ step: 'fetch', done: 0, total: files.length });
	const downloads = Promise.all(
		files.map(async (file) => {
			const data = await fetchFile(file);
			onProgress({ step: 'fetch', done: ++fetched, total: files.length });
			return data;
		})
	);
	let engineReady = false;
	const engine = createBrowserConnector().then((conn) => {
		engineReady = true;
		return conn;
	});
	// The engine usually takes longer: say so rather than leave "9/9 files" on screen.
	downloads.then(
		() => {
			if (!engineReady) onProgress({ step: 'engine', dataFetched: true });
		},
		// A failed download is reported by withEngineAndFiles.
		() => undefined
	);
	return withEngineAndFiles(engine, downloads, async (conn, data) => {
		// The embedded data is checked by the test suite (tests/unit/default-data.test.ts), not again on every start.
		const reports = await loadDataset(
			conn,
			data,
			(done, total, report) => onProgress({ step: 'load', table: report.table, done, total }),
			{ checked: false }
		);
		// Offline use: ask the service worker to keep this browser's DuckDB files (see src/service-worker.ts).
		navigator.serviceWorker?.controller?.postMessage({
			type: 'cache-urls',
			urls: chosenBundleUrls.filter(Boolean)
		});
		return { conn, reports, seconds: (performance.now() - started) / 1000 };
	});
}
