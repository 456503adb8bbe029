/**
 * One benchmark run on a fresh Connector, the same code in Node (DuckDB-WASM, native DuckDB) and in Chromium:
 * load the dataset with the app's loader (`loadDataset`, unchecked as the browser loads its embedded data), then
 * evaluate the national plan (the scorecard), the full drill-down (every target at every unit at every level) and
 * one drill-down step (a province's own column, its districts and communes, as the unit page does it), each timed,
 * with the time of every SQL statement added up by what it does. Browser-safe: no Node imports.
 */
import type { Connector } from '$lib/db/connector';
import { loadDataset, type DataFile } from '$lib/db/load';
import { drillRows } from '$lib/drilldown/drill-plan';
import type { Level } from '$lib/model/data';
import type { PlanFile, RuleResult } from '$lib/model/plan';
import { leavesOf, measureLeaf } from '$lib/rules/conditions';
import { createRuleEngine, judgedLeaves, runRuleAt } from '$lib/rules/engine';
import { evaluatePlan, type Evaluation } from '$lib/rules/evaluate';
import { explain } from '$lib/rules/explain';
import { FactCache } from '$lib/rules/fact-cache';
import { collectRequests } from '$lib/rules/fact-requests';
import { computeFacts } from '$lib/rules/facts-sql';
import { buildPlanTree } from '$lib/rules/hierarchy';
import { applyOperator } from '$lib/rules/operators';
import { judgeCondition, leafFactValue, leafValue, type FactLookup } from '$lib/rules/judge';
import { judgeStatus, planAsOf } from '$lib/rules/status';
import { AS_OF, fullDrillPlan, provinceStepPlan } from './plan';
import { median, timedConnector, timeIt, type Tallies } from './timing';

export interface SuiteOptions {
	plan: PlanFile;
	/** The province of the drill-down step. */
	province: string;
	/** Evaluations of the full drill-down in this run (each timed). */
	fullRepeats: number;
	/** Drill-down steps in this run (each timed). */
	stepRepeats: number;
	/** Also split one evaluation into phases and time json-rules-engine alone (slower; once per size). */
	profile: boolean;
	log?: (line: string) => void;
}

export interface Phases {
	treeMs: number;
	factsMs: number;
	/** Of factsMs, in SQL statements (the rest is ratio and unitsMeeting in JS). */
	factsSqlMs: number;
	/** evaluatePlan − tree − facts: conditions judged, statuses, unit by unit (explanations on first read). */
	judgeMs: number;
	judgements: number;
	/** json-rules-engine's run of one rule at one unit, alone (µs), and the rest of a judgement. */
	engineUs: number;
	statusUs: number;
	explainUs: number;
	/** The same leaves judged by judge.ts's pure functions instead of a json-rules-engine run (µs). */
	pureUs: number;
}

export interface SuiteResult {
	engine: string;
	version: string;
	/** Time to read or fetch the files (the caller's), then to load them with `loadDataset`. */
	loadMs: number;
	loadSql: Tallies;
	rowsLoaded: number;
	/** DuckDB's own memory after loading (bytes), from duckdb_memory(). */
	dbBytes: number | null;
	/** The first evaluation after loading (the national plan, as the scorecard does), and its SQL by class. */
	coldMs: number;
	coldSql: Tallies;
	nationalMs: number[];
	fullMs: number[];
	stepMs: number[];
	/**
	 * As the app does it: the national plan evaluated once with a FactCache (the scorecard), then the full
	 * drill-down and steps with the same cache (src/lib/state/evaluations.ts keeps one per loaded dataset).
	 */
	cached: { nationalMs: number; fullMs: number[]; stepMs: number[]; stepSqlMs: number[] };
	/** SQL time by statement class, over the first full drill-down evaluation and the first step. */
	fullSql: Tallies;
	stepSql: Tallies;
	/** SQL time of each full drill-down and each step. */
	fullSqlMs: number[];
	stepSqlMs: number[];
	/** Reading every explanation of the first full drill-down (they are written on first read). */
	explainAllMs: number;
	judgements: { national: number; full: number; step: number };
	/** Statuses of the full drill-down, to see that the spread is realistic. */
	statuses: Record<string, number>;
	phases: Phases | null;
	/** Results of the full drill-down by rule and unit (status|actual), for comparing with the naive way. */
	fullIndex: Map<string, string> | null;
}

