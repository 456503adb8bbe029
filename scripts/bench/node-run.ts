/**
 * One engine in Node, in a process of its own (so that its memory is its own): `--engine wasm|native`,
 * `--size`, `--runs` fresh databases, each loaded and evaluated by suite.ts; with `--naive whole|estimate` also
 * the naive way on the last database. Writes its JSON result to `--out`; progress goes to stderr.
 * Run by scripts/bench.ts; by hand: `npx tsx --tsconfig tsconfig.node.json scripts/bench/node-run.ts --engine wasm --size province --runs 1 --out /tmp/r.json`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Connector } from '$lib/db/connector';
import type { DataFile } from '$lib/db/load';
import { createNativeConnector } from '$lib/db/native';
import { createWasmNodeConnector } from '$lib/db/wasm-node';
import type { Level } from '$lib/model/data';
import type { PlanFile } from '$lib/model/plan';
import { evaluatePlanNaive } from '$lib/rules/naive';
import { DATA_FILES, PROVINCE, type DatasetInfo } from './generate';
import { estimateNaive, type NaiveEstimate } from './naive-estimate';
import { AS_OF, fullDrillPlan, provinceStepPlan } from './plan';
import { runSuite, type SuiteResult } from './suite';
import { timeIt } from './timing';

export interface NaiveWhole {
	nationalMs: number | null;
	fullMs: number | null;
	stepMs: number | null;
}

export interface NodeRunResult {
	engine: 'wasm' | 'native';
	size: string;
	startMs: number[];
	readMs: number[];
	runs: Omit<SuiteResult, 'fullIndex'>[];
	maxRssBytes: number;
	naive: {
		national: NaiveEstimate | null;
		full: NaiveEstimate | null;
		step: NaiveWhole | null;
		whole: NaiveWhole | null;
	} | null;
}

const { values: args } = parseArgs({
	options: {
		engine: { type: 'string', default: 'wasm' },
		size: { type: 'string', default: 'province' },
		runs: { type: 'string', default: '3' },
		'full-repeats': { type: 'string', default: '1' },
		'step-repeats': { type: 'string', default: '5' },
		profile: { type: 'boolean', default: false },
		naive: { type: 'string', default: 'none' },
		'naive-budget': { type: 'string', default: '1500' },
		out: { type: 'string' }
	}
});

const log = (line: string) => process.stderr.write(`  [${args.engine} ${args.size}] ${line}\n`);
const dir = path.join('bench-data', args.size as string);
const info = JSON.parse(readFileSync(path.join(dir, 'dataset.json'), 'utf8')) as DatasetInfo;
const plan = JSON.parse(readFileSync(path.join(dir, 'plan.json'), 'utf8')) as PlanFile;

function readFiles(): DataFile[] {
	return DATA_FILES.map((table) => ({
		table,
		name: `${table}.csv`,
		format: 'csv' as const,
		bytes: readFileSync(path.join(dir, `${table}.csv`))
	}));
}

async function unitsByLevel(conn: Connector): Promise<Record<Level, string[]>> {
	const rows = await conn.query<{ code: string; level: Level }>(
		`SELECT code, level FROM org_units WHERE valid_to IS NULL OR valid_to >= DATE '2024-01-01' ORDER BY code`
	);
	const byLevel: Record<Level, string[]> = {
		central: [],
		province: [],
		district: [],
		commune: [],
		branch: []
	};
	for (const r of rows) byLevel[r.level].push(r.code);
	return byLevel;
}

/** The naive way on a province-rooted drill-down step: always run whole (it is a province's worth). */
async function naiveStep(conn: Connector, limitMs: number): Promise<number | null> {
	const parents = new Map(
		(
			await conn.query<{ code: string; parent_code: string | null }>(
				'SELECT code, parent_code FROM org_units'
			)
		).map((r) => [r.code, r.parent_code])
	);
	const isUnder = (code: string) => {
		let current: string | null | undefined = code;
		for (let i = 0; i < 10 && current; i++) {
			if (current === PROVINCE) return true;
			current = parents.get(current);
		}
		return false;
	};
	const step = provinceStepPlan(plan, PROVINCE, isUnder);
	const [ms] = await timeIt(() => withLimit(evaluatePlanNaive(conn, step, AS_OF), limitMs));
	return ms >= limitMs ? null : ms;
}

