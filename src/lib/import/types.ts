/**
 * The shapes that flow through an import, from the bytes of a user's file to rows accepted into `values` or kept in
 * quarantine. The pure steps (decode → parse → map → unpivot → match → validate) live in `src/lib/import/`; the
 * browser side (file picker, DuckDB, persistence) lives in `src/lib/import-store/` and `src/routes/import/`.
 */

/** Encodings we can read. Legacy ones are converted to Unicode before anything else sees the text. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1258' | 'tcvn3';

/** A rectangular table read from one CSV file or one sheet of a workbook; every cell is text as the user typed it. */
export interface RawTable {
	/** The file's name as the user picked it. */
	file: string;
	/** The sheet's name for workbooks; null for CSV, Parquet and Arrow. */
	sheet: string | null;
	/** The header row, trimmed; empty headers become `""`. */
	header: string[];
	/** Data rows, each as long as `header` (short rows padded with `""`). Blank rows are already left out. */
	rows: string[][];
	/** For each row, its number in the source as a user would find it (CSV line with the header as 1, Excel row). */
	sourceRows: number[];
	/** How the text was decoded, for the import report ("converted from TCVN3"). */
	encoding: TextEncoding | null;
	/**
	 * Cells that held a number in a workbook (`"row:column"`, 0-based in `rows`): their text is plain machine decimal
	 * (`1.125` is one and an eighth, never 1125), so the value parser must not read a dot as a thousands separator.
	 */
	numericCells?: Set<string>;
	/** Blank rows left out, counted so that the import report can say so (never dropped silently). */
	blankRows?: number;
	/** Rows above the header (a template's title lines), left out; as Excel/CSV row numbers. */
	titleRows?: number[];
	/**
	 * The rows that make up the header, as Excel/CSV row numbers: the header row, the lower line of a two-row header
	 * with merged group titles, and a column-numbering row ("(1) (2) (3)", "A B 1 2") under it, none of them data.
	 */
	headerRows?: number[];
}

/** What a column of the user's file means in the data contract. `ignore` keeps it out of the import. */
export type ColumnRole =
	| 'org_unit' // a unit code
	| 'org_unit_name' // a unit name, matched to a code (with and without diacritics, within the parent)
	| 'parent_name' // the parent unit's name or code, to tell apart communes with the same name
	| 'indicator' // an indicator code or name (long layout)
	| 'period' // a period code, or a date/quarter/month written the Vietnamese way
	| 'year' // a year, combined with `period` when that holds only a quarter or month
	| 'value' // the number (long layout)
	| 'programme'
	| 'indicator_value' // wide layout: this column holds the values of one indicator (see `ColumnMapping.indicator`)
	| 'ignore';

export interface ColumnMapping {
	/** Index of the column in `RawTable.header`. */
	column: number;
	role: ColumnRole;
	/** For `indicator_value`: the indicator code this column holds. */
	indicator?: string;
	/**
	 * For `period`: what a bare number in this column means when combined with a `year` column — the header said
	 * "Quý" (quarter), "Tháng" (month) or "6 tháng"/"Kỳ" (half). Absent: the cell is read as a full period spelling.
	 */
	periodHint?: PeriodHint;
}

/** What a bare number in a period column means (from its header). */
export type PeriodHint = 'quarter' | 'month' | 'half';

/** The user's (or the detector's) reading of one table; remembered by `shapeKey` for the next file of the same shape. */
export interface TableMapping {
	columns: ColumnMapping[];
	/** A period applied to every row when the file has no period column (a report "Quý 3/2024"). */
	fixedPeriod?: string;
	/** A programme applied to every row when the file has no programme column. */
	fixedProgramme?: string;
}

/** One candidate row of `values` after mapping and unpivoting, before validation. */
export interface CandidateRow {
	/** Where it came from, for every message about it. */
	file: string;
	sheet: string | null;
	sourceRow: number;
	/** The source cells of that row, kept so that a quarantined row can be downloaded as the user wrote it. */
	source: Record<string, string>;
	/** As read (not yet resolved): a code or a name, depending on the mapping. */
	orgUnit: string;
	orgUnitIsName: boolean;
	parent: string | null;
	/** A code or a name (Vietnamese or English), resolved by validation. */
	indicator: string;
	/** The period code when `unpivot` could read the spelling ("Quý 3/2024" → `2024Q3`), else the text as written. */
	period: string;
	/** As written; parsed by validation (the vi-VN number rule of docs/import.md). */
	value: string;
	programme: string | null;
	/** True when `value` came from a numeric workbook cell: plain decimal, a dot is always a decimal point. */
	valueIsNumber?: boolean;
}

/** The identity of a value (design.md §3: one value per org_unit, indicator, period, programme). */
export interface ValueKey {
	orgUnit: string;
	indicator: string;
	period: string;
	programme: string | null;
}

/** Why a row was not accepted. Each maps to a Vietnamese and an English message in the import's messages file. */
export type RejectReason =
	| 'unknown-unit'
	| 'ambiguous-unit'
	| 'unknown-indicator'
	| 'unknown-programme'
	| 'bad-period'
	| 'missing-value'
	| 'not-a-number'
	| 'negative-value'
	| 'numerator-above-denominator'
	| 'duplicate-in-file'
	| 'conflict-with-loaded';

export interface Rejection {
	reason: RejectReason;
	/** Closest known codes for unknown units/indicators, best first (at most 3), with their names. */
	suggestions?: { code: string; name: string }[];
	/** Words that make the reason concrete: the other value of a conflict, the denominator, the other row. */
	detail?: Record<string, string | number>;
}

/** A row ready for `values`, with the unit resolved to its code. */
export interface AcceptedRow {
	orgUnit: string;
	indicator: string;
	period: string;
	value: number;
	programme: string | null;
	file: string;
	sourceRow: number;
}

export interface QuarantinedRow {
	candidate: CandidateRow;
	rejections: Rejection[];
}

/**
 * The outcome of one import, before or after the user's decisions. Invariant, shown after every import:
 * `rowsRead = imported + updated + quarantined.length` (a row is in exactly one bucket).
 */
export interface ImportOutcome {
	/**
	 * Candidate rows: one per data row in a long file, one per non-blank indicator cell in a wide one (a blank cell
	 * of a report template is "not reported", not a value; those are counted in `blankCells`, never silently).
	 */
	rowsRead: number;
	blankCells: number;
	/** New (org_unit, indicator, period, programme) keys. */
	imported: AcceptedRow[];
	/** Keys already loaded whose value the user chose to replace (or that carried the same value). */
	updated: AcceptedRow[];
	quarantined: QuarantinedRow[];
}

/** An entry of a catalogue (an indicator or a programme), as import needs it. */
export interface KnownEntry {
	code: string;
	nameVi: string;
	nameEn: string;
}

/** What header detection needs to recognise a wide layout: the indicator catalogue. */
export interface KnownCatalogue {
	indicators: readonly KnownEntry[];
}
