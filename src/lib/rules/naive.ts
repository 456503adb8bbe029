/**
 * THE NAIVE WAY of evaluating a plan: the reference the bulk path (evaluate.ts, facts-sql.ts) must agree with
 * exactly, and the baseline `npm run bench` compares it against.
 *
 * For every rule and every unit it is judged at, a fresh json-rules-engine Engine runs the rule unchanged, and
 * every fact is a function that asks the database about THAT ONE UNIT: a simple query with bound parameters
 * fetches the raw rows of the unit (and its descendants), and plain JavaScript filters them by period and
 * aggregates them. `unitsMeeting` runs json-rules-engine again on every sub-unit. Nothing is shared with the bulk
 * path's fact code (facts-sql.ts, fact-store.ts, fact-requests.ts, judge.ts, hierarchy.ts): the hierarchy is
 * rebuilt here from `org_units`, periods are parsed from their codes. Only the contract's operators
 * (engine.ts → operators.ts), the status rules (status.ts) and the sentences (explain.ts) are shared, on purpose,
 * so that a comparison tests the facts and the judging.
 *
 * The semantics, spelled out (design.md §3–§5, docs/rules.md §4):
 * - the tree is the org-unit hierarchy valid on the plan's start date, under the plan's unit; a row (value,
 *   submission) belongs to a unit of the tree only when its period overlaps that unit's validity, since codes
 *   repeat across the 2025 reorganisation;
 * - a value counts when its period lies inside the plan period (or the `period` param's sub-period, intersected
 *   with the plan) and starts on or before the as-of date; `programme` keeps that programme's values only;
 * - `total`: per unit over time by `time_aggregation` (`last` = the sum of the unit's values in its latest period:
 *   latest end, then latest start), then over the unit and its descendants (`"own": true`: the unit alone) by
 *   `unit_aggregation`; `ratio` = total ÷ total, none when a side is missing or the denominator is 0;
 * - `change`: the unit-aggregate of each unit's last value in the plan (up to the as-of date) minus that of each
 *   unit's last value ending before the plan starts; none when either side has no value;
 * - `assigned`: the unit's own `targets` row whose period is exactly the plan period;
 * - `submittedOn`: the earliest `submitted_on` on or before the as-of date, for that report and `period` code
 *   (else any period inside the plan);
 * - `unitsMeeting`: `{count, total, share}` over the units of `level` below the unit, `share` none when there are
 *   none; numbers are rounded to 9 decimals (as fact-store.ts's roundFact) so that sums compare exactly.
 *
 * It is kept correct and honest rather than fast: one query per fact per unit, no caching across units, but no
 * artificial slowness either.
 */
import { Engine, type RuleProperties } from 'json-rules-engine';
import type { Connector } from '$lib/db/connector';
import type { Level, TimeAggregation, UnitAggregation } from '$lib/model/data';
import type {
	Condition,
	ConditionResult,
	LeafCondition,
	PlanFile,
	PlanMeta,
	PlanRule,
	RuleResult,
	Status
} from '$lib/model/plan';
import { parsePeriod } from '$lib/periods/codes';
import { registerOperators } from './engine';
import type { Evaluation } from './evaluate';
import { explain } from './explain';
import { judgeEach, judgeStatus, planAsOf, type JudgedLeaf, type Judgement } from './status';

interface Indicator {
	unit: string;
	timeAggregation: TimeAggregation;
	unitAggregation: UnitAggregation;
}

interface Unit {
	code: string;
	level: Level;
	children: string[];
	/** The unit's validity (inclusive ISO dates, null = open): codes repeat across the 2025 reorganisation. */
	validFrom: string | null;
	validTo: string | null;
}

/** The units under (and including) the plan's unit, in the hierarchy valid on the plan's start date. */
interface Hierarchy {
	root: Unit;
	units: Map<string, Unit>;
}

interface Context {
	conn: Connector;
	plan: PlanMeta;
	asOf: string;
	hierarchy: Hierarchy;
	indicators: Map<string, Indicator>;
}

/** Bound lists are sent in chunks so that no statement gets an unbounded number of placeholders. */
const CHUNK = 1000;

/** Math.round to 9 decimals, as every numeric fact is compared and shown (see fact-store.ts). */
function round(value: number | null): number | null {
	if (value === null || !Number.isFinite(value)) return null;
	return Math.round(value * 1e9) / 1e9;
}

// ---------------------------------------------------------------------------------------------- hierarchy