/** Resolves to null after `ms` (the work goes on in the background only until the process exits). */
function withLimit<T>(work: Promise<T>, ms: number): Promise<T | null> {
	return Promise.race([work, new Promise<null>((resolve) => setTimeout(() => resolve(null), ms).unref())]);
}

async function main() {
	const runs = Number(args.runs);
	const result: NodeRunResult = {
		engine: args.engine as 'wasm' | 'native',
		size: args.size as string,
		startMs: [],
		readMs: [],
		runs: [],
		maxRssBytes: 0,
		naive: null
	};
	let last: { conn: Connector; suite: SuiteResult } | null = null;
	for (let run = 0; run < runs; run++) {
		if (last) await last.conn.close();
		const [startMs, conn] = await timeIt(() =>
			args.engine === 'native' ? createNativeConnector() : createWasmNodeConnector()
		);
		const [readMs, files] = await timeIt(async () => readFiles());
		const suite = await runSuite(conn, files, {
			plan,
			province: PROVINCE,
			fullRepeats: Number(args['full-repeats']),
			stepRepeats: Number(args['step-repeats']),
			profile: args.profile === true && run === runs - 1,
			log
		});
		result.startMs.push(startMs);
		result.readMs.push(readMs);
		const { fullIndex: _index, ...rest } = suite;
		result.runs.push(rest);
		last = { conn, suite };
	}
	if (last && args.naive !== 'none') {
		const { conn, suite } = last;
		const byLevel = await unitsByLevel(conn);
		const budget = Number(args['naive-budget']);
		const estimate = (p: PlanFile) =>
			estimateNaive(conn, p, {
				unitsByLevel: byLevel,
				ruleBudgetMs: budget,
				callLimitMs: 120_000,
				bulk: suite.fullIndex,
				log
			});
		result.naive = { national: null, full: null, step: null, whole: null };
		result.naive.full = await estimate(fullDrillPlan(plan));
		// The national plan's rules are the full plan's originals: their estimates are reused, not re-measured.
		const originals = new Set(plan.rules.map((r) => r.name));
		const full = result.naive.full;
		const rules = full.rules.filter((r) => originals.has(r.rule));
		result.naive.national = {
			...full,
			rules,
			totalMs: full.overheadMs + rules.reduce((n, r) => n + r.ms, 0),
			judgementsTotal: rules.reduce((n, r) => n + r.units, 0),
			judgementsMeasured: rules.reduce((n, r) => n + (r.how === 'inner' ? 0 : r.measured), 0)
		};
		const limit = 300_000;
		const stepMs = await naiveStep(conn, limit);
		log(`naive drill-down step: ${stepMs?.toFixed(0)} ms`);
		result.naive.step = { nationalMs: null, fullMs: null, stepMs };
		if (args.naive === 'whole') {
			const [nationalMs, n] = await timeIt(() => withLimit(evaluatePlanNaive(conn, plan, AS_OF), limit));
			log(`naive national plan, whole: ${nationalMs.toFixed(0)} ms`);
			const [fullMs, f] = await timeIt(() =>
				withLimit(evaluatePlanNaive(conn, fullDrillPlan(plan), AS_OF), limit)
			);
			log(`naive full drill-down, whole: ${fullMs.toFixed(0)} ms`);
			result.naive.whole = { nationalMs: n ? nationalMs : null, fullMs: f ? fullMs : null, stepMs };
		}
	}
	result.maxRssBytes = process.resourceUsage().maxRSS * 1024;
	if (last) await last.conn.close();
	if (args.out) writeFileSync(args.out, JSON.stringify(result));
	else process.stdout.write(JSON.stringify(result));
	log(`info: ${info.communes} communes, ${info.rows.values} values`);
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	}
);
