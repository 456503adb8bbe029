/**
 * Evaluates a plan at an as-of date: facts in bulk by SQL (facts-sql.ts), conditions judged by json-rules-engine
 * (engine.ts), statuses (status.ts) and explanations (explain.ts). The same core serves the browser and the CLI.
 */
import type { Connector } from '$lib/db/connector';
import type { TimeAggregation } from '$lib/model/data';
import type {
	Condition,
	ConditionResult,
	LeafCondition,
	PlanFile,
	PlanRule,
	RuleResult,
	Status
} from '$lib/model/plan';
import { isLeaf, leavesOf, measureLeaf } from './conditions';
import { createRuleEngine, judgedLeaves, runRuleAt } from './engine';
import { explain } from './explain';
import { collectRequests, ruleUnitSpec } from './fact-requests';
import type { FactStore } from './fact-store';
import { computeFacts } from './facts-sql';
import { FactCache, type IndicatorFacts } from './fact-cache';
import type { PlanTree } from './hierarchy';
import { leafFactValue, leafValue, type FactLookup } from './judge';
import { applyOperator } from './operators';
import { UnitResult, type RuleWording } from './unit-result';
import { expectedShare, judgeEach, judgeStatus, planAsOf, type Judgement, type JudgedLeaf } from './status';

export interface Evaluation {
	plan: string;
	asOf: string;
	results: RuleResult[];
}

/** The units a rule is judged at, in code order. */
function unitsOfRule(rule: PlanRule, tree: PlanTree): string[] {
	const spec = ruleUnitSpec(rule, tree.root.level, tree.root.code);
	if (rule.scope && 'units' in rule.scope) return [...spec.units];
	const found: string[] = [];
	for (const unit of tree.units.values()) if (spec.levels.has(unit.level)) found.push(unit.code);
	return found.sort();
}

interface Context {
	planFile: PlanFile;
	asOf: string;
	/** The share of a cumulative target expected by the as-of date. */
	share: number;
	timeAggregationOf: (indicator: string) => TimeAggregation | null;
	store: FactStore;
	indicators: Map<string, IndicatorFacts>;
}

function unitWordOf(rule: PlanRule, indicators: Map<string, IndicatorFacts>): string | null {
	const indicator = measureLeaf(rule).params?.indicator;
	return typeof indicator === 'string' ? (indicators.get(indicator)?.unit ?? null) : null;
}

/** Whether any node of a condition tree sets a `priority` (json-rules-engine then evaluates it in stages). */
function hasPriority(condition: Condition): boolean {
	if ('priority' in condition && condition.priority !== undefined) return true;
	if (isLeaf(condition)) return false;
	const parts = 'all' in condition ? condition.all : 'any' in condition ? condition.any : [condition.not];
	return parts.some(hasPriority);
}

/**
 * How a rule is judged at one unit. json-rules-engine is the reference; without priorities it evaluates every
 * leaf of the tree (one stage), and judge.ts does exactly what it does, several times faster per unit (measured
 * by `npm run bench`). tests/unit/engine-judge.property.test.ts and bulk-vs-naive.property.test.ts hold them to
 * the same answers. With priorities the engine may skip later stages, so it judges those rules itself.
 */
interface Judged {
	met: boolean;
	leaves: JudgedLeaf[];
	/** The same leaves as the result reports them. */
	conditions: ConditionResult[];
}

type Judge = (unit: string) => Promise<Judged> | Judged;

/**
 * Whether a condition tree is met, from its leaves judged in `leavesOf` order: json-rules-engine without
 * priorities judges every leaf anyway, so each is judged once and the tree combined from their results.
 */
function metFromLeaves(condition: Condition, judged: JudgedLeaf[]): boolean {
	let next = 0;
	const met = (node: Condition): boolean => {
		if (isLeaf(node)) return (judged[next++] as JudgedLeaf).result;
		if ('not' in node) return !met(node.not);
		const parts = 'all' in node ? node.all : node.any;
		// Every part is visited, to keep `next` in step; an empty `any` is met, as in judge.ts.
		let all = true;
		let any = parts.length === 0;
		for (const part of parts) {
			const result = met(part);
			all &&= result;
			any ||= result;
		}
		return 'all' in node ? all : any;
	};
	return met(condition);
}

function ruleJudge(rule: PlanRule, leaves: LeafCondition[], lookup: FactLookup): Judge {
	if (hasPriority(rule.conditions)) {
		const engine = createRuleEngine(rule, lookup);
		return async (unit) => {
			const outcome = await runRuleAt(engine, unit);
			const judged = judgedLeaves(leaves, outcome);
			return { met: outcome.met, leaves: judged, conditions: judged.map(conditionResult) };
		};
	}
	return (unit) => {
		const judged: JudgedLeaf[] = [];
		const conditions: ConditionResult[] = [];
		for (const leaf of leaves) {
			const factValue = leafFactValue(leaf, unit, lookup) ?? null;
			const value = leafValue(leaf, unit, lookup) ?? null;
			const one = { leaf, factValue, value, result: applyOperator(leaf.operator, factValue, value) };
			judged.push(one);
			conditions.push(conditionResult(one));
		}
		return { met: metFromLeaves(rule.conditions, judged), leaves: judged, conditions };
	};
}

function conditionResult({ leaf, factValue, value, result }: JudgedLeaf): ConditionResult {
	return {
		fact: leaf.fact,
		params: leaf.params ?? {},
		path: leaf.path ?? null,
		operator: leaf.operator,
		factValue: factValue ?? null,
		value: value ?? null,
		result
	};
}

