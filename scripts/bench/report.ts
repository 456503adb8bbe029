/** The Markdown report of `npm run bench`: the figures, the ratios, the goals, the growth and the hot spots. */
import type { BrowserRun, Measured } from './browser';
import { SIZES, type DatasetInfo, type Size } from './generate';
import type { NaiveEstimate, RuleEstimate } from './naive-estimate';
import type { NodeRunResult } from './node-run';
import type { PartitionedResults } from './partitions';
import type { AppColdStart } from './browser';
import type { ColdStartResult, DirectLoadResult } from './page';
import type { Phases, SuiteResult } from './suite';
import { median, type Tallies } from './timing';

export interface SizeResults {
	size: Size;
	info: DatasetInfo;
	chromium: BrowserRun[] | null;
	wasm: NodeRunResult | null;
	native: NodeRunResult | null;
	/** The experiment: the values loaded without the loader's staging (browser.ts, directLoadInChromium). */
	direct: Measured<DirectLoadResult> | null;
}

export interface Machine {
	cpu: string;
	cores: number;
	memoryGiB: number;
	node: string;
	os: string;
	loadAverageStart: number[];
	loadAverageEnd: number[];
}

export interface BenchResults {
	command: string;
	startedAt: string;
	minutes: number;
	machine: Machine;
	sizes: SizeResults[];
	/** Engine start, default data and the first plan in fresh Chromium browsers. */
	coldStart: Measured<ColdStartResult>[] | null;
	/** The built app, from navigation to the first scorecard on screen (absent from runs saved before it existed). */
	appColdStart?: Measured<AppColdStart>[] | null;
	coldStartPlan: string;
	/** 10× the national data as partitions, through the CLI on native DuckDB (--partitions). */
	partitions: PartitionedResults | null;
}

type Suite = Omit<SuiteResult, 'fullIndex'>;

const ms = (value: number | null | undefined) =>
	value === null || value === undefined || Number.isNaN(value)
		? '—'
		: value >= 10_000
			? `${(value / 1000).toFixed(1)} s`
			: value >= 1000
				? `${(value / 1000).toFixed(2)} s`
				: `${value.toFixed(0)} ms`;
