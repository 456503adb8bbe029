/**
 * Beyond one browser (issue #8, item 4): ten times the national dataset as Parquet partitioned by province and
 * year, evaluated by the CLI on native DuckDB (`evaluate --engine native --data <dir-of-partitions>`), which
 * reads only the partitions a plan needs ($lib/db/partitions).
 *
 * The data, in `bench-data/partitioned/` (gitignored): the country's units, quotas and submissions as CSV, 120
 * indicators (the 40 of the benchmark and 80 more of the same kinds) and monthly values of every commune over
 * 10 years (2015-01 … 2024-12) in `values/province=<code>/year=<yyyy>/*.parquet`: 10 × the country's 14.5 million
 * values. The 2022–2024 values of the first 40 indicators are the country dataset's own, so that the national
 * plan's results on the partitions must equal its results on the country's CSV folder; the bench checks they do.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { findPartitions } from '$lib/db/partitions';
import type { PlanFile, PlanRule } from '$lib/model/plan';
import { createUnits, HASH_SQL, indicatorDefs, VALUE_SQL, type DatasetInfo } from './generate';
import { AS_OF, nationalPlan } from './plan';

const VERSION = 'bench-partitioned/v1';
const FIRST_YEAR = 2015;
const LAST_YEAR = 2024;
const INDICATORS = 120;

export interface PartitionedInfo {
	dir: string;
	values: number;
	files: number;
	bytes: number;
	generatedMs: number;
	version: string;
}

export interface CliRun {
	label: string;
	/** Wall time of the whole command (start, load, evaluation, JSON out), and its peak resident memory. */
	ms: number;
	maxRssBytes: number | null;
	/** What the CLI said on stderr about the partitions it read. */
	read: string[];
	results: number;
	judgements: number;
	error: string | null;
}

export interface PartitionedResults {
	info: PartitionedInfo;
	runs: CliRun[];
	/** The national plan on the partitions against the same plan on the country's CSV folder. */
	sameResults: boolean | null;
}

const folderBytes = (files: string[]) => files.reduce((n, f) => n + statSync(f).size, 0);

