/**
 * Native DuckDB (@duckdb/node-api) for batch work in Node: multi-threaded, Parquet built in. Files handed over as
 * bytes are written to a private temporary folder, since native DuckDB reads from disk.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import { toRow, type Connector, type Row, type SqlValue } from './connector';
import { arrowIpcToParquet } from './parquet';
import { quoteIdent } from './identifiers';

export async function createNativeConnector(): Promise<Connector> {
	const instance = await DuckDBInstance.create(':memory:');
	const conn = await instance.connect();
	const folder = mkdtempSync(path.join(tmpdir(), 'chi-tieu-'));
	let fileCount = 0;

	/** Writes bytes to our private folder; the name only lends its extension. */
	async function registerFile(name: string, bytes: Uint8Array): Promise<string> {
		const file = path.join(folder, `${fileCount++}${path.extname(name).replace(/[^.a-z0-9]/gi, '')}`);
		writeFileSync(file, bytes);
		return file;
	}

	const bind = (params: readonly SqlValue[]) => (params.length ? (params as DuckDBValue[]) : undefined);

	return {
		engine: 'native',
		async query<T extends Row = Row>(sql: string, params: readonly SqlValue[] = []) {
			const reader = await conn.runAndReadAll(sql, bind(params));
			return reader.getRowObjectsJS().map((r) => toRow(r as Record<string, unknown>)) as T[];
		},
		async exec(sql, params = []) {
			await conn.run(sql, bind(params));
		},
		registerFile,
		async insertArrowIpc(table, ipc) {
			// Core native DuckDB has no Arrow IPC reader; Parquet carries the same columns and types.
			const file = await registerFile('arrow.parquet', await arrowIpcToParquet(ipc));
			await conn.run(`CREATE TABLE ${quoteIdent(table)} AS SELECT * FROM read_parquet(?)`, [file]);
		},
		async close() {
			conn.closeSync();
			instance.closeSync();
			rmSync(folder, { recursive: true, force: true });
		}
	};
}
