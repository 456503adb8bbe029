/**
 * A tiny CSV writer for the files in data/: RFC 4180 quoting, UTF-8, "\n" line ends, header row.
 * Everything is written as text, so codes such as "01" keep their leading zeros.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export type CsvValue = string | number | null | undefined;
export type CsvRow = Record<string, CsvValue>;

// RFC 4180 requires quotes around fields holding a comma, a quote or a line break. Leading or trailing
// spaces are quoted too, because some spreadsheet importers trim unquoted fields.
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One field, quoted only when it has to be (quotes inside are doubled). */
export function csvField(value: CsvValue): string {
	if (value === null || value === undefined) return '';
	const text = String(value);
	return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The whole file as a string: header row, then one line per row, each line ending in "\n". */
export function toCsv(columns: readonly string[], rows: readonly CsvRow[]): string {
	const lines = [columns.map(csvField).join(',')];
	for (const row of rows) {
		for (const key of Object.keys(row)) {
			// A misspelt key would silently produce an empty column: refuse it instead.
			if (!columns.includes(key)) throw new Error(`CSV row has a column not in the header: ${key}`);
		}
		lines.push(columns.map((column) => csvField(row[column])).join(','));
	}
	return lines.join('\n') + '\n';
}

/** Writes the CSV (creating the folder if needed) and returns the number of data rows. */
export function writeCsv(path: string, columns: readonly string[], rows: readonly CsvRow[]): number {
	mkdirSync(dirname(path), { recursive: true });
	writeFileSync(path, toCsv(columns, rows), 'utf8');
	return rows.length;
}
