/**
 * Which format to ship the default data in: bytes (raw and gzip, as a static host would serve them) and the time
 * to load and check the whole dataset into DuckDB-WASM, for CSV, Parquet (zstd) and Arrow IPC, median of 5 runs.
 * Run: npm run bench:formats
 */
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { formatOf, loadDataset, type DataFile } from '$lib/db/load';
import { parquetToArrowIpc } from '$lib/db/parquet';
import { createWasmNodeConnector } from '$lib/db/wasm-node';
import type { FileFormat, TableName } from '$lib/model/data';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const RUNS = 5;

function csvFiles(): DataFile[] {
	return readdirSync('data')
		.filter((name) => formatOf(name) === 'csv')
		.map((name) => ({
			table: name.slice(0, name.indexOf('.')) as TableName,
			name,
			format: 'csv' as const,
			bytes: readFileSync(path.join('data', name))
		}));
}

/** Parquet via native DuckDB's writer (all columns as text, as the contract's CSV has them). */
async function toParquet(files: DataFile[]): Promise<DataFile[]> {
	const dir = mkdtempSync(path.join(tmpdir(), 'formats-'));
	const db = await DuckDBInstance.create(':memory:');
	const conn = await db.connect();
	const out: DataFile[] = [];
	for (const file of files) {
		const source = path.join('data', file.name);
		const target = path.join(dir, `${file.table}.parquet`);
		await conn.run(
			`COPY (SELECT * FROM read_csv('${source}', all_varchar = true, header = true)) TO '${target}' (FORMAT parquet, COMPRESSION zstd)`
		);
		out.push({ ...file, name: `${file.table}.parquet`, format: 'parquet', bytes: readFileSync(target) });
	}
	conn.closeSync();
	rmSync(dir, { recursive: true, force: true });
	return out;
}

async function toArrow(files: DataFile[]): Promise<DataFile[]> {
	return Promise.all(
		files.map(async (file) => ({
			...file,
			name: `${file.table}.arrow`,
			format: 'arrow' as FileFormat,
			bytes: await parquetToArrowIpc(file.bytes)
		}))
	);
}

async function loadMs(files: DataFile[], checked = true): Promise<number> {
	const times: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		const conn = await createWasmNodeConnector();
		const started = performance.now();
		// Copies: registering a buffer may hand it over to the engine.
		await loadDataset(
			conn,
			files.map((f) => ({ ...f, bytes: f.bytes.slice() })),
			undefined,
			{ checked }
		);
		times.push(performance.now() - started);
		await conn.close();
	}
	return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)] as number;
}

const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;

const csv = csvFiles();
const parquet = await toParquet(csv);
const arrow = await toArrow(parquet);
console.log(`Default data: ${csv.map((f) => f.table).join(', ')}`);
console.log(
	'| format | bytes | gzip | load + check in DuckDB-WASM (Node, median of 5) | load without checks (the browser path) |'
);
console.log('|---|---:|---:|---:|---:|');
for (const [format, files] of [
	['CSV', csv],
	['Parquet (zstd)', parquet],
	['Arrow IPC', arrow]
] as const) {
	const bytes = files.reduce((n, f) => n + f.bytes.length, 0);
	const gzip = files.reduce((n, f) => n + gzipSync(f.bytes).length, 0);
	const checkedMs = (await loadMs([...files])).toFixed(0);
	const uncheckedMs = (await loadMs([...files], false)).toFixed(0);
	console.log(`| ${format} | ${kb(bytes)} | ${kb(gzip)} | ${checkedMs} ms | ${uncheckedMs} ms |`);
}
