/**
 * Computes every requested fact for all its units at once, in two stages. SQL gives each single unit's value of a
 * series (an indicator aggregated over time, a quota, a report's date) at every unit of the plan tree (see
 * hierarchy.ts): one query for each fact kind (`total`, `change`, `assigned`, `submittedOn`) with all its series —
 * never one per unit. JavaScript then rolls them up the tree (rollup.ts) to the units each request is needed at.
 * The first stage is kept in a FactCache, so that the same series at another unit's tree (a drill-down step) is
 * not queried again. Params from rule files are only ever bound as values; the SQL text is fixed here, but for
 * the `?` placeholders of the indicator list.
 */
import type { Connector, SqlValue } from '$lib/db/connector';
import type { Level } from '$lib/model/data';
import type { Condition, PlanMeta } from '$lib/model/plan';
import { parsePeriod } from '$lib/periods/codes';
import { FactCache } from './fact-cache';
import type { FactRequest, FactRequests, UnitSpec } from './fact-requests';
import { FactStore, roundFact } from './fact-store';
import { createTreeTables, descendantsAt, type PlanTree } from './hierarchy';
import { judgeCondition } from './judge';
import { rollUpTree } from './rollup';

/** Orders periods by end then start, so that "last" is the latest-ending, and of those the shortest. */
const PERIOD_ORDER = `(date_diff('day', DATE '1970-01-01', v.period_end) * 100000
	+ date_diff('day', DATE '1970-01-01', v.period_start))`;

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

/** One query's worth of series: each with its key in the cache and its row of `eval_req`. */
interface SeriesBatch {
	keys: string[];
	rows: SqlValue[][];
}

const createRequestTable = (conn: Connector, rows: SqlValue[][]) =>
	createTable(
		conn,
		'eval_req',
		'id INTEGER, indicator VARCHAR, programme VARCHAR, p_start DATE, p_end DATE',
		rows
	);

/**
 * `v.indicator IN (?, …)` for the batch's indicators, bound as values: a constant filter DuckDB applies while
 * scanning (and checks against each row group's min/max), where the join with `eval_req` alone would read every
 * row of `values` first.
 */
function indicatorFilter(batch: SeriesBatch): { sql: string; params: string[] } {
	const indicators = [...new Set(batch.rows.map((row) => String(row[1])))];
	return { sql: `v.indicator IN (${indicators.map(() => '?').join(', ')})`, params: indicators };
}

/** Each single unit's `total` of every series of the batch: the indicator aggregated over time in the window. */
async function leafTotals(
	conn: Connector,
	asOf: string,
	range: CodeRange,
	batch: SeriesBatch
): Promise<Array<Map<string, number | null>>> {
	await createRequestTable(conn, batch.rows);
	const widest = {
		start: batch.rows.reduce((min, r) => (String(r[3]) < min ? String(r[3]) : min), '9999-12-31'),
		end: batch.rows.reduce((max, r) => (String(r[4]) > max ? String(r[4]) : max), '0000-01-01')
	};
	const indicators = indicatorFilter(batch);
	const rows = await conn.query<{ id: number; unit: string; value: number | null }>(
		`WITH req AS (
		   SELECT r.*, i.time_aggregation AS ta
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
		     AND v.period_start >= CAST(? AS DATE) AND v.period_end <= CAST(? AS DATE) AND ${indicators.sql}
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
		 )
		 SELECT o.id, o.org_unit AS unit,
		   CASE q.ta WHEN 'max' THEN o.mx WHEN 'min' THEN o.mn WHEN 'avg' THEN o.av ELSE o.s END AS value
		 FROM over_time o JOIN req q ON q.id = o.id`,
		[...range, asOf, widest.start, widest.end, ...indicators.params]
	);
	const values = batch.keys.map(() => new Map<string, number | null>());
	for (const row of rows) values[row.id]?.set(row.unit, row.value);
	return values;
}

/** A unit's last value in the plan period up to the as-of date, and its last value before the period. */
export interface ChangeEnds {
	current?: number | null;
	baseline?: number | null;
}

