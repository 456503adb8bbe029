/** Fact values by fact key and unit, as computed in bulk; a missing entry means "no value". */
import { factKey } from './conditions';

export class FactStore {
	readonly #values = new Map<string, Map<string, unknown>>();
	/**
	 * Each params object's values by fact: a rule's leaves ask with the same params object at every unit, and
	 * writing the key each time measured a large share of judging a national drill-down. A fact with no value
	 * yet gets its (empty) map now, which a later `set` fills, so that asking again does not write the key again.
	 * A store lives for one evaluation, during which nothing edits the plan.
	 */
	readonly #byParams = new WeakMap<object, Map<string, Map<string, unknown>>>();

	set(key: string, unit: string, value: unknown): void {
		let byUnit = this.#values.get(key);
		if (!byUnit) this.#values.set(key, (byUnit = new Map()));
		byUnit.set(unit, value);
	}

	get(fact: string, params: Record<string, unknown>, unit: string): unknown {
		const object = params ?? {};
		let byFact = this.#byParams.get(object);
		if (!byFact) this.#byParams.set(object, (byFact = new Map()));
		let byUnit = byFact.get(fact);
		if (!byUnit) {
			const key = factKey(fact, object);
			byUnit = this.#values.get(key);
			if (!byUnit) this.#values.set(key, (byUnit = new Map()));
			byFact.set(fact, byUnit);
		}
		return byUnit.get(unit) ?? null;
	}
}

/**
 * Sums in SQL and in JavaScript add in different orders, so their last bits differ; facts are compared and
 * shown at 9 decimals, which no count or share in a plan needs more of.
 */
export function roundFact(value: number | null): number | null {
	if (value === null || !Number.isFinite(value)) return null;
	return Math.round(value * 1e9) / 1e9;
}
