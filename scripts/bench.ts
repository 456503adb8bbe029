/**
 * `npm run bench` — performance at national scale (issue #8), measured, never asserted.
 *
 * Generates the benchmark datasets on demand (scripts/bench/generate.ts, into the gitignored bench-data/) and the
 * national plan (scripts/bench/plan.ts), then for each size measures, with the app's own code: loading the data
 * into DuckDB-WASM, the national plan, the full drill-down and one drill-down step — in headless Chromium
 * (scripts/bench/browser.ts), in Node on DuckDB-WASM and on native DuckDB (scripts/bench/node-run.ts, one process
 * per engine) — and the naive way (`evaluatePlanNaive`) on DuckDB-WASM in Node: whole on a province, extrapolated
 * rule by rule from samples on larger sizes (scripts/bench/naive-estimate.ts). First, the work before the first
 * scorecard with the default data, from a cold start in Chromium. Prints a Markdown report and keeps
 * it, with the raw figures, in bench-data/results/.
 *
 * Options:
 *   --size province,region,country   sizes to run (default: all three; province = Cao Bằng, 161 communes;
 *                                     region = northern midlands and mountains, 2,269; country = 10,035)
 *   --runs N                          fresh loads per engine and size (default: 3 for province, 1 otherwise;
 *                                     evaluations repeat 3× and steps 7× within each load)
 *   --size none                       no benchmark dataset (only the cold start, and --partitions if given)
 *   --no-browser, --no-native, --no-naive, --no-cold-start   skip a part
 *   --experiment                      also, on the largest size, the values loaded in Chromium by one typed
 *                                     read_csv instead of the loader (to see what staging costs)
 *   --partitions                      also 10× the national data as Parquet partitioned by province and year
 *                                     (generated once, ~150 M values), evaluated by the CLI on native DuckDB
 *                                     (scripts/bench/partitions.ts); --no-compare skips the check against the
 *                                     country's CSV folder
 *   --report a.json,b.json            print one report of runs saved in bench-data/results/ (no measuring)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
	appColdStartInChromium,
	coldStartInChromium,
	directLoadInChromium,
	runInChromium
} from './bench/browser';
import { DATA_FILES, ensureDataset, PROVINCE, SIZES, type Size } from './bench/generate';
import type { NodeRunResult } from './bench/node-run';
import { measurePartitioned } from './bench/partitions';
import { nationalPlan } from './bench/plan';
import { markdown, type BenchResults, type SizeResults } from './bench/report';

const { values: args } = parseArgs({
	options: {
		size: { type: 'string', default: SIZES.join(',') },
		runs: { type: 'string' },
		'no-browser': { type: 'boolean', default: false },
		'no-native': { type: 'boolean', default: false },
		'no-naive': { type: 'boolean', default: false },
		experiment: { type: 'boolean', default: false },
		partitions: { type: 'boolean', default: false },
		'no-compare': { type: 'boolean', default: false },
		'no-cold-start': { type: 'boolean', default: false },
		report: { type: 'string' }
	}
});

const root = process.cwd();
const results = path.join(root, 'bench-data', 'results');
const sizes = (args.size === 'none' ? [] : (args.size as string).split(',').map((s) => s.trim())) as Size[];
for (const size of sizes)
	if (!SIZES.includes(size)) throw new Error(`unknown size ${size}: ${SIZES.join(', ')}`);
const FULL_REPEATS = 3;
/** The plan the scorecard opens first (the first file of rules/). */
const COLD_START_PLAN = 'cao-bang-2024.json';
const STEP_REPEATS = 7;
/** Per-rule time the naive extrapolation may spend, by size (small on the province, so that it samples there too). */
const NAIVE_BUDGET_MS: Record<Size, number> = { province: 150, region: 250, country: 500 };
/** Every child process and browser run is bounded: the benchmark always ends by itself. */
const LIMIT_MS = 20 * 60_000;

const t0 = performance.now();
const log = (line: string) =>
	process.stderr.write(`${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s ${line}\n`);
const runsFor = (size: Size) => Number(args.runs ?? (size === 'province' ? 3 : 1));

function nodeRun(
	engine: 'wasm' | 'native',
	size: Size,
	naive: 'none' | 'whole' | 'estimate'
): NodeRunResult | null {
	const out = path.join(results, `.${engine}-${size}.json`);
	rmSync(out, { force: true });
	const tsx = createRequire(import.meta.url).resolve('tsx/cli');
	const child = spawnSync(
		process.execPath,
		[
			tsx,
			'--tsconfig',
			'tsconfig.node.json',
			'scripts/bench/node-run.ts',
			...['--engine', engine, '--size', size, '--runs', String(runsFor(size))],
			...['--full-repeats', String(FULL_REPEATS), '--step-repeats', String(STEP_REPEATS), '--profile'],
			...['--naive', naive, '--naive-budget', String(NAIVE_BUDGET_MS[size]), '--out', out]
		],
		{ stdio: ['ignore', 'inherit', 'inherit'], timeout: LIMIT_MS, killSignal: 'SIGKILL' }
	);
	if (child.status !== 0) {
		log(
			`  ${engine} ${size}: FAILED (${child.signal ? `killed after ${LIMIT_MS / 60_000} min` : `exit ${child.status}`})`
		);
		return null;
	}
	const result = JSON.parse(readFileSync(out, 'utf8')) as NodeRunResult;
	rmSync(out, { force: true });
	return result;
}

