/**
 * The one door to the database. Everything above it speaks SQL through this interface, so the same code runs on
 * DuckDB-WASM in the browser, DuckDB-WASM in Node (tests, CLI) and native DuckDB (batch work).
 */

/** A value that can be bound to a `?` placeholder or read back from a row. */
export type SqlValue = string | number | boolean | null;

/** One result row; BIGINTs come back as numbers (or strings past 2^53), DATEs should be selected as strings. */
export type Row = Record<string, SqlValue>;

export type EngineName = 'wasm' | 'native';

export interface Connector {
	readonly engine: EngineName;
	/** Runs one statement with bound parameters and returns its rows. */
	query<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
	/** Runs statements that return nothing (DDL, INSERT); parameters bind as in `query`. */
	exec(sql: string, params?: readonly SqlValue[]): Promise<void>;
	/**
	 * Makes file contents readable by `read_csv(?)` / `read_parquet(?)` and returns the reference to bind for
	 * them (a registered name in WASM, a temporary path for native DuckDB).
	 */
	registerFile(name: string, bytes: Uint8Array): Promise<string>;
	/** Creates `table` from an Arrow IPC stream. `table` must already be a checked identifier. */
	insertArrowIpc(table: string, ipc: Uint8Array): Promise<void>;
	close(): Promise<void>;
}

/** Turns a driver value into a `SqlValue`: BIGINT → number when exact, otherwise its decimal string. */
export function toSqlValue(value: unknown): SqlValue {
	if (value === null || value === undefined) return null;
	if (typeof value === 'bigint') {
		const n = Number(value);
		return Number.isSafeInteger(n) ? n : value.toString();
	}
	if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
	if (value instanceof Date) return value.toISOString().slice(0, 10);
	return String(value);
}

/** Normalises a driver row (plain object) into a `Row`. */
export function toRow(record: Record<string, unknown>): Row {
	const row: Row = {};
	for (const [key, value] of Object.entries(record)) row[key] = toSqlValue(value);
	return row;
}
