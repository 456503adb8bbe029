/**
 * The pure import library: bytes of a user's file → text → table → mapping → candidate rows → validated outcome →
 * quarantine file. No DuckDB, no Svelte, no DOM beyond TextDecoder; the browser side (`src/lib/import-store/`,
 * `src/routes/import/`) calls these in order:
 *
 *   decodeText(bytes) → parseCsv(text, file)            (or readWorkbook(bytes, file) for .xlsx)
 *   detectMapping(table, known) → (user edits; remember by shapeKey(table))
 *   unpivot(table, mapping) → { rows, blankCells }
 *   validateRows(rows, context) → ImportOutcome          (context.existing from DuckDB, ratioPairsOf(plans))
 *   quarantineCsv(outcome.quarantined, lang)            (download; corrected, it imports again)
 */
export * from './types';
export {
	decodeText,
	repairTcvn3Cells,
	tcvn3ToUnicode,
	type DecodedText,
	type EncodingProblem
} from './encoding';
export {
	parseCsv,
	createCsvParser,
	detectDelimiter,
	type CsvParser,
	type CsvOptions,
	type Delimiter
} from './csv';
export { tableFromGrid, type GridRow, type GridOptions } from './grid';
export { readWorkbook, type WorkbookOptions } from './xlsx';
export { detectMapping, shapeKey, headerRole, matchIndicatorHeader, foldHeader } from './columns';
export { normalisePeriod, combineYearAndPeriod, excelSerialToIso } from './periods';
export { unpivot, FIXED_PERIOD_HEADER, FIXED_PROGRAMME_HEADER, type UnpivotResult } from './unpivot';
export {
	createUnitMatcher,
	foldUnitName,
	editDistance,
	type UnitMatcher,
	type UnitMatch,
	type UnitCandidate,
	type MatchOptions
} from './names';
export { parseNumber, type ParsedNumber } from './numbers';
export {
	validateRows,
	ratioPairsOf,
	valueKeyString,
	unitResolutionKey,
	type ValidationContext,
	type RatioPair,
	type Resolutions
} from './validate';
export { quarantineCsv, QUARANTINE_REASON_HEADERS } from './quarantine';
export {
	importText,
	rejectionText,
	suggestionsText,
	encodingProblemText,
	type ImportMessageKey
} from './messages';
