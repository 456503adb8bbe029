/**
 * The part of the organisation a quality check looks at, as fixed SQL: the units under (and including) a root in
 * the hierarchy valid on a date. Every value (root code, date, lists) is bound; nothing from a data or rule file is
 * ever spliced into the SQL text.
 */
import type { PlanMeta } from '$lib/model/plan';

/** Joins lists for binding (`string_split(?, …)`); the unit separator cannot occur in codes a user types. */
export const LIST_SEPARATOR = '\u001f';

/**
 * `WITH RECURSIVE` CTEs defining `scope_walk(code, level, valid_from, valid_to)`: the root and every unit below it,
 * in the hierarchy valid on a date. Binds, in order: date, date, root code. Other CTEs may follow with `,`.
 */
export const SCOPE_CTE = `WITH RECURSIVE scope_units AS (
	SELECT code, level, parent_code, valid_from, valid_to FROM org_units
	WHERE (valid_from IS NULL OR valid_from <= CAST(? AS DATE)) AND (valid_to IS NULL OR valid_to >= CAST(? AS DATE))
), scope_walk(code, level, valid_from, valid_to) AS (
	SELECT code, level, valid_from, valid_to FROM scope_units WHERE code = ?
	UNION ALL
	SELECT u.code, u.level, u.valid_from, u.valid_to FROM scope_units u JOIN scope_walk w ON u.parent_code = w.code
)`;

/** The parameters of `SCOPE_CTE` for a plan (its unit, in the hierarchy valid on its start date). */
export function scopeParams(plan: PlanMeta): [string, string, string] {
	return [plan.period.start, plan.period.start, plan.orgUnit];
}

/**
 * A data row of alias `v` belongs to the unit `w` holding its code during the row's period (codes repeat across
 * the 2025 reorganisation). Fixed SQL over our own aliases.
 */
export const HELD_DURING = (v: string, w: string) =>
	`(${w}.valid_from IS NULL OR ${v}.period_end >= ${w}.valid_from) AND (${w}.valid_to IS NULL OR ${v}.period_start <= ${w}.valid_to)`;

/** The kind of a (valid) period code as SQL over a fixed column expression of ours. */
export const PERIOD_KIND_SQL = (column: string) =>
	`(CASE WHEN length(${column}) = 4 THEN 'year' WHEN ${column} LIKE '%S%' THEN 'half'
	  WHEN ${column} LIKE '%Q%' THEN 'quarter' WHEN length(${column}) = 7 THEN 'month' ELSE 'day' END)`;
