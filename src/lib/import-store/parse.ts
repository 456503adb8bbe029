/**
 * A file's bytes → the tables in it, through the import library: text files are decoded (legacy Vietnamese
 * encodings converted or refused) and parsed in chunks with progress; workbooks are read sheet by sheet. Runs in
 * the parse worker (`parse.worker.ts`) so that the page stays responsive, or on the page when workers fail.
 */
import { createCsvParser, decodeText, readWorkbook, type KnownEntry, type RawTable } from '$lib/import';
import type { EncodingProblem } from '$lib/import';

export type FileKind = 'csv' | 'xlsx' | 'parquet' | 'arrow' | 'xls' | 'unknown';

/** The kind of a file from its name (and, for a renamed workbook, its first bytes: a zip starts with "PK"). */
export function kindOf(name: string, head?: Uint8Array): FileKind {
	const lower = name.toLowerCase();
	if (lower.endsWith('.xlsx') || lower.endsWith('.xlsm')) return 'xlsx';
	if (lower.endsWith('.xls')) return 'xls';
	if (lower.endsWith('.parquet')) return 'parquet';
	if (lower.endsWith('.arrow') || lower.endsWith('.arrows') || lower.endsWith('.ipc')) return 'arrow';
	if (head && head[0] === 0x50 && head[1] === 0x4b) return 'xlsx';
	if (lower.endsWith('.csv') || lower.endsWith('.tsv') || lower.endsWith('.txt')) return 'csv';
	return 'unknown';
}

export type ParseResult =
	| { ok: true; tables: RawTable[]; converted: boolean }
	| { ok: false; problem: EncodingProblem | 'unsupported' | 'legacy-xls' | 'error'; message?: string };

export interface ParseOptions {
	indicators: readonly KnownEntry[];
	/** Hears how far parsing got (characters of text, or 0/1 for workbooks). */
	onProgress?: (done: number, total: number, rows: number) => void;
	/** Lets the caller's event loop breathe between chunks (the page fallback); the worker needs none. */
	yieldEvery?: () => Promise<void>;
}

const CHUNK = 1 << 20;

export async function parseBytes(
	bytes: Uint8Array,
	name: string,
	kind: FileKind,
	options: ParseOptions
): Promise<ParseResult> {
	try {
		if (kind === 'xls') return { ok: false, problem: 'legacy-xls' };
		if (kind === 'xlsx') {
			options.onProgress?.(0, 1, 0);
			const tables = await readWorkbook(bytes, name, { indicators: options.indicators });
			options.onProgress?.(
				1,
				1,
				tables.reduce((n, t) => n + t.rows.length, 0)
			);
			return { ok: true, tables, converted: false };
		}
		if (kind !== 'csv') return { ok: false, problem: 'unsupported' };
		const decoded = decodeText(bytes);
		if (decoded.problem) return { ok: false, problem: decoded.problem };
		const parser = createCsvParser(name, { encoding: decoded.encoding, indicators: options.indicators });
		const text = decoded.text;
		for (let at = 0; at < text.length; at += CHUNK) {
			parser.push(text.slice(at, at + CHUNK));
			options.onProgress?.(Math.min(at + CHUNK, text.length), text.length, parser.recordsParsed);
			await options.yieldEvery?.();
		}
		return { ok: true, tables: [parser.finish()], converted: decoded.converted };
	} catch (error) {
		return { ok: false, problem: 'error', message: error instanceof Error ? error.message : String(error) };
	}
}
