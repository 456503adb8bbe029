/**
 * Validation rules (rule-files.ts) evaluated in SQL, set-based: one query per rule over every unit and period.
 *
 * A rule is checked for each (unit, period) in which the unit has an own value (summed over programmes) of an
 * indicator of a side without `in` — its base periods — inside the plan's period and begun by the as-of date,
 * for units under the plan's unit (of the rule's `levels`, when given). A side is `factor × (sum of its
 * indicators' values for that unit and period)`, or for a side with `in: "year"` (half, quarter, month) the values
 * of the enclosing period of that kind; or a constant. When an indicator has no value the `missing` strategy
 * decides: skip the comparison (`skip-if-any`, the default), or count it as 0. A kept comparison that does not
 * hold is a violation.
 *
 * Nothing from a rule file is spliced into the SQL text: indicator codes, levels, numbers and even the operator
 * and period kind are bound values, chosen between by fixed CASE expressions.
 */
import type { Connector, SqlValue } from '$lib/db/connector';
import type { Level } from '$lib/model/data';
import type { PlanFile } from '$lib/model/plan';
import type { Comparison, Side, ValidationRule } from './rule-files';
import { HELD_DURING, LIST_SEPARATOR, PERIOD_KIND_SQL, SCOPE_CTE, scopeParams } from './scope';

export interface Violation {
	rule: string;
	unit: string;
	level: Level;
	period: string;
	left: number;
	operator: Comparison;
	right: number;
	/** Whether a side had a missing value counted as 0 (never with `skip-if-any`). */
	incomplete: boolean;
}

const KIND_RANK = (expr: string) =>
	`(CASE ${expr} WHEN 'day' THEN 0 WHEN 'month' THEN 1 WHEN 'quarter' THEN 2 WHEN 'half' THEN 3 WHEN 'year' THEN 4 END)`;

/** The code of the period of kind `kind` (a bound parameter) that contains the period starting at `start`. */
const ENCLOSING = (kind: string, start: string, own: string) => `(CASE ${kind}
	WHEN 'year' THEN strftime(${start}, '%Y')
	WHEN 'half' THEN strftime(${start}, '%Y') || 'S' || (CASE WHEN month(${start}) <= 6 THEN '1' ELSE '2' END)
	WHEN 'quarter' THEN strftime(${start}, '%Y') || 'Q' || CAST(quarter(${start}) AS VARCHAR)
	WHEN 'month' THEN strftime(${start}, '%Y-%m')
	ELSE ${own} END)`;

const indicatorsOf = (side: Side): string[] => ('constant' in side ? [] : (side.indicators ?? []));

