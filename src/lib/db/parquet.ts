/**
 * Parquet ↔ Arrow IPC through parquet-wasm: DuckDB-WASM's own Parquet support is an extension it would download,
 * which cannot work offline. In Node the package's node build initialises itself; the browser registers a loader
 * that initialises the wasm from the app's own origin (see `setParquetLoader`).
 */
type ParquetWasm = typeof import('parquet-wasm');

let loadParquet: () => Promise<ParquetWasm> = () => import('parquet-wasm');

/** Replaces how parquet-wasm is loaded (the browser build must fetch its wasm from our origin). */
export function setParquetLoader(loader: () => Promise<ParquetWasm>): void {
	loadParquet = loader;
}

export async function parquetToArrowIpc(parquet: Uint8Array): Promise<Uint8Array> {
	const wasm = await loadParquet();
	return wasm.readParquet(parquet).intoIPCStream();
}

export async function arrowIpcToParquet(ipc: Uint8Array): Promise<Uint8Array> {
	const wasm = await loadParquet();
	const properties = new wasm.WriterPropertiesBuilder().setCompression(wasm.Compression.ZSTD).build();
	return wasm.writeParquet(wasm.Table.fromIPCStream(ipc), properties);
}
