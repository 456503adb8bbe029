/**
 * DuckDB SQL twins of `parsePeriod`, for set-based loading of millions of rows without per-row JS.
 * The accepted syntax, year range and calendar checks must match `codes.ts` exactly (tests compare the two).
 */
import { MAX_PERIOD_YEAR, MIN_PERIOD_YEAR } from './codes';

const QUOTED_IDENTIFIER = /^"[a-z_][a-z0-9_]*"$/;

// [0-9] rather than \d so nothing depends on the regex flavour. The year range is checked separately.
const YEAR_RE = '[0-9]{4}';
const PATTERNS = {
	year: YEAR_RE,
	half: `${YEAR_RE}S[12]`,
	quarter: `${YEAR_RE}Q[1-4]`,
	month: `${YEAR_RE}-(0[1-9]|1[0-2])`,
	day: `${YEAR_RE}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])`
} as const;

// Four-digit strings compare like the numbers they spell, so the range check needs no cast.
const MIN_YEAR_TEXT = String(MIN_PERIOD_YEAR).padStart(4, '0');
const MAX_YEAR_TEXT = String(MAX_PERIOD_YEAR).padStart(4, '0');

/** Throws unless `column` is a double-quoted lower-case identifier: the only thing spliced into SQL. */
function checkColumn(column: string): string {
	if (!QUOTED_IDENTIFIER.test(column)) {
		throw new Error(
			`Expected a quoted lower-case identifier such as "period", got ${JSON.stringify(column)}`
		);
	}
	return column;
}

function matches(column: string, pattern: string): string {
	return `regexp_full_match(${column}, '${pattern}')`;
}

/** First CASE branch of both expressions: a year outside the accepted range makes any code NULL. */
function yearOutOfRange(column: string): string {
	return `WHEN substr(${column}, 1, 4) NOT BETWEEN '${MIN_YEAR_TEXT}' AND '${MAX_YEAR_TEXT}' THEN NULL`;
}

/** `TRY_CAST(<year of column> || suffix AS DATE)`; the suffix is a constant such as '-07-01'. */
function yearDate(column: string, suffix: string): string {
	return `TRY_CAST(substr(${column}, 1, 4) || '${suffix}' AS DATE)`;
}

/** A CASE over the sixth character (the half or quarter digit) choosing among month-day suffixes. */
function byDigit(column: string, suffixes: readonly string[]): string {
	const whens = suffixes.map((suffix, i) => `WHEN '${i + 1}' THEN ${yearDate(column, suffix)}`).join(' ');
	return `CASE substr(${column}, 6, 1) ${whens} END`;
}

/** The day-code branch: the regex fixes the shape, TRY_CAST rejects impossible dates such as 2023-02-29. */
function dayDate(column: string): string {
	return `TRY_CAST(${column} AS DATE)`;
}

/**
 * A DuckDB expression giving the first day (DATE) of the period code held in the VARCHAR `column`, or NULL
 * when the code is invalid, e.g. `SELECT ${periodStartSql('"period"')} AS start FROM values`.
 * `column` must match /^"[a-z_][a-z0-9_]*"$/; anything else throws.
 */
export function periodStartSql(column: string): string {
	const c = checkColumn(column);
	// TRY_CAST everywhere (even where the regex guarantees a valid string) so no branch can abort a whole load.
	return [
		'(CASE',
		yearOutOfRange(c),
		`WHEN ${matches(c, PATTERNS.year)} THEN ${yearDate(c, '-01-01')}`,
		`WHEN ${matches(c, PATTERNS.half)} THEN ${byDigit(c, ['-01-01', '-07-01'])}`,
		`WHEN ${matches(c, PATTERNS.quarter)} THEN ${byDigit(c, ['-01-01', '-04-01', '-07-01', '-10-01'])}`,
		`WHEN ${matches(c, PATTERNS.month)} THEN TRY_CAST(${c} || '-01' AS DATE)`,
		`WHEN ${matches(c, PATTERNS.day)} THEN ${dayDate(c)}`,
		'END)'
	].join(' ');
}

/**
 * A DuckDB expression giving the last day (DATE, inclusive) of the period code held in the VARCHAR `column`,
 * or NULL when the code is invalid. Same `column` rule as `periodStartSql`.
 */
export function periodEndSql(column: string): string {
	const c = checkColumn(column);
	return [
		'(CASE',
		yearOutOfRange(c),
		`WHEN ${matches(c, PATTERNS.year)} THEN ${yearDate(c, '-12-31')}`,
		`WHEN ${matches(c, PATTERNS.half)} THEN ${byDigit(c, ['-06-30', '-12-31'])}`,
		`WHEN ${matches(c, PATTERNS.quarter)} THEN ${byDigit(c, ['-03-31', '-06-30', '-09-30', '-12-31'])}`,
		// last_day handles February of leap years, so no month-length table is needed here.
		`WHEN ${matches(c, PATTERNS.month)} THEN last_day(TRY_CAST(${c} || '-01' AS DATE))`,
		`WHEN ${matches(c, PATTERNS.day)} THEN ${dayDate(c)}`,
		'END)'
	].join(' ');
}
