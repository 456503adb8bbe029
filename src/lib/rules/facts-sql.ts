/**
 * Computes every requested fact for all its units at once, in SQL over the plan tree (see hierarchy.ts): one query
 * for all `total` requests, one for all `change` requests, one per assigned indicator and per report — never one
 * per unit. Params from rule files are only ever bound as values; the SQL text is fixed here.
 */
import type { Connector, SqlValue } from '$lib/db/connector';
import type { Level } from '$lib/model/data';
import type { Condition, PlanMeta } from '$lib/model/plan';
import { parsePeriod } from '$lib/periods/codes';
import type { FactRequest, FactRequests, UnitSpec } from './fact-requests';
import { FactStore, roundFact } from './fact-store';
import { descendantsAt, type PlanTree } from './hierarchy';
import { judgeCondition } from './judge';

/** Joins lists for binding; the unit separator cannot occur in codes a user types. */
const SEPARATOR = '\u001f';

/** Aggregates over sub-units by the indicator's `unit_aggregation`; `expr` is a fixed SQL expression of ours. */
const unitAggregate = (agg: string, expr: string, filter = '') =>
	`CASE ${agg} WHEN 'sum' THEN sum(${expr})${filter} WHEN 'avg' THEN avg(${expr})${filter}
	 WHEN 'max' THEN max(${expr})${filter} ELSE min(${expr})${filter} END`;

/** Orders periods by end then start, so that "last" is the latest-ending, and of those the shortest. */
const PERIOD_ORDER = `(date_diff('day', DATE '1970-01-01', v.period_end) * 100000
	+ date_diff('day', DATE '1970-01-01', v.period_start))`;

/** Which tree units a request is needed at, as SQL over `t` (eval_tree) and `r` (eval_req). */
const NEEDED_AT = `(list_contains(string_split(r.levels, '${SEPARATOR}'), t.ancestor_level)
	OR list_contains(string_split(r.units, '${SEPARATOR}'), t.ancestor))`;

/**
 * Joins data rows (`values`, `submissions`) of alias `v` to the units of the plan's tree (`eval_members`, one row
 * per code): a row belongs to a unit when its code is the unit's and its period overlaps the unit's validity.
 * Codes repeat across the 2025 reorganisation: a 2024 value of code X is the old unit's, not the new unit's of the
 * same code (the same overlap test as the loader's unit check).
 */
const MEMBER_JOIN = (v: string) => `JOIN eval_members m ON m.code = ${v}.org_unit
	AND (m.valid_from IS NULL OR ${v}.period_end >= m.valid_from)
	AND (m.valid_to IS NULL OR ${v}.period_start <= m.valid_to)
	AND ${v}.org_unit BETWEEN ? AND ?`;

/**
 * The lowest and highest code of the tree, bound to MEMBER_JOIN's `BETWEEN ? AND ?`: implied by the join, but as
 * constants DuckDB checks them against each row group's min/max and skips the groups of other provinces when the
 * rows come grouped by unit (as exports usually do) — what a drill-down step needs.
 */
type CodeRange = [string, string];

function codeRange(tree: PlanTree): CodeRange {
	let low: string | null = null;
	let high: string | null = null;
	for (const code of tree.units.keys()) {
		if (low === null || byteOrder(code, low) < 0) low = code;
		if (high === null || byteOrder(code, high) > 0) high = code;
	}
	return [low ?? '', high ?? ''];
}

/** DuckDB orders VARCHARs by their UTF-8 bytes, which is code point order (JS's `<` compares UTF-16 units). */
function byteOrder(a: string, b: string): number {
	const x = Array.from(a);
	const y = Array.from(b);
	for (let i = 0; i < Math.min(x.length, y.length); i++) {
		const d = (x[i] as string).codePointAt(0)! - (y[i] as string).codePointAt(0)!;
		if (d !== 0) return d;
	}
	return x.length - y.length;
}

interface Window {
	start: string;
	end: string;
}

