/**
 * The contract tables (design.md §3) as column specs, and the row checks each must pass. Checks are SQL
 * predicates written here, over the staging alias `r` whose contract columns are all VARCHAR; nothing from a data
 * file is ever spliced into them (column names come from these specs and go through `quoteIdent`).
 */
import { LEVELS, TIME_AGGREGATIONS, UNIT_AGGREGATIONS, type TableName } from '$lib/model/data';
import { periodEndSql, periodStartSql } from '$lib/periods/sql';
import { quoteIdent } from './identifiers';

export type ColumnType = 'text' | 'number' | 'date';

export interface ColumnSpec {
	name: string;
	type: ColumnType;
	required: boolean;
}

/** A problem a row (or a whole file) can have; the words for each live in the i18n messages. */
export type ProblemCode =
	| 'missing-column'
	| 'unreadable-file'
	| 'missing-value'
	| 'unknown-level'
	| 'unknown-aggregation'
	| 'bad-date'
	| 'bad-period'
	| 'not-a-number'
	| 'duplicate-code'
	| 'duplicate-row'
	| 'unknown-parent'
	| 'unknown-unit'
	| 'unknown-indicator'
	| 'unknown-programme'
	| 'unknown-report'
	| 'bad-value';

export interface RowCheck {
	column: string;
	problem: ProblemCode;
	/** SQL predicate over the staging alias `r` (and already loaded tables) that is TRUE for a bad row. */
	bad: string;
}

export interface TableSpec {
	name: TableName;
	columns: ColumnSpec[];
	/** Columns whose values identify a row; later rows with the same key are duplicates of the first. */
	key: string[];
	duplicateProblem: ProblemCode;
	/** Extra columns computed in the staging table before the checks run (name → SQL over staging columns). */
	derived: Record<string, string>;
	/** The one column the derived ones are computed from, when there are any. */
	derivedFrom?: string;
	checks: RowCheck[];
}

const col = (name: string, type: ColumnType = 'text', required = true): ColumnSpec => ({
	name,
	type,
	required
});
const optional = (name: string, type: ColumnType = 'text') => col(name, type, false);
const r = (name: string) => `r.${quoteIdent(name)}`;
const sqlList = (items: readonly string[]) => items.map((s) => `'${s}'`).join(', ');

const missing = (name: string): RowCheck => ({
	column: name,
	problem: 'missing-value',
	bad: `${r(name)} IS NULL`
});
const badDate = (name: string): RowCheck => ({
	column: name,
	problem: 'bad-date',
	bad: `${r(name)} IS NOT NULL AND (NOT regexp_full_match(${r(name)}, '[0-9]{4}-[0-9]{2}-[0-9]{2}') OR TRY_CAST(${r(name)} AS DATE) IS NULL)`
});
const badNumber = (name: string): RowCheck => ({
	column: name,
	problem: 'not-a-number',
	bad: `${r(name)} IS NOT NULL AND NOT coalesce(isfinite(TRY_CAST(trim(${r(name)}) AS DOUBLE)), false)`
});
const notIn = (name: string, allowed: readonly string[], problem: ProblemCode): RowCheck => ({
	column: name,
	problem,
	bad: `${r(name)} IS NOT NULL AND ${r(name)} NOT IN (${sqlList(allowed)})`
});
const unknownCode = (name: string, table: TableName, problem: ProblemCode): RowCheck => ({
	column: name,
	problem,
	bad: `${r(name)} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${quoteIdent(table)} t WHERE t.code = ${r(name)})`
});
/**
 * A unit code must name a unit that existed during the row's period: codes repeat across the 2025 reform.
 * Written as an equi-join (hash join on the code) rather than a correlated EXISTS, which DuckDB ran as a
 * nested loop: seconds on the national unit list.
 */
const unknownUnitDuring = (name: string): RowCheck => ({
	column: name,
	problem: 'unknown-unit',
	bad: `${r(name)} IS NOT NULL AND r.row_no NOT IN (SELECT s.row_no FROM staging s JOIN org_units u ON u.code = s.${quoteIdent(name)}
		WHERE (u.valid_from IS NULL OR s.__end IS NULL OR u.valid_from <= s.__end)
		  AND (u.valid_to IS NULL OR s.__start IS NULL OR u.valid_to >= s.__start))`
});
const badPeriod = (name: string): RowCheck => ({
	column: name,
	problem: 'bad-period',
	bad: `${r(name)} IS NOT NULL AND r.__start IS NULL`
});
const periodColumns = (name: string) => ({
	__start: periodStartSql(quoteIdent(name)),
	__end: periodEndSql(quoteIdent(name))
});

