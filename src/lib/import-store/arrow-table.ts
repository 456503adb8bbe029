/**
 * A Parquet or Arrow file's columns as the text cells of a RawTable, so that they go through the same mapping and
 * checks as CSV and Excel (the import library reads text). Blank records are counted, not kept.
 */
import { tableFromIPC } from 'apache-arrow';
import type { RawTable } from '$lib/import/types';

function cellText(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (value instanceof Date) return value.toISOString().slice(0, 10);
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
	return String(value);
}

export function rawFromArrowIpc(ipc: Uint8Array, file: string): RawTable {
	const table = tableFromIPC(ipc);
	const header = table.schema.fields.map((f) => f.name);
	const columns = header.map((_, i) => table.getChildAt(i));
	const numeric = table.schema.fields.map((f) => /Int|Float|Decimal/.test(String(f.type)));
	const rows: string[][] = [];
	const sourceRows: number[] = [];
	const numericCells = new Set<string>();
	let blankRows = 0;
	for (let r = 0; r < table.numRows; r++) {
		const cells = columns.map((c) => cellText(c?.get(r)));
		if (cells.every((c) => c.trim() === '')) {
			blankRows += 1;
			continue;
		}
		numeric.forEach((isNumber, c) => {
			if (isNumber && cells[c] !== '') numericCells.add(`${rows.length}:${c}`);
		});
		rows.push(cells);
		// Records are numbered from 1, as the loader reports them for Parquet and Arrow.
		sourceRows.push(r + 1);
	}
	return { file, sheet: null, header, rows, sourceRows, encoding: null, numericCells, blankRows };
}