async function readHierarchy(conn: Connector, rootCode: string, onDate: string): Promise<Hierarchy | null> {
	const rows = await conn.query<{
		code: string;
		level: Level;
		parent_code: string | null;
		valid_from: string | null;
		valid_to: string | null;
	}>(
		`SELECT code, level, parent_code, strftime(valid_from, '%Y-%m-%d') AS valid_from,
		   strftime(valid_to, '%Y-%m-%d') AS valid_to
		 FROM org_units`
	);
	const valid = rows.filter(
		(r) => (r.valid_from === null || r.valid_from <= onDate) && (r.valid_to === null || r.valid_to >= onDate)
	);
	const byCode = new Map<string, (typeof valid)[number]>();
	for (const r of valid) byCode.set(r.code, r);
	const childrenOf = new Map<string, string[]>();
	for (const u of byCode.values()) {
		if (u.parent_code === null) continue;
		const list = childrenOf.get(u.parent_code) ?? [];
		list.push(u.code);
		childrenOf.set(u.parent_code, list);
	}
	const top = byCode.get(rootCode);
	if (!top) return null;
	// Walk down from the plan's unit; a unit is reached once even if the data had a cycle.
	const units = new Map<string, Unit>();
	const stack = [rootCode];
	while (stack.length > 0) {
		const code = stack.pop() as string;
		const unit = byCode.get(code);
		if (!unit || units.has(code)) continue;
		const children = childrenOf.get(code) ?? [];
		units.set(code, {
			code,
			level: unit.level,
			children,
			validFrom: unit.valid_from,
			validTo: unit.valid_to
		});
		stack.push(...children);
	}
	return { root: units.get(rootCode) as Unit, units };
}

/** The unit and every unit below it. */
function selfAndDescendants(hierarchy: Hierarchy, code: string): string[] {
	const found: string[] = [];
	const stack = [code];
	while (stack.length > 0) {
		const next = stack.pop() as string;
		const unit = hierarchy.units.get(next);
		if (!unit) continue;
		found.push(next);
		stack.push(...unit.children);
	}
	return found;
}

// ---------------------------------------------------------------------------------------------- facts

async function readIndicators(conn: Connector): Promise<Map<string, Indicator>> {
	const rows = await conn.query<{
		code: string;
		unit: string | null;
		time_aggregation: TimeAggregation;
		unit_aggregation: UnitAggregation;
	}>('SELECT code, unit, time_aggregation, unit_aggregation FROM indicators');
	return new Map(
		rows.map((r) => [
			r.code,
			{ unit: r.unit ?? '', timeAggregation: r.time_aggregation, unitAggregation: r.unit_aggregation }
		])
	);
}

type ValueRow = {
	org_unit: string;
	period: string;
	value: number;
	programme: string | null;
};

/** Raw value rows of one indicator at some units. */
async function valueRows(conn: Connector, indicator: string, units: string[]): Promise<ValueRow[]> {
	const rows: ValueRow[] = [];
	for (let i = 0; i < units.length; i += CHUNK) {
		const chunk = units.slice(i, i + CHUNK);
		const placeholders = chunk.map(() => '?').join(', ');
		rows.push(
			...(await conn.query<ValueRow>(
				`SELECT org_unit, period, value, programme FROM "values"
				 WHERE indicator = ? AND org_unit IN (${placeholders})`,
				[indicator, ...chunk]
			))
		);
	}
	return rows;
}

interface Dated {
	unit: string;
	start: string;
	end: string;
	value: number;
}

/**
 * Whether a row's period overlaps the validity of the tree's unit with its code: a code reused across the 2025
 * reorganisation names another unit outside that window (the loader's unit check uses the same overlap).
 */
function heldBy(hierarchy: Hierarchy, code: string, start: string, end: string): boolean {
	const unit = hierarchy.units.get(code);
	if (!unit) return false;
	return (
		(unit.validFrom === null || end >= unit.validFrom) && (unit.validTo === null || start <= unit.validTo)
	);
}

/** Rows with their period's dates, kept only when they belong to the tree's unit of that code. */
function dated(hierarchy: Hierarchy, rows: ValueRow[]): Dated[] {
	const out: Dated[] = [];
	for (const row of rows) {
		const period = parsePeriod(row.period);
		if (!period || !heldBy(hierarchy, row.org_unit, period.start, period.end)) continue;
		out.push({ unit: row.org_unit, start: period.start, end: period.end, value: row.value });
	}
	return out;
}

function groupByUnit(rows: Dated[]): Map<string, Dated[]> {
	const byUnit = new Map<string, Dated[]>();
	for (const row of rows) {
		const list = byUnit.get(row.unit) ?? [];
		list.push(row);
		byUnit.set(row.unit, list);
	}
	return byUnit;
}