/** The plan period, narrowed to a sub-period code when the fact names one (`"period": "2021-03"`). */
function windowOf(plan: PlanMeta, period: unknown): Window | null {
	if (period === undefined || period === null) return { start: plan.period.start, end: plan.period.end };
	const parsed = typeof period === 'string' ? parsePeriod(period) : null;
	if (!parsed) return null;
	const start = parsed.start > plan.period.start ? parsed.start : plan.period.start;
	const end = parsed.end < plan.period.end ? parsed.end : plan.period.end;
	return start <= end ? { start, end } : null;
}

const specParams = (where: UnitSpec): [string, string] => [
	[...where.levels].join(SEPARATOR),
	[...where.units].join(SEPARATOR)
];

async function createRequestTable(conn: Connector, rows: SqlValue[][]): Promise<void> {
	await conn.exec(
		`CREATE OR REPLACE TEMP TABLE eval_req (id INTEGER, indicator VARCHAR, programme VARCHAR, p_start DATE,
		 p_end DATE, own BOOLEAN, levels VARCHAR, units VARCHAR)`
	);
	for (let i = 0; i < rows.length; i += 200) {
		const chunk = rows.slice(i, i + 200);
		const placeholders = chunk.map(() => '(?, ?, ?, CAST(? AS DATE), CAST(? AS DATE), ?, ?, ?)').join(', ');
		await conn.exec(`INSERT INTO eval_req VALUES ${placeholders}`, chunk.flat());
	}
}

async function computeTotals(
	conn: Connector,
	plan: PlanMeta,
	asOf: string,
	range: CodeRange,
	requests: FactRequest[],
	store: FactStore
) {
	const rows: SqlValue[][] = [];
	const byId: FactRequest[] = [];
	for (const request of requests) {
		const window = windowOf(plan, request.params.period);
		if (!window || typeof request.params.indicator !== 'string') continue;
		const programme = typeof request.params.programme === 'string' ? request.params.programme : null;
		rows.push([
			byId.length,
			request.params.indicator,
			programme,
			window.start,
			window.end,
			request.params.own === true,
			...specParams(request.where)
		]);
		byId.push(request);
	}
	if (rows.length === 0) return;
	await createRequestTable(conn, rows);
	const widest = {
		start: rows.reduce((min, r) => (String(r[3]) < min ? String(r[3]) : min), plan.period.end),
		end: rows.reduce((max, r) => (String(r[4]) > max ? String(r[4]) : max), plan.period.start)
	};
	const results = await conn.query<{ id: number; unit: string; value: number | null }>(
		`WITH req AS (
		   SELECT r.*, i.time_aggregation AS ta, i.unit_aggregation AS ua
		   FROM eval_req r JOIN indicators i ON i.code = r.indicator
		 ),
		 matched AS MATERIALIZED (
		   SELECT r.id, r.ta = 'last' AS is_last, v.org_unit, v.value,
		     CASE WHEN r.ta = 'last' THEN ${PERIOD_ORDER} END AS k
		   FROM req r
		   JOIN "values" v ON v.indicator = r.indicator
		   ${MEMBER_JOIN('v')}
		   WHERE (r.programme IS NULL OR v.programme = r.programme)
		     AND v.period_start >= r.p_start AND v.period_end <= r.p_end AND v.period_start <= CAST(? AS DATE)
		     /* The same bounds as constants (the widest request window), so that DuckDB filters the rows while
		        scanning them instead of after joining each to every request of its indicator. */
		     AND v.period_start >= CAST(? AS DATE) AND v.period_end <= CAST(? AS DATE)
		 ),
		 /* Over time: flows and the like in one aggregation; stocks ('last') summed per period first, then the
		    latest period's sum picked by arg_max (no window over every row, which measured slower). */
		 over_time AS (
		   SELECT id, org_unit, sum(value) AS s, max(value) AS mx, min(value) AS mn, avg(value) AS av
		   FROM matched WHERE NOT is_last GROUP BY id, org_unit
		   UNION ALL
		   SELECT id, org_unit, arg_max(s, k), NULL, NULL, NULL FROM (
		     SELECT id, org_unit, k, sum(value) AS s FROM matched WHERE is_last GROUP BY id, org_unit, k
		   ) GROUP BY id, org_unit
		 ),
		 per_unit AS (
		   SELECT o.id, o.org_unit, q.ua,
		     CASE q.ta WHEN 'max' THEN o.mx WHEN 'min' THEN o.mn WHEN 'avg' THEN o.av ELSE o.s END AS value
		   FROM over_time o JOIN req q ON q.id = o.id
		 )
		 SELECT p.id, t.ancestor AS unit, ${unitAggregate('any_value(p.ua)', 'p.value')} AS value
		 FROM per_unit p
		 JOIN eval_tree t ON t.descendant = p.org_unit
		 JOIN eval_req r ON r.id = p.id
		 WHERE (NOT r.own OR t.ancestor = t.descendant) AND ${NEEDED_AT}
		 GROUP BY p.id, t.ancestor`,
		[...range, asOf, widest.start, widest.end]
	);
	for (const row of results) store.set((byId[row.id] as FactRequest).key, row.unit, roundFact(row.value));
}

