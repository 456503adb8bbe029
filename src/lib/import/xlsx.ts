/**
 * .xlsx workbooks → one RawTable per sheet, with exceljs (SheetJS from the registry carries unfixed advisories,
 * design.md §8). Filled in below.
 */
import type { GridOptions } from './grid';
import type { RawTable } from './types';

export type WorkbookOptions = GridOptions;

export async function readWorkbook(
	bytes: Uint8Array,
	file: string,
	options: WorkbookOptions = {}
): Promise<RawTable[]> {
	void bytes;
	void file;
	void options;
	throw new Error('readWorkbook: not yet implemented');
}