/** Each single unit's ends of a `change` for every series of the batch. */
async function leafChanges(
	conn: Connector,
	asOf: string,
	range: CodeRange,
	batch: SeriesBatch
): Promise<Array<Map<string, ChangeEnds>>> {
	await createRequestTable(conn, batch.rows);
	const periodEnd = batch.rows.reduce((max, r) => (String(r[4]) > max ? String(r[4]) : max), '0000-01-01');
	const indicators = indicatorFilter(batch);
	const rows = await conn.query<{ id: number; unit: string; before: boolean; value: number | null }>(
		`WITH matched AS (
		   SELECT r.id, v.org_unit, v.value, ${PERIOD_ORDER} AS k, v.period_end < r.p_start AS before
		   FROM eval_req r
		   JOIN indicators i ON i.code = r.indicator
		   JOIN "values" v ON v.indicator = r.indicator
		   ${MEMBER_JOIN('v')}
		   WHERE ((v.period_start >= r.p_start AND v.period_end <= r.p_end AND v.period_start <= CAST(? AS DATE))
		          OR v.period_end < r.p_start)
		     /* Implied by both branches; as constants DuckDB applies them while scanning. */
		     AND v.period_start <= CAST(? AS DATE) AND v.period_end <= CAST(? AS DATE) AND ${indicators.sql}
		 ),
		 per_period AS (
		   SELECT id, org_unit, before, k, sum(value) AS s FROM matched GROUP BY id, org_unit, before, k
		 )
		 SELECT id, org_unit AS unit, before, arg_max(s, k) AS value FROM per_period GROUP BY id, org_unit, before`,
		[...range, asOf, asOf, periodEnd, ...indicators.params]
	);
	const values = batch.keys.map(() => new Map<string, ChangeEnds>());
	for (const row of rows) {
		const ends = values[row.id]?.get(row.unit) ?? {};
		if (row.before) ends.baseline = row.value;
		else ends.current = row.value;
		values[row.id]?.set(row.unit, ends);
	}
	return values;
}

/** A small table of request rows (`id` first), in chunks of bound values. */
async function createTable(
	conn: Connector,
	name: string,
	columns: string,
	rows: SqlValue[][]
): Promise<void> {
	await conn.exec(`CREATE OR REPLACE TEMP TABLE ${name} (${columns})`);
	const width = rows[0]?.length ?? 0;
	const row = `(${Array.from({ length: width }, () => '?').join(', ')})`;
	for (let i = 0; i < rows.length; i += 200) {
		const chunk = rows.slice(i, i + 200);
		await conn.exec(`INSERT INTO ${name} VALUES ${chunk.map(() => row).join(', ')}`, chunk.flat());
	}
}

/** Each unit's quota of every indicator asked for, for the plan period. */
async function leafAssigned(
	conn: Connector,
	plan: PlanMeta,
	indicators: string[]
): Promise<Array<Map<string, number | null>>> {
	await createTable(
		conn,
		'eval_assigned',
		'id INTEGER, indicator VARCHAR',
		indicators.map((code, id) => [id, code])
	);
	const rows = await conn.query<{ id: number; unit: string; target: number | null }>(
		`SELECT r.id, t.org_unit AS unit, t.target FROM targets t JOIN eval_assigned r ON r.indicator = t.indicator
		 WHERE t.period_start = CAST(? AS DATE) AND t.period_end = CAST(? AS DATE)
		   AND t.org_unit IN (SELECT code FROM eval_members)`,
		[plan.period.start, plan.period.end]
	);
	const values = indicators.map(() => new Map<string, number | null>());
	for (const row of rows) values[row.id]?.set(row.unit, row.target);
	return values;
}