async function computeChanges(
	conn: Connector,
	plan: PlanMeta,
	asOf: string,
	range: CodeRange,
	requests: FactRequest[],
	store: FactStore
) {
	const rows: SqlValue[][] = [];
	const byId: FactRequest[] = [];
	for (const request of requests) {
		if (typeof request.params.indicator !== 'string') continue;
		rows.push([
			byId.length,
			request.params.indicator,
			null,
			plan.period.start,
			plan.period.end,
			false,
			...specParams(request.where)
		]);
		byId.push(request);
	}
	if (rows.length === 0) return;
	await createRequestTable(conn, rows);
	const results = await conn.query<{
		id: number;
		unit: string;
		current: number | null;
		baseline: number | null;
	}>(
		`WITH matched AS (
		   SELECT r.id, v.org_unit, v.value, i.unit_aggregation AS ua, ${PERIOD_ORDER} AS k,
		          v.period_end < r.p_start AS before
		   FROM eval_req r
		   JOIN indicators i ON i.code = r.indicator
		   JOIN "values" v ON v.indicator = r.indicator
		   ${MEMBER_JOIN('v')}
		   WHERE ((v.period_start >= r.p_start AND v.period_end <= r.p_end AND v.period_start <= CAST(? AS DATE))
		          OR v.period_end < r.p_start)
		     /* Implied by both branches; as constants DuckDB applies them while scanning. */
		     AND v.period_start <= CAST(? AS DATE) AND v.period_end <= CAST(? AS DATE)
		 ),
		 per_period AS (
		   SELECT id, org_unit, before, k, any_value(ua) AS ua, sum(value) AS s
		   FROM matched GROUP BY id, org_unit, before, k
		 ),
		 per_unit AS (
		   SELECT id, org_unit, before, any_value(ua) AS ua, arg_max(s, k) AS value
		   FROM per_period
		   GROUP BY id, org_unit, before
		 )
		 SELECT p.id, t.ancestor AS unit,
		   ${unitAggregate('any_value(p.ua)', 'p.value', ' FILTER (WHERE NOT p.before)')} AS current,
		   ${unitAggregate('any_value(p.ua)', 'p.value', ' FILTER (WHERE p.before)')} AS baseline
		 FROM per_unit p
		 JOIN eval_tree t ON t.descendant = p.org_unit
		 JOIN eval_req r ON r.id = p.id
		 WHERE ${NEEDED_AT}
		 GROUP BY p.id, t.ancestor`,
		[...range, asOf, asOf, plan.period.end]
	);
	for (const row of results) {
		const value = row.current === null || row.baseline === null ? null : row.current - row.baseline;
		store.set((byId[row.id] as FactRequest).key, row.unit, roundFact(value));
	}
}

async function computeAssigned(conn: Connector, plan: PlanMeta, request: FactRequest, store: FactStore) {
	if (typeof request.params.indicator !== 'string') return;
	const rows = await conn.query<{ unit: string; target: number }>(
		`SELECT org_unit AS unit, target FROM targets
		 WHERE indicator = ? AND period_start = CAST(? AS DATE) AND period_end = CAST(? AS DATE)
		   AND org_unit IN (SELECT descendant FROM eval_tree)`,
		[request.params.indicator, plan.period.start, plan.period.end]
	);
	for (const row of rows) store.set(request.key, row.unit, roundFact(row.target));
}

