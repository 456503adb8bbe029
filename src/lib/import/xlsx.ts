/**
 * .xlsx workbooks → one RawTable per sheet, read with exceljs 4.4.0 (the registry's SheetJS, xlsx 0.18.5, carries
 * unfixed advisories: design.md §8). Cells become text as a user would read them: numbers as plain decimal without
 * thousands separators (and marked numeric, so that "1.125" is never read as 1125), dates as ISO (a date formatted
 * without a day, "mm/yyyy", as a month `2024-03`), formulas as their cached result, rich text as its text, errors
 * as blank. Merged cells: a vertical merge (a unit name over several rows) repeats its value down; a horizontal one
 * repeats text (group titles of a two-row header) but not numbers. The header row is found below the template's
 * title rows (see `grid.ts`), and row numbers are Excel's. TCVN3 text (.VnTime fonts) is converted. Pure (no DOM).
 *
 * Browser note: `import ExcelJS from 'exceljs'` resolves through the package's "browser" field to
 * `exceljs/dist/exceljs.min.js` under Vite; Node uses its CommonJS entry. The module is loaded lazily (dynamic
 * import) so that the app's other pages do not carry it.
 */
import type { Cell, CellValue, Workbook, Worksheet } from 'exceljs';
import { repairTcvn3Cells } from './encoding';
import { tableFromGrid, type GridOptions, type GridRow } from './grid';
import type { RawTable } from './types';

export type WorkbookOptions = GridOptions;

/** A number as plain decimal text: no exponent, no thousands separators, no binary noise (0.1 + 0.2 → "0.3"). */
export function plainDecimal(value: number): string {
	if (!Number.isFinite(value)) return '';
	const rounded = Number(value.toPrecision(15));
	const text = String(rounded);
	if (!/e/i.test(text)) return text;
	// Very small or very large: write out the digits.
	return rounded.toFixed(20).replace(/\.?0+$/, '');
}

function isoDate(date: Date, numFmt: string | undefined): string {
	const iso = date.toISOString().slice(0, 10);
	// A date shown without its day ("mm/yyyy", "mmm-yy") names a month in a report template.
	const format = (numFmt ?? '').replace(/"[^"]*"|\[[^\]]*\]/g, '').toLowerCase();
	if (format !== '' && /[my]/.test(format) && !/d/.test(format)) return iso.slice(0, 7);
	return iso;
}

/** The text of a cell value and whether it is a number. */
function valueText(value: CellValue, numFmt: string | undefined): { text: string; numeric: boolean } {
	if (value === null || value === undefined) return { text: '', numeric: false };
	if (typeof value === 'number') return { text: plainDecimal(value), numeric: true };
	if (typeof value === 'string') return { text: value, numeric: false };
	if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE', numeric: false };
	if (value instanceof Date) return { text: isoDate(value, numFmt), numeric: false };
	if (typeof value === 'object') {
		if ('richText' in value && Array.isArray(value.richText)) {
			return { text: value.richText.map((r) => r.text).join(''), numeric: false };
		}
		if ('formula' in value || 'sharedFormula' in value) {
			const result = (value as { result?: unknown }).result;
			if (result === undefined || result === null) return { text: '', numeric: false };
			if (typeof result === 'object' && !(result instanceof Date) && 'error' in (result as object)) {
				return { text: '', numeric: false };
			}
			return valueText(result as CellValue, numFmt);
		}
		if ('text' in value && typeof (value as { text: unknown }).text === 'string') {
			return { text: (value as { text: string }).text, numeric: false };
		}
		if ('error' in value) return { text: '', numeric: false };
	}
	return { text: String(value), numeric: false };
}

function cellText(cell: Cell): { text: string; numeric: boolean } {
	const read = valueText(cell.value, cell.numFmt);
	if (cell.isMerged && cell.master !== cell) {
		const vertical = cell.master.col === cell.col;
		// A number spread sideways by a merge would be counted once per column: keep it in its own cell only.
		if (!vertical && read.numeric) return { text: '', numeric: false };
	}
	return { text: read.text.normalize('NFC'), numeric: read.numeric };
}

/**
 * The sheet's rows with cells, by Excel row number. Only rows and cells that exist are visited (a sheet formatted
 * down to row 1 048 576 costs nothing); rows between them are blank and would be left out anyway.
 */
function sheetGrid(sheet: Worksheet): GridRow[] {
	const rows: GridRow[] = [];
	sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
		const cells: string[] = [];
		const numeric: boolean[] = [];
		row.eachCell({ includeEmpty: false }, (cell, column) => {
			const read = cellText(cell);
			while (cells.length < column - 1) {
				cells.push('');
				numeric.push(false);
			}
			cells[column - 1] = read.text;
			numeric[column - 1] = read.numeric;
		});
		rows.push({ cells, numeric, sourceRow: rowNumber });
	});
	return rows;
}

async function loadWorkbook(bytes: Uint8Array): Promise<Workbook> {
	const module = await import('exceljs');
	// CommonJS in Node, UMD in the browser build: the class is on the default export or on the namespace.
	const ExcelJS = ((module as { default?: unknown }).default ?? module) as typeof import('exceljs');
	const workbook = new ExcelJS.Workbook();
	const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
	await workbook.xlsx.load(buffer);
	return workbook;
}

/** Every sheet of the workbook as a table, in workbook order (empty sheets give tables without rows). */
export async function readWorkbook(
	bytes: Uint8Array,
	file: string,
	options: WorkbookOptions = {}
): Promise<RawTable[]> {
	const workbook = await loadWorkbook(bytes);
	const tables: RawTable[] = [];
	workbook.eachSheet((sheet) => {
		const grid = sheetGrid(sheet);
		const flat = grid.flatMap((r) => r.cells);
		const repaired = repairTcvn3Cells(flat);
		if (repaired.converted) {
			let i = 0;
			for (const row of grid) row.cells = row.cells.map(() => repaired.cells[i++] as string);
		}
		tables.push(tableFromGrid(file, sheet.name, grid, repaired.converted ? 'tcvn3' : null, options));
	});
	return tables;
}
