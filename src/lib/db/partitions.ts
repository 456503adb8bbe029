/**
 * Data that outgrow a browser tab (issue #8): `values`, `targets` and `submissions` as Parquet files partitioned
 * hive-style by province and year (`<dir>/values/province=04/year=2024/*.parquet`), read by native DuckDB in the
 * CLI. Only the partitions the plans need are read:
 *
 * - provinces: the province each plan's unit lies in (every province for a plan of the central unit); files of
 *   the central unit's own rows are kept under `province=<central code>` and read only by central plans;
 * - years: the years of each plan's period; for `values` also the EARLIER years, but only the rows of the
 *   indicators a `change` fact names (its baseline is "the last value before the plan period began", which may
 *   lie in any earlier year); for `submissions` also the years of periods a `submittedOn` fact names.
 *
 * A file without a `province=` or `year=` segment is always read for that key. The rows are trusted as they
 * come (no row checks, as the embedded default data: check such data where it is produced); the contract's
 * columns are cast to their types, the period dates derived as the loader does, extra columns are not kept.
 * Node only (it lists folders); the SQL text is fixed here and every file name and code is bound.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { TableName } from '$lib/model/data';
import type { Condition, PlanFile } from '$lib/model/plan';
import { periodEndSql, periodStartSql } from '$lib/periods/sql';
import type { Connector } from './connector';
import { quoteIdent } from './identifiers';
import { ensureTable } from './load';
import { sqlType, TABLE_SPECS } from './schema';

/** The tables that may come as partition folders. */
export const PARTITIONED_TABLES = [
	'values',
	'targets',
	'submissions'
] as const satisfies readonly TableName[];
export type PartitionedTable = (typeof PARTITIONED_TABLES)[number];

export interface PartitionFile {
	file: string;
	/** The hive keys of the folders above the file (`province`, `year`, …). */
	keys: Record<string, string>;
}

/** Joins lists for binding (`string_split(?, chr(31))`); the unit separator occurs in no path we write. */
const SEPARATOR = '\u001f';

function listParquet(dir: string, keys: Record<string, string>, found: PartitionFile[]): void {
	for (const name of readdirSync(dir).sort()) {
		const full = path.join(dir, name);
		if (statSync(full).isDirectory()) {
			const match = /^([A-Za-z_]\w*)=(.*)$/.exec(name);
			listParquet(full, match ? { ...keys, [match[1] as string]: match[2] as string } : keys, found);
		} else if (name.toLowerCase().endsWith('.parquet')) found.push({ file: full, keys });
	}
}

/** The partition folders of a data folder, by table (tables that come as plain files are absent). */
export function findPartitions(dir: string): Map<PartitionedTable, PartitionFile[]> {
	const tables = new Map<PartitionedTable, PartitionFile[]>();
	for (const table of PARTITIONED_TABLES) {
		const folder = path.join(dir, table);
		if (!existsSync(folder) || !statSync(folder).isDirectory()) continue;
		const files: PartitionFile[] = [];
		listParquet(folder, {}, files);
		tables.set(table, files);
	}
	return tables;
}

/** What one plan needs: provinces (null = every one), its years, the indicators of its `change` facts. */
export interface PartitionNeed {
	provinces: Set<string> | null;
	fromYear: number;
	toYear: number;
	changeIndicators: Set<string>;
	/** Years of the periods `submittedOn` facts name, which may lie outside the plan's years. */
	submissionYears: Set<number>;
}

/** The indicators of `change` facts, and the years of periods `submittedOn` names, anywhere in a condition. */
function scan(condition: Condition, need: PartitionNeed): void {
	if ('fact' in condition) {
		const params = condition.params ?? {};
		if (condition.fact === 'change' && typeof params.indicator === 'string')
			need.changeIndicators.add(params.indicator);
		// `{"report": "annual", "period": "2023"}` in a 2024 plan: last year's report, sent this year.
		if (condition.fact === 'submittedOn' && typeof params.period === 'string') {
			const year = Number(params.period.slice(0, 4));
			if (Number.isInteger(year)) need.submissionYears.add(year);
		}
		if (condition.fact === 'unitsMeeting' && params.condition) scan(params.condition as Condition, need);
		return;
	}
	const parts = 'all' in condition ? condition.all : 'any' in condition ? condition.any : [condition.not];
	for (const part of parts) scan(part, need);
}

/** The province of a plan's unit (valid on the plan's start date), or null when the unit is above provinces. */
async function provinceOf(conn: Connector, code: string, onDate: string): Promise<string | null> {
	const rows = await conn.query<{ code: string; level: string }>(
		`WITH RECURSIVE valid AS (
		   SELECT code, level, parent_code FROM org_units
		   WHERE (valid_from IS NULL OR valid_from <= CAST(? AS DATE)) AND (valid_to IS NULL OR valid_to >= CAST(? AS DATE))
		 ),
		 up(code, level, parent_code, depth) AS (
		   SELECT code, level, parent_code, 0 FROM valid WHERE code = ?
		   UNION ALL
		   SELECT v.code, v.level, v.parent_code, up.depth + 1 FROM valid v JOIN up ON v.code = up.parent_code
		   WHERE up.depth < 10
		 )
		 SELECT code, level FROM up`,
		[onDate, onDate, code]
	);
	return rows.find((r) => r.level === 'province')?.code ?? null;
}

