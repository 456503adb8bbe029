/**
 * Reading a user's file on the page: the bytes stream in with progress, then the parse worker turns them into
 * tables. Both steps can be cancelled (the stream stops, the worker is terminated). Parquet and Arrow files are
 * read through Arrow on the page (their columns are already a table).
 */
import type { KnownEntry } from '$lib/import/types';
import { parquetToArrowIpc } from '$lib/db/parquet';
import { rawFromArrowIpc } from './arrow-table';
import { kindOf, type FileKind, type ParseResult } from './parse';
import type { ParseMessage, ParseRequest } from './parse.worker';
import ParseWorker from './parse.worker?worker';

export type ReadProgress =
	| { step: 'reading'; done: number; total: number }
	| { step: 'parsing'; done: number; total: number; rows: number };

export class Cancelled extends Error {
	constructor() {
		super('cancelled');
	}
}

/** The whole file as bytes, read in pieces so that a progress bar can follow; stops when `signal` aborts. */
export async function readBytes(
	file: Blob,
	signal: AbortSignal,
	onProgress: (done: number, total: number) => void
): Promise<Uint8Array> {
	const total = file.size;
	const bytes = new Uint8Array(total);
	let done = 0;
	const reader = file.stream().getReader();
	onProgress(0, total);
	try {
		for (;;) {
			if (signal.aborted) throw new Cancelled();
			const { value, done: end } = await reader.read();
			if (end) break;
			bytes.set(value.subarray(0, Math.max(0, total - done)), done);
			done += value.length;
			onProgress(Math.min(done, total), total);
		}
	} finally {
		if (signal.aborted) await reader.cancel().catch(() => undefined);
		reader.releaseLock();
	}
	return bytes.subarray(0, Math.min(done, total));
}

function parseInWorker(
	request: ParseRequest,
	signal: AbortSignal,
	onProgress: (progress: ReadProgress) => void
): Promise<ParseResult> {
	return new Promise((resolve, reject) => {
		const worker = new ParseWorker();
		const stop = () => {
			worker.terminate();
			reject(new Cancelled());
		};
		signal.addEventListener('abort', stop, { once: true });
		worker.onmessage = (event: MessageEvent<ParseMessage>) => {
			const message = event.data;
			if (message.type === 'progress') {
				onProgress({ step: 'parsing', done: message.done, total: message.total, rows: message.rows });
				return;
			}
			signal.removeEventListener('abort', stop);
			worker.terminate();
			resolve(message.result);
		};
		worker.onerror = (event) => {
			signal.removeEventListener('abort', stop);
			worker.terminate();
			reject(new Error(event.message || 'worker failed'));
		};
		worker.postMessage(request, [request.bytes.buffer]);
	});
}

/** Reads and parses one file; throws `Cancelled` when `signal` aborts. */
export async function readTables(
	file: File,
	indicators: readonly KnownEntry[],
	signal: AbortSignal,
	onProgress: (progress: ReadProgress) => void
): Promise<ParseResult & { kind: FileKind }> {
	const bytes = await readBytes(file, signal, (done, total) => onProgress({ step: 'reading', done, total }));
	const kind = kindOf(file.name, bytes.subarray(0, 4));
	if (kind === 'parquet' || kind === 'arrow') {
		onProgress({ step: 'parsing', done: 0, total: 1, rows: 0 });
		try {
			const ipc = kind === 'parquet' ? await parquetToArrowIpc(bytes) : bytes;
			const table = rawFromArrowIpc(ipc, file.name);
			return { ok: true, tables: [table], converted: false, kind };
		} catch (error) {
			return {
				ok: false,
				problem: 'error',
				message: error instanceof Error ? error.message : String(error),
				kind
			};
		}
	}
	if (signal.aborted) throw new Cancelled();
	// The worker owns a copy: the transfer detaches the buffer.
	const request: ParseRequest = { bytes: bytes.slice(), name: file.name, kind, indicators: [...indicators] };
	const result = await parseInWorker(request, signal, onProgress);
	return { ...result, kind };
}
