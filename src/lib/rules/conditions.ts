/** Walking condition trees: leaves in document order, fact references, canonical fact keys. Pure. */
import { JSONPath } from 'jsonpath-plus';
import type { Condition, FactReference, LeafCondition, PlanRule } from '$lib/model/plan';

export function isLeaf(condition: Condition): condition is LeafCondition {
	return 'fact' in condition;
}

/** The leaf conditions of a tree in document order (the order `measure` counts in). */
export function leavesOf(condition: Condition): LeafCondition[] {
	if (isLeaf(condition)) return [condition];
	if ('all' in condition) return condition.all.flatMap(leavesOf);
	if ('any' in condition) return condition.any.flatMap(leavesOf);
	return leavesOf(condition.not);
}

export function isFactReference(value: unknown): value is FactReference {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && 'fact' in value;
}

/** The leaf that gives a rule's actual and target. */
export function measureLeaf(rule: PlanRule): LeafCondition {
	const leaves = leavesOf(rule.conditions);
	return leaves[rule.measure ?? 0] ?? (leaves[0] as LeafCondition);
}

/** JSON with sorted keys, so that equal params give equal keys whatever their order in the file. */
export function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
			a < b ? -1 : a > b ? 1 : 0
		);
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/** The key of a fact with its params (without the unit). */
export function factKey(fact: string, params: Record<string, unknown>): string {
	return `${fact}${canonicalJson(params)}`;
}

/**
 * Resolves a condition's JSONPath on a fact value exactly as json-rules-engine does: the paths our facts use
 * (`$.share`, `$['count']`) directly, anything else through jsonpath-plus, the engine's own resolver.
 */
export function resolvePath(value: unknown, path: string | undefined): unknown {
	// As json-rules-engine's almanac: a path applies only to objects; any other value is returned as it is.
	if (!path || value === null || typeof value !== 'object') return value;
	const match = /^\$(?:\.([A-Za-z_]\w*)|\['([A-Za-z_]\w*)'\])$/.exec(path);
	const key = match?.[1] ?? match?.[2];
	if (key) return (value as Record<string, unknown>)[key];
	// Anything else goes through the resolver json-rules-engine itself uses, so that both agree exactly.
	return JSONPath({ path, json: value as object, wrap: false });
}

/** Whether a condition's fact value is a share 0–1 (shown as %): a ratio, or a `unitsMeeting` share in either path spelling. */
export function isShareCondition(condition: { fact: string; path?: string | null }): boolean {
	return condition.fact === 'ratio' || resolvePath({ share: true }, condition.path ?? undefined) === true;
}
