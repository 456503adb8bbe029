/**
 * Scorecards computed when the app is built, for the embedded default data and the bundled plans, so that the
 * first scorecard is on screen before DuckDB-WASM has even started (its instantiation alone takes about 2 s on an
 * office laptop: BENCHMARKS.md). The page shows one only while the live evaluation is not ready, only for the exact
 * plan and as-of date it was computed for, and only when the browser holds no imports; the live evaluation then
 * replaces it. Built by `scripts/precompute-scorecards.ts` during `vite build` (vite.config.ts).
 */
import type { PlanFile, RuleResult } from '$lib/model/plan';
import type { UnitInfo } from '$lib/state/units';
import type { Evaluation } from './evaluate';

export interface PrecomputedScorecard {
	/** The plan file's id, and a fingerprint of its whole content: an edited plan is not the one computed. */
	plan: string;
	planFingerprint: string;
	asOf: string;
	evaluation: Evaluation;
	/** The units the results name, for their names on the page (the full directory comes with the database). */
	units: UnitInfo[];
}

export interface PrecomputedScorecards {
	/** The build day: as-of dates of plans still running were clamped to it. */
	builtOn: string;
	scorecards: PrecomputedScorecard[];
}

/**
 * FNV-1a (32 bits) of the plan's JSON. It tells an edited plan from the one built, not an adversary's forgery: the
 * file and the scorecards come from the same build.
 */
export function planFingerprint(plan: PlanFile): string {
	const text = JSON.stringify(plan);
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return (hash >>> 0).toString(16).padStart(8, '0');
}

/** What identifies a precomputed scorecard: the app's index lists these, each scorecard fetched on demand. */
export type PrecomputedKey = Pick<PrecomputedScorecard, 'plan' | 'planFingerprint' | 'asOf'>;

/** The entry computed for this plan (same content) at this as-of date, if there is one. */
export function precomputedFor<Entry extends PrecomputedKey>(
	entries: readonly Entry[],
	plan: PlanFile,
	asOf: string
): Entry | null {
	const fingerprint = planFingerprint(plan);
	return (
		entries.find((e) => e.plan === plan.plan.id && e.asOf === asOf && e.planFingerprint === fingerprint) ??
		null
	);
}

/** Every unit code a result names: the unit judged, and those of its per-unit results. */
export function unitsNamedIn(results: readonly RuleResult[]): Set<string> {
	const codes = new Set<string>();
	const visit = (result: RuleResult) => {
		codes.add(result.orgUnit);
		for (const unit of result.units ?? []) visit(unit);
	};
	for (const result of results) visit(result);
	return codes;
}
