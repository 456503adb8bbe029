/**
 * Rolls single units' values up a plan tree: a unit's value aggregates its own and every unit's under it by the
 * indicator's `unit_aggregation`, as SQL's aggregates do — units without a value take no part, NULLs are skipped,
 * and a unit with no value anywhere under it has none. Pure.
 */
import type { UnitAggregation } from '$lib/model/data';
import type { PlanTree } from './hierarchy';

/** The codes of `code` and every unit under it. */
export function subtreeOf(tree: PlanTree, code: string): string[] {
	const found = [code];
	for (let i = 0; i < found.length; i++) found.push(...(tree.children.get(found[i] as string) ?? []));
	return found;
}

/**
 * `undefined` when no unit of `codes` has a value (no row, in SQL terms); null when all values are null;
 * otherwise the aggregate of the numbers.
 */
export function aggregate(
	codes: readonly string[],
	valueOf: (code: string) => number | null | undefined,
	how: UnitAggregation
): number | null | undefined {
	let rows = 0;
	let count = 0;
	let result = 0;
	for (const code of codes) {
		const value = valueOf(code);
		if (value === undefined) continue;
		rows += 1;
		if (value === null) continue;
		if (count === 0) result = value;
		else if (how === 'sum' || how === 'avg') result += value;
		else if (how === 'max') result = Math.max(result, value);
		else result = Math.min(result, value);
		count += 1;
	}
	if (rows === 0) return undefined;
	if (count === 0) return null;
	return how === 'avg' ? result / count : result;
}