/** The partitioned data, generated unless an up-to-date copy is there; needs the country dataset first. */
export async function ensurePartitioned(
	root: string,
	country: DatasetInfo,
	log: (line: string) => void
): Promise<PartitionedInfo> {
	const dir = path.join(root, 'bench-data', 'partitioned');
	const infoFile = path.join(dir, 'dataset.json');
	if (existsSync(infoFile)) {
		const info = JSON.parse(readFileSync(infoFile, 'utf8')) as PartitionedInfo;
		if (info.version === VERSION) return info;
	}
	log(`generating 10× the national data as partitions into ${path.relative(root, dir)}/ (a few minutes) …`);
	const started = performance.now();
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	for (const table of ['org_units', 'programmes', 'reports', 'targets', 'submissions'])
		copyFileSync(path.join(country.dir, `${table}.csv`), path.join(dir, `${table}.csv`));
	const db = await DuckDBInstance.create(':memory:');
	const conn = await db.connect();
	const run = (sql: string) => conn.run(sql);
	await createUnits(run, root, 'country');
	const defs = indicatorDefs();
	const rows = Array.from({ length: INDICATORS }, (_, n) => {
		const [name, unit, time, agg] = defs[n % defs.length] as [string, string, string, string];
		return `('ind_${String(n + 1).padStart(2, '0')}', '${name}', 'Indicator ${n + 1}', '${unit}', '${time}', '${agg}')`;
	});
	const indicators = path.join(dir, 'indicators.csv');
	await run(
		`COPY (SELECT * FROM (VALUES ${rows.join(', ')}) AS t(code, name_vi, name_en, unit, time_aggregation, unit_aggregation))
		 TO '${indicators}' (FORMAT csv, HEADER true)`
	);
	// The province of every unit that has values (communes, districts, provinces).
	await run(`CREATE TABLE placed AS
		SELECT c.code, c.level, c.u, coalesce(p.code, d.code, c.code) AS province
		FROM units c LEFT JOIN units d ON d.code = c.parent_code AND d.level <> 'central'
		LEFT JOIN units p ON p.code = d.parent_code AND p.level <> 'central'
		WHERE c.level <> 'central'`);
	const values = path.join(dir, 'values');
	for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
		// m counts months from 2022-01 as in the country data (negative before it); `i` is the indicator's KIND
		// (1–40) for VALUE_SQL, the hash is of its own number, so indicators 1–40 repeat the country's values.
		const from = (year - 2022) * 12;
		await run(
			`COPY (
			   WITH b1 AS (
			     SELECT code AS org_unit, u, i, m, province, abs(${HASH_SQL}) AS h
			     FROM placed, range(1, ${INDICATORS + 1}) r(i), range(${from}, ${from + 12}) t(m)
			     WHERE level = 'commune' OR (level IN ('province', 'district') AND (i - 1) % 40 + 1 >= 39)
			   ),
			   b2 AS (SELECT org_unit, u, m, h, province, i AS n, (i - 1) % 40 + 1 AS kind FROM b1),
			   b3 AS (SELECT org_unit, u, m, h, province, n, kind AS i FROM b2)
			   SELECT org_unit, printf('ind_%02d', n) AS indicator,
			     strftime(DATE '2022-01-01' + to_months(CAST(m AS INTEGER)), '%Y-%m') AS period,
			     CAST(${VALUE_SQL} AS BIGINT) AS value,
			     CASE WHEN i = 37 THEN 'poverty-reduction' WHEN i = 38 AND u % 2 = 0 THEN 'new-rural' END AS programme,
			     province, ${year} AS year
			   FROM b3 ORDER BY province, indicator, org_unit, period
			 ) TO '${values}' (FORMAT parquet, PARTITION_BY (province, year), OVERWRITE_OR_IGNORE true,
			   COMPRESSION zstd, ROW_GROUP_SIZE 122880)`
		);
		log(`  values of ${year} written`);
	}
	const files = findPartitions(dir).get('values') ?? [];
	const count = await conn.runAndReadAll(
		`SELECT count(*) FROM read_parquet('${values}/**/*.parquet', hive_partitioning = false)`
	);
	const info: PartitionedInfo = {
		dir,
		values: Number(count.getRows()[0]?.[0] ?? 0),
		files: files.length,
		bytes: folderBytes(files.map((f) => f.file)),
		generatedMs: performance.now() - started,
		version: VERSION
	};
	conn.closeSync();
	db.closeSync();
	writeFileSync(infoFile, JSON.stringify(info, null, '\t'));
	return info;
}

interface Printed {
	results: { plan: string; rule: string; status: string; actual: unknown; units: unknown[] }[];
}

/** Runs the CLI's `evaluate` under /usr/bin/time (for the peak memory), stdout into `out`. */
function cli(root: string, label: string, args: string[], out: string): CliRun {
	const tsx = createRequire(import.meta.url).resolve('tsx/cli');
	const command = [
		process.execPath,
		tsx,
		'--tsconfig',
		'tsconfig.node.json',
		'src/cli/main.ts',
		'evaluate',
		...args
	];
	const timed = existsSync('/usr/bin/time');
	const started = performance.now();
	const child = spawnSync(
		timed ? '/usr/bin/time' : (command[0] as string),
		timed ? ['-f', 'maxrss-kb %M', ...command] : command.slice(1),
		{
			cwd: root,
			stdio: ['ignore', 'pipe', 'pipe'],
			maxBuffer: 2 ** 31 - 1,
			encoding: 'buffer'
		}
	);
	const ms = performance.now() - started;
	writeFileSync(out, child.stdout);
	const stderr = child.stderr.toString('utf8').split('\n').filter(Boolean);
	const rss = stderr.map((l) => /^maxrss-kb (\d+)$/.exec(l)).find(Boolean);
	const run: CliRun = {
		label,
		ms,
		maxRssBytes: rss ? Number(rss[1]) * 1024 : null,
		read: stderr.filter((l) => /partition files/.test(l)),
		results: 0,
		judgements: 0,
		error: child.status === 0 ? null : `exit ${child.status}: ${stderr.slice(-3).join(' / ')}`
	};
	if (!run.error) {
		const printed = JSON.parse(child.stdout.toString('utf8')) as Printed;
		run.results = printed.results.length;
		run.judgements = printed.results.reduce((n, r) => n + Math.max(1, r.units.length), 0);
	}
	return run;
}

