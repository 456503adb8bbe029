/** Reading the data folder and the rule files from disk for the CLI. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { formatOf, type DataFile } from '$lib/db/load';
import { TABLE_NAMES, type TableName } from '$lib/model/data';

/** Contract files in a folder: `<table>.csv|parquet|arrow`; other files are ignored. */
export function readDataDir(dir: string): DataFile[] {
	const files: DataFile[] = [];
	for (const name of readdirSync(dir).sort()) {
		const format = formatOf(name);
		const table = name.slice(0, name.indexOf('.')) as TableName;
		if (!format || !TABLE_NAMES.includes(table)) continue;
		files.push({ table, name: path.join(dir, name), format, bytes: readFileSync(path.join(dir, name)) });
	}
	return files;
}

export interface RuleText {
	file: string;
	text: string;
}

/** One rule file, or every `*.json` in a folder, in name order. */
export function readRuleFiles(target: string): RuleText[] {
	const files = statSync(target).isDirectory()
		? readdirSync(target)
				.filter((name) => name.endsWith('.json'))
				.sort()
				.map((name) => path.join(target, name))
		: [target];
	return files.map((file) => ({ file, text: readFileSync(file, 'utf8') }));
}
