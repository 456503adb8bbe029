/**
 * Rule tests: worked examples inside a plan file (`tests`, see static/schema/plan.schema.json) that pin down what a
 * target means — "160 households by 31/12 is missed, 161 is achieved". Each example is evaluated by the same code
 * as the real data, on a scratch database holding the loaded reference tables (org units, indicators, programmes,
 * reports) and only the example's own rows, so that the answer depends on nothing else.
 */
import type { Connector } from '$lib/db/connector';
import { loadDataset, loadFile, type DataFile, type DataProblem } from '$lib/db/load';
import type { TableName } from '$lib/model/data';
import { quoteIdent } from '$lib/db/identifiers';
import type { PlanFile, RuleResult, Status } from '$lib/model/plan';
import {
	formatJsonPath,
	lineStarts,
	locate,
	positionAt,
	scanJson,
	type PathSegment,
	type TextPosition
} from './json-position';
import { evaluatePlan, exclusively } from './evaluate';

/** The tables an example brings its own rows for; every other table comes from the loaded data. */
export const TEST_TABLES = ['values', 'targets', 'submissions'] as const;
export type TestTable = (typeof TEST_TABLES)[number];

type TestRow = Record<string, string | number>;

export interface RuleTestExpectation {
	rule: string;
	orgUnit?: string;
	status: Status;
	actual?: number | string | null;
}

export interface RuleTestCase {
	name: string;
	asOf: string;
	values?: TestRow[];
	targets?: TestRow[];
	submissions?: TestRow[];
	expect: RuleTestExpectation[];
}

/** A plan file that may carry tests (the key is optional: most plans have none). */
export type PlanWithTests = PlanFile & { tests?: RuleTestCase[] };

export interface ExpectationOutcome {
	test: string;
	/** `$.tests[0].expect[1]`: where the expectation is written, for the editor and the CLI. */
	path: string;
	/** The same place as segments, to find its line in the text (`locate` in json-position.ts). */
	segments: PathSegment[];
	rule: string;
	/** The unit judged: the expectation's `orgUnit`, or the plan's unit. */
	orgUnit: string;
	expected: { status: Status; actual?: number | string | null };
	/** What the evaluation gave; null when it has no result for that rule at that unit. */
	got: { status: Status; actual: number | string | null } | null;
	passed: boolean;
}

/** A row of an example that the loader refused (unknown unit, bad period…): the example cannot be trusted. */
export interface TestDataProblem {
	test: string;
	/** `$.tests[0].values[2].org_unit`. */
	path: string;
	segments: PathSegment[];
	problem: DataProblem['problem'];
	value: string | null;
}

export interface RuleTestReport {
	plan: string;
	outcomes: ExpectationOutcome[];
	problems: TestDataProblem[];
	passed: number;
	failed: number;
}

/** True for the tables a test brings its own rows for. */
export function isTestTable(table: TableName): table is TestTable {
	return (TEST_TABLES as readonly TableName[]).includes(table);
}

/** Only the reference tables of a dataset: what a scratch database for rule tests is loaded with. */
export function referenceFiles(files: readonly DataFile[]): DataFile[] {
	return files.filter((file) => !isTestTable(file.table));
}

/** Loads the reference files into an empty connection, so that it can run rule tests. */
export async function prepareTestDatabase(conn: Connector, files: readonly DataFile[]): Promise<void> {
	await loadDataset(conn, referenceFiles(files), undefined, { checked: false });
}

const CSV_COLUMNS: Record<TestTable, string[]> = {
	values: ['org_unit', 'indicator', 'period', 'value', 'programme'],
	targets: ['org_unit', 'indicator', 'period', 'target'],
	submissions: ['org_unit', 'report', 'period', 'submitted_on']
};

/** Every field quoted, quotes doubled: the rows come from an untrusted file and go through the loader's checks. */
function toCsv(columns: readonly string[], rows: readonly TestRow[]): Uint8Array {
	const field = (value: string | number | undefined) => `"${String(value ?? '').replaceAll('"', '""')}"`;
	const lines = [
		columns.map(field).join(','),
		...rows.map((row) => columns.map((c) => field(row[c])).join(','))
	];
	return new TextEncoder().encode(lines.join('\n') + '\n');
}

