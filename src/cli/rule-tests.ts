/** `check` runs the worked examples inside plan files (rule tests) and reports each failure on stderr. */
import type { DataFile } from '$lib/db/load';
import { createWasmNodeConnector } from '$lib/db/wasm-node';
import {
	hasRuleTests,
	prepareTestDatabase,
	positionInText,
	runRuleTests,
	type ExpectationOutcome,
	type PlanWithTests,
	type TestDataProblem
} from '$lib/rules/rule-tests';

/** A valid plan file as `check` read it: the text is kept to point at lines. */
export interface TestedPlan {
	file: string;
	text: string;
	plan: PlanWithTests;
}

const shownActual = (actual: number | string | null | undefined) =>
	actual === undefined ? '' : ` (actual ${actual === null ? 'none' : JSON.stringify(actual)})`;

/** `file:line:column: $.tests[0].expect[1]`, the way the validator names places. */
function place(plan: TestedPlan, segments: ExpectationOutcome['segments'], path: string): string {
	const { line, column } = positionInText(plan.text, segments);
	return `${plan.file}:${line}:${column}: ${path}`;
}

export function describeFailure(plan: TestedPlan, outcome: ExpectationOutcome): string {
	const where = `${place(plan, outcome.segments, outcome.path)}: test ${JSON.stringify(outcome.test)}: rule ${JSON.stringify(outcome.rule)} at ${outcome.orgUnit}`;
	const wanted = `expected ${outcome.expected.status}${shownActual(outcome.expected.actual)}`;
	if (!outcome.got) return `${where}: ${wanted}, but the evaluation has no result there`;
	return `${where}: ${wanted}, got ${outcome.got.status}${shownActual(outcome.got.actual)}`;
}

export function describeTestDataProblem(plan: TestedPlan, problem: TestDataProblem): string {
	const value = problem.value === null ? '' : ` (${JSON.stringify(problem.value)})`;
	return `${place(plan, problem.segments, problem.path)}: test ${JSON.stringify(problem.test)}: row refused: ${problem.problem}${value}`;
}

/**
 * Runs the tests of every plan that has some, on a scratch database holding the data folder's reference tables;
 * returns the number of failed expectations (a test with refused rows fails whole).
 */
export async function checkRuleTests(
	plans: readonly TestedPlan[],
	data: readonly DataFile[]
): Promise<number> {
	const tested = plans.filter(({ plan }) => hasRuleTests(plan));
	if (tested.length === 0) return 0;
	const conn = await createWasmNodeConnector();
	let passed = 0;
	let failed = 0;
	try {
		await prepareTestDatabase(conn, data);
		for (const entry of tested) {
			const report = await runRuleTests(conn, entry.plan);
			for (const problem of report.problems) console.error(describeTestDataProblem(entry, problem));
			for (const outcome of report.outcomes)
				if (!outcome.passed) console.error(describeFailure(entry, outcome));
			passed += report.passed;
			failed += report.failed;
		}
	} finally {
		await conn.close();
	}
	console.error(`${passed + failed} rule test expectation(s): ${passed} passed, ${failed} failed`);
	return failed;
}
