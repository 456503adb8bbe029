/**
 * Loads contract files (CSV, Parquet, Arrow IPC) into DuckDB through any Connector, checking every row first.
 * Valid rows go into the typed table; every rejected row is reported with its file, row, column and problem —
 * nothing is dropped silently. The work is set-based (a handful of SQL statements per file), so it scales to
 * millions of rows.
 */
import type { FileFormat, TableName } from '$lib/model/data';
import type { Connector } from './connector';
import { isSafeIdentifier, quoteIdent } from './identifiers';
import { parquetToArrowIpc } from './parquet';
import { sqlType, TABLE_SPECS, type ProblemCode, type TableSpec } from './schema';

export interface DataFile {
	table: TableName;
	/** What the user knows the file as (shown in messages). */
	name: string;
	format: FileFormat;
	bytes: Uint8Array;
}

export interface DataProblem {
	file: string;
	table: TableName;
	/** Line in a CSV file (the header is line 1), record number in Parquet/Arrow; null for the whole file. */
	row: number | null;
	column: string | null;
	problem: ProblemCode;
	value: string | null;
	/** Extra words from the engine, e.g. why a file could not be read. */
	detail?: string;
}

export interface LoadReport {
	table: TableName;
	file: string;
	rowsRead: number;
	rowsLoaded: number;
	problems: DataProblem[];
	/** Time spent reading and checking the file. */
	ms: number;
}

/** Guesses the format from a file name; null when the extension is not one we read. */
export function formatOf(fileName: string): FileFormat | null {
	const lower = fileName.toLowerCase();
	if (lower.endsWith('.csv')) return 'csv';
	if (lower.endsWith('.parquet')) return 'parquet';
	if (lower.endsWith('.arrow') || lower.endsWith('.arrows') || lower.endsWith('.ipc')) return 'arrow';
	return null;
}

/** Reads any format into `staging_src` (all columns as read, plus `row_no` in file order). */
async function readIntoSource(conn: Connector, file: DataFile): Promise<void> {
	await conn.exec('DROP TABLE IF EXISTS staging_src');
	await conn.exec('DROP TABLE IF EXISTS staging_ipc');
	if (file.format === 'csv') {
		const ref = await conn.registerFile(`${file.table}.csv`, file.bytes);
		await conn.exec(
			`CREATE TABLE staging_src AS SELECT row_number() OVER () AS row_no, *
			 FROM read_csv(?, all_varchar = true, header = true)`,
			[ref]
		);
		return;
	}
	const ipc = file.format === 'parquet' ? await parquetToArrowIpc(file.bytes) : file.bytes;
	await conn.insertArrowIpc('staging_ipc', ipc);
	await conn.exec('CREATE TABLE staging_src AS SELECT row_number() OVER () AS row_no, * FROM staging_ipc');
	await conn.exec('DROP TABLE staging_ipc');
}

async function columnsOf(conn: Connector, table: string): Promise<string[]> {
	const rows = await conn.query<{ column_name: string }>(
		'SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position',
		[table]
	);
	return rows.map((row) => row.column_name);
}

/**
 * Builds `staging`: contract columns trimmed to VARCHAR (empty → NULL), derived columns, the duplicate rank
 * `__dup`, and every extra column of the file kept as it came.
 */
async function buildStaging(
	conn: Connector,
	spec: TableSpec,
	present: string[],
	checked: boolean
): Promise<void> {
	const contract = spec.columns.map((c) => c.name);
	const cleaned = contract.map((name) =>
		present.includes(name)
			? `nullif(trim(CAST(${quoteIdent(name)} AS VARCHAR)), '') AS ${quoteIdent(name)}`
			: `CAST(NULL AS VARCHAR) AS ${quoteIdent(name)}`
	);
	const excluded = ['row_no', ...contract.filter((name) => present.includes(name))].map(quoteIdent);
	const derived = Object.entries(spec.derived).map(([name, sql]) => `${sql} AS ${quoteIdent(name)}`);
	const key = spec.key.map(quoteIdent).join(', ');
	await conn.exec('DROP TABLE IF EXISTS staging');
	await conn.exec(
		`CREATE TABLE staging AS
		 SELECT *, ${checked ? `row_number() OVER (PARTITION BY ${key} ORDER BY row_no)` : '1'} AS __dup
		 FROM (SELECT *, ${derived.length ? derived.join(', ') : 'NULL AS __none'}
		       FROM (SELECT row_no, ${cleaned.join(', ')}, * EXCLUDE (${excluded.join(', ')}) FROM staging_src))`
	);
}

async function findProblems(conn: Connector, spec: TableSpec, file: DataFile): Promise<DataProblem[]> {
	await conn.exec('DROP TABLE IF EXISTS staging_problems');
	await conn.exec(
		'CREATE TABLE staging_problems (row_no BIGINT, "column" VARCHAR, problem VARCHAR, value VARCHAR)'
	);
	const checks = [
		...spec.checks,
		{ column: spec.key[0] as string, problem: spec.duplicateProblem, bad: 'r.__dup > 1' }
	];
	for (const check of checks) {
		await conn.exec(
			`INSERT INTO staging_problems
			 SELECT row_no, ?, ?, CAST(r.${quoteIdent(check.column)} AS VARCHAR) FROM staging r WHERE ${check.bad}`,
			[check.column, check.problem]
		);
	}
	const offset = file.format === 'csv' ? 1 : 0;
	const rows = await conn.query<{ row_no: number; column: string; problem: string; value: string | null }>(
		'SELECT row_no, "column", problem, value FROM staging_problems ORDER BY row_no, "column"'
	);
	return rows.map((row) => ({
		file: file.name,
		table: spec.name,
		row: row.row_no + offset,
		column: row.column,
		problem: row.problem as ProblemCode,
		value: row.value
	}));
}

