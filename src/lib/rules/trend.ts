/**
 * The actual of each plan-wide target over time: its measure fact computed at every month end of the plan up to
 * the as-of date, with the same bulk fact queries as the evaluation (facts-sql.ts), for the scorecard's trend
 * lines. Targets judged per unit (`each`, `units`) have no single measure and get no trend.
 */
import type { Connector } from '$lib/db/connector';
import type { PlanFile, PlanRule } from '$lib/model/plan';
import { daysInMonth, isoFromParts } from '$lib/periods/dates';
import { measureLeaf, resolvePath } from './conditions';
import { exclusively } from './evaluate';
import { collectRequests } from './fact-requests';
import { computeFacts } from './facts-sql';
import { buildPlanTree } from './hierarchy';
import { planAsOf } from './status';

export interface TrendPoint {
	date: string;
	value: number | null;
}

/** Month ends from the plan start up to `asOf`, and `asOf` itself when it is not a month end. Pure. */
export function monthEnds(start: string, asOf: string): string[] {
	const dates: string[] = [];
	let year = Number(start.slice(0, 4));
	let month = Number(start.slice(5, 7));
	for (;;) {
		const end = isoFromParts(year, month, daysInMonth(year, month));
		if (end >= asOf) break;
		dates.push(end);
		month = month === 12 ? 1 : month + 1;
		if (month === 1) year += 1;
	}
	return [...dates, asOf];
}

/** A plan holding only the plan-wide rules' measure leaves, so that only those facts are computed. */
function measuresOnly(plan: PlanFile): { plan: PlanFile; rules: PlanRule[] } {
	const rules = plan.rules.filter((rule) => !rule.scope);
	const measures = rules.map((rule) => ({ ...rule, conditions: { all: [measureLeaf(rule)] } }));
	return { plan: { ...plan, rules: measures }, rules };
}

/**
 * Trend points per rule name. `shouldStop` is asked between months so that a view the user has left stops
 * spending the database on it.
 */
export function measureTrends(
	conn: Connector,
	planFile: PlanFile,
	requestedAsOf: string,
	shouldStop: () => boolean = () => false
): Promise<Map<string, TrendPoint[]>> {
	return exclusively(async () => {
		const trends = new Map<string, TrendPoint[]>();
		const tree = await buildPlanTree(conn, planFile.plan.orgUnit, planFile.plan.period.start);
		if (!tree) return trends;
		const { plan, rules } = measuresOnly(planFile);
		const requests = collectRequests(plan, tree.root.level);
		for (const rule of rules) trends.set(rule.name, []);
		for (const date of monthEnds(planFile.plan.period.start, planAsOf(planFile.plan, requestedAsOf))) {
			if (shouldStop()) break;
			const store = await computeFacts(conn, planFile.plan, date, tree, requests);
			for (const rule of rules) {
				const leaf = measureLeaf(rule);
				const value = resolvePath(store.get(leaf.fact, leaf.params ?? {}, tree.root.code), leaf.path);
				trends.get(rule.name)?.push({ date, value: typeof value === 'number' ? value : null });
			}
		}
		return trends;
	});
}