type MakeResult = (unit: string, judgement: Judgement, conditions: ConditionResult[]) => RuleResult;

/** Makes one rule's results at its units (unit-result.ts), sharing what their sentences need from the rule. */
function resultMaker(rule: PlanRule, ctx: Context): MakeResult {
	const plan = ctx.planFile.plan.id;
	const wording: RuleWording = {
		leaf: measureLeaf(rule),
		asOf: ctx.asOf,
		unitWord: unitWordOf(rule, ctx.indicators)
	};
	return (unit, judgement, conditions) =>
		new UnitResult(plan, rule.name, unit, judgement, conditions, wording);
}

/** One unit's result; synchronous, so that a national drill-down does not wait a turn per judgement. */
function evaluateAt(
	rule: PlanRule,
	unit: string,
	judged: Judged,
	ctx: Context,
	make: MakeResult
): RuleResult {
	const judgement = judgeStatus({
		met: judged.met,
		leaves: judged.leaves,
		measure: rule.measure ?? 0,
		plan: ctx.planFile.plan,
		asOf: ctx.asOf,
		share: ctx.share,
		timeAggregationOf: ctx.timeAggregationOf
	});
	return make(unit, judgement, judged.conditions);
}

async function evaluateRule(rule: PlanRule, tree: PlanTree, ctx: Context): Promise<RuleResult> {
	const lookup = (fact: string, params: Record<string, unknown>, unit: string) =>
		ctx.store.get(fact, params, unit);
	const leaves = leavesOf(rule.conditions);
	const judge = ruleJudge(rule, leaves, lookup);
	const units = unitsOfRule(rule, tree);
	const make = resultMaker(rule, ctx);
	if (!rule.scope) return evaluateAt(rule, tree.root.code, await judge(tree.root.code), ctx, make);
	const perUnit: RuleResult[] = [];
	// Awaited one by one: json-rules-engine is several times slower when one Engine runs concurrently.
	for (const unit of units) {
		const judged = judge(unit);
		perUnit.push(evaluateAt(rule, unit, judged instanceof Promise ? await judged : judged, ctx, make));
	}
	const statuses = perUnit.map((r) => r.status);
	const judgement = judgeEach(statuses, ctx.planFile.plan, ctx.asOf);
	const byStatus: Partial<Record<Status, number>> = {};
	for (const status of statuses) byStatus[status] = (byStatus[status] ?? 0) + 1;
	return {
		plan: ctx.planFile.plan.id,
		rule: rule.name,
		orgUnit: tree.root.code,
		...judgement,
		conditions: [],
		units: perUnit,
		explanation: explain({
			judgement,
			leaf: measureLeaf(rule),
			asOf: ctx.asOf,
			unitWord: null,
			units: { total: units.length, achieved: byStatus.achieved ?? 0, byStatus }
		})
	};
}

function unknownRoot(planFile: PlanFile, asOf: string): Evaluation {
	const judgement: Judgement = { status: 'no-data', actual: null, target: null, expected: null };
	const message = {
		vi: `Không có đơn vị ${planFile.plan.orgUnit} vào ngày ${planFile.plan.period.start}`,
		en: `No unit ${planFile.plan.orgUnit} exists on ${planFile.plan.period.start}`
	};
	return {
		plan: planFile.plan.id,
		asOf,
		results: planFile.rules.map((rule) => ({
			plan: planFile.plan.id,
			rule: rule.name,
			orgUnit: planFile.plan.orgUnit,
			...judgement,
			conditions: [],
			explanation: message
		}))
	};
}

// One evaluation at a time per process: they share temporary tables on the connection.
let queue: Promise<unknown> = Promise.resolve();

/** Runs `work` when no other evaluation is using the connection's temporary tables. */
export function exclusively<T>(work: () => Promise<T>): Promise<T> {
	const run = queue.then(work);
	queue = run.catch(() => undefined);
	return run;
}

/**
 * Evaluates every rule of a plan. `requestedAsOf` (default: today) is clamped to the plan period. The plan must
 * already be valid (validate.ts); the data must be loaded (db/load.ts). A `cache` shared between evaluations of
 * the same data spares them the queries an earlier one made (fact-cache.ts); its owner clears it when the data
 * change.
 */
export function evaluatePlan(
	conn: Connector,
	planFile: PlanFile,
	requestedAsOf: string,
	cache: FactCache = new FactCache()
): Promise<Evaluation> {
	return exclusively(async () => {
		const asOf = planAsOf(planFile.plan, requestedAsOf);
		const tree = await cache.tree(conn, planFile.plan.orgUnit, planFile.plan.period.start);
		if (!tree) return unknownRoot(planFile, asOf);
		const requests = collectRequests(planFile, tree.root.level);
		const store = await computeFacts(conn, planFile.plan, asOf, tree, requests, cache);
		const indicators = await cache.indicators(conn);
		const ctx: Context = {
			planFile,
			asOf,
			share: expectedShare(planFile.plan, asOf),
			timeAggregationOf: (code) => indicators.get(code)?.timeAggregation ?? null,
			store,
			indicators
		};
		const results: RuleResult[] = [];
		for (const rule of planFile.rules) results.push(await evaluateRule(rule, tree, ctx));
		return { plan: planFile.plan.id, asOf, results };
	});
}
