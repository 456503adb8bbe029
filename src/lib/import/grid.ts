/**
 * From the rows of a CSV file or a sheet to a RawTable: skip blank rows (counted), find the header row below a
 * template's title lines, fold a two-row header made with merged cells, pad rows to one width. Shared by `csv.ts`
 * and `xlsx.ts` so that both read templates alike. Pure.
 */
import { headerRole, matchIndicatorHeader, type KnownEntry } from './columns';
import type { RawTable, TextEncoding } from './types';

export interface GridRow {
	/** Cell texts as read (trimmed later). */
	cells: string[];
	/** The row's number as the user sees it (CSV line, Excel row). */
	sourceRow: number;
	/** For workbook rows: which cells held numbers (plain decimal text). */
	numeric?: boolean[];
}

export interface GridOptions {
	/** Indicators whose names also mark a header row (a wide template whose only known headers are indicators). */
	indicators?: readonly KnownEntry[];
	/** How many non-blank rows at the top may be title lines before the header; default 30. */
	maxTitleRows?: number;
}

/** A header cell a user's template could have: a known role, or an indicator's name. */
function recognised(cell: string, indicators: readonly KnownEntry[]): boolean {
	return headerRole(cell) !== null || matchIndicatorHeader(cell, indicators) !== null;
}

/** The index (in `rows`) of the header: the first row with two recognised headers, else the first row. */
function findHeader(rows: readonly GridRow[], options: GridOptions): number {
	const indicators = options.indicators ?? [];
	const limit = Math.min(rows.length, options.maxTitleRows ?? 30);
	for (let i = 0; i < limit; i += 1) {
		const row = rows[i] as GridRow;
		// Distinct texts: a title merged across the sheet repeats one text in every cell.
		const known = new Set(row.cells.map((c) => c.trim()).filter((c) => recognised(c, indicators)));
		if (known.size >= 2) return i;
	}
	return 0;
}

const NUMBER_LIKE = /^[-+(]?\d[\d.,\s]*\)?%?$/;

/**
 * A header made of two rows (merged group titles above, column titles below): the row under the header is a
 * sub-header when the header has a horizontally repeated title (a merge spread over its cells) and the row holds no
 * numbers. Each column then takes the lower title when there is one.
 */
function subHeader(header: readonly string[], next: GridRow | undefined): string[] | null {
	if (!next) return null;
	const repeated = header.some((h, i) => h !== '' && i > 0 && header[i - 1] === h);
	if (!repeated) return null;
	if (next.cells.some((c) => NUMBER_LIKE.test(c.trim()))) return null;
	if (next.cells.every((c) => c.trim() === '')) return null;
	return header.map((h, i) => {
		const lower = (next.cells[i] ?? '').trim();
		return lower !== '' ? lower : h;
	});
}

// No leading zeros: "01" is a unit code in a data row, never a column number.
const COLUMN_MARK = /^\(?(?:[A-Za-z]|[1-9]\d?)\)?$/;

/**
 * The column-numbering row of Vietnamese templates under the header: "(1) (2) (3) …" or "A B 1 2 3" — at least three
 * marks, every cell blank or a mark, letters counting from A and numbers counting up by one (from 1 when alone).
 */
function isNumberingRow(row: GridRow | undefined): boolean {
	if (!row) return false;
	const marks = row.cells.map((c) => c.trim()).filter((c) => c !== '');
	if (marks.length < 3 || !marks.every((c) => COLUMN_MARK.test(c))) return false;
	const bare = marks.map((c) => c.replace(/[()]/g, ''));
	const numbers = bare.filter((c) => /^\d+$/.test(c)).map(Number);
	const letters = bare.filter((c) => !/^\d+$/.test(c)).map((c) => c.toUpperCase().charCodeAt(0));
	// Each kind counts up by one: letters A, B, C…; numbers from 1 when there are no letters ("A B 1 2 3").
	const counting = (list: number[]) => list.every((n, i) => i === 0 || n === (list[i - 1] as number) + 1);
	if (letters.length > 0 && letters[0] !== 65) return false;
	if (letters.length === 0 && numbers[0] !== 1) return false;
	return counting(letters) && counting(numbers);
}

/** A RawTable from rows in source order (blank ones included; they are counted and left out). */
export function tableFromGrid(
	file: string,
	sheet: string | null,
	grid: readonly GridRow[],
	encoding: TextEncoding | null,
	options: GridOptions = {}
): RawTable {
	// One pass: trim every cell once and leave blank rows out (counted). Loops, not array helpers: 50 MB files.
	const nonBlank: GridRow[] = [];
	for (const row of grid) {
		const cells = row.cells;
		let blank = true;
		for (let i = 0; i < cells.length; i += 1) {
			const cell = cells[i] as string;
			const trimmed = cell.trim();
			if (trimmed !== cell) cells[i] = trimmed;
			if (trimmed !== '') blank = false;
		}
		if (!blank) nonBlank.push(row);
	}
	const blankRows = grid.length - nonBlank.length;
	if (nonBlank.length === 0) {
		return {
			file,
			sheet,
			header: [],
			rows: [],
			sourceRows: [],
			encoding,
			blankRows,
			titleRows: [],
			headerRows: []
		};
	}
	const headerIndex = findHeader(nonBlank, options);
	const titleRows = nonBlank.slice(0, headerIndex).map((r) => r.sourceRow);
	let header = (nonBlank[headerIndex] as GridRow).cells.map((c) => c.trim());
	let firstData = headerIndex + 1;
	const folded = subHeader(header, nonBlank[firstData]);
	if (folded) {
		header = folded;
		firstData += 1;
	}
	if (isNumberingRow(nonBlank[firstData])) firstData += 1;
	const headerRows = nonBlank.slice(headerIndex, firstData).map((r) => r.sourceRow);
	const data = nonBlank.slice(firstData);
	// Width: the last column with a header or any data, so that no cell is lost and no empty column is invented.
	let width = header.length;
	while (width > 0 && header[width - 1] === '') width -= 1;
	for (const row of data) {
		for (let i = row.cells.length - 1; i >= width; i -= 1) {
			if ((row.cells[i] ?? '').trim() !== '') {
				width = i + 1;
				break;
			}
		}
	}
	header = Array.from({ length: width }, (_, i) => header[i] ?? '');
	const numericCells = new Set<string>();
	const rows = data.map((row, r) => {
		row.numeric?.forEach((isNumber, c) => {
			if (isNumber && c < width) numericCells.add(`${r}:${c}`);
		});
		const cells = row.cells;
		if (cells.length > width) return cells.slice(0, width);
		while (cells.length < width) cells.push('');
		return cells;
	});
	const table: RawTable = {
		file,
		sheet,
		header,
		rows,
		sourceRows: data.map((r) => r.sourceRow),
		encoding,
		blankRows,
		titleRows,
		headerRows
	};
	if (numericCells.size > 0) table.numericCells = numericCells;
	return table;
}
