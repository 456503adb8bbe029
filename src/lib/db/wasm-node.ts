/** DuckDB-WASM in Node, blocking bindings in this thread: the CLI's default engine and the tests' reference. */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Connector, Row, SqlValue } from './connector';
import { arrowToRows } from './arrow-rows';
import { WASM_SETTINGS } from './duckdb-settings';

type Blocking = typeof import('@duckdb/duckdb-wasm/blocking');

export async function createWasmNodeConnector(): Promise<Connector> {
	const require = createRequire(import.meta.url);
	const duckdb = require('@duckdb/duckdb-wasm/blocking') as Blocking;
	const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
	const bundles = {
		mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: '' },
		eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: '' }
	};
	const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
	await db.instantiate();
	const conn = db.connect();
	for (const setting of WASM_SETTINGS) conn.query(setting);

	function run(sql: string, params: readonly SqlValue[]) {
		if (params.length === 0) return conn.query(sql);
		const statement = conn.prepare(sql);
		try {
			return statement.query(...params);
		} finally {
			statement.close();
		}
	}

	return {
		engine: 'wasm',
		async query<T extends Row = Row>(sql: string, params: readonly SqlValue[] = []) {
			return arrowToRows<T>(run(sql, params));
		},
		async exec(sql, params = []) {
			run(sql, params);
		},
		async registerFile(name, bytes) {
			db.registerFileBuffer(name, bytes);
			return name;
		},
		async insertArrowIpc(table, ipc) {
			conn.insertArrowFromIPCStream(ipc, { name: table, create: true });
		},
		async close() {
			conn.close();
			await db.reset();
		}
	};
}