const mib = (bytes: number | null | undefined) =>
	bytes === null || bytes === undefined || bytes === 0 ? '—' : `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const ratio = (a: number | null | undefined, b: number | null | undefined) =>
	a && b && Number.isFinite(a / b) ? `${(a / b).toFixed(a / b >= 10 ? 0 : 1)}×` : '—';
const int = (n: number) => n.toLocaleString('en-US');

/** The suite results of an engine, whichever way it ran. */
function suitesOf(size: SizeResults, engine: 'chromium' | 'wasm' | 'native'): Suite[] {
	if (engine === 'chromium') return (size.chromium ?? []).flatMap((r) => (r.result ? [r.result] : []));
	return size[engine]?.runs ?? [];
}

interface Figures {
	runs: number;
	startMs: number | null;
	readMs: number | null;
	loadMs: number | null;
	coldMs: number | null;
	nationalMs: number | null;
	fullMs: number | null;
	stepMs: number | null;
	fullSqlMs: number | null;
	stepSqlMs: number | null;
	/** With the facts the scorecard's evaluation cached (absent from runs saved before the cache existed). */
	cachedNationalMs: number | null;
	cachedFullMs: number | null;
	cachedStepMs: number | null;
	explainAllMs: number | null;
	peakBytes: number | null;
	dbBytes: number | null;
	samples: { full: number; step: number; national: number };
	phases: Phases | null;
	fullSql: Tallies | null;
	stepSql: Tallies | null;
	loadSql: Tallies | null;
	error: string | null;
}

const sqlSum = (t: Tallies) => Object.values(t).reduce((n, v) => n + v.ms, 0);

function figures(size: SizeResults, engine: 'chromium' | 'wasm' | 'native'): Figures | null {
	const suites = suitesOf(size, engine);
	const error = engine === 'chromium' ? (size.chromium?.find((r) => r.error)?.error ?? null) : null;
	if (suites.length === 0 && !error) return null;
	const all = (pick: (s: Suite) => number[]) => suites.flatMap(pick);
	const med = (values: number[]) => (values.length ? median(values) : null);
	const node = engine === 'chromium' ? null : size[engine];
	const last = suites.at(-1);
	return {
		runs: suites.length,
		startMs:
			engine === 'chromium'
				? med(suites.map((s) => (s as Suite & { startMs: number }).startMs))
				: med(node?.startMs ?? []),
		readMs:
			engine === 'chromium'
				? med(suites.map((s) => (s as Suite & { fetchMs: number }).fetchMs))
				: med(node?.readMs ?? []),
		loadMs: med(suites.map((s) => s.loadMs)),
		coldMs: med(suites.map((s) => s.coldMs)),
		nationalMs: med(all((s) => s.nationalMs)),
		fullMs: med(all((s) => s.fullMs)),
		stepMs: med(all((s) => s.stepMs)),
		fullSqlMs: med(all((s) => s.fullSqlMs)),
		stepSqlMs: med(all((s) => s.stepSqlMs)),
		cachedNationalMs: med(suites.flatMap((s) => (s.cached ? [s.cached.nationalMs] : []))),
		cachedFullMs: med(all((s) => s.cached?.fullMs ?? [])),
		cachedStepMs: med(all((s) => s.cached?.stepMs ?? [])),
		explainAllMs: med(suites.map((s) => s.explainAllMs ?? NaN).filter(Number.isFinite)),
		peakBytes:
			engine === 'chromium'
				? Math.max(0, ...(size.chromium ?? []).map((r) => r.peakRssBytes ?? 0))
				: (node?.maxRssBytes ?? null),
		dbBytes: last?.dbBytes ?? null,
		samples: {
			full: all((s) => s.fullMs).length,
			step: all((s) => s.stepMs).length,
			national: all((s) => s.nationalMs).length
		},
		phases: suites.find((s) => s.phases)?.phases ?? null,
		fullSql: last?.fullSql ?? null,
		stepSql: last?.stepSql ?? null,
		loadSql: last?.loadSql ?? null,
		error
	};
}

interface NaiveFigures {
	nationalMs: number | null;
	fullMs: number | null;
	stepMs: number | null;
	how: string;
	estimate: NaiveEstimate | null;
}

function naiveFigures(size: SizeResults): NaiveFigures | null {
	const naive = size.wasm?.naive;
	if (!naive) return null;
	if (naive.whole && naive.whole.fullMs !== null)
		return {
			nationalMs: naive.whole.nationalMs,
			fullMs: naive.whole.fullMs,
			stepMs: naive.whole.stepMs,
			how: 'measured whole',
			estimate: naive.full
		};
	const full = naive.full;
	return {
		nationalMs: naive.national?.totalMs ?? null,
		fullMs: full?.totalMs ?? null,
		stepMs: naive.step?.stepMs ?? null,
		how: full
			? `extrapolated from ${int(full.judgementsMeasured)} of ${int(full.judgementsTotal)} judgements (step measured whole)`
			: '—',
		estimate: full
	};
}

function goalRow(goal: string, measured: string, met: boolean | null): string {
	return `| ${goal} | ${measured} | ${met === null ? 'not measured' : met ? '**met**' : '**missed**'} |`;
}

function hotSpots(f: Figures, label: string): string[] {
	const lines: string[] = [];
	if (f.phases) {
		const p = f.phases;
		const judge = p.engineUs + p.statusUs + p.explainUs;
		lines.push(
			`Full drill-down in ${label}, split (one evaluation of ${int(p.judgements)} judgements):`,
			'',
			'| phase | time | share |',
			'|---|---:|---:|'
		);
		const total = p.treeMs + p.factsMs + p.judgeMs;
		const row = (name: string, t: number) => `| ${name} | ${ms(t)} | ${((100 * t) / total).toFixed(0)}% |`;
		lines.push(row('plan tree (buildPlanTree: its tables and units)', p.treeMs));
		lines.push(row('facts: SQL', p.factsSqlMs));
		lines.push(row('facts: JS (roll-ups, ratio, unitsMeeting)', p.factsMs - p.factsSqlMs));
		lines.push(row('judging: conditions (judge.ts) and status, unit by unit', p.judgeMs));
		lines.push(
			'',
			"(Tree and facts are timed in an evaluation of their own; judging is the full drill-down's median less " +
				'those two, so it carries the noise of both.)',
			'',
			`Per judgement, timed alone on \`com-4.2-quota\` at every commune: a json-rules-engine run ` +
				`${p.engineUs.toFixed(1)} µs against ${p.pureUs.toFixed(1)} µs for the same leaves judged by judge.ts ` +
				`(what the bulk path now uses; json-rules-engine stays the reference the tests hold it to); status ` +
				`${p.statusUs.toFixed(1)} µs; explanation ${p.explainUs.toFixed(1)} µs, now written only when read ` +
				`(engine + status + explanation, the way before: ${judge.toFixed(0)} µs; × ${int(p.judgements)} = ` +
				`${ms((judge * p.judgements) / 1000)}).`,
			''
		);
	}
	if (f.fullSql) {
		lines.push(
			`SQL of the full drill-down in ${label}, by statement:`,
			'',
			'| statement | calls | time |',
			'|---|---:|---:|'
		);
		for (const [k, v] of Object.entries(f.fullSql).sort((a, b) => b[1].ms - a[1].ms))
			lines.push(`| ${k} | ${v.calls} | ${ms(v.ms)} |`);
		lines.push('');
	}
	if (f.stepSql) {
		lines.push(
			`SQL of one drill-down step in ${label}, by statement:`,
			'',
			'| statement | calls | time |',
			'|---|---:|---:|'
		);
		for (const [k, v] of Object.entries(f.stepSql).sort((a, b) => b[1].ms - a[1].ms))
			lines.push(`| ${k} | ${v.calls} | ${ms(v.ms)} |`);
		lines.push('');
	}
	if (f.loadSql) {
		lines.push(
			`Loading in ${label} (\`loadDataset\`, unchecked), by statement:`,
			'',
			'| statement | calls | time |',
			'|---|---:|---:|'
		);
		for (const [k, v] of Object.entries(f.loadSql).sort((a, b) => b[1].ms - a[1].ms))
			if (v.ms >= 1) lines.push(`| ${k} | ${v.calls} | ${ms(v.ms)} |`);
		lines.push('');
	}
	return lines;
}

