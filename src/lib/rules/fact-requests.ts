/**
 * Which facts a plan needs, and at which units. Requests are keyed by fact and params, so that a fact used by
 * several rules is computed once, and every request is computed for all its units in one go. Pure.
 */
import type { Level } from '$lib/model/data';
import type { Condition, FactName, PlanFile, PlanRule } from '$lib/model/plan';
import { factKey, isFactReference, isLeaf } from './conditions';

/** Where a fact is needed: every unit of some levels under the plan's unit, and/or some named units. */
export interface UnitSpec {
	levels: Set<Level>;
	units: Set<string>;
}

export interface FactRequest {
	key: string;
	fact: FactName;
	params: Record<string, unknown>;
	where: UnitSpec;
}

export type FactRequests = Map<string, FactRequest>;

/** The units a rule is judged at: the plan's unit, each unit of a level, or the named units. */
export function ruleUnitSpec(rule: PlanRule, rootLevel: Level, rootCode: string): UnitSpec {
	if (rule.scope && 'each' in rule.scope) return { levels: new Set([rule.scope.each]), units: new Set() };
	if (rule.scope && 'units' in rule.scope) return { levels: new Set(), units: new Set(rule.scope.units) };
	return { levels: new Set([rootLevel]), units: new Set([rootCode]) };
}

function addRequest(
	requests: FactRequests,
	fact: FactName,
	params: Record<string, unknown>,
	where: UnitSpec
) {
	const key = factKey(fact, params);
	const existing = requests.get(key);
	if (existing) {
		for (const level of where.levels) existing.where.levels.add(level);
		for (const unit of where.units) existing.where.units.add(unit);
	} else {
		requests.set(key, {
			key,
			fact,
			params,
			where: { levels: new Set(where.levels), units: new Set(where.units) }
		});
	}
	// Derived facts need their parts at the same units.
	if (fact === 'ratio') {
		addRequest(requests, 'total', { indicator: params.numerator }, where);
		addRequest(requests, 'total', { indicator: params.denominator }, where);
	}
	if (fact === 'unitsMeeting') {
		const level = params.level as Level;
		collectCondition(requests, params.condition as Condition, { levels: new Set([level]), units: new Set() });
	}
}

function collectCondition(requests: FactRequests, condition: Condition, where: UnitSpec): void {
	if (isLeaf(condition)) {
		addRequest(requests, condition.fact, condition.params ?? {}, where);
		if (isFactReference(condition.value))
			addRequest(requests, condition.value.fact, condition.value.params ?? {}, where);
		return;
	}
	const parts = 'all' in condition ? condition.all : 'any' in condition ? condition.any : [condition.not];
	for (const part of parts) collectCondition(requests, part, where);
}

/** Every fact a plan's rules need, with the units each is needed at. */
export function collectRequests(plan: PlanFile, rootLevel: Level): FactRequests {
	const requests: FactRequests = new Map();
	for (const rule of plan.rules) {
		collectCondition(requests, rule.conditions, ruleUnitSpec(rule, rootLevel, plan.plan.orgUnit));
	}
	return requests;
}
