/**
 * CSV text → RawTable: comma, semicolon or tab (detected, or named by Excel's `sep=;` first line), RFC 4180 quotes
 * (doubled quotes, delimiters and line breaks inside quotes), CRLF/LF/CR line ends, blank lines skipped and counted,
 * and each row's source line number (the file's first line is 1; a quoted line break advances the count, so the
 * number is the line a text editor shows where the row starts). The parser takes the text in chunks, so that the UI
 * can show progress and cancel between chunks on a 50 MB file. Pure.
 */
import { tableFromGrid, type GridOptions, type GridRow } from './grid';
import type { RawTable, TextEncoding } from './types';

export type Delimiter = ',' | ';' | '\t';

export interface CsvOptions extends GridOptions {
	/** Force a delimiter instead of detecting it. */
	delimiter?: Delimiter;
	/** Recorded in the table for the import report. */
	encoding?: TextEncoding | null;
}

export interface CsvParser {
	/** Feed the next piece of text (any size, cut anywhere — even inside a quoted cell or a CRLF). */
	push(chunk: string): void;
	/** Rows parsed so far (blank ones included), for a progress display. */
	readonly recordsParsed: number;
	/** Characters consumed so far. */
	readonly charsParsed: number;
	/** End of input: the table. */
	finish(): RawTable;
}

const QUOTE = 34;
const CR = 13;
const LF = 10;
const CANDIDATES: Delimiter[] = [',', ';', '\t'];
/** Text gathered before choosing the delimiter, so that detection sees several lines of a template. */
const DETECTION_SAMPLE = 64 * 1024;

/**
 * The delimiter of a CSV sample: the candidate seen most often outside quotes in the first 20 lines. Semicolons win
 * over commas in the files Excel writes in a Vietnamese locale, where commas are decimal points inside numbers.
 */
export function detectDelimiter(sample: string): Delimiter {
	const counts = new Map<Delimiter, number>(CANDIDATES.map((d) => [d, 0]));
	let inQuotes = false;
	let lines = 0;
	for (let i = 0; i < sample.length && lines < 20; i += 1) {
		const ch = sample[i] as string;
		if (ch === '"') inQuotes = !inQuotes;
		else if (!inQuotes && (ch === '\n' || ch === '\r')) lines += 1;
		else if (!inQuotes && counts.has(ch as Delimiter))
			counts.set(ch as Delimiter, (counts.get(ch as Delimiter) ?? 0) + 1);
	}
	let best: Delimiter = ',';
	for (const d of CANDIDATES) if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d;
	return best;
}

/** A parser fed chunk by chunk; `parseCsv` is the one-call form. */
export function createCsvParser(file: string, options: CsvOptions = {}): CsvParser {
	let delimiter: number | null = options.delimiter ? options.delimiter.charCodeAt(0) : null;
	let head = '';
	let firstLineChecked = false;
	const records: GridRow[] = [];
	let cells: string[] = [];
	let field = '';
	let fieldQuoted = false;
	let inQuotes = false;
	let quotePending = false;
	let crPending = false;
	let line = 1;
	let recordLine = 1;
	let chars = 0;

	function endField(): void {
		cells.push(field);
		field = '';
		fieldQuoted = false;
	}
	function endRecord(): void {
		endField();
		records.push({ cells, sourceRow: recordLine });
		cells = [];
	}
	function newline(isCr: boolean): void {
		line += 1;
		crPending = isCr;
	}

	function consume(text: string): void {
		const delim = delimiter as number;
		const n = text.length;
		for (let i = 0; i < n; i += 1) {
			const c = text.charCodeAt(i);
			if (crPending) {
				crPending = false;
				if (c === LF) continue;
			}
			if (inQuotes) {
				if (quotePending) {
					quotePending = false;
					if (c === QUOTE) {
						field += '"';
						continue;
					}
					inQuotes = false; // the quote closed the cell; this character is read unquoted below
				} else if (c === QUOTE) {
					quotePending = true;
					continue;
				} else if (c === CR || c === LF) {
					field += '\n';
					newline(c === CR);
					continue;
				} else {
					let j = i + 1;
					while (j < n) {
						const d = text.charCodeAt(j);
						if (d === QUOTE || d === CR || d === LF) break;
						j += 1;
					}
					field += text.slice(i, j);
					i = j - 1;
					continue;
				}
			}
			if (c === delim) endField();
			else if (c === CR || c === LF) {
				endRecord();
				newline(c === CR);
				recordLine = line;
			} else if (c === QUOTE && field === '' && !fieldQuoted) {
				inQuotes = true;
				fieldQuoted = true;
			} else {
				// A quote inside an unquoted cell is kept as a character (lenient, like Excel).
				let j = i + 1;
				while (j < n) {
					const d = text.charCodeAt(j);
					if (d === delim || d === CR || d === LF) break;
					j += 1;
				}
				field += text.slice(i, j);
				i = j - 1;
			}
		}
	}

	function start(text: string): string {
		// Excel's "sep=;" first line names the delimiter; it is not data (its line still counts).
		const m = /^\uFEFF?sep=(.)\r?\n/i.exec(text);
		if (m) {
			delimiter ??= (m[1] as string).charCodeAt(0);
			line = 2;
			recordLine = 2;
			return text.slice(m[0].length);
		}
		return text.replace(/^\uFEFF/, '');
	}

	function flushHead(): void {
		let text = head;
		head = '';
		if (!firstLineChecked) {
			text = start(text);
			firstLineChecked = true;
		}
		delimiter ??= detectDelimiter(text).charCodeAt(0);
		consume(text);
	}

	return {
		push(chunk: string): void {
			chars += chunk.length;
			if (delimiter === null || !firstLineChecked) {
				head += chunk;
				if (head.length >= DETECTION_SAMPLE) flushHead();
				return;
			}
			consume(chunk);
		},
		get recordsParsed(): number {
			return records.length;
		},
		get charsParsed(): number {
			return chars;
		},
		finish(): RawTable {
			if (head !== '' || !firstLineChecked) flushHead();
			if (quotePending) {
				quotePending = false;
				inQuotes = false;
			}
			// An unterminated quote keeps what it holds: the row is reported, not lost.
			inQuotes = false;
			if (cells.length > 0 || field !== '' || fieldQuoted) endRecord();
			return tableFromGrid(file, null, records, options.encoding ?? null, options);
		}
	};
}

/** The whole text at once (see `createCsvParser` to parse in chunks). */
export function parseCsv(text: string, file: string, options: CsvOptions = {}): RawTable {
	const parser = createCsvParser(file, options);
	parser.push(text);
	return parser.finish();
}
