/** The targets of every plan that belong to a programme (design.md §2: a programme across units and years). Pure. */
import type { PlanFile, PlanRule } from '$lib/model/plan';

export interface ProgrammeTarget {
	plan: PlanFile;
	rule: PlanRule;
}

/** Rules tagged with the programme, plan by plan (plans in start-date order, rules in file order). */
export function programmeTargets(plans: readonly PlanFile[], programme: string): ProgrammeTarget[] {
	return [...plans]
		.sort(
			(a, b) => a.plan.period.start.localeCompare(b.plan.period.start) || a.plan.id.localeCompare(b.plan.id)
		)
		.flatMap((plan) =>
			plan.rules.filter((rule) => rule.programme === programme).map((rule) => ({ plan, rule }))
		);
}

/** Programme codes that have at least one target, in first-seen order. */
export function programmesWithTargets(plans: readonly PlanFile[]): string[] {
	const codes: string[] = [];
	for (const plan of plans) {
		for (const rule of plan.rules)
			if (rule.programme && !codes.includes(rule.programme)) codes.push(rule.programme);
	}
	return codes;
}