function sqlComparison(a: Figures, b: Figures, aLabel: string, bLabel: string): string[] {
	if (!a.fullSql || !b.fullSql) return [];
	const keys = [...new Set([...Object.keys(a.fullSql), ...Object.keys(b.fullSql)])].sort(
		(x, y) => (b.fullSql?.[y]?.ms ?? 0) - (b.fullSql?.[x]?.ms ?? 0)
	);
	const lines = [`| evaluation query | ${aLabel} | ${bLabel} | ratio |`, '|---|---:|---:|---:|'];
	for (const k of keys) {
		const x = a.fullSql[k]?.ms;
		const y = b.fullSql[k]?.ms;
		if ((x ?? 0) < 5 && (y ?? 0) < 5) continue;
		lines.push(`| ${k} | ${ms(x)} | ${ms(y)} | ${ratio(x, y)} |`);
	}
	lines.push(
		`| **all evaluation SQL** | ${ms(sqlSum(a.fullSql))} | ${ms(sqlSum(b.fullSql))} | ${ratio(sqlSum(a.fullSql), sqlSum(b.fullSql))} |`
	);
	return lines;
}

function naiveRules(estimate: NaiveEstimate): string[] {
	const top = [...estimate.rules].sort((a, b) => b.ms - a.ms).slice(0, 8);
	const how = (r: RuleEstimate) =>
		r.how === 'inner'
			? 'per sub-unit sample'
			: r.how === 'sample'
				? `${r.measured} of ${r.units} units`
				: r.how;
	return [
		'| rule (naive, most expensive) | units | measured | estimate |',
		'|---|---:|---|---:|',
		...top.map((r) => `| \`${r.rule}\` | ${int(r.units)} | ${how(r)} | ${ms(r.ms)} |`)
	];
}