/** The sum of a unit's values in its latest period: the latest end, and of those the latest start. */
function lastValue(rows: Dated[]): number {
	let end = '';
	let start = '';
	for (const r of rows) {
		if (r.end > end || (r.end === end && r.start > start)) {
			end = r.end;
			start = r.start;
		}
	}
	return rows.filter((r) => r.end === end && r.start === start).reduce((s, r) => s + r.value, 0);
}

const sum = (values: number[]) => values.reduce((s, v) => s + v, 0);
const max = (values: number[]) => values.reduce((m, v) => (v > m ? v : m), -Infinity);
const min = (values: number[]) => values.reduce((m, v) => (v < m ? v : m), Infinity);

function overTime(aggregation: TimeAggregation, rows: Dated[]): number {
	if (aggregation === 'last') return lastValue(rows);
	const values = rows.map((r) => r.value);
	return overUnits(aggregation, values) as number;
}

/** Combines values by sum, avg, max or min; null for no values. */
function overUnits(aggregation: UnitAggregation, values: number[]): number | null {
	if (values.length === 0) return null;
	if (aggregation === 'sum') return sum(values);
	if (aggregation === 'avg') return sum(values) / values.length;
	return aggregation === 'max' ? max(values) : min(values);
}

/** The plan period, or the `period` param's sub-period intersected with it; null when they do not meet. */
function windowOf(plan: PlanMeta, period: unknown): { start: string; end: string } | null {
	if (period === undefined || period === null) return plan.period;
	const parsed = typeof period === 'string' ? parsePeriod(period) : null;
	if (!parsed) return null;
	const start = parsed.start > plan.period.start ? parsed.start : plan.period.start;
	const end = parsed.end < plan.period.end ? parsed.end : plan.period.end;
	return start <= end ? { start, end } : null;
}

async function total(ctx: Context, unit: string, params: Record<string, unknown>): Promise<number | null> {
	const { indicator, programme, period, own } = params;
	if (typeof indicator !== 'string' || !ctx.hierarchy.units.has(unit)) return null;
	const info = ctx.indicators.get(indicator);
	const window = windowOf(ctx.plan, period);
	if (!info || !window) return null;
	const units = own === true ? [unit] : selfAndDescendants(ctx.hierarchy, unit);
	const rows = (await valueRows(ctx.conn, indicator, units)).filter(
		(r) => typeof programme !== 'string' || r.programme === programme
	);
	const counted = dated(ctx.hierarchy, rows).filter(
		(r) => r.start >= window.start && r.end <= window.end && r.start <= ctx.asOf
	);
	const perUnit = [...groupByUnit(counted).values()].map((list) => overTime(info.timeAggregation, list));
	return round(overUnits(info.unitAggregation, perUnit));
}

async function ratio(ctx: Context, unit: string, params: Record<string, unknown>): Promise<number | null> {
	const numerator = await total(ctx, unit, { indicator: params.numerator });
	const denominator = await total(ctx, unit, { indicator: params.denominator });
	if (numerator === null || denominator === null || denominator === 0) return null;
	return round(numerator / denominator);
}

async function change(ctx: Context, unit: string, params: Record<string, unknown>): Promise<number | null> {
	const { indicator } = params;
	if (typeof indicator !== 'string' || !ctx.hierarchy.units.has(unit)) return null;
	const info = ctx.indicators.get(indicator);
	if (!info) return null;
	const rows = dated(
		ctx.hierarchy,
		await valueRows(ctx.conn, indicator, selfAndDescendants(ctx.hierarchy, unit))
	);
	const { start, end } = ctx.plan.period;
	const inPlan = rows.filter((r) => r.start >= start && r.end <= end && r.start <= ctx.asOf);
	const before = rows.filter((r) => r.end < start);
	const current = overUnits(info.unitAggregation, [...groupByUnit(inPlan).values()].map(lastValue));
	const baseline = overUnits(info.unitAggregation, [...groupByUnit(before).values()].map(lastValue));
	if (current === null || baseline === null) return null;
	return round(current - baseline);
}

async function assigned(ctx: Context, unit: string, params: Record<string, unknown>): Promise<number | null> {
	const { indicator } = params;
	if (typeof indicator !== 'string' || !ctx.hierarchy.units.has(unit)) return null;
	const rows = await ctx.conn.query<{ period: string; target: number }>(
		'SELECT period, target FROM targets WHERE org_unit = ? AND indicator = ?',
		[unit, indicator]
	);
	const row = rows.find((r) => {
		const period = parsePeriod(r.period);
		return period !== null && period.start === ctx.plan.period.start && period.end === ctx.plan.period.end;
	});
	return row ? round(row.target) : null;
}

