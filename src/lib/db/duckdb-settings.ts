/**
 * Settings applied to every new DuckDB-WASM connection. Parquet and JSON are extensions that DuckDB-WASM would
 * download at first use; offline that fails (in Node it hangs), so autoloading is off and Parquet goes through
 * parquet-wasm instead.
 */
export const WASM_SETTINGS = [
	'SET autoload_known_extensions = false',
	'SET autoinstall_known_extensions = false'
] as const;