async function computeSubmitted(
	conn: Connector,
	plan: PlanMeta,
	asOf: string,
	range: CodeRange,
	request: FactRequest,
	store: FactStore
) {
	const { report, period } = request.params;
	if (typeof report !== 'string') return;
	const byPeriod = typeof period === 'string';
	// A report sent after the as-of date had not been sent yet on that date.
	const rows = await conn.query<{ unit: string; submitted: string }>(
		`SELECT s.org_unit AS unit, strftime(min(s.submitted_on), '%Y-%m-%d') AS submitted
		 FROM submissions s ${MEMBER_JOIN('s')}
		 WHERE s.report = ? AND s.submitted_on <= CAST(? AS DATE)
		   AND (CASE WHEN ? THEN s.period = ? ELSE s.period_start >= CAST(? AS DATE) AND s.period_end <= CAST(? AS DATE) END)
		 GROUP BY s.org_unit`,
		[...range, report, asOf, byPeriod, byPeriod ? period : '', plan.period.start, plan.period.end]
	);
	for (const row of rows) store.set(request.key, row.unit, row.submitted);
}

/** Units of the tree where a request is needed. */
function unitsOf(tree: PlanTree, where: UnitSpec): string[] {
	const found: string[] = [];
	for (const unit of tree.units.values()) {
		if (where.levels.has(unit.level) || where.units.has(unit.code)) found.push(unit.code);
	}
	return found;
}

function computeRatio(tree: PlanTree, request: FactRequest, store: FactStore) {
	for (const unit of unitsOf(tree, request.where)) {
		const numerator = store.get('total', { indicator: request.params.numerator }, unit) as number | null;
		const denominator = store.get('total', { indicator: request.params.denominator }, unit) as number | null;
		if (numerator === null || denominator === null || denominator === 0) continue;
		store.set(request.key, unit, roundFact(numerator / denominator));
	}
}

/** Counts, under each unit, the sub-units of a level that meet a condition (judged on the stored facts). */
function computeUnitsMeeting(tree: PlanTree, request: FactRequest, store: FactStore) {
	const level = request.params.level as Level;
	const condition = request.params.condition as Condition;
	const lookup = (fact: string, params: Record<string, unknown>, unit: string) =>
		store.get(fact, params, unit);
	for (const unit of unitsOf(tree, request.where)) {
		const subUnits = descendantsAt(tree, unit, level);
		const count = subUnits.filter((sub) => judgeCondition(condition, sub, lookup)).length;
		const total = subUnits.length;
		store.set(request.key, unit, { count, total, share: total === 0 ? null : roundFact(count / total) });
	}
}

/** Nesting depth of unitsMeeting in a request, so that inner counts are computed before outer ones. */
function depth(request: FactRequest): number {
	const text = JSON.stringify(request.params);
	return (text.match(/"unitsMeeting"/g) ?? []).length;
}

/** Computes every request into a FactStore. */
export async function computeFacts(
	conn: Connector,
	plan: PlanMeta,
	asOf: string,
	tree: PlanTree,
	requests: FactRequests
): Promise<FactStore> {
	const store = new FactStore();
	const all = [...requests.values()];
	const of = (fact: string) => all.filter((r) => r.fact === fact);
	const range = codeRange(tree);
	await computeTotals(conn, plan, asOf, range, of('total'), store);
	await computeChanges(conn, plan, asOf, range, of('change'), store);
	for (const request of of('assigned')) await computeAssigned(conn, plan, request, store);
	for (const request of of('submittedOn')) await computeSubmitted(conn, plan, asOf, range, request, store);
	for (const request of of('ratio')) computeRatio(tree, request, store);
	const meeting = of('unitsMeeting').sort((a, b) => depth(a) - depth(b));
	for (const request of meeting) computeUnitsMeeting(tree, request, store);
	return store;
}
