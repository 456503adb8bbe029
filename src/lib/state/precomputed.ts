/**
 * The first scorecard while DuckDB starts (src/lib/rules/precomputed.ts): found by plan and as-of date in the
 * build's index, and offered only when this browser keeps no imports, since those change the data it was
 * computed on.
 */
import index from 'virtual:precomputed-scorecards';
import { hasStoredImports } from '$lib/import-store/persist';
import type { PlanFile } from '$lib/model/plan';
import type { Evaluation } from '$lib/rules/evaluate';
import { precomputedFor } from '$lib/rules/precomputed';
import type { UnitDirectory } from './units';

export interface FirstScorecard {
	evaluation: Evaluation;
	/** Only the units the results name. */
	units: UnitDirectory;
}

let noImports: Promise<boolean> | null = null;

/** Resolves to null when there is none to show; never rejects (the live scorecard follows anyway). */
export async function precomputedScorecard(plan: PlanFile, asOf: string): Promise<FirstScorecard | null> {
	const entry = precomputedFor(index, plan, asOf);
	if (!entry) return null;
	try {
		// Asked once: an import made later changes the live data, and by then the live scorecard is on screen.
		noImports ??= hasStoredImports().then((has) => !has);
		// Both at once: the chunk's download and the IndexedDB question each take a few hundred ms at start.
		const [none, loaded] = await Promise.all([noImports, entry.load()]);
		if (!none) return null;
		const { evaluation, units } = loaded.default;
		return { evaluation, units: new Map(units.map((unit) => [unit.code, unit])) };
	} catch {
		// No IndexedDB (some private windows) or a chunk that did not arrive: wait for the live scorecard.
		return null;
	}
}