const sqlTotal = (tallies: Tallies) => Object.values(tallies).reduce((n, t) => n + t.ms, 0);

const count = (results: RuleResult[]) => results.reduce((n, r) => n + (r.units ? r.units.length : 1), 0);

/** `rule@unit` → `status|actual` for every judgement of an evaluation. */
export function indexResults(evaluation: Evaluation): Map<string, string> {
	const index = new Map<string, string>();
	for (const r of evaluation.results) {
		for (const u of r.units ?? [r]) index.set(`${r.rule}@${u.orgUnit}`, `${u.status}|${u.actual}`);
	}
	return index;
}

async function dbBytes(conn: Connector): Promise<number | null> {
	try {
		const [row] = await conn.query<{ n: number }>(
			'SELECT CAST(sum(memory_usage_bytes) AS DOUBLE) AS n FROM duckdb_memory()'
		);
		return row?.n ?? null;
	} catch {
		return null;
	}
}

/** The province's subtree (valid on `date`), for the drill-down step's `isUnder` and `childOf`. */
async function directory(conn: Connector, date: string): Promise<Map<string, string | null>> {
	const rows = await conn.query<{ code: string; parent_code: string | null }>(
		`SELECT code, parent_code FROM org_units
		 WHERE (valid_from IS NULL OR valid_from <= CAST(? AS DATE)) AND (valid_to IS NULL OR valid_to >= CAST(? AS DATE))`,
		[date, date]
	);
	return new Map(rows.map((r) => [r.code, r.parent_code]));
}

/** The drill-down step, as loadUnitPage does it (without its caches): drill plan, evaluation, rows. */
async function drillStep(
	conn: Connector,
	plan: PlanFile,
	province: string,
	parents: Map<string, string | null>,
	cache?: FactCache
) {
	const childOf = (code: string): string | null => {
		let current: string | null | undefined = code;
		for (let i = 0; i < 10 && current; i++) {
			const parent: string | null | undefined = parents.get(current);
			if (parent === province) return current;
			current = parent;
		}
		return null;
	};
	const isUnder = (code: string) => code === province || childOf(code) !== null;
	const children = [...parents.entries()].filter(([, p]) => p === province).map(([c]) => c);
	const step = provinceStepPlan(plan, province, isUnder);
	const evaluation = await evaluatePlan(conn, step, AS_OF, cache);
	drillRows(plan, evaluation.results, {
		unit: province,
		level: 'province',
		childLevel: 'district',
		isUnder,
		isRoot: false,
		children,
		childOf,
		asOf: evaluation.asOf
	});
	return evaluation;
}