export function markdown(results: BenchResults): string {
	const out: string[] = [];
	const m = results.machine;
	const chromiumVersion =
		[...results.sizes.flatMap((s) => s.chromium ?? []), ...(results.coldStart ?? [])].find(
			(r) => r.browserVersion
		)?.browserVersion ?? '—';
	const versionOf = (engine: 'chromium' | 'wasm' | 'native') =>
		results.sizes.flatMap((s) => suitesOf(s, engine)).find((r) => r.version)?.version ?? '—';
	out.push(
		`Run of ${results.startedAt} (${results.minutes.toFixed(1)} min): \`${results.command}\``,
		'',
		`Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB.toFixed(0)} GiB, ${m.os}; Node ${m.node}; Chromium ${chromiumVersion} ` +
			`headless; DuckDB-WASM ${versionOf('wasm')} (eh bundle, one thread); native DuckDB ${versionOf('native')} ` +
			`(@duckdb/node-api). Load average (1 min) ${m.loadAverageStart[0]?.toFixed(1)} at the start, ` +
			`${m.loadAverageEnd[0]?.toFixed(1)} at the end: other jobs share the two cores.`,
		''
	);

	if (results.coldStart)
		out.push(...coldStartLines(results.coldStart, results.coldStartPlan, results.appColdStart ?? null));

	const main = results.sizes.find((s) => s.size === 'country') ?? results.sizes.at(-1);
	if (main) {
		const info = main.info;
		const c = figures(main, 'chromium');
		const w = figures(main, 'wasm');
		const n = figures(main, 'native');
		const naive = naiveFigures(main);
		const timed = (f: Figures | null) => (f ? `${f.runs} / ${f.samples.full} / ${f.samples.step}` : '');
		const runs = (f: Figures | null) => (f ? `${f.runs} load${f.runs === 1 ? '' : 's'}` : '');
		const j = suitesOf(main, 'wasm')[0]?.judgements ?? suitesOf(main, 'chromium')[0]?.judgements;
		out.push(
			`### ${main.size === 'country' ? 'The whole country' : main.size}: ${int(info.communes)} communes, ` +
				`${int(info.rows.values)} values`,
			'',
			`${int(info.provinces)} province${info.provinces === 1 ? '' : 's'}, ${int(info.districts)} districts, ` +
				`${int(info.communes)} communes; ` +
				`${int(info.rows.values)} values (${mib(info.bytes.values)} of CSV), ${int(info.rows.targets)} quotas, ` +
				`${int(info.rows.submissions)} submissions. Plan: ${int(j?.national ?? 0)} judgements as written ` +
				`(33 rules), ${int(j?.full ?? 0)} for the full drill-down, ${int(j?.step ?? 0)} for one step ` +
				`(province 04 with its 10 districts and 161 communes). Medians; evaluations repeat within each load.`,
			'',
			`| | Chromium, DuckDB-WASM (${runs(c)}) | Node, DuckDB-WASM (${runs(w)}) | Node, native DuckDB (${runs(n)}) | naive way (Node, DuckDB-WASM) |`,
			'|---|---:|---:|---:|---:|',
			`| start the engine | ${ms(c?.startMs)} | ${ms(w?.startMs)} | ${ms(n?.startMs)} | |`,
			`| fetch / read the CSV files | ${ms(c?.readMs)} | ${ms(w?.readMs)} | ${ms(n?.readMs)} | |`,
			`| **load** (\`loadDataset\`, unchecked) | **${ms(c?.loadMs)}** | ${ms(w?.loadMs)} | ${ms(n?.loadMs)} | |`,
			`| first evaluation after loading (plan as written) | ${ms(c?.coldMs)} | ${ms(w?.coldMs)} | ${ms(n?.coldMs)} | |`,
			`| plan as written (scorecard) | ${ms(c?.nationalMs)} | ${ms(w?.nationalMs)} | ${ms(n?.nationalMs)} | ${ms(naive?.nationalMs)} |`,
			`| **full drill-down** (every target, unit, level) | **${ms(c?.fullMs)}** | ${ms(w?.fullMs)} | ${ms(n?.fullMs)} | ${ms(naive?.fullMs)} |`,
			`| of which SQL | ${ms(c?.fullSqlMs)} | ${ms(w?.fullSqlMs)} | ${ms(n?.fullSqlMs)} | |`,
			`| then reading every explanation (written on first read) | ${ms(c?.explainAllMs)} | ${ms(w?.explainAllMs)} | ${ms(n?.explainAllMs)} | |`,
			`| **one drill-down step** (a province) | **${ms(c?.stepMs)}** | ${ms(w?.stepMs)} | ${ms(n?.stepMs)} | ${ms(naive?.stepMs)} |`,
			`| of which SQL | ${ms(c?.stepSqlMs)} | ${ms(w?.stepSqlMs)} | ${ms(n?.stepSqlMs)} | |`,
			`| *as the app does it, one FactCache per dataset:* plan as written, first | ${ms(c?.cachedNationalMs)} | ${ms(w?.cachedNationalMs)} | ${ms(n?.cachedNationalMs)} | |`,
			`| then the **full drill-down**, facts cached | **${ms(c?.cachedFullMs)}** | ${ms(w?.cachedFullMs)} | ${ms(n?.cachedFullMs)} | |`,
			`| then **one drill-down step**, facts cached | **${ms(c?.cachedStepMs)}** | ${ms(w?.cachedStepMs)} | ${ms(n?.cachedStepMs)} | |`,
			`| **peak memory** | **${mib(c?.peakBytes)}** (tab) | ${mib(w?.peakBytes)} (process) | ${mib(n?.peakBytes)} (process) | |`,
			`| DuckDB's memory after loading | ${mib(c?.dbBytes)} | ${mib(w?.dbBytes)} | ${mib(n?.dbBytes)} | |`,
			`| timed: loads / full drill-downs / steps | ${timed(c)} | ${timed(w)} | ${timed(n)} | |`,
			''
		);
		if (c?.error) out.push(`Chromium: ${c.error}.`, '');
		if (naive) out.push(`Naive way: ${naive.how}.`, '');
		out.push(
			'Ratios:',
			'',
			'| | ratio |',
			'|---|---:|',
			`| naive ÷ bulk, plan as written (both Node, DuckDB-WASM) | ${ratio(naive?.nationalMs, w?.nationalMs)} |`,
			`| naive ÷ bulk, full drill-down (both Node, DuckDB-WASM) | ${ratio(naive?.fullMs, w?.fullMs)} |`,
			`| naive ÷ bulk, drill-down step (both Node, DuckDB-WASM) | ${ratio(naive?.stepMs, w?.stepMs)} |`,
			`| naive (Node) ÷ bulk in Chromium, full drill-down | ${ratio(naive?.fullMs, c?.fullMs)} |`,
			`| Chromium ÷ native, evaluation SQL of the full drill-down | ${ratio(c?.fullSqlMs, n?.fullSqlMs)} |`,
			`| Node DuckDB-WASM ÷ native, evaluation SQL of the full drill-down | ${ratio(w?.fullSqlMs, n?.fullSqlMs)} |`,
			`| Chromium ÷ native, whole full drill-down (SQL + JS) | ${ratio(c?.fullMs, n?.fullMs)} |`,
			`| Chromium ÷ native, load | ${ratio(c?.loadMs, n?.loadMs)} |`,
			'',
			'Goals of issue #8 (measured, never asserted):',
			'',
			'| goal | measured | |',
			'|---|---|---|',
			goalRow(
				'full national evaluation < 1 s in headless Chromium, from the data',
				ms(c?.fullMs),
				c?.fullMs ? c.fullMs < 1000 : null
			),
			goalRow(
				'full national evaluation < 1 s in headless Chromium, facts cached by the scorecard',
				ms(c?.cachedFullMs),
				c?.cachedFullMs ? c.cachedFullMs < 1000 : null
			),
			goalRow(
				'≥ 10× faster than the naive way',
				ratio(naive?.fullMs, w?.fullMs),
				naive?.fullMs && w?.fullMs ? naive.fullMs / w.fullMs >= 10 : null
			),
			goalRow('a drill-down step < 100 ms, from the data', ms(c?.stepMs), c?.stepMs ? c.stepMs < 100 : null),
			goalRow(
				'a drill-down step < 100 ms, facts cached by the scorecard (as in the app)',
				ms(c?.cachedStepMs),
				c?.cachedStepMs ? c.cachedStepMs < 100 : null
			),
			goalRow(
				'DuckDB-WASM within 2× of native on the evaluation queries',
				ratio(c?.fullSqlMs, n?.fullSqlMs),
				c?.fullSqlMs && n?.fullSqlMs ? c.fullSqlMs / n.fullSqlMs <= 2 : null
			),
			goalRow(
				`the ${int(info.rows.values)}-row dataset loads in the browser without running out of memory`,
				c ? (c.error ? c.error : `loaded, tab peak ${mib(c.peakBytes)}`) : '—',
				c ? !c.error : null
			),
			''
		);
		if (c && w && n) {
			out.push('Evaluation SQL, DuckDB-WASM in Chromium against native DuckDB (one full drill-down):', '');
			out.push(...sqlComparison(c, n, 'Chromium', 'native'), '');
		}
		const direct = main.direct;
		if (direct?.result && c) {
			out.push(
				"Experiment, not the app's loader: the values alone loaded in a fresh Chromium tab by one typed " +
					"`read_csv`, the period dates joined from the distinct period codes (the loader's own SQL), no staging " +
					`copies: **${ms(direct.result.loadMs)}** (the loader: ${ms(c.loadMs)} for all files), tab peak ` +
					`**${mib(direct.peakRssBytes)}** (the loader's run: ${mib(c.peakBytes)} at its end).`,
				''
			);
		} else if (direct?.error) out.push(`Experiment (direct load in Chromium): ${direct.error}.`, '');
		const checkpoints = main.chromium?.find((r) => r.checkpoints.length)?.checkpoints;
		if (checkpoints) {
			out.push("The tab's memory along one Chromium run (resident now / peak so far):", '');
			out.push('| after | resident | peak |', '|---|---:|---:|');
			for (const cp of checkpoints)
				out.push(`| ${cp.line.slice(0, 60)} | ${mib(cp.rssBytes)} | ${mib(cp.peakBytes)} |`);
			out.push('');
		}
	}

	out.push('### Growth from one province to the whole country', '');
	out.push(
		'| size | communes | values | load (Chromium) | full drill-down (Chromium) | step (Chromium) | full drill-down (Node WASM) | full drill-down (native) | naive full drill-down | naive ÷ bulk | tab peak |',
		'|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|'
	);
	for (const size of [...results.sizes].sort((a, b) => SIZES.indexOf(a.size) - SIZES.indexOf(b.size))) {
		const c = figures(size, 'chromium');
		const w = figures(size, 'wasm');
		const n = figures(size, 'native');
		const naive = naiveFigures(size);
		const mark = naive ? (naive.how.startsWith('measured') ? '' : ' (est.)') : '';
		out.push(
			`| ${size.size} | ${int(size.info.communes)} | ${int(size.info.rows.values)} | ${ms(c?.loadMs)} | ${ms(c?.fullMs)} | ` +
				`${ms(c?.stepMs)} | ${ms(w?.fullMs)} | ${ms(n?.fullMs)} | ${ms(naive?.fullMs)}${mark} | ${ratio(naive?.fullMs, w?.fullMs)} | ` +
				`${mib(c?.peakBytes)} |`
		);
	}
	out.push('');
	const province = results.sizes.find((s) => s.size === 'province');
	const provinceNaive = province?.wasm?.naive;
	if (provinceNaive?.whole?.fullMs && provinceNaive.full) {
		out.push(
			`Check of the naive extrapolation on the province, where the naive way also runs whole: estimated ` +
				`${ms(provinceNaive.full.totalMs)} for the full drill-down, measured ${ms(provinceNaive.whole.fullMs)}.`,
			''
		);
	}
	const compared = results.sizes.reduce((n, s) => n + (s.wasm?.naive?.full?.compared ?? 0), 0);
	const mismatches = results.sizes.flatMap((s) => s.wasm?.naive?.full?.mismatches ?? []);
	if (compared > 0)
		out.push(
			`Every judgement the naive way made was compared with the bulk result of the same rule and unit: ` +
				`${int(compared)} compared, ${mismatches.length} different${mismatches.length ? ` (${mismatches.join('; ')})` : ''}.`,
			''
		);

	if (main) {
		out.push('### Where the time goes (country)', '');
		const c = figures(main, 'chromium');
		const w = figures(main, 'wasm');
		if (c) out.push(...hotSpots(c, 'Chromium'));
		else if (w) out.push(...hotSpots(w, 'Node DuckDB-WASM'));
		const naive = naiveFigures(main);
		if (naive?.estimate) out.push(...naiveRules(naive.estimate), '');
	}
	if (results.partitions) out.push(...partitionLines(results.partitions));
	return out.join('\n');
}

