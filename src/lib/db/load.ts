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
		// duckdb_columns() rather than information_schema.columns: the same rows, measured 4× faster in DuckDB-WASM.
		'SELECT column_name FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index',
		[table]
	);
	return rows.map((row) => row.column_name);
}

/** Contract columns trimmed to VARCHAR (empty → NULL; absent → NULL), then every extra column as it came. */
function cleanedColumns(spec: TableSpec, present: string[], internal: string[] = []): string {
	const contract = spec.columns.map((c) => c.name);
	const cleaned = contract.map((name) =>
		present.includes(name)
			? `nullif(trim(CAST(${quoteIdent(name)} AS VARCHAR)), '') AS ${quoteIdent(name)}`
			: `CAST(NULL AS VARCHAR) AS ${quoteIdent(name)}`
	);
	const excluded = [...internal, ...contract.filter((name) => present.includes(name))].map(quoteIdent);
	return [
		...internal.map(quoteIdent),
		...cleaned,
		excluded.length ? `* EXCLUDE (${excluded.join(', ')})` : '*'
	].join(', ');
}

/** The derived columns (period dates) over the cleaned ones, under their staging names (`__start`). */
const derivedColumns = (spec: TableSpec): string => {
	const derived = Object.entries(spec.derived).map(([name, sql]) => `${sql} AS ${quoteIdent(name)}`);
	return derived.length ? derived.join(', ') : 'NULL AS __none';
};

/** The typed contract columns, the derived ones under their table names (`period_start`), then the extras. */
function typedColumns(spec: TableSpec, internal: string[]): string {
	const typed = spec.columns.map((c) => {
		const source = quoteIdent(c.name);
		const value = c.type === 'number' ? `trim(${source})` : source;
		return `CAST(${value} AS ${sqlType(c.type)}) AS ${source}`;
	});
	const derived = Object.keys(spec.derived).map(
		(name) => `${quoteIdent(name)} AS ${quoteIdent(name.replace(/^__/, 'period_'))}`
	);
	const hidden = [
		...internal,
		...Object.keys(spec.derived),
		...(Object.keys(spec.derived).length ? [] : ['__none']),
		...spec.columns.map((c) => c.name)
	];
	return `${[...typed, ...derived].join(', ')}, * EXCLUDE (${hidden.map(quoteIdent).join(', ')})`;
}

/**
 * Rows of `source` as the typed table holds them, in one statement (the trusted path). The period dates are
 * worked out once per distinct period code and joined back: a few hundred codes against millions of rows, where
 * the pattern matching per row measured most of a load.
 */