/** Replaces the example tables' rows with one test's rows; returns the rows the loader refused. */
async function loadTestRows(conn: Connector, test: RuleTestCase, index: number): Promise<TestDataProblem[]> {
	const problems: TestDataProblem[] = [];
	for (const table of TEST_TABLES) {
		await conn.exec(`DELETE FROM ${quoteIdent(table)}`);
		const rows = test[table] ?? [];
		if (rows.length === 0) continue;
		const report = await loadFile(conn, {
			table,
			name: `tests[${index}].${table}`,
			format: 'csv',
			bytes: toCsv(CSV_COLUMNS[table], rows)
		});
		for (const problem of report.problems) {
			// CSV line 2 is the first row: the header is line 1.
			const row = problem.row === null ? [] : [problem.row - 2];
			const column = problem.column === null ? [] : [problem.column];
			const segments = ['tests', index, table, ...row, ...column];
			problems.push({
				test: test.name,
				path: formatJsonPath(segments),
				segments,
				problem: problem.problem,
				value: problem.value
			});
		}
	}
	return problems;
}

function resultAt(results: readonly RuleResult[], rule: string, orgUnit: string | null): RuleResult | null {
	const top = results.find((r) => r.rule === rule);
	if (!top) return null;
	if (orgUnit === null || top.orgUnit === orgUnit) return top;
	return top.units?.find((u) => u.orgUnit === orgUnit) ?? null;
}

function sameActual(expected: number | string | null, got: number | string | null): boolean {
	if (typeof expected === 'number' && typeof got === 'number')
		return Math.abs(expected - got) <= 1e-9 * Math.max(1, Math.abs(expected));
	return expected === got;
}

function judge(
	expectation: RuleTestExpectation,
	got: RuleResult | null,
	test: string,
	segments: PathSegment[],
	planUnit: string
): ExpectationOutcome {
	const expected =
		expectation.actual === undefined
			? { status: expectation.status }
			: { status: expectation.status, actual: expectation.actual };
	const passed =
		got !== null &&
		got.status === expectation.status &&
		(expectation.actual === undefined || sameActual(expectation.actual, got.actual));
	return {
		test,
		path: formatJsonPath(segments),
		segments,
		rule: expectation.rule,
		orgUnit: expectation.orgUnit ?? planUnit,
		expected,
		got: got ? { status: got.status, actual: got.actual } : null,
		passed
	};
}

/**
 * Runs every test of a plan on `conn`, a scratch database prepared with `prepareTestDatabase` (its `values`,
 * `targets` and `submissions` are replaced by each test's rows). The plan must be valid.
 */
export async function runRuleTests(conn: Connector, planFile: PlanWithTests): Promise<RuleTestReport> {
	const report: RuleTestReport = { plan: planFile.plan.id, outcomes: [], problems: [], passed: 0, failed: 0 };
	const tests = planFile.tests ?? [];
	for (const [index, test] of tests.entries()) {
		// Loading shares the connection's tables with evaluations: wait for any running one.
		const problems = await exclusively(() => loadTestRows(conn, test, index));
		report.problems.push(...problems);
		const evaluation = await evaluatePlan(conn, planFile, test.asOf);
		test.expect.forEach((expectation, e) => {
			const got = resultAt(evaluation.results, expectation.rule, expectation.orgUnit ?? null);
			const segments = ['tests', index, 'expect', e];
			report.outcomes.push(judge(expectation, got, test.name, segments, planFile.plan.orgUnit));
		});
	}
	// A test whose rows were refused says nothing, whatever its statuses: it counts as failed.
	const broken = new Set(report.problems.map((p) => p.test));
	for (const outcome of report.outcomes) if (broken.has(outcome.test)) outcome.passed = false;
	report.passed = report.outcomes.filter((o) => o.passed).length;
	report.failed = report.outcomes.length - report.passed;
	return report;
}

/** True when the plan has tests to run. */
export function hasRuleTests(planFile: PlanWithTests): boolean {
	return (planFile.tests?.length ?? 0) > 0;
}

/** Where a test's outcome or problem is written in the plan's text, as a 1-based line and column. */
export function positionInText(text: string, segments: readonly PathSegment[]): TextPosition {
	return positionAt(lineStarts(text), locate(scanJson(text), segments, 'value'));
}