async function submittedOn(
	ctx: Context,
	unit: string,
	params: Record<string, unknown>
): Promise<string | null> {
	const { report, period } = params;
	if (typeof report !== 'string' || !ctx.hierarchy.units.has(unit)) return null;
	const rows = await ctx.conn.query<{ period: string; submitted_on: string }>(
		`SELECT period, strftime(submitted_on, '%Y-%m-%d') AS submitted_on FROM submissions
		 WHERE org_unit = ? AND report = ?`,
		[unit, report]
	);
	const { start, end } = ctx.plan.period;
	const dates = rows
		.filter((r) => {
			// A report sent after the as-of date had not been sent yet on that date.
			const p = parsePeriod(r.period);
			if (r.submitted_on > ctx.asOf || !p || !heldBy(ctx.hierarchy, unit, p.start, p.end)) return false;
			return typeof period === 'string' ? r.period === period : p.start >= start && p.end <= end;
		})
		.map((r) => r.submitted_on)
		.sort();
	return dates[0] ?? null;
}

async function unitsMeeting(
	ctx: Context,
	unit: string,
	params: Record<string, unknown>
): Promise<{ count: number; total: number; share: number | null } | null> {
	if (!ctx.hierarchy.units.has(unit)) return null;
	const level = params.level;
	const condition = params.condition as Condition;
	const subUnits = selfAndDescendants(ctx.hierarchy, unit)
		.filter((code) => code !== unit && ctx.hierarchy.units.get(code)?.level === level)
		.sort();
	let count = 0;
	for (const sub of subUnits) {
		// The inner condition is judged by json-rules-engine too, in a run of its own at the sub-unit.
		const engine = unitEngine(ctx, sub, { conditions: { all: [condition] }, event: { type: 'x' } });
		const { results } = await engine.run();
		if (results.length > 0) count++;
	}
	const totalUnits = subUnits.length;
	return { count, total: totalUnits, share: round(count / totalUnits) };
}

type FactFunction = (ctx: Context, unit: string, params: Record<string, unknown>) => Promise<unknown>;

const FACTS: Record<string, FactFunction> = { total, ratio, change, assigned, unitsMeeting, submittedOn };

/** A fresh engine holding one rule, whose facts are queried for `unit` alone. */
function unitEngine(ctx: Context, unit: string, rule: Pick<PlanRule, 'conditions' | 'event'>): Engine {
	const engine = new Engine([], { allowUndefinedFacts: false });
	registerOperators(engine);
	for (const [name, compute] of Object.entries(FACTS)) {
		engine.addFact(name, (params) => compute(ctx, unit, (params ?? {}) as Record<string, unknown>));
	}
	engine.addRule(rule as unknown as RuleProperties);
	return engine;
}

// ---------------------------------------------------------------------------------------------- judging

/** The leaves of a condition tree in document order (the order `measure` counts in). */
function leavesInOrder(condition: Condition): LeafCondition[] {
	if ('fact' in condition) return [condition];
	if ('all' in condition) return condition.all.flatMap(leavesInOrder);
	if ('any' in condition) return condition.any.flatMap(leavesInOrder);
	return leavesInOrder(condition.not);
}

/** A node of json-rules-engine's evaluated condition tree. */
interface EvaluatedNode {
	all?: EvaluatedNode[];
	any?: EvaluatedNode[];
	not?: EvaluatedNode;
	factResult?: unknown;
	valueResult?: unknown;
	result?: boolean;
}

function evaluatedLeaves(node: EvaluatedNode): EvaluatedNode[] {
	if (node.all) return node.all.flatMap(evaluatedLeaves);
	if (node.any) return node.any.flatMap(evaluatedLeaves);
	if (node.not) return evaluatedLeaves(node.not);
	return [node];
}

function measureOf(rule: PlanRule): LeafCondition | undefined {
	const leaves = leavesInOrder(rule.conditions);
	return leaves[rule.measure ?? 0] ?? leaves[0];
}

function unitWordOf(rule: PlanRule, indicators: Map<string, Indicator>): string | null {
	const indicator = measureOf(rule)?.params?.indicator;
	return typeof indicator === 'string' ? (indicators.get(indicator)?.unit ?? null) : null;
}

