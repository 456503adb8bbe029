/**
 * Starts DuckDB's Web Worker so that a failed start is an error on screen, not an endless "starting the database".
 * In duckdb-wasm 1.32 the worker fetches and compiles its wasm in a promise chain with no `catch`, and `AsyncDuckDB`
 * drops its pending requests without rejecting them when the worker script itself fails: either way `instantiate()`
 * never settles. That happens to real users: offline before the files were cached, a proxy that blocks `.wasm`, a
 * deployment missing a file. A few lines around the worker script report both failures to the page.
 */

/** The message the wrapper posts when the worker has a rejection nobody handles. */
export const WORKER_FAILURE = 'chi-tieu:duckdb-worker-failure';

/**
 * The wrapper's source: it listens for unhandled rejections, then loads DuckDB's own (classic) worker script.
 * `workerUrl` must be absolute: the wrapper runs from a `blob:` URL, against which a relative one means nothing.
 */
export function wrapperSource(workerUrl: string): string {
	return `self.addEventListener('unhandledrejection', function (event) {
	var reason = event.reason;
	self.postMessage({ type: ${JSON.stringify(WORKER_FAILURE)}, message: String((reason && reason.message) || reason) });
});
importScripts(${JSON.stringify(workerUrl)});
`;
}

export interface DuckDbWorker {
	worker: Worker;
	/** Rejects with what went wrong if the worker fails; never resolves. Stop watching with `settled()`. */
	failed: Promise<never>;
	/**
	 * Once DuckDB has started: stops watching (a later unhandled rejection still reaches AsyncDuckDB, which only
	 * logs an "unassociated response"; an error inside a query comes back as that query's error).
	 */
	settled(): void;
}

/** The last segment of a URL's path: errors name the file, so that whoever reads them knows which download failed. */
export function fileNameOf(url: string): string {
	return new URL(url, 'file:///').pathname.split('/').pop() || url;
}

export function startDuckDbWorker(workerUrl: string, wasmUrl: string): DuckDbWorker {
	const absolute = new URL(workerUrl, location.href).href;
	const source = URL.createObjectURL(new Blob([wrapperSource(absolute)], { type: 'text/javascript' }));
	const worker = new Worker(source);
	let fail: (error: Error) => void = () => undefined;
	const failed = new Promise<never>((_, reject) => (fail = reject));
	// Nobody may be waiting on `failed` yet when it rejects.
	failed.catch(() => undefined);

	const onMessage = (event: MessageEvent) => {
		const data = event.data as { type?: unknown; message?: unknown } | null;
		if (data?.type === WORKER_FAILURE)
			fail(new Error(`DuckDB (${fileNameOf(wasmUrl)}): ${String(data.message)}`));
	};
	const onError = (event: ErrorEvent) => {
		event.preventDefault();
		fail(
			new Error(`DuckDB (${fileNameOf(workerUrl)}): ${event.message || 'the worker script did not load'}`)
		);
	};
	worker.addEventListener('message', onMessage);
	worker.addEventListener('error', onError);
	return {
		worker,
		failed,
		settled() {
			worker.removeEventListener('message', onMessage);
			worker.removeEventListener('error', onError);
			URL.revokeObjectURL(source);
		}
	};
}