export async function planNeed(conn: Connector, planFile: PlanFile): Promise<PartitionNeed> {
	const { orgUnit, period } = planFile.plan;
	const province = await provinceOf(conn, orgUnit, period.start);
	const need: PartitionNeed = {
		provinces: province === null ? null : new Set([province]),
		fromYear: Number(period.start.slice(0, 4)),
		toYear: Number(period.end.slice(0, 4)),
		changeIndicators: new Set(),
		submissionYears: new Set()
	};
	for (const rule of planFile.rules) scan(rule.conditions, need);
	return need;
}

export interface FilePick {
	file: string;
	/** null: every row; otherwise only the rows of these indicators. */
	indicators: Set<string> | null;
}

/** The files the plans need, each whole or for some indicators only (see the top of the file). */
export function pickFiles(
	table: PartitionedTable,
	files: PartitionFile[],
	needs: PartitionNeed[]
): FilePick[] {
	const picks: FilePick[] = [];
	for (const { file, keys } of files) {
		const year = keys.year === undefined ? null : Number(keys.year);
		const province = keys.province;
		let whole = false;
		const indicators = new Set<string>();
		for (const need of needs) {
			const provinceNeeded =
				province === undefined || need.provinces === null || need.provinces.has(province);
			if (!provinceNeeded) continue;
			const inPlan = year === null || Number.isNaN(year) || (year >= need.fromYear && year <= need.toYear);
			if (inPlan || (table === 'submissions' && need.submissionYears.has(year))) whole = true;
			else if (table === 'values' && year < need.fromYear)
				for (const code of need.changeIndicators) indicators.add(code);
		}
		if (whole) picks.push({ file, indicators: null });
		else if (indicators.size > 0) picks.push({ file, indicators });
	}
	return picks;
}

/** The typed SELECT of a partitioned table's contract columns and period dates, over `src`. */
function typedSelect(table: PartitionedTable): string {
	const spec = TABLE_SPECS[table];
	const columns = spec.columns.map((c) => {
		const name = quoteIdent(c.name);
		return `CAST(${name} AS ${sqlType(c.type)}) AS ${name}`;
	});
	const period = quoteIdent('period');
	columns.push(`${periodStartSql(period)} AS period_start`, `${periodEndSql(period)} AS period_end`);
	return `SELECT ${columns.join(', ')} FROM src`;
}

export interface PartitionReport {
	table: PartitionedTable;
	filesFound: number;
	filesRead: number;
	rowsLoaded: number;
	ms: number;
}

/**
 * Replaces each partitioned table (loaded empty by `loadDataset`, as its file is missing) by the rows of the
 * partitions `plans` need. Native DuckDB only: it reads the Parquet files from disk, in parallel.
 */
export async function loadPartitions(
	conn: Connector,
	dir: string,
	plans: PlanFile[]
): Promise<PartitionReport[]> {
	const needs: PartitionNeed[] = [];
	for (const plan of plans) needs.push(await planNeed(conn, plan));
	const reports: PartitionReport[] = [];
	for (const [table, files] of findPartitions(dir)) {
		const started = performance.now();
		const picks = pickFiles(table, files, needs);
		const target = quoteIdent(table);
		await conn.exec(`DROP TABLE IF EXISTS ${target}`);
		const whole = picks.filter((p) => p.indicators === null).map((p) => p.file);
		const some = picks.filter((p) => p.indicators !== null);
		const select = typedSelect(table);
		const read = `read_parquet(string_split(?, chr(31)), union_by_name = true, hive_partitioning = false)`;
		const parts: string[] = [];
		const params: string[] = [];
		if (whole.length) {
			parts.push(`(WITH src AS (SELECT * FROM ${read}) ${select})`);
			params.push(whole.join(SEPARATOR));
		}
		if (some.length) {
			// Earlier years, for `change` baselines: only the rows of the indicators those facts name.
			const indicators = new Set(some.flatMap((p) => [...(p.indicators ?? [])]));
			parts.push(
				`(WITH src AS (SELECT * FROM ${read} WHERE indicator IN (SELECT unnest(string_split(?, chr(31))))) ${select})`
			);
			params.push(some.map((p) => p.file).join(SEPARATOR), [...indicators].join(SEPARATOR));
		}
		if (parts.length) await conn.exec(`CREATE TABLE ${target} AS ${parts.join(' UNION ALL ')}`, params);
		else await ensureTable(conn, table);
		const [count] = await conn.query<{ n: number }>(`SELECT count(*) AS n FROM ${target}`);
		reports.push({
			table,
			filesFound: files.length,
			filesRead: picks.length,
			rowsLoaded: count?.n ?? 0,
			ms: performance.now() - started
		});
	}
	return reports;
}