async function main() {
	const started = performance.now();
	const startedAt = new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
	mkdirSync(results, { recursive: true });
	const loadAverageStart = os.loadavg();
	const bench: BenchResults = {
		command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
		startedAt,
		minutes: 0,
		machine: {
			cpu: os.cpus()[0]?.model ?? '?',
			cores: os.cpus().length,
			memoryGiB: os.totalmem() / 2 ** 30,
			node: process.version,
			os: `${os.type()} ${os.release()}`,
			loadAverageStart,
			loadAverageEnd: []
		},
		sizes: [],
		coldStart: null,
		appColdStart: null,
		coldStartPlan: COLD_START_PLAN,
		partitions: null
	};
	if (!args['no-browser'] && !args['no-cold-start']) {
		log('cold start with the default data in chromium (3 fresh browsers) …');
		bench.coldStart = await coldStartInChromium({
			root,
			runs: 3,
			plan: COLD_START_PLAN,
			timeLimitMs: LIMIT_MS,
			log: (line) => log(`  [chromium cold start] ${line}`)
		});
		log('the built app from a cold start in chromium (3 fresh browsers) …');
		bench.appColdStart = await appColdStartInChromium({
			root,
			runs: 3,
			log: (line) => log(`  [app cold start] ${line}`)
		});
	}
	for (const size of sizes) {
		const info = await ensureDataset(root, size, log);
		writeFileSync(path.join(info.dir, 'plan.json'), JSON.stringify(nationalPlan(info), null, '\t'));
		log(`${size}: ${info.communes} communes, ${info.rows.values} values`);
		const entry: SizeResults = { size, info, chromium: null, wasm: null, native: null, direct: null };
		if (!args['no-browser']) {
			log(`  chromium ${size} …`);
			entry.chromium = await runInChromium({
				root,
				size,
				tables: DATA_FILES,
				province: PROVINCE,
				runs: runsFor(size),
				fullRepeats: FULL_REPEATS,
				stepRepeats: STEP_REPEATS,
				profile: true,
				timeLimitMs: LIMIT_MS,
				log: (line) => log(`  [chromium ${size}] ${line}`)
			});
		}
		log(`  node wasm ${size} …`);
		entry.wasm = nodeRun(
			'wasm',
			size,
			args['no-naive'] ? 'none' : size === 'province' ? 'whole' : 'estimate'
		);
		if (!args['no-native']) {
			log(`  node native ${size} …`);
			entry.native = nodeRun('native', size, 'none');
		}
		if (!args['no-browser'] && args.experiment && size === sizes.at(-1)) {
			log(`  experiment: direct load in chromium ${size} …`);
			entry.direct = await directLoadInChromium({
				root,
				size,
				timeLimitMs: LIMIT_MS,
				log: (line) => log(`  [chromium ${size}, direct load] ${line}`)
			});
		}
		bench.sizes.push(entry);
		save(bench, started); // after every size, so that a run stopped later keeps what it measured
	}
	if (args.partitions) {
		const country = await ensureDataset(root, 'country', log);
		log('partitions: 10× the national data, CLI on native DuckDB …');
		bench.partitions = await measurePartitioned(root, country, log, !args['no-compare']);
	}
	const stamp = save(bench, started);
	process.stdout.write(`${markdown(bench)}\n`);
	log(`\nSaved to bench-data/results/${stamp}.md (and .json).`);
}

/** Writes the figures so far (JSON) and their report (Markdown) to bench-data/results/; returns the stamp. */
function save(bench: BenchResults, started: number): string {
	bench.machine.loadAverageEnd = os.loadavg();
	bench.minutes = (performance.now() - started) / 60_000;
	const stamp = bench.startedAt.replace(/[: ]/g, '-').replace('-UTC', '');
	writeFileSync(path.join(results, `${stamp}.json`), JSON.stringify(bench, null, '\t'));
	writeFileSync(path.join(results, `${stamp}.md`), `${markdown(bench)}\n`);
	return stamp;
}

/** `--report a.json,b.json`: one report of runs saved earlier (sizes run separately), printed again. */
function merged(files: string[]): BenchResults {
	const runs = files.map((file) => JSON.parse(readFileSync(file, 'utf8')) as BenchResults);
	const first = runs[0] as BenchResults;
	const order = (size: Size) => SIZES.indexOf(size);
	return {
		...first,
		command: runs.map((r) => r.command).join(' ; '),
		minutes: runs.reduce((n, r) => n + r.minutes, 0),
		sizes: runs.flatMap((r) => r.sizes).sort((a, b) => order(a.size) - order(b.size)),
		coldStart: runs.find((r) => r.coldStart)?.coldStart ?? null,
		appColdStart: runs.find((r) => r.appColdStart)?.appColdStart ?? null,
		partitions: runs.find((r) => r.partitions)?.partitions ?? null
	};
}

const run = args.report
	? async () => void process.stdout.write(`${markdown(merged(args.report?.split(',') ?? []))}\n`)
	: main;

run().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	}
);
