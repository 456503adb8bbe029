/**
 * Facts of single units kept across evaluations of the same data: the value of each "series" (an indicator over a
 * window at an as-of date, a quota, a report's sending date) at every unit of a tree, before it is rolled up the
 * tree. The national scorecard computes them for the whole country once; a drill-down page, the same plan at
 * another unit, then needs no query at all (issue #8: a step under 100 ms). The owner clears the cache when the
 * data change (src/lib/state/evaluations.ts); an evaluation without a cache gets a fresh one.
 */
import type { Connector } from '$lib/db/connector';
import type { TimeAggregation, UnitAggregation } from '$lib/model/data';
import { buildPlanTree, cutTree, type PlanTree } from './hierarchy';

/** What evaluation needs to know of an indicator. */
export interface IndicatorFacts {
	timeAggregation: TimeAggregation;
	unitAggregation: UnitAggregation;
	/** The unit word (hộ, người, …), '' when none. */
	unit: string;
}

interface Series {
	/** Trees the series was computed for; a tree is covered when its root is in one of them. */
	trees: PlanTree[];
	values: Map<string, unknown>;
}

/** Series kept at most (the oldest go first): each as-of date the user picks adds a national plan's worth. */
const MAX_SERIES = 400;

export class FactCache {
	readonly #series = new Map<string, Series>();
	/** Trees read by query, by date; any unit's tree on that date is cut from one holding it. */
	readonly #trees = new Map<string, PlanTree[]>();
	#indicators: Promise<Map<string, IndicatorFacts>> | null = null;

	/** The tree under a unit on a date: cut from a tree read earlier that holds the unit, or read. */
	async tree(conn: Connector, rootCode: string, onDate: string): Promise<PlanTree | null> {
		for (const tree of this.#trees.get(onDate) ?? []) {
			const cut = cutTree(tree, rootCode);
			if (cut) return cut;
		}
		const tree = await buildPlanTree(conn, rootCode, onDate);
		if (tree) this.#trees.set(onDate, [...(this.#trees.get(onDate) ?? []), tree]);
		return tree;
	}

	/** Each indicator's aggregations and unit word, read once. */
	indicators(conn: Connector): Promise<Map<string, IndicatorFacts>> {
		this.#indicators ??= conn
			.query<{
				code: string;
				unit: string | null;
				time_aggregation: TimeAggregation;
				unit_aggregation: UnitAggregation;
			}>('SELECT code, unit, time_aggregation, unit_aggregation FROM indicators')
			.then(
				(rows) =>
					new Map(
						rows.map((row) => [
							row.code,
							{
								timeAggregation: row.time_aggregation,
								unitAggregation: row.unit_aggregation,
								unit: row.unit ?? ''
							}
						])
					)
			);
		this.#indicators.catch(() => (this.#indicators = null));
		return this.#indicators;
	}

	/**
	 * A series' values by unit code when it was computed for a tree holding `tree`'s root (a tree holds every unit
	 * under each of its units on its date, which the series key names); a code without a value had none. null when
	 * the series still has to be computed for `tree`.
	 */
	values<V>(key: string, tree: PlanTree): Map<string, V> | null {
		const series = this.#series.get(key);
		if (!series?.trees.some((t) => t.units.has(tree.root.code))) return null;
		return series.values as Map<string, V>;
	}

	/**
	 * Keeps a series' values computed at every unit of `tree`. The map becomes the cache's (values of other trees
	 * are added to it later), not a copy: a national series holds a value per commune.
	 */
	keep<V>(key: string, tree: PlanTree, values: Map<string, V>): void {
		const series = this.#series.get(key);
		if (!series) {
			this.#series.set(key, { trees: [tree], values });
			for (const oldest of this.#series.keys()) {
				if (this.#series.size <= MAX_SERIES) break;
				this.#series.delete(oldest);
			}
			return;
		}
		series.trees.push(tree);
		for (const [code, value] of values) series.values.set(code, value);
	}

	clear(): void {
		this.#series.clear();
		this.#trees.clear();
		this.#indicators = null;
	}
}
