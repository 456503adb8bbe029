/**
 * The embedded default dataset: every contract file in `data/` is bundled by Vite (`?url`) and served from the
 * app's own origin. The file's base name is its table (`data/values.csv` → `values`).
 */
import { TABLE_NAMES, type FileFormat, type TableName } from '$lib/model/data';
import { formatOf } from '$lib/db/load';
import manifest from '$data/manifest.json';

export interface RemoteFile {
	table: TableName;
	name: string;
	format: FileFormat;
	url: string;
}

const urls = import.meta.glob('/data/*.{csv,parquet,arrow}', {
	query: '?url',
	import: 'default',
	eager: true
}) as Record<string, string>;

/** The default files, one per table, in no particular order. */
export function defaultFiles(): RemoteFile[] {
	const files: RemoteFile[] = [];
	for (const [path, url] of Object.entries(urls)) {
		const name = path.slice(path.lastIndexOf('/') + 1);
		const table = name.slice(0, name.indexOf('.')) as TableName;
		const format = formatOf(name);
		if (TABLE_NAMES.includes(table) && format) files.push({ table, name, format, url });
	}
	return files;
}

/** Tables whose default content is generated demo data, to be labelled as illustrative wherever shown. */
export const illustrativeTables: readonly TableName[] = manifest.illustrative as TableName[];
