/**
 * The wrapper around DuckDB's worker script, run in a bare `vm` context standing in for a worker's global scope: it
 * must load the script it was given, and turn an unhandled rejection into a message the page can see.
 */
import { describe, expect, it } from 'vitest';
import { runInNewContext } from 'node:vm';
import { fileNameOf, WORKER_FAILURE, wrapperSource } from '../../src/lib/db/duckdb-worker';

type Listener = (event: { reason: unknown }) => void;

function runWrapper(workerUrl: string) {
	const listeners = new Map<string, Listener[]>();
	const posted: unknown[] = [];
	const imported: string[] = [];
	const self = {
		addEventListener(type: string, listener: Listener) {
			listeners.set(type, [...(listeners.get(type) ?? []), listener]);
		},
		postMessage(message: unknown) {
			posted.push(message);
		}
	};
	runInNewContext(wrapperSource(workerUrl), {
		self,
		importScripts: (url: string) => imported.push(url),
		String
	});
	const reject = (reason: unknown) => {
		for (const listener of listeners.get('unhandledrejection') ?? []) listener({ reason });
	};
	return { posted, imported, reject };
}

describe('wrapperSource', () => {
	it('loads exactly the worker script it was given, quotes and all', () => {
		const url = 'https://example.org/_app/duckdb-browser-eh.worker.js?x=\'1\'&y="2"';
		const { imported, posted } = runWrapper(url);
		expect(imported).toEqual([url]);
		expect(posted).toEqual([]);
	});

	it('posts an Error’s message when a rejection goes unhandled (a failed wasm download)', () => {
		const { posted, reject } = runWrapper('https://example.org/w.js');
		reject(new TypeError('Failed to fetch'));
		expect(posted).toEqual([{ type: WORKER_FAILURE, message: 'Failed to fetch' }]);
	});

	it('posts the reason itself when it is not an Error', () => {
		const { posted, reject } = runWrapper('https://example.org/w.js');
		reject('wasm streaming compile failed: HTTP status code is not ok');
		reject(undefined);
		expect(posted).toEqual([
			{ type: WORKER_FAILURE, message: 'wasm streaming compile failed: HTTP status code is not ok' },
			{ type: WORKER_FAILURE, message: 'undefined' }
		]);
	});
});

describe('fileNameOf', () => {
	it('names the file of a relative or absolute URL, without its query', () => {
		expect(fileNameOf('/_app/immutable/assets/duckdb-eh.9ubY-jlA.wasm')).toBe('duckdb-eh.9ubY-jlA.wasm');
		expect(fileNameOf('https://example.org/a/duckdb-mvp.wasm?v=2')).toBe('duckdb-mvp.wasm');
		expect(fileNameOf('duckdb-browser-eh.worker.js')).toBe('duckdb-browser-eh.worker.js');
	});
});