async function judgeAt(ctx: Context, rule: PlanRule, unit: string, planId: string): Promise<RuleResult> {
	const engine = unitEngine(ctx, unit, rule);
	const { results, failureResults } = await engine.run();
	const outcome = results[0] ?? failureResults[0];
	if (!outcome) throw new Error('json-rules-engine returned no result for the rule');
	const evaluated = evaluatedLeaves(outcome.conditions as unknown as EvaluatedNode);
	const judged: JudgedLeaf[] = leavesInOrder(rule.conditions).map((leaf, i) => ({
		leaf,
		factValue: evaluated[i]?.factResult ?? null,
		value: evaluated[i]?.valueResult ?? null,
		result: evaluated[i]?.result === true
	}));
	const judgement = judgeStatus({
		met: outcome.result === true,
		leaves: judged,
		measure: rule.measure ?? 0,
		plan: ctx.plan,
		asOf: ctx.asOf,
		timeAggregationOf: (code) => ctx.indicators.get(code)?.timeAggregation ?? null
	});
	const conditions: ConditionResult[] = judged.map(({ leaf, factValue, value, result }) => ({
		fact: leaf.fact,
		params: leaf.params ?? {},
		path: leaf.path ?? null,
		operator: leaf.operator,
		factValue: factValue ?? null,
		value: value ?? null,
		result
	}));
	return {
		plan: planId,
		rule: rule.name,
		orgUnit: unit,
		...judgement,
		conditions,
		explanation: explain({
			judgement,
			leaf: measureOf(rule),
			asOf: ctx.asOf,
			unitWord: unitWordOf(rule, ctx.indicators)
		})
	};
}

/** The units a scoped rule is judged at: every unit of a level in the plan's part of the tree, or the list. */
function scopeUnits(rule: PlanRule, hierarchy: Hierarchy): string[] {
	if (rule.scope && 'units' in rule.scope) return [...new Set(rule.scope.units)];
	const level = rule.scope && 'each' in rule.scope ? rule.scope.each : null;
	return [...hierarchy.units.values()]
		.filter((u) => u.level === level)
		.map((u) => u.code)
		.sort();
}

async function judgeRule(ctx: Context, rule: PlanRule, planId: string): Promise<RuleResult> {
	const root = ctx.hierarchy.root.code;
	if (!rule.scope) return judgeAt(ctx, rule, root, planId);
	const units: RuleResult[] = [];
	for (const code of scopeUnits(rule, ctx.hierarchy)) units.push(await judgeAt(ctx, rule, code, planId));
	const statuses = units.map((u) => u.status);
	const judgement = judgeEach(statuses, ctx.plan, ctx.asOf);
	const byStatus: Partial<Record<Status, number>> = {};
	for (const status of statuses) byStatus[status] = (byStatus[status] ?? 0) + 1;
	return {
		plan: planId,
		rule: rule.name,
		orgUnit: root,
		...judgement,
		conditions: [],
		units,
		explanation: explain({
			judgement,
			leaf: measureOf(rule),
			asOf: ctx.asOf,
			unitWord: null,
			units: { total: units.length, achieved: byStatus.achieved ?? 0, byStatus }
		})
	};
}

function noRoot(planFile: PlanFile, asOf: string): Evaluation {
	const { id, orgUnit, period } = planFile.plan;
	const judgement: Judgement = { status: 'no-data', actual: null, target: null, expected: null };
	const explanation = {
		vi: `Không có đơn vị ${orgUnit} vào ngày ${period.start}`,
		en: `No unit ${orgUnit} exists on ${period.start}`
	};
	return {
		plan: id,
		asOf,
		results: planFile.rules.map((rule) => ({
			plan: id,
			rule: rule.name,
			orgUnit,
			...judgement,
			conditions: [],
			explanation
		}))
	};
}

/**
 * Evaluates every rule of a plan the naive way (see the top of this file); same inputs and result as
 * `evaluatePlan` in evaluate.ts. `requestedAsOf` is clamped to the plan period.
 */
export async function evaluatePlanNaive(
	conn: Connector,
	planFile: PlanFile,
	requestedAsOf: string
): Promise<Evaluation> {
	const plan = planFile.plan;
	const asOf = planAsOf(plan, requestedAsOf);
	const hierarchy = await readHierarchy(conn, plan.orgUnit, plan.period.start);
	if (!hierarchy) return noRoot(planFile, asOf);
	const ctx: Context = { conn, plan, asOf, hierarchy, indicators: await readIndicators(conn) };
	const results: RuleResult[] = [];
	for (const rule of planFile.rules) results.push(await judgeRule(ctx, rule, plan.id));
	return { plan: plan.id, asOf, results };
}