function partitionLines(p: PartitionedResults): string[] {
	const lines = [
		'### Beyond one browser: 10× the national data, partitioned, through the CLI on native DuckDB',
		'',
		`${int(p.info.values)} values in ${int(p.info.files)} Parquet files (${mib(p.info.bytes)}, ` +
			'`values/province=<code>/year=<yyyy>/`), 120 indicators over 2015–2024; units, quotas and submissions ' +
			'as CSV. Each row is one run of `npm run cli --silent -- evaluate --engine native --as-of ' +
			'2024-09-30 --data <dir> --rules <plan>`: wall time of the whole command (start, loading, evaluation, JSON ' +
			'on stdout) and its peak resident memory.',
		'',
		'| run | wall time | peak memory | read | targets / judgements |',
		'|---|---:|---:|---|---:|'
	];
	for (const r of p.runs)
		lines.push(
			`| ${r.label} | ${r.error ? `failed: ${r.error}` : ms(r.ms)} | ${mib(r.maxRssBytes)} | ` +
				`${r.read.join('; ') || 'every file of the folder'} | ${int(r.results)} / ${int(r.judgements)} |`
		);
	lines.push('');
	if (p.sameResults !== null)
		lines.push(
			p.sameResults
				? 'The national plan gets the same status and actual for every rule and unit on the partitions as on the country CSV folder.'
				: '**The national plan’s results on the partitions DIFFER from those on the country CSV folder.**',
			''
		);
	return lines;
}

