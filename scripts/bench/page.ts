/**
 * The benchmark page in Chromium (bundled by esbuild in browser.ts): DuckDB-WASM started by the app's own
 * connector (wasm-browser.ts: the bundle it selects in a Web Worker, the same settings), the dataset fetched as the
 * app fetches its data (`fetch` + `arrayBuffer`), then suite.ts. `window.bench.run` returns the result to
 * Playwright.
 */
import { createBrowserConnector } from '$lib/db/wasm-browser';
import { loadDataset, type DataFile } from '$lib/db/load';
import type { TableName } from '$lib/model/data';
import type { PlanFile } from '$lib/model/plan';
import { periodEndSql, periodStartSql } from '$lib/periods/sql';
import { evaluatePlan } from '$lib/rules/evaluate';
import { runSuite, type SuiteResult } from './suite';

/** The app's own connector (wasm-browser.ts); its `?url` imports are mapped to /duckdb/ by browser.ts's bundler. */
const createConnector = createBrowserConnector;

export interface PageOptions {
	size: string;
	tables: TableName[];
	province: string;
	fullRepeats: number;
	stepRepeats: number;
	profile: boolean;
}

export type PageResult = Omit<SuiteResult, 'fullIndex'> & {
	startMs: number;
	fetchMs: number;
	jsHeapBytes: number | null;
	userAgent: string;
};

async function run(options: PageOptions): Promise<PageResult> {
	const log = (line: string) => console.log(line);
	let started = performance.now();
	const conn = await createConnector();
	const startMs = performance.now() - started;
	log(`engine started in ${startMs.toFixed(0)} ms`);
	started = performance.now();
	const plan = (await (await fetch(`/data/${options.size}/plan.json`)).json()) as PlanFile;
	const files: DataFile[] = await Promise.all(
		options.tables.map(async (table) => {
			const response = await fetch(`/data/${options.size}/${table}.csv`);
			if (!response.ok) throw new Error(`${table}.csv: HTTP ${response.status}`);
			return {
				table,
				name: `${table}.csv`,
				format: 'csv' as const,
				bytes: new Uint8Array(await response.arrayBuffer())
			};
		})
	);
	const fetchMs = performance.now() - started;
	log(`fetched in ${fetchMs.toFixed(0)} ms`);
	const { fullIndex: _index, ...result } = await runSuite(conn, files, {
		plan,
		province: options.province,
		fullRepeats: options.fullRepeats,
		stepRepeats: options.stepRepeats,
		profile: options.profile,
		log
	});
	const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
	return {
		...result,
		startMs,
		fetchMs,
		jsHeapBytes: memory?.usedJSHeapSize ?? null,
		userAgent: navigator.userAgent
	};
}

export interface DirectLoadResult {
	startMs: number;
	fetchMs: number;
	loadMs: number;
	rows: number;
	dbBytes: number | null;
}

/**
 * Experiment, not the app's loader: `values` created by one typed `read_csv` with the period dates joined from
 * the distinct period codes (the same SQL as the loader's), without the staging copies.
 */
async function directLoad(size: string): Promise<DirectLoadResult> {
	let started = performance.now();
	const conn = await createConnector();
	const startMs = performance.now() - started;
	started = performance.now();
	const bytes = new Uint8Array(await (await fetch(`/data/${size}/values.csv`)).arrayBuffer());
	const fetchMs = performance.now() - started;
	console.log(`fetched in ${fetchMs.toFixed(0)} ms`);
	started = performance.now();
	const ref = await conn.registerFile('values.csv', bytes);
	await conn.exec(
		`CREATE TABLE "values" AS
		 WITH v AS (SELECT * FROM read_csv(?, header = true, columns = {'org_unit': 'VARCHAR', 'indicator': 'VARCHAR',
		   'period': 'VARCHAR', 'value': 'DOUBLE', 'programme': 'VARCHAR'}))
		 SELECT v.*, p.period_start, p.period_end FROM v JOIN (
		   SELECT period, ${periodStartSql('"period"')} AS period_start, ${periodEndSql('"period"')} AS period_end
		   FROM (SELECT DISTINCT period FROM v)) p USING (period)`,
		[ref]
	);
	const loadMs = performance.now() - started;
	console.log(`loaded directly in ${loadMs.toFixed(0)} ms`);
	const [count] = await conn.query<{ n: number }>('SELECT count(*) AS n FROM "values"');
	const [memory] = await conn.query<{ n: number }>(
		'SELECT CAST(sum(memory_usage_bytes) AS DOUBLE) AS n FROM duckdb_memory()'
	);
	return { startMs, fetchMs, loadMs, rows: count?.n ?? 0, dbBytes: memory?.n ?? null };
}

export interface ColdStartResult {
	startMs: number;
	fetchMs: number;
	loadMs: number;
	evaluateMs: number;
	/** From the start of navigation (the page's own script included) to the first plan evaluated. */
	totalMs: number;
	judgements: number;
}

/**
 * What the app does before its first scorecard, from a cold start, in a fresh tab: start DuckDB-WASM, fetch the
 * default data (`data/*.csv`), load it unchecked as the app does, evaluate the first plan (`cao-bang-2024`, as of
 * its end). Not the rendering: the SvelteKit page itself is not built here.
 */
async function coldStart(options: { tables: TableName[]; plan: string }): Promise<ColdStartResult> {
	let started = performance.now();
	const conn = await createConnector();
	const startMs = performance.now() - started;
	started = performance.now();
	const plan = (await (await fetch(`/rules/${options.plan}`)).json()) as PlanFile;
	const files: DataFile[] = await Promise.all(
		options.tables.map(async (table) => ({
			table,
			name: `${table}.csv`,
			format: 'csv' as const,
			bytes: new Uint8Array(await (await fetch(`/default/${table}.csv`)).arrayBuffer())
		}))
	);
	const fetchMs = performance.now() - started;
	started = performance.now();
	await loadDataset(conn, files, undefined, { checked: false });
	const loadMs = performance.now() - started;
	started = performance.now();
	const evaluation = await evaluatePlan(conn, plan, plan.plan.period.end);
	const evaluateMs = performance.now() - started;
	const totalMs = performance.now();
	await conn.close();
	return {
		startMs,
		fetchMs,
		loadMs,
		evaluateMs,
		totalMs,
		judgements: evaluation.results.reduce((n, r) => n + (r.units ? r.units.length : 1), 0)
	};
}

(
	window as unknown as {
		bench: { run: typeof run; directLoad: typeof directLoad; coldStart: typeof coldStart };
	}
).bench = {
	run,
	directLoad,
	coldStart
};