/** json-rules-engine alone on one each-commune rule, against facts computed in bulk beforehand. */
async function judgeMicro(
	conn: Connector,
	plan: PlanFile
): Promise<Pick<Phases, 'engineUs' | 'statusUs' | 'explainUs' | 'pureUs'>> {
	const rule = plan.rules.find((r) => r.name === 'com-4.2-quota');
	if (!rule) throw new Error('the bench plan has no com-4.2-quota');
	const single: PlanFile = { ...plan, rules: [rule] };
	const tree = await buildPlanTree(conn, plan.plan.orgUnit, plan.plan.period.start);
	if (!tree) throw new Error('no tree');
	const asOf = planAsOf(plan.plan, AS_OF);
	const store = await computeFacts(conn, plan.plan, asOf, tree, collectRequests(single, tree.root.level));
	const engine = createRuleEngine(rule, (fact, params, unit) => store.get(fact, params, unit));
	const communes = [...tree.units.values()].filter((u) => u.level === 'commune').map((u) => u.code);
	let engineMs = 0;
	let statusMs = 0;
	let explainMs = 0;
	let pureMs = 0;
	const leaves = leavesOf(rule.conditions);
	const lookup: FactLookup = (fact, params, unit) => store.get(fact, params, unit);
	for (const unit of communes) {
		// The same leaves judged by judge.ts (what unitsMeeting uses), for comparison with the engine's run.
		const p0 = performance.now();
		for (const leaf of leaves) {
			const factValue = leafFactValue(leaf, unit, lookup);
			applyOperator(leaf.operator, factValue, leafValue(leaf, unit, lookup));
		}
		judgeCondition(rule.conditions, unit, lookup);
		pureMs += performance.now() - p0;
		const t0 = performance.now();
		const outcome = await runRuleAt(engine, unit);
		const t1 = performance.now();
		const judgement = judgeStatus({
			met: outcome.met,
			leaves: judgedLeaves(leaves, outcome),
			measure: 0,
			plan: plan.plan,
			asOf,
			timeAggregationOf: () => 'sum'
		});
		const t2 = performance.now();
		explain({ judgement, leaf: measureLeaf(rule), asOf, unitWord: 'lượt' });
		const t3 = performance.now();
		engineMs += t1 - t0;
		statusMs += t2 - t1;
		explainMs += t3 - t2;
	}
	const us = (ms: number) => (ms * 1000) / Math.max(1, communes.length);
	return { engineUs: us(engineMs), statusUs: us(statusMs), explainUs: us(explainMs), pureUs: us(pureMs) };
}

async function profilePhases(
	conn: Connector,
	plan: PlanFile,
	totalMs: number,
	judgements: number
): Promise<Phases> {
	const tallies: Tallies = {};
	const timed = timedConnector(conn, tallies);
	const asOf = planAsOf(plan.plan, AS_OF);
	const [treeMs, tree] = await timeIt(() => buildPlanTree(timed, plan.plan.orgUnit, plan.plan.period.start));
	if (!tree) throw new Error('no tree');
	const requests = collectRequests(plan, tree.root.level);
	const before = Object.values(tallies).reduce((n, t) => n + t.ms, 0);
	const [factsMs] = await timeIt(() => computeFacts(timed, plan.plan, asOf, tree, requests));
	const factsSqlMs = Object.values(tallies).reduce((n, t) => n + t.ms, 0) - before;
	const micro = await judgeMicro(conn, plan);
	return {
		treeMs,
		factsMs,
		factsSqlMs,
		judgeMs: Math.max(0, totalMs - treeMs - factsMs),
		judgements,
		...micro
	};
}