/** status|actual of every (rule, unit) of a CLI output, for comparing two runs. */
function digest(file: string): string {
	const printed = JSON.parse(readFileSync(file, 'utf8')) as {
		results: { rule: string; orgUnit: string; status: string; actual: unknown; units: Printed['results'] }[];
	};
	const lines: string[] = [];
	for (const r of printed.results) {
		lines.push(`${r.rule}@${r.orgUnit}:${r.status}|${String(r.actual)}`);
		for (const u of r.units as unknown as { orgUnit: string; status: string; actual: unknown }[])
			lines.push(`${r.rule}@${u.orgUnit}:${u.status}|${String(u.actual)}`);
	}
	return lines.join('\n');
}

/** The national plan and a province's plan on the partitions; the national plan also on the country's CSVs. */
export async function measurePartitioned(
	root: string,
	country: DatasetInfo,
	log: (line: string) => void,
	compare: boolean
): Promise<PartitionedResults> {
	const info = await ensurePartitioned(root, country, log);
	const dir = info.dir;
	const national = nationalPlan(country);
	// The same targets for Cao Bằng alone (161 communes), without those about provinces.
	const scaled = nationalPlan({ provinces: 1, communes: 161, sampleCommunes: country.sampleCommunes });
	const aboutProvinces = (rule: PlanRule) =>
		(rule.scope && 'each' in rule.scope && rule.scope.each === 'province') ||
		JSON.stringify(rule.conditions).includes('"level":"province"');
	const province: PlanFile = {
		plan: { ...national.plan, id: 'bench-province-04-2024', orgUnit: '04' },
		rules: scaled.rules.filter((rule) => !aboutProvinces(rule))
	};
	const files = {
		national: path.join(dir, 'plan-national.json'),
		province: path.join(dir, 'plan-province.json')
	};
	writeFileSync(files.national, JSON.stringify(national, null, '\t'));
	writeFileSync(files.province, JSON.stringify(province, null, '\t'));
	const rel = (p: string) => path.relative(root, p);
	const common = ['--engine', 'native', '--as-of', AS_OF];
	const runs: CliRun[] = [];
	const out = (name: string) => path.join(dir, `out-${name}.json`);
	const step = (label: string, args: string[], name: string) => {
		log(`  cli: ${label} …`);
		const run = cli(root, label, [...args, ...common], out(name));
		log(`  cli: ${label}: ${(run.ms / 1000).toFixed(1)} s${run.error ? `, ${run.error}` : ''}`);
		runs.push(run);
		return run;
	};
	step(
		'province plan (04) on the partitions',
		['--data', rel(dir), '--rules', rel(files.province)],
		'province'
	);
	const onPartitions = step(
		'national plan on the partitions',
		['--data', rel(dir), '--rules', rel(files.national)],
		'national'
	);
	let sameResults: boolean | null = null;
	if (compare) {
		const onCsv = step(
			'national plan on the country CSV folder (every row loaded and checked)',
			['--data', rel(country.dir), '--rules', rel(files.national)],
			'national-csv'
		);
		if (!onPartitions.error && !onCsv.error)
			sameResults = digest(out('national')) === digest(out('national-csv'));
	}
	for (const name of ['province', 'national', 'national-csv']) rmSync(out(name), { force: true });
	return { info, runs, sameResults };
}
