/**
 * json-rules-engine as the judge of a rule's conditions: the rule goes in unchanged, facts are read from the bulk
 * FactStore for the unit being judged, and the operators are ours (operators.ts). One Engine per rule is reused
 * for every unit, and runs are awaited one after the other (running one Engine under Promise.all is much slower).
 */
import { Engine, Operator, type RuleProperties } from 'json-rules-engine';
import { FACT_NAMES, type LeafCondition, type OperatorName, type PlanRule } from '$lib/model/plan';
import { OPERATORS } from './operators';
import type { FactLookup } from './judge';
import type { JudgedLeaf } from './status';

/** What the engine found for one leaf condition, in document order. */
export interface LeafOutcome {
	factValue: unknown;
	value: unknown;
	result: boolean;
}

export interface RuleOutcome {
	met: boolean;
	leaves: LeafOutcome[];
}

/** The engine's outcome for each leaf, next to the leaf itself: what statuses are judged from. */
export function judgedLeaves(leaves: LeafCondition[], outcome: RuleOutcome): JudgedLeaf[] {
	return leaves.map((leaf, i) => ({
		leaf,
		factValue: outcome.leaves[i]?.factValue ?? null,
		value: outcome.leaves[i]?.value ?? null,
		result: outcome.leaves[i]?.result ?? false
	}));
}

/** Registers our operators on an engine, replacing json-rules-engine's defaults of the same names. */
export function registerOperators(engine: Engine): void {
	for (const [name, definition] of Object.entries(OPERATORS)) {
		engine.addOperator(new Operator(name, definition.test, definition.accepts));
	}
}

/** An engine holding one rule whose facts come from `lookup` at the unit named by the runtime fact `unit`. */
export function createRuleEngine(rule: PlanRule, lookup: FactLookup): Engine {
	const engine = new Engine([], { allowUndefinedFacts: false });
	registerOperators(engine);
	for (const fact of FACT_NAMES) {
		engine.addFact(fact, async (params, almanac) => {
			const unit = (await almanac.factValue('unit')) as string;
			return lookup(fact, (params ?? {}) as Record<string, unknown>, unit);
		});
	}
	engine.addRule(rule as unknown as RuleProperties);
	return engine;
}

interface EvaluatedNode {
	all?: EvaluatedNode[];
	any?: EvaluatedNode[];
	not?: EvaluatedNode;
	factResult?: unknown;
	valueResult?: unknown;
	result?: boolean;
	operator?: OperatorName;
}

function leafOutcomes(node: EvaluatedNode): LeafOutcome[] {
	if (node.all) return node.all.flatMap(leafOutcomes);
	if (node.any) return node.any.flatMap(leafOutcomes);
	if (node.not) return leafOutcomes(node.not);
	return [
		{ factValue: node.factResult ?? null, value: node.valueResult ?? null, result: node.result === true }
	];
}

/** Runs the engine's one rule at a unit. */
export async function runRuleAt(engine: Engine, unit: string): Promise<RuleOutcome> {
	const { results, failureResults } = await engine.run({ unit });
	const outcome = results[0] ?? failureResults[0];
	if (!outcome) throw new Error('json-rules-engine returned no result for the rule');
	const conditions = outcome.toJSON(false) as unknown as { conditions: EvaluatedNode };
	return { met: outcome.result === true, leaves: leafOutcomes(conditions.conditions) };
}
