/**
 * Rolls single units' values up a plan tree: a unit's value aggregates its own and every unit's under it by the
 * indicator's `unit_aggregation`, as SQL's aggregates do — units without a value take no part, NULLs are skipped,
 * and a unit with no value anywhere under it has none. Pure.
 */
import type { UnitAggregation } from '$lib/model/data';
import type { PlanTree } from './hierarchy';

/** The tree's units root first, each after its parent, with its parent's position (-1 for the root). */
interface TreeOrder {
	codes: string[];
	parents: Int32Array;
}

const orders = new WeakMap<PlanTree, TreeOrder>();

function orderOf(tree: PlanTree): TreeOrder {
	let order = orders.get(tree);
	if (order) return order;
	const codes = [tree.root.code];
	const parents = [-1];
	for (let i = 0; i < codes.length; i++) {
		for (const child of tree.children.get(codes[i] as string) ?? []) {
			codes.push(child);
			parents.push(i);
		}
	}
	order = { codes, parents: Int32Array.from(parents) };
	orders.set(tree, order);
	return order;
}

/**
 * Every unit's aggregate over its subtree (itself and every unit under it), in one pass from the leaves up: a
 * national tree has 10,800 units and a plan rolls up dozens of series. Units without a value anywhere under them
 * are absent from the result; a unit whose values are all null gets null.
 */
export function rollUpTree(
	tree: PlanTree,
	valueOf: (code: string) => number | null | undefined,
	how: UnitAggregation
): Map<string, number | null> {
	const { codes, parents } = orderOf(tree);
	const n = codes.length;
	const rows = new Uint32Array(n);
	const count = new Uint32Array(n);
	const result = new Float64Array(n);
	for (let i = 0; i < n; i++) {
		const value = valueOf(codes[i] as string);
		if (value === undefined) continue;
		rows[i] = 1;
		if (value === null) continue;
		count[i] = 1;
		result[i] = value;
	}
	// Children come after their parents, so going backwards merges every unit before its parent.
	for (let i = n - 1; i > 0; i--) {
		const p = parents[i] as number;
		rows[p] = (rows[p] as number) + (rows[i] as number);
		if (count[i] === 0) continue;
		const mine = result[i] as number;
		const theirs = result[p] as number;
		if (count[p] === 0) result[p] = mine;
		else if (how === 'sum' || how === 'avg') result[p] = theirs + mine;
		else if (how === 'max') result[p] = Math.max(theirs, mine);
		else result[p] = Math.min(theirs, mine);
		count[p] = (count[p] as number) + (count[i] as number);
	}
	const rolled = new Map<string, number | null>();
	for (let i = 0; i < n; i++) {
		if (rows[i] === 0) continue;
		const c = count[i] as number;
		rolled.set(
			codes[i] as string,
			c === 0 ? null : how === 'avg' ? (result[i] as number) / c : (result[i] as number)
		);
	}
	return rolled;
}
