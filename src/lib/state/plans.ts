/** The plans the app knows: the bundled rule files, parsed. Files that do not parse are kept with their error. */
import type { PlanFile } from '$lib/model/plan';
import { bundledPlanSources, type PlanSource } from '$lib/plans/bundled';

export interface LoadedPlan {
	source: PlanSource;
	plan: PlanFile | null;
	error: string | null;
}

export const loadedPlans: LoadedPlan[] = bundledPlanSources.map((source) => {
	try {
		return { source, plan: JSON.parse(source.text) as PlanFile, error: null };
	} catch (error) {
		return { source, plan: null, error: error instanceof Error ? error.message : String(error) };
	}
});

export const plans: PlanFile[] = loadedPlans.flatMap((p) => (p.plan ? [p.plan] : []));

/** The plan named in the URL, else the newest plan (by start date). */
export function choosePlan(id: string | null): PlanFile | null {
	const named = plans.find((p) => p.plan.id === id);
	if (named) return named;
	return [...plans].sort((a, b) => b.plan.period.start.localeCompare(a.plan.period.start))[0] ?? null;
}