/** Each unit's first sending date of every report asked for (of one period, or of the plan period). */
async function leafSubmitted(
	conn: Connector,
	plan: PlanMeta,
	asOf: string,
	range: CodeRange,
	asked: Array<{ report: string; period: string | null }>
): Promise<Array<Map<string, string>>> {
	await createTable(
		conn,
		'eval_reports',
		'id INTEGER, report VARCHAR, period VARCHAR',
		asked.map((a, id) => [id, a.report, a.period])
	);
	// A report sent after the as-of date had not been sent yet on that date.
	const rows = await conn.query<{ id: number; unit: string; submitted: string }>(
		`SELECT r.id, s.org_unit AS unit, strftime(min(s.submitted_on), '%Y-%m-%d') AS submitted
		 FROM submissions s JOIN eval_reports r ON r.report = s.report
		 ${MEMBER_JOIN('s')}
		 WHERE s.submitted_on <= CAST(? AS DATE)
		   AND (CASE WHEN r.period IS NOT NULL THEN s.period = r.period
		        ELSE s.period_start >= CAST(? AS DATE) AND s.period_end <= CAST(? AS DATE) END)
		 GROUP BY r.id, s.org_unit`,
		[...range, asOf, plan.period.start, plan.period.end]
	);
	const values = asked.map(() => new Map<string, string>());
	for (const row of rows) values[row.id]?.set(row.unit, row.submitted);
	return values;
}

/** What a fact request's single-unit values are made of, and how to key them in the cache. */
interface LeafSpec {
	request: FactRequest;
	key: string;
	/** The `eval_req` row of total and change series, without its id: indicator, programme, window. */
	row: SqlValue[] | null;
}

/**
 * The series a request needs, or null when it can have no value (an unknown period code, a missing indicator).
 * The key names everything the single-unit values depend on: the tree's date (which unit holds a code), the
 * window, and the as-of date where it cuts the window.
 */
function leafSpec(plan: PlanMeta, asOf: string, onDate: string, request: FactRequest): LeafSpec | null {
	const { indicator, programme, report, period } = request.params;
	const key = (...parts: unknown[]) => JSON.stringify([request.fact, onDate, ...parts]);
	if (request.fact === 'total') {
		const window = windowOf(plan, period);
		if (!window || typeof indicator !== 'string') return null;
		const cut = asOf < window.end ? asOf : window.end;
		const programmeCode = typeof programme === 'string' ? programme : null;
		return {
			request,
			key: key(indicator, programmeCode, window.start, window.end, cut),
			row: [indicator, programmeCode, window.start, window.end]
		};
	}
	if (request.fact === 'change') {
		if (typeof indicator !== 'string') return null;
		const { start, end } = plan.period;
		const cut = asOf < end ? asOf : end;
		return { request, key: key(indicator, start, end, cut), row: [indicator, null, start, end] };
	}
	if (request.fact === 'assigned') {
		if (typeof indicator !== 'string') return null;
		return { request, key: key(indicator, plan.period.start, plan.period.end), row: null };
	}
	if (request.fact === 'submittedOn') {
		if (typeof report !== 'string') return null;
		const byPeriod = typeof period === 'string' ? period : null;
		return { request, key: key(report, byPeriod, plan.period.start, plan.period.end, asOf), row: null };
	}
	return null;
}

/**
 * Each series' values at the units of `tree`, by key: from the cache, or queried for the whole tree and kept
 * there (the returned map holds them even if the cache lets some go).
 */
