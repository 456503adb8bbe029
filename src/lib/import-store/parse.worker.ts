/// <reference lib="webworker" />
/**
 * The parse worker: receives one file's bytes and answers with progress messages and then the tables (or why
 * none). Cancelling is terminating the worker.
 */
import type { KnownEntry } from '$lib/import';
import { parseBytes, type FileKind, type ParseResult } from './parse';

export interface ParseRequest {
	bytes: Uint8Array;
	name: string;
	kind: FileKind;
	indicators: KnownEntry[];
}

export type ParseMessage =
	{ type: 'progress'; done: number; total: number; rows: number } | { type: 'result'; result: ParseResult };

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (event: MessageEvent<ParseRequest>) => {
	const { bytes, name, kind, indicators } = event.data;
	let last = 0;
	const result = await parseBytes(bytes, name, kind, {
		indicators,
		onProgress(done, total, rows) {
			// At most ~20 messages a second: enough for a progress bar.
			const now = performance.now();
			if (now - last < 50 && done < total) return;
			last = now;
			scope.postMessage({ type: 'progress', done, total, rows } satisfies ParseMessage);
		}
	});
	scope.postMessage({ type: 'result', result } satisfies ParseMessage);
};