/** Specs in load order: each table is checked against the ones before it. */
export const TABLE_SPECS: Record<TableName, TableSpec> = {
	org_units: {
		name: 'org_units',
		columns: [
			col('code'),
			col('name'),
			col('level'),
			col('parent_code', 'text', false),
			optional('name_en'),
			optional('valid_from', 'date'),
			optional('valid_to', 'date')
		],
		// Codes repeat across hierarchies, so a code is a duplicate only within the same validity window.
		key: ['code', 'valid_from', 'valid_to'],
		duplicateProblem: 'duplicate-code',
		derived: {},
		checks: [
			missing('code'),
			missing('name'),
			missing('level'),
			notIn('level', LEVELS, 'unknown-level'),
			{
				column: 'parent_code',
				problem: 'missing-value',
				bad: `r.parent_code IS NULL AND r.level <> 'central'`
			},
			badDate('valid_from'),
			badDate('valid_to'),
			{
				column: 'parent_code',
				problem: 'unknown-parent',
				// The parent must be in the same file and overlap the child's validity (an equi-join, see above).
				bad: `r.parent_code IS NOT NULL AND r.row_no NOT IN (SELECT c.row_no FROM staging c JOIN staging p ON p.code = c.parent_code
					WHERE (p.valid_to IS NULL OR c.valid_from IS NULL OR p.valid_to >= c.valid_from)
					  AND (p.valid_from IS NULL OR c.valid_to IS NULL OR p.valid_from <= c.valid_to))`
			}
		]
	},
	indicators: {
		name: 'indicators',
		columns: [
			col('code'),
			col('name_vi'),
			col('name_en', 'text', false),
			col('unit', 'text', false),
			col('time_aggregation'),
			col('unit_aggregation')
		],
		key: ['code'],
		duplicateProblem: 'duplicate-code',
		derived: {},
		checks: [
			missing('code'),
			missing('name_vi'),
			missing('time_aggregation'),
			missing('unit_aggregation'),
			notIn('time_aggregation', TIME_AGGREGATIONS, 'unknown-aggregation'),
			notIn('unit_aggregation', UNIT_AGGREGATIONS, 'unknown-aggregation')
		]
	},
	programmes: {
		name: 'programmes',
		columns: [col('code'), col('name_vi'), col('name_en', 'text', false)],
		key: ['code'],
		duplicateProblem: 'duplicate-code',
		derived: {},
		checks: [missing('code'), missing('name_vi')]
	},
	reports: {
		name: 'reports',
		columns: [col('code'), col('name_vi'), col('name_en', 'text', false)],
		key: ['code'],
		duplicateProblem: 'duplicate-code',
		derived: {},
		checks: [missing('code'), missing('name_vi')]
	},
	values: {
		name: 'values',
		columns: [
			col('org_unit'),
			col('indicator'),
			col('period'),
			col('value', 'number'),
			optional('programme')
		],
		key: ['org_unit', 'indicator', 'period', 'programme'],
		duplicateProblem: 'duplicate-row',
		derived: periodColumns('period'),
		derivedFrom: 'period',
		checks: [
			missing('org_unit'),
			missing('indicator'),
			missing('period'),
			missing('value'),
			badPeriod('period'),
			badNumber('value'),
			unknownUnitDuring('org_unit'),
			unknownCode('indicator', 'indicators', 'unknown-indicator'),
			unknownCode('programme', 'programmes', 'unknown-programme')
		]
	},
	targets: {
		name: 'targets',
		columns: [col('org_unit'), col('indicator'), col('period'), col('target', 'number')],
		key: ['org_unit', 'indicator', 'period'],
		duplicateProblem: 'duplicate-row',
		derived: periodColumns('period'),
		derivedFrom: 'period',
		checks: [
			missing('org_unit'),
			missing('indicator'),
			missing('period'),
			missing('target'),
			badPeriod('period'),
			badNumber('target'),
			unknownUnitDuring('org_unit'),
			unknownCode('indicator', 'indicators', 'unknown-indicator')
		]
	},
	submissions: {
		name: 'submissions',
		columns: [col('org_unit'), col('report'), col('period'), col('submitted_on', 'date')],
		key: ['org_unit', 'report', 'period'],
		duplicateProblem: 'duplicate-row',
		derived: periodColumns('period'),
		derivedFrom: 'period',
		checks: [
			missing('org_unit'),
			missing('report'),
			missing('period'),
			missing('submitted_on'),
			badPeriod('period'),
			badDate('submitted_on'),
			unknownUnitDuring('org_unit'),
			unknownCode('report', 'reports', 'unknown-report')
		]
	},
	crosswalk_2025: {
		name: 'crosswalk_2025',
		columns: [col('old_code'), col('new_code'), col('level'), col('link')],
		key: ['old_code', 'new_code', 'level'],
		duplicateProblem: 'duplicate-row',
		derived: {},
		checks: [missing('old_code'), missing('new_code'), notIn('link', ['full', 'partial'], 'bad-value')]
	},
	regions: {
		name: 'regions',
		columns: [col('province_code'), col('region'), col('hierarchy')],
		key: ['province_code', 'hierarchy'],
		duplicateProblem: 'duplicate-code',
		derived: {},
		checks: [missing('province_code'), missing('region')]
	}
};

/** The SQL type a contract column is stored as once checked. */
export function sqlType(type: ColumnType): string {
	return type === 'number' ? 'DOUBLE' : type === 'date' ? 'DATE' : 'VARCHAR';
}
