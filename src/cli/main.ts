/**
 * The command line (design.md §6): the same evaluation core as the browser, on DuckDB-WASM in Node by default or
 * native DuckDB with `--engine native`. stdout carries JSON only; every problem goes to stderr.
 */
import type { Connector } from '$lib/db/connector';
import { loadDataset, type DataProblem } from '$lib/db/load';
import { createNativeConnector } from '$lib/db/native';
import { createWasmNodeConnector } from '$lib/db/wasm-node';
import type { RuleResult } from '$lib/model/plan';
import { todayIso } from '$lib/periods/dates';
import { readCatalogue } from '$lib/rules/catalogue';
import { evaluatePlan } from '$lib/rules/evaluate';
import type { PlanWithTests } from '$lib/rules/rule-tests';
import { validatePlanText, type PlanProblem } from '$lib/rules/validate';
import { parseArgs, UsageError, USAGE, type Command } from './args';
import { readDataDir, readRuleFiles } from './files';
import { readPartitions } from './partitions';
import { isQualityPath, checkQualityRules } from './quality-check';
import { checkRuleTests, type TestedPlan } from './rule-tests';

const describeDataProblem = (p: DataProblem) =>
	`${p.file}${p.row === null ? '' : `:${p.row}`}${p.column ? ` [${p.column}]` : ''}: ${p.problem}` +
	`${p.value === null ? '' : ` (${JSON.stringify(p.value)})`}${p.detail ? `: ${p.detail}` : ''}`;

const describePlanProblem = (p: PlanProblem) =>
	`${p.file}${p.line === null ? '' : `:${p.line}:${p.column ?? 1}`}: ${p.path}: ${p.message}`;

async function open(
	command: Exclude<Command, { command: 'help' }>
): Promise<{ conn: Connector; errors: number }> {
	const conn = command.engine === 'native' ? await createNativeConnector() : await createWasmNodeConnector();
	const reports = await loadDataset(conn, readDataDir(command.data));
	const problems = reports.flatMap((r) => r.problems);
	for (const problem of problems) console.error(describeDataProblem(problem));
	return { conn, errors: problems.length };
}

/** Validates every rule file; returns the valid plans (with their files) and the number of problems reported. */
async function validRules(conn: Connector, target: string): Promise<{ plans: TestedPlan[]; errors: number }> {
	const catalogue = await readCatalogue(conn);
	const plans: TestedPlan[] = [];
	let errors = 0;
	for (const { file, text } of readRuleFiles(target)) {
		const problems = validatePlanText(file, text, catalogue);
		for (const problem of problems) console.error(describePlanProblem(problem));
		errors += problems.length;
		// The validator tolerates a byte-order mark; JSON.parse does not.
		if (problems.length === 0)
			plans.push({ file, text, plan: JSON.parse(text.replace(/^\uFEFF/, '')) as PlanWithTests });
	}
	return { plans, errors };
}

/** A result as the CLI prints it: the contract's keys first, then our extensions. */
function printable(result: RuleResult, asOf: string): Record<string, unknown> {
	const { plan, rule, orgUnit, status, actual, target, expected, conditions, units, explanation } = result;
	return {
		plan,
		rule,
		orgUnit,
		status,
		actual,
		target,
		expected,
		conditions,
		units: (units ?? []).map((u) => printable(u, asOf)),
		asOf,
		explanation
	};
}

async function run(argv: string[]): Promise<number> {
	let command: Command;
	try {
		command = parseArgs(argv);
	} catch (error) {
		if (!(error instanceof UsageError)) throw error;
		console.error(`error: ${error.message}\n\n${USAGE}`);
		return 2;
	}
	if (command.command === 'help') {
		console.error(USAGE);
		return 0;
	}
	const { conn, errors: dataErrors } = await open(command);
	try {
		if (command.command === 'check') {
			// `--rules rules/quality` (or one file there) checks data-quality rules only: they are not plans.
			const { plans, errors: ruleErrors } = isQualityPath(command.rules)
				? { plans: [], errors: 0 }
				: await validRules(conn, command.rules);
			console.error(
				`${plans.length} plan file(s) valid; ${ruleErrors} rule problem(s), ${dataErrors} data problem(s)`
			);
			const quality = await checkQualityRules(conn, command.rules);
			if (quality.files > 0)
				console.error(
					`${quality.files} quality rule file(s), ${quality.rules} validation rule(s); ${quality.errors} problem(s)`
				);
			const testFailures = await checkRuleTests(plans, readDataDir(command.data));
			return ruleErrors + dataErrors + quality.errors + testFailures > 0 ? 1 : 0;
		}
		const { plans, errors: ruleErrors } = await validRules(conn, command.rules);
		const asOf = command.asOf ?? todayIso();
		// Partition folders of the data (native only): only what these plans need is read.
		await readPartitions(
			conn,
			command.engine,
			command.data,
			plans.map(({ plan }) => plan)
		);
		const results: Record<string, unknown>[] = [];
		for (const { plan } of plans) {
			const evaluation = await evaluatePlan(conn, plan, asOf);
			results.push(...evaluation.results.map((r) => printable(r, evaluation.asOf)));
		}
		process.stdout.write(`${JSON.stringify({ asOf, results }, null, 2)}\n`);
		return ruleErrors + dataErrors > 0 ? 1 : 0;
	} finally {
		await conn.close();
	}
}

run(process.argv.slice(2)).then(
	(code) => (process.exitCode = code),
	(error: unknown) => {
		console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
		process.exitCode = 1;
	}
);
