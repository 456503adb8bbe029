/**
 * Evaluations cached by (plan, as-of): a plan evaluated once is not evaluated again when the user comes back to
 * it, switches language or drills down. Beneath them, one FactCache per connection keeps the facts each
 * evaluation queried, so that the same plan at another unit (a drill-down step) or with another target value
 * (the editor's preview) needs no query. A failed evaluation is dropped from the cache so that it can be retried;
 * an import clears both.
 */
import type { Connector } from '$lib/db/connector';
import type { PlanFile } from '$lib/model/plan';
import { evaluatePlan, type Evaluation } from '$lib/rules/evaluate';
import { FactCache } from '$lib/rules/fact-cache';
import { onDataChange } from './data-changes';

const cache = new Map<string, Promise<Evaluation>>();
/** By connection (the app has one, the session's: the scratch databases of rule tests keep no cache). */
const facts = new Map<Connector, FactCache>();
// An import changes the data: every cached evaluation and fact is stale.
onDataChange(() => {
	cache.clear();
	for (const factCache of facts.values()) factCache.clear();
});

/** The facts cache of a connection, for evaluations made outside `evaluationOf` (the editor's preview). */
export function factCacheOf(conn: Connector): FactCache {
	let factCache = facts.get(conn);
	if (!factCache) {
		factCache = new FactCache();
		facts.set(conn, factCache);
	}
	return factCache;
}

export function evaluationOf(conn: Connector, plan: PlanFile, asOf: string): Promise<Evaluation> {
	const key = `${asOf}@${JSON.stringify(plan)}`;
	let evaluation = cache.get(key);
	if (!evaluation) {
		evaluation = evaluatePlan(conn, plan, asOf, factCacheOf(conn));
		cache.set(key, evaluation);
		evaluation.catch(() => cache.delete(key));
	}
	return evaluation;
}
