/**
 * Evaluates every bundled plan (`rules/*.json`) on the embedded default data (`data/`) at the as-of date the home
 * page opens it on, and prints the scorecards as JSON (src/lib/rules/precomputed.ts). `vite build` runs it
 * (vite.config.ts) so that the app can show a first scorecard while DuckDB-WASM starts.
 *
 *   npx tsx --tsconfig tsconfig.node.json scripts/precompute-scorecards.ts [--today YYYY-MM-DD] > out.json
 *
 * It runs the same engine as the browser (DuckDB-WASM, here in Node) over the same files, loaded the same way
 * (unchecked: the test suite checks the default data).
 */
import { readFileSync } from 'node:fs';
import { readDataDir, readRuleFiles } from '../src/cli/files';
import { loadDataset } from '../src/lib/db/load';
import { createWasmNodeConnector } from '../src/lib/db/wasm-node';
import type { PlanFile } from '../src/lib/model/plan';
import { parseIsoDate, todayIso } from '../src/lib/periods/dates';
import { evaluatePlan } from '../src/lib/rules/evaluate';
import { FactCache } from '../src/lib/rules/fact-cache';
import {
	planFingerprint,
	unitsNamedIn,
	type PrecomputedScorecard,
	type PrecomputedScorecards
} from '../src/lib/rules/precomputed';
import { planAsOf } from '../src/lib/rules/status';
import { unitsOn } from '../src/lib/state/units';

function todayArgument(argv: readonly string[]): string {
	const at = argv.indexOf('--today');
	if (at < 0) return todayIso();
	const day = parseIsoDate(argv[at + 1]);
	if (!day) throw new Error(`--today needs a date YYYY-MM-DD, got ${JSON.stringify(argv[at + 1])}`);
	return day;
}

async function main(): Promise<void> {
	const today = todayArgument(process.argv.slice(2));
	const conn = await createWasmNodeConnector();
	try {
		const reports = await loadDataset(conn, readDataDir('data'), undefined, { checked: false });
		const problems = reports.flatMap((r) => r.problems);
		// A broken default file would give a scorecard the live app would not: better none at all.
		if (problems.length > 0) throw new Error(`the default data has problems: ${JSON.stringify(problems[0])}`);
		const facts = new FactCache();
		const scorecards: PrecomputedScorecard[] = [];
		for (const { file } of readRuleFiles('rules')) {
			// The app parses the bundled files the same way (src/lib/state/plans.ts): a file it cannot parse has
			// no scorecard there either.
			let plan: PlanFile;
			try {
				plan = JSON.parse(readFileSync(file, 'utf8')) as PlanFile;
			} catch {
				continue;
			}
			const asOf = planAsOf(plan.plan, today);
			const evaluation = await evaluatePlan(conn, plan, asOf, facts);
			const directory = await unitsOn(conn, plan.plan.period.start);
			const named = unitsNamedIn(evaluation.results);
			scorecards.push({
				plan: plan.plan.id,
				planFingerprint: planFingerprint(plan),
				asOf,
				// Through JSON: the explanations are made on first read (evaluate.ts) and must be written out.
				evaluation: JSON.parse(JSON.stringify(evaluation)) as PrecomputedScorecard['evaluation'],
				units: [...directory.values()].filter((u) => named.has(u.code))
			});
		}
		const output: PrecomputedScorecards = { builtOn: today, scorecards };
		process.stdout.write(JSON.stringify(output));
	} finally {
		await conn.close();
	}
}

main().catch((error: unknown) => {
	console.error(`precompute-scorecards: ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
});
