/**
 * Evaluations cached by (plan, as-of): a plan evaluated once is not evaluated again when the user comes back to
 * it, switches language or drills down. A failed evaluation is dropped from the cache so that it can be retried.
 */
import type { Connector } from '$lib/db/connector';
import type { PlanFile } from '$lib/model/plan';
import { evaluatePlan, type Evaluation } from '$lib/rules/evaluate';
import { onDataChange } from './data-changes';

const cache = new Map<string, Promise<Evaluation>>();
// An import changes the data: every cached evaluation is stale.
onDataChange(() => cache.clear());

export function evaluationOf(conn: Connector, plan: PlanFile, asOf: string): Promise<Evaluation> {
	const key = `${asOf}@${JSON.stringify(plan)}`;
	let evaluation = cache.get(key);
	if (!evaluation) {
		evaluation = evaluatePlan(conn, plan, asOf);
		cache.set(key, evaluation);
		evaluation.catch(() => cache.delete(key));
	}
	return evaluation;
}
