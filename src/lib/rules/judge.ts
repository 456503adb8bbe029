/**
 * Judges a condition tree on fact values, the way json-rules-engine does (all / any / not, `path`, fact references
 * as values) and with the same operator functions. Used where a condition is judged inside a fact
 * (`unitsMeeting`), where running an engine per sub-unit would be wasteful; tests check it agrees with the engine.
 */
import type { Condition, LeafCondition } from '$lib/model/plan';
import { isFactReference, isLeaf, resolvePath } from './conditions';
import { applyOperator } from './operators';

/** Reads a fact's value at a unit; null when there is none. */
export type FactLookup = (fact: string, params: Record<string, unknown>, unit: string) => unknown;

/** The compared value of a leaf: a literal, or a fact reference resolved at the same unit. */
export function leafValue(leaf: LeafCondition, unit: string, lookup: FactLookup): unknown {
	const value = leaf.value;
	if (!isFactReference(value)) return value;
	return resolvePath(lookup(value.fact, value.params ?? {}, unit), value.path);
}

/** The fact's value at a unit, after `path`. */
export function leafFactValue(leaf: LeafCondition, unit: string, lookup: FactLookup): unknown {
	return resolvePath(lookup(leaf.fact, leaf.params ?? {}, unit), leaf.path);
}

export function judgeCondition(condition: Condition, unit: string, lookup: FactLookup): boolean {
	if (isLeaf(condition)) {
		return applyOperator(
			condition.operator,
			leafFactValue(condition, unit, lookup),
			leafValue(condition, unit, lookup)
		);
	}
	if ('all' in condition) return condition.all.every((c) => judgeCondition(c, unit, lookup));
	// json-rules-engine counts an empty `any` as met, like an empty `all` (validation refuses both anyway).
	if ('any' in condition) {
		return condition.any.length === 0 || condition.any.some((c) => judgeCondition(c, unit, lookup));
	}
	return !judgeCondition(condition.not, unit, lookup);
}