/** The violations of one rule under the plan's unit at `asOf` (clamped to the plan), by unit then period. */
export async function ruleViolations(
	conn: Connector,
	plan: PlanFile,
	asOf: string,
	rule: ValidationRule
): Promise<Violation[]> {
	const params: SqlValue[] = [];
	const bind = (value: SqlValue) => {
		params.push(value);
		return '?';
	};
	const list = (values: readonly string[]) =>
		`string_split(${bind(values.join(LIST_SEPARATOR))}, ${bind(LIST_SEPARATOR)})`;
	const { start, end } = plan.plan.period;
	const all = [...new Set([...indicatorsOf(rule.left), ...indicatorsOf(rule.right)])];
	const baseIndicators = [rule.left, rule.right].flatMap((side) =>
		'constant' in side || side.in ? [] : indicatorsOf(side)
	);
	if (baseIndicators.length === 0) return [];
	const levels = rule.levels ?? [];
	const missing = rule.missing ?? 'skip-if-any';

	params.push(...scopeParams(plan.plan));
	const sideSql = (name: string, side: Side) => {
		if ('constant' in side)
			return `${name} AS (SELECT NULL::VARCHAR AS unit, NULL::VARCHAR AS period, 0.0 AS value, 0 AS n WHERE false)`;
		const kind = side.in ?? '';
		return `${name} AS (
		  SELECT c.unit, c.period, sum(b.value) AS value, count(DISTINCT b.indicator) AS n
		  FROM cells c JOIN base b ON b.unit = c.unit AND list_contains(${list(side.indicators)}, b.indicator)
		    AND b.period = ${ENCLOSING(bind(kind), 'c.period_start', 'c.period')}
		  WHERE ${bind(kind)} = '' OR ${KIND_RANK('c.kind')} <= ${KIND_RANK(bind(kind))}
		  GROUP BY c.unit, c.period
		)`;
	};
	const sideValue = (name: string, side: Side) =>
		'constant' in side ? bind(side.constant) : `${bind(side.factor ?? 1)} * coalesce(${name}.value, 0)`;
	const needed = (side: Side) => bind(indicatorsOf(side).length);

	const sql = `${SCOPE_CTE}, base AS (
		  SELECT v.org_unit AS unit, w.level, v.indicator, v.period, v.period_start,
		    ${PERIOD_KIND_SQL('v.period')} AS kind, sum(v.value) AS value
		  FROM "values" v JOIN scope_walk w ON w.code = v.org_unit AND ${HELD_DURING('v', 'w')}
		  WHERE list_contains(${list(all)}, v.indicator)
		    AND v.period_start >= CAST(${bind(start)} AS DATE) AND v.period_end <= CAST(${bind(end)} AS DATE)
		    AND v.period_start <= CAST(${bind(asOf)} AS DATE)
		    AND (${bind(levels.length)} = 0 OR list_contains(${list(levels)}, w.level))
		  GROUP BY ALL
		), cells AS (
		  SELECT DISTINCT unit, level, period, period_start, kind FROM base
		  WHERE list_contains(${list(baseIndicators)}, indicator)
		), ${sideSql('l', rule.left)}, ${sideSql('r', rule.right)}, scored AS (
		  SELECT c.unit, c.level, c.period, ${sideValue('l', rule.left)} AS lv, ${sideValue('r', rule.right)} AS rv,
		    coalesce(l.n, 0) AS ln, coalesce(r.n, 0) AS rn, ${needed(rule.left)} AS l_need, ${needed(rule.right)} AS r_need
		  FROM cells c LEFT JOIN l ON l.unit = c.unit AND l.period = c.period
		    LEFT JOIN r ON r.unit = c.unit AND r.period = c.period
		)
		SELECT unit, level, period, CAST(lv AS DOUBLE) AS lv, CAST(rv AS DOUBLE) AS rv,
		  (ln < l_need OR rn < r_need) AS incomplete
		FROM scored
		WHERE (CASE ${bind(missing)}
		    WHEN 'skip-if-any' THEN ln = l_need AND rn = r_need
		    WHEN 'skip-if-all' THEN ln + rn > 0
		    ELSE true END)
		  AND NOT (CASE ${bind(rule.operator)}
		    WHEN '==' THEN abs(lv - rv) <= 1e-9
		    WHEN '!=' THEN abs(lv - rv) > 1e-9
		    WHEN '<' THEN lv < rv
		    WHEN '<=' THEN lv <= rv
		    WHEN '>' THEN lv > rv
		    WHEN '>=' THEN lv >= rv
		    ELSE true END)
		ORDER BY unit, period`;
	const rows = await conn.query<{
		unit: string;
		level: Level;
		period: string;
		lv: number;
		rv: number;
		incomplete: boolean;
	}>(sql, params);
	return rows.map((row) => ({
		rule: rule.name,
		unit: row.unit,
		level: row.level,
		period: row.period,
		left: row.lv,
		operator: rule.operator,
		right: row.rv,
		incomplete: row.incomplete
	}));
}

/** The violations of every rule, rule by rule. */
export async function validationViolations(
	conn: Connector,
	plan: PlanFile,
	asOf: string,
	rules: readonly ValidationRule[]
): Promise<Violation[]> {
	const out: Violation[] = [];
	for (const rule of rules) out.push(...(await ruleViolations(conn, plan, asOf, rule)));
	return out;
}