/** Loads `files` into `conn` and runs the evaluations; the caller created `conn` and reads the files. */
export async function runSuite(
	conn: Connector,
	files: DataFile[],
	options: SuiteOptions
): Promise<SuiteResult> {
	const log = options.log ?? (() => undefined);
	const [versionRow] = await conn.query<{ v: string }>('SELECT version() AS v');
	const loadSql: Tallies = {};
	const [loadMs, reports] = await timeIt(() =>
		loadDataset(timedConnector(conn, loadSql), files, undefined, { checked: false })
	);
	const problems = reports.flatMap((r) => r.problems);
	if (problems.length > 0) throw new Error(`load problems: ${JSON.stringify(problems.slice(0, 3))}`);
	log(`loaded in ${loadMs.toFixed(0)} ms`);
	const result: SuiteResult = {
		engine: conn.engine,
		version: versionRow?.v ?? '?',
		loadMs,
		loadSql,
		rowsLoaded: reports.reduce((n, r) => n + r.rowsLoaded, 0),
		dbBytes: await dbBytes(conn),
		coldMs: 0,
		coldSql: {},
		nationalMs: [],
		fullMs: [],
		stepMs: [],
		cached: { nationalMs: 0, fullMs: [], stepMs: [], stepSqlMs: [] },
		fullSql: {},
		stepSql: {},
		fullSqlMs: [],
		stepSqlMs: [],
		explainAllMs: 0,
		judgements: { national: 0, full: 0, step: 0 },
		statuses: {},
		phases: null,
		fullIndex: null
	};
	const full = fullDrillPlan(options.plan);

	// The first evaluation after loading is timed apart (cold: first queries, JIT), then the national plan again.
	const [coldMs, national] = await timeIt(() =>
		evaluatePlan(timedConnector(conn, result.coldSql), options.plan, AS_OF)
	);
	result.coldMs = coldMs;
	result.judgements.national = count(national.results);
	const [nationalMs] = await timeIt(() => evaluatePlan(conn, options.plan, AS_OF));
	result.nationalMs.push(nationalMs);
	log(`national plan: first ${coldMs.toFixed(0)} ms, then ${nationalMs.toFixed(0)} ms`);

	for (let i = 0; i < options.fullRepeats; i++) {
		// Every statement is timed (the wrapper costs microseconds per statement); the first evaluation's by class.
		const tallies: Tallies = i === 0 ? result.fullSql : {};
		const [ms, evaluation] = await timeIt(() => evaluatePlan(timedConnector(conn, tallies), full, AS_OF));
		result.fullMs.push(ms);
		result.fullSqlMs.push(sqlTotal(tallies));
		log(`full drill-down in ${ms.toFixed(0)} ms`);
		if (i === 0) {
			result.judgements.full = count(evaluation.results);
			for (const r of evaluation.results)
				for (const u of r.units ?? [r]) result.statuses[u.status] = (result.statuses[u.status] ?? 0) + 1;
			result.fullIndex = indexResults(evaluation);
			const started = performance.now();
			let words = 0;
			for (const r of evaluation.results)
				for (const u of [r, ...(r.units ?? [])]) words += u.explanation.vi.length;
			result.explainAllMs = performance.now() - started;
			log(`every explanation read in ${result.explainAllMs.toFixed(0)} ms (${words} characters)`);
		}
	}

	const parents = await directory(conn, options.plan.plan.period.start);
	for (let i = 0; i < options.stepRepeats; i++) {
		const tallies: Tallies = i === 0 ? result.stepSql : {};
		const [ms, evaluation] = await timeIt(() =>
			drillStep(timedConnector(conn, tallies), options.plan, options.province, parents)
		);
		result.stepMs.push(ms);
		result.stepSqlMs.push(sqlTotal(tallies));
		if (i === 0) result.judgements.step = count(evaluation.results);
	}
	log(`drill-down step: median ${median(result.stepMs).toFixed(0)} ms`);

	// The app's way: one cache for the loaded data, filled by the scorecard's evaluation of the national plan.
	const cache = new FactCache();
	[result.cached.nationalMs] = await timeIt(() => evaluatePlan(conn, options.plan, AS_OF, cache));
	for (let i = 0; i < options.fullRepeats; i++) {
		const [ms] = await timeIt(() => evaluatePlan(conn, full, AS_OF, cache));
		result.cached.fullMs.push(ms);
	}
	for (let i = 0; i < options.stepRepeats; i++) {
		const tallies: Tallies = {};
		const [ms] = await timeIt(() =>
			drillStep(timedConnector(conn, tallies), options.plan, options.province, parents, cache)
		);
		result.cached.stepMs.push(ms);
		result.cached.stepSqlMs.push(sqlTotal(tallies));
	}
	log(
		`with the scorecard's facts cached (national plan ${result.cached.nationalMs.toFixed(0)} ms): ` +
			`full drill-down ${median(result.cached.fullMs).toFixed(0)} ms, step ${median(result.cached.stepMs).toFixed(0)} ms`
	);

	if (options.profile) {
		result.phases = await profilePhases(conn, full, median(result.fullMs), result.judgements.full);
		log(`phases: ${JSON.stringify(result.phases)}`);
	}
	return result;
}

export type LevelCounts = Record<Level, number>;