/** Moves the rows without problems into the typed table, creating it on first use. */
async function insertValid(conn: Connector, spec: TableSpec): Promise<number> {
	const typed = spec.columns.map((c) => {
		const source = quoteIdent(c.name);
		const value = c.type === 'number' ? `trim(${source})` : source;
		return `CAST(${value} AS ${sqlType(c.type)}) AS ${source}`;
	});
	const derived = Object.keys(spec.derived).map(
		(name) => `${quoteIdent(name)} AS ${quoteIdent(name.replace(/^__/, 'period_'))}`
	);
	const internal = [
		'row_no',
		'__dup',
		...Object.keys(spec.derived),
		...(Object.keys(spec.derived).length ? [] : ['__none'])
	];
	const contract = spec.columns.map((c) => c.name);
	const select = `SELECT ${[...typed, ...derived].join(', ')}, * EXCLUDE (${[...internal, ...contract].map(quoteIdent).join(', ')})
		FROM staging WHERE row_no NOT IN (SELECT row_no FROM staging_problems)`;
	const target = quoteIdent(spec.name);
	const existing = await columnsOf(conn, spec.name);
	if (existing.length === 0) {
		await conn.exec(`CREATE TABLE ${target} AS ${select}`);
	} else {
		// A table that already holds rows keeps its columns: extras it lacks stay in the staging report only.
		const wanted = existing.filter(isSafeIdentifier).map(quoteIdent).join(', ');
		await conn.exec(`INSERT INTO ${target} (${wanted}) SELECT ${wanted} FROM (${select})`);
	}
	const [count] = await conn.query<{ n: number }>(
		'SELECT count(*) AS n FROM staging WHERE row_no NOT IN (SELECT row_no FROM staging_problems)'
	);
	return count?.n ?? 0;
}

/** Creates an empty typed table so that queries work even when a file is missing or wholly rejected. */
export async function ensureTable(conn: Connector, table: TableName): Promise<void> {
	const spec = TABLE_SPECS[table];
	const columns = spec.columns.map((c) => `${quoteIdent(c.name)} ${sqlType(c.type)}`);
	for (const name of Object.keys(spec.derived))
		columns.push(`${quoteIdent(name.replace(/^__/, 'period_'))} DATE`);
	await conn.exec(`CREATE TABLE IF NOT EXISTS ${quoteIdent(table)} (${columns.join(', ')})`);
}

export interface LoadOptions {
	/**
	 * false skips the row checks, for data already checked elsewhere: the embedded default data, which
	 * tests/unit/default-data.test.ts loads with every check and proves free of problems. Types are still cast.
	 */
	checked?: boolean;
}

/** Loads one file into its table; returns what was read, loaded and rejected. */
export async function loadFile(
	conn: Connector,
	file: DataFile,
	options: LoadOptions = {}
): Promise<LoadReport> {
	const checked = options.checked ?? true;
	const spec = TABLE_SPECS[file.table];
	const started = performance.now();
	const report: LoadReport = {
		table: file.table,
		file: file.name,
		rowsRead: 0,
		rowsLoaded: 0,
		problems: [],
		ms: 0
	};
	const fileProblem = (problem: ProblemCode, column: string | null, detail?: string): DataProblem => ({
		file: file.name,
		table: file.table,
		row: null,
		column,
		problem,
		value: null,
		...(detail ? { detail } : {})
	});
	try {
		await readIntoSource(conn, file);
	} catch (error) {
		report.problems.push(
			fileProblem('unreadable-file', null, error instanceof Error ? error.message : String(error))
		);
		await ensureTable(conn, file.table);
		return report;
	}
	const present = await columnsOf(conn, 'staging_src');
	const [read] = await conn.query<{ n: number }>('SELECT count(*) AS n FROM staging_src');
	report.rowsRead = read?.n ?? 0;
	const absent = spec.columns.filter((c) => c.required && !present.includes(c.name));
	if (absent.length > 0) {
		// Without a required column no row can be judged: the whole file is refused and says why.
		report.problems.push(...absent.map((c) => fileProblem('missing-column', c.name)));
		await ensureTable(conn, file.table);
		return report;
	}
	await buildStaging(conn, spec, present, checked);
	report.problems = await findProblems(conn, checked ? spec : { ...spec, checks: [] }, file);
	report.rowsLoaded = await insertValid(conn, spec);
	for (const scratch of ['staging', 'staging_src', 'staging_problems'])
		await conn.exec(`DROP TABLE IF EXISTS ${scratch}`);
	report.ms = performance.now() - started;
	return report;
}

/**
 * Loads a whole dataset in contract order (units before the values that name them). Tables without a file are
 * created empty. `onProgress` hears after each file, for progress bars.
 */
export async function loadDataset(
	conn: Connector,
	files: DataFile[],
	onProgress?: (done: number, total: number, report: LoadReport) => void,
	options: LoadOptions = {}
): Promise<LoadReport[]> {
	const order = Object.keys(TABLE_SPECS) as TableName[];
	const sorted = [...files].sort((a, b) => order.indexOf(a.table) - order.indexOf(b.table));
	const reports: LoadReport[] = [];
	for (const file of sorted) {
		// The checks look codes up in the tables before this one, which must exist even when empty.
		for (const earlier of order.slice(0, order.indexOf(file.table))) await ensureTable(conn, earlier);
		const report = await loadFile(conn, file, options);
		reports.push(report);
		onProgress?.(reports.length, sorted.length, report);
	}
	for (const table of order) await ensureTable(conn, table);
	return reports;
}