function coldStartLines(
	runs: Measured<ColdStartResult>[],
	plan: string,
	app: Measured<AppColdStart>[] | null
): string[] {
	const ok = runs.flatMap((r) => (r.result ? [r.result] : []));
	const med = (pick: (r: ColdStartResult) => number) => (ok.length ? median(ok.map(pick)) : null);
	const total = med((r) => r.totalMs);
	const onScreen = app?.flatMap((r) => (r.result ? [r.result.scorecardMs] : [])) ?? [];
	const appMs = onScreen.length ? median(onScreen) : null;
	const liveOnScreen = app?.flatMap((r) => (r.result ? [r.result.liveMs] : [])) ?? [];
	const sources = new Set(app?.flatMap((r) => (r.result ? [r.result.firstSource] : [])) ?? []);
	const lines = [
		'### Cold start with the default data (Chromium)',
		'',
		`What the app does before its first scorecard, in a fresh headless Chromium each time (median of ${ok.length}): ` +
			`start DuckDB-WASM (the app's own connector), fetch \`data/*.csv\`, load it unchecked, evaluate ` +
			`\`rules/${plan}\` (${int(ok[0]?.judgements ?? 0)} judgements). Rendering the page is not included.`,
		'',
		'| start DuckDB-WASM | fetch the data | load | evaluate the plan | from navigation to evaluated | tab peak |',
		'|---:|---:|---:|---:|---:|---:|',
		`| ${ms(med((r) => r.startMs))} | ${ms(med((r) => r.fetchMs))} | ${ms(med((r) => r.loadMs))} | ` +
			`${ms(med((r) => r.evaluateMs))} | **${ms(total)}** | ${mib(Math.max(0, ...runs.map((r) => r.peakRssBytes ?? 0)))} |`,
		'',
		...(app
			? [
					`The built app itself (\`vite build\`, served by \`vite preview\` as \`npm start\` does), in a fresh headless ` +
						`Chromium each time, from navigation to the default scorecard's rows on screen: ` +
						`${onScreen.map((t) => ms(t)).join(', ') || 'no run finished'} (median ${ms(appMs)}), ` +
						`the first one ${[...sources].join(' or ') || '—'}` +
						(sources.has('precomputed')
							? ` (computed at build time, shown while DuckDB starts); the live one replaced it after ` +
								`${liveOnScreen.map((t) => ms(t)).join(', ')} (median ${ms(liveOnScreen.length ? median(liveOnScreen) : null)}).`
							: '.'),
					''
				]
			: []),
		'| goal | measured | |',
		'|---|---|---|',
		goalRow(
			'first scorecard < 3 s from a cold start (work before rendering)',
			ms(total),
			total === null ? null : total < 3000
		),
		...(app
			? [
					goalRow(
						'first scorecard < 3 s from a cold start (the built app, on screen)',
						ms(appMs),
						appMs === null ? null : appMs < 3000
					)
				]
			: []),
		''
	];
	const failed = runs.find((r) => r.error);
	if (failed) lines.push(`A cold-start run failed: ${failed.error}.`, '');
	return lines;
}