function typedSelect(spec: TableSpec, present: string[], source: string): string {
	if (!spec.derivedFrom) {
		return `SELECT ${typedColumns(spec, [])}
			FROM (SELECT *, ${derivedColumns(spec)} FROM (SELECT ${cleanedColumns(spec, present)} FROM ${source}))`;
	}
	const from = quoteIdent(spec.derivedFrom);
	return `WITH cleaned AS MATERIALIZED (SELECT ${cleanedColumns(spec, present)} FROM ${source}),
		derived AS (SELECT ${from} AS __code, ${derivedColumns(spec)} FROM (SELECT DISTINCT ${from} FROM cleaned))
		SELECT ${typedColumns(spec, ['__code'])}
		FROM cleaned LEFT JOIN derived ON derived.__code IS NOT DISTINCT FROM cleaned.${from}`;
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
	const key = spec.key.map(quoteIdent).join(', ');
	await conn.exec('DROP TABLE IF EXISTS staging');
	await conn.exec(
		`CREATE TABLE staging AS
		 SELECT *, ${checked ? `row_number() OVER (PARTITION BY ${key} ORDER BY row_no)` : '1'} AS __dup
		 FROM (SELECT *, ${derivedColumns(spec)}
		       FROM (SELECT ${cleanedColumns(spec, present, ['row_no'])} FROM staging_src))`
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
	const select = `SELECT ${typedColumns(spec, ['row_no', '__dup'])}
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
	/** Whether the file's table exists already, when the caller knows (spares a catalogue query per file). */
	tableExists?: boolean;
}

const fileProblem = (
	file: DataFile,
	problem: ProblemCode,
	column: string | null,
	detail?: string
): DataProblem => ({
	file: file.name,
	table: file.table,
	row: null,
	column,
	problem,
	value: null,
	...(detail ? { detail } : {})
});

/** A file DuckDB could not read, with the engine's words. */
const unreadable = (file: DataFile, error: unknown): DataProblem =>
	fileProblem(file, 'unreadable-file', null, error instanceof Error ? error.message : String(error));

/** Without a required column no row can be judged: the whole file is refused, and says which columns. */
const missingColumns = (file: DataFile, present: string[]): DataProblem[] =>
	TABLE_SPECS[file.table].columns
		.filter((c) => c.required && !present.includes(c.name))
		.map((c) => fileProblem(file, 'missing-column', c.name));

const emptyReport = (file: DataFile): LoadReport => ({
	table: file.table,
	file: file.name,
	rowsRead: 0,
	rowsLoaded: 0,
	problems: [],
	ms: 0
});

/** Loads one file into its table; returns what was read, loaded and rejected. */
export async function loadFile(
	conn: Connector,
	file: DataFile,
	options: LoadOptions = {}
): Promise<LoadReport> {
	const checked = options.checked ?? true;
	const exists = options.tableExists ?? (await columnsOf(conn, file.table)).length > 0;
	if (!checked && !exists) return loadTrusted(conn, file);
	const spec = TABLE_SPECS[file.table];
	const started = performance.now();
	const report = emptyReport(file);
	try {
		await readIntoSource(conn, file);
	} catch (error) {
		report.problems.push(unreadable(file, error));
		await ensureTable(conn, file.table);
		return report;
	}
	const present = await columnsOf(conn, 'staging_src');
	const [read] = await conn.query<{ n: number }>('SELECT count(*) AS n FROM staging_src');
	report.rowsRead = read?.n ?? 0;
	const missing = missingColumns(file, present);
	if (missing.length > 0) {
		report.problems.push(...missing);
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
 * The column names of a CSV file whose header line is plain: UTF-8 without BOM, LF line ends, distinct lower-case
 * names of letters, digits and `_` (which no quote can hide in), comma-separated, with every required column of the
 * table — the shape our own data files have. null otherwise.
 */
export function plainCsvHeader(bytes: Uint8Array, spec: TableSpec): string[] | null {
	const end = bytes.indexOf(10);
	if (end <= 0 || (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)) return null;
	const names = new TextDecoder().decode(bytes.subarray(0, end)).split(',');
	const plain = names.every((name) => /^[a-z][a-z0-9_]{0,62}$/.test(name));
	const required = spec.columns.filter((c) => c.required).every((c) => names.includes(c.name));
	return plain && required && new Set(names).size === names.length ? names : null;
}

/**
 * Trusted data (the embedded default data, proven clean by the test suite) into a new table in one statement:
 * the same cleaning, casts and period columns as the checked path, without its three materialised copies, row
 * numbers and checks. Measured by `npm run bench`: the country's 14.5 M values load several times faster, with a
 * lower peak in the browser tab, and the default data in a fraction of the statements (each a round trip to
 * DuckDB's worker in a browser).
 */
async function loadTrusted(conn: Connector, file: DataFile): Promise<LoadReport> {
	const spec = TABLE_SPECS[file.table];
	const started = performance.now();
	const report = emptyReport(file);
	let source: string;
	let params: string[] = [];
	let present: string[];
	try {
		if (file.format === 'csv') {
			// Before registering: a browser hands the bytes over to DuckDB's worker, leaving them empty here.
			const header = plainCsvHeader(file.bytes, spec);
			params = [await conn.registerFile(`${file.table}.csv`, file.bytes)];
			if (header) {
				// Our own files: the dialect and the columns are known, so DuckDB's sniffer (a sample of every
				// file read twice, most of the time spent on the default data) is skipped. Only names that
				// plainCsvHeader accepted (no quote can occur in them) are written into the statement.
				const columns = header.map((name) => `'${name}': 'VARCHAR'`).join(', ');
				source = `read_csv(?, auto_detect = false, header = true, delim = ',', quote = '"', escape = '"', columns = {${columns}})`;
				present = header;
			} else {
				source = 'read_csv(?, all_varchar = true, header = true)';
				const described = await conn.query<{ column_name: string }>(
					`DESCRIBE SELECT * FROM ${source}`,
					params
				);
				present = described.map((row) => row.column_name);
			}
		} else {
			await conn.exec('DROP TABLE IF EXISTS staging_ipc');
			await conn.insertArrowIpc(
				'staging_ipc',
				file.format === 'parquet' ? await parquetToArrowIpc(file.bytes) : file.bytes
			);
			source = 'staging_ipc';
			present = await columnsOf(conn, 'staging_ipc');
		}
	} catch (error) {
		report.problems.push(unreadable(file, error));
		await ensureTable(conn, file.table);
		return report;
	}
	const missing = missingColumns(file, present);
	if (missing.length > 0) {
		report.problems.push(...missing);
		await ensureTable(conn, file.table);
	} else {
		try {
			await conn.exec(
				`CREATE TABLE ${quoteIdent(spec.name)} AS ${typedSelect(spec, present, source)}`,
				params
			);
		} catch (error) {
			// A trusted file that is not what it claims (a broken line, a value of the wrong type) loses nothing
			// silently: the file is reported, its table stays empty.
			report.problems.push(unreadable(file, error));
			await ensureTable(conn, file.table);
		}
	}
	if (source === 'staging_ipc') await conn.exec('DROP TABLE staging_ipc');
	const [count] = await conn.query<{ n: number }>(`SELECT count(*) AS n FROM ${quoteIdent(spec.name)}`);
	report.rowsRead = report.rowsLoaded = count?.n ?? 0;
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
	const existing = new Set(
		(await conn.query<{ name: string }>('SELECT table_name AS name FROM duckdb_tables()')).map(
			(row) => row.name
		)
	);
	for (const file of sorted) {
		// The checks look codes up in the tables before this one, which must exist even when empty.
		for (const earlier of order.slice(0, order.indexOf(file.table))) {
			if (!existing.has(earlier)) await ensureTable(conn, earlier);
			existing.add(earlier);
		}
		const report = await loadFile(conn, file, { ...options, tableExists: existing.has(file.table) });
		existing.add(file.table);
		reports.push(report);
		onProgress?.(reports.length, sorted.length, report);
	}
	for (const table of order) await ensureTable(conn, table);
	return reports;
}
