/**
 * The data-quality problems of a plan at an as-of date — missing and late reports, periods without data,
 * suspicious values — computed once per (plan, as-of) and session, for the planner and the visit brief.
 */
import type { Connector } from '$lib/db/connector';
import type { PlanFile } from '$lib/model/plan';
import { onDataChange } from '$lib/state/data-changes';
import { dataGaps, type DataGap } from './gaps';
import { reportProblems, type ReportProblem } from './reports';
import { suspiciousValues, type SuspiciousValue } from './suspicious';

export type { DataGap, ReportProblem, SuspiciousValue };

export interface Quality {
	reports: ReportProblem[];
	gaps: DataGap[];
	suspicious: SuspiciousValue[];
}

export async function computeQuality(conn: Connector, plan: PlanFile, asOf: string): Promise<Quality> {
	return {
		reports: await reportProblems(conn, plan, asOf),
		gaps: await dataGaps(conn, plan, asOf),
		suspicious: await suspiciousValues(conn, plan, asOf)
	};
}

const cache = new Map<string, { conn: Connector; quality: Promise<Quality> }>();
// An import changes the data: every cached result is stale.
onDataChange(() => cache.clear());

/** `computeQuality`, cached by connection, plan and date (a failure is dropped so that it can be retried). */
export function qualityOf(conn: Connector, plan: PlanFile, asOf: string): Promise<Quality> {
	const key = `${asOf}@${JSON.stringify(plan)}`;
	const cached = cache.get(key);
	if (cached?.conn === conn) return cached.quality;
	const quality = computeQuality(conn, plan, asOf);
	cache.set(key, { conn, quality });
	quality.catch(() => cache.delete(key));
	return quality;
}

/** One entry per problem for the planner's count; a value flagged on both grounds counts once. */
export function problemList(
	quality: Quality
): { unit: string; kind: 'missing' | 'late' | 'gap' | 'suspicious' }[] {
	const seen = new Set<string>();
	const suspicious = quality.suspicious.filter((flag) => {
		const key = `${flag.unit}\u0000${flag.indicator}\u0000${flag.period}\u0000${flag.programme ?? ''}`;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
	return [
		...quality.reports.map((p) => ({ unit: p.unit, kind: p.kind })),
		...quality.gaps.map((g) => ({ unit: g.unit, kind: 'gap' as const })),
		...suspicious.map((s) => ({ unit: s.unit, kind: 'suspicious' as const }))
	];
}

/** The part of the problems at a unit or below it (`isWithin(code)`). */
export function qualityWithin(quality: Quality, isWithin: (code: string) => boolean): Quality {
	return {
		reports: quality.reports.filter((p) => isWithin(p.unit)),
		gaps: quality.gaps.filter((g) => isWithin(g.unit)),
		suspicious: quality.suspicious.filter((s) => isWithin(s.unit))
	};
}
