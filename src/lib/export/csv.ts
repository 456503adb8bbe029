/**
 * CSV files users download (scorecard, sub-unit table): RFC 4180 quoting, a BOM so that Excel opens the UTF-8
 * Vietnamese text correctly, and cells that Excel would run as formulas (=, +, -, @ …) neutralised with a leading
 * apostrophe, since the text comes from rule files and imported data. Pure.
 */

export type CsvCell = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvCell): string {
	if (value === null || value === undefined) return '';
	let text = typeof value === 'number' ? String(value) : value;
	// A negative number is data, not a formula; only text is neutralised.
	if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
	return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole file: header row then rows, CRLF line ends (what Excel expects), with a UTF-8 BOM. */
export function toCsv(header: string[], rows: CsvCell[][]): string {
	const lines = [header, ...rows].map((row) => row.map(csvCell).join(','));
	return `\uFEFF${lines.join('\r\n')}\r\n`;
}