async function seriesValues(
	conn: Connector,
	plan: PlanMeta,
	asOf: string,
	tree: PlanTree,
	specs: LeafSpec[],
	cache: FactCache
): Promise<Map<string, Map<string, unknown>>> {
	const found = new Map<string, Map<string, unknown>>();
	const missing = new Map<string, LeafSpec>();
	for (const spec of specs) {
		const values = cache.values<unknown>(spec.key, tree);
		if (values) found.set(spec.key, values);
		else missing.set(spec.key, spec);
	}
	if (missing.size === 0) return found;
	const keep = (key: string, values: Map<string, unknown>) => {
		cache.keep(key, tree, values);
		found.set(key, values);
	};
	await createTreeTables(conn, tree);
	const range = codeRange(tree);
	const batchOf = (fact: string): SeriesBatch => {
		const chosen = [...missing.values()].filter((spec) => spec.request.fact === fact);
		return {
			keys: chosen.map((spec) => spec.key),
			rows: chosen.map((spec, id) => [id, ...(spec.row as SqlValue[])])
		};
	};
	const totals = batchOf('total');
	if (totals.keys.length > 0) {
		const values = await leafTotals(conn, asOf, range, totals);
		totals.keys.forEach((key, i) => keep(key, values[i] as Map<string, number | null>));
	}
	const changes = batchOf('change');
	if (changes.keys.length > 0) {
		const values = await leafChanges(conn, asOf, range, changes);
		changes.keys.forEach((key, i) => keep(key, values[i] as Map<string, ChangeEnds>));
	}
	const assigned = [...missing.values()].filter((spec) => spec.request.fact === 'assigned');
	if (assigned.length > 0) {
		const indicators = assigned.map((spec) => spec.request.params.indicator as string);
		const values = await leafAssigned(conn, plan, indicators);
		assigned.forEach((spec, i) => keep(spec.key, values[i] as Map<string, number | null>));
	}
	const submitted = [...missing.values()].filter((spec) => spec.request.fact === 'submittedOn');
	if (submitted.length > 0) {
		const asked = submitted.map(({ request: { params } }) => ({
			report: params.report as string,
			period: typeof params.period === 'string' ? params.period : null
		}));
		const values = await leafSubmitted(conn, plan, asOf, range, asked);
		submitted.forEach((spec, i) => keep(spec.key, values[i] as Map<string, string>));
	}
	return found;
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

/** Computes every request into a FactStore, querying only the series `cache` does not hold for this tree. */
export async function computeFacts(
	conn: Connector,
	plan: PlanMeta,
	asOf: string,
	tree: PlanTree,
	requests: FactRequests,
	cache: FactCache = new FactCache()
): Promise<FactStore> {
	const store = new FactStore();
	const all = [...requests.values()];
	const of = (fact: string) => all.filter((r) => r.fact === fact);
	const specs: LeafSpec[] = [];
	for (const request of all) {
		const spec = leafSpec(plan, asOf, tree.onDate, request);
		if (spec) specs.push(spec);
	}
	const series = await seriesValues(conn, plan, asOf, tree, specs, cache);
	const indicators = await cache.indicators(conn);
	for (const spec of specs) {
		const values = series.get(spec.key) ?? new Map<string, unknown>();
		const { request } = spec;
		if (request.fact === 'assigned' || request.fact === 'submittedOn') {
			for (const code of tree.units.keys()) {
				const value = values.get(code);
				if (value !== undefined)
					store.set(
						request.key,
						code,
						request.fact === 'assigned' ? roundFact(value as number | null) : value
					);
			}
			continue;
		}
		const how = indicators.get(request.params.indicator as string)?.unitAggregation;
		if (!how) continue;
		const needed = unitsOf(tree, request.where);
		if (request.fact === 'total') {
			const own = request.params.own === true;
			const valueOf = (code: string) => values.get(code) as number | null | undefined;
			const rolled = own ? null : rollUpTree(tree, valueOf, how);
			for (const unit of needed) {
				const total = own ? valueOf(unit) : rolled?.get(unit);
				if (total !== undefined) store.set(request.key, unit, roundFact(total));
			}
			continue;
		}
		const ends = (code: string) => values.get(code) as ChangeEnds | undefined;
		const current = rollUpTree(tree, (code) => ends(code)?.current, how);
		const baseline = rollUpTree(tree, (code) => ends(code)?.baseline, how);
		for (const unit of needed) {
			const now = current.get(unit);
			const before = baseline.get(unit);
			if (now === undefined && before === undefined) continue;
			const change =
				now === undefined || now === null || before === undefined || before === null ? null : now - before;
			store.set(request.key, unit, roundFact(change));
		}
	}
	for (const request of of('ratio')) computeRatio(tree, request, store);
	const meeting = of('unitsMeeting').sort((a, b) => depth(a) - depth(b));
	for (const request of meeting) computeUnitsMeeting(tree, request, store);
	return store;
}
