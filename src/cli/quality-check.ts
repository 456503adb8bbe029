/**
 * `check`'s part for quality rule files: `npm run cli -- check --rules rules` validates the plan files directly
 * inside `rules/`, and this validates the `*.json` of `rules/quality/` (or of the folder or file given) against
 * the loaded catalogue, printing each problem on stderr as `file:line:column: $.json.path: message`, the format
 * of the plan files' problems.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Connector } from '$lib/db/connector';
import { readCatalogue } from '$lib/rules/catalogue';
import { formatQualityProblem, parseQualityFile } from '$lib/quality/rule-files';

/** True when `--rules` names the quality folder or a file in it: then there are no plan files to check. */
export function isQualityPath(rulesPath: string): boolean {
	const resolved = path.resolve(rulesPath);
	return path.basename(resolved) === 'quality' || path.basename(path.dirname(resolved)) === 'quality';
}

/**
 * The quality rule files for a `--rules` argument: for a folder, the `*.json` of its `quality/` subfolder (a
 * folder named `quality` itself: its own `*.json`); for a file inside a `quality` folder, that file; else none.
 */
export function qualityRuleFiles(rulesPath: string): string[] {
	if (!existsSync(rulesPath)) return [];
	if (!statSync(rulesPath).isDirectory())
		return path.basename(path.dirname(rulesPath)) === 'quality' && rulesPath.endsWith('.json')
			? [rulesPath]
			: [];
	const dir = path.basename(rulesPath) === 'quality' ? rulesPath : path.join(rulesPath, 'quality');
	if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
	return readdirSync(dir)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((name) => path.join(dir, name));
}

/** Validates the quality rule files for `rulesPath`; prints problems with `print` (stderr by default). */
export async function checkQualityRules(
	conn: Connector,
	rulesPath: string,
	print: (line: string) => void = (line) => console.error(line)
): Promise<{ files: number; rules: number; errors: number }> {
	const files = qualityRuleFiles(rulesPath);
	if (files.length === 0) return { files: 0, rules: 0, errors: 0 };
	const catalogue = await readCatalogue(conn);
	let errors = 0;
	let rules = 0;
	for (const file of files) {
		const parsed = parseQualityFile(file, readFileSync(file, 'utf8'), catalogue);
		for (const problem of parsed.problems) print(formatQualityProblem(problem));
		errors += parsed.problems.length;
		rules += parsed.rules?.validationRules?.length ?? 0;
	}
	return { files: files.length, rules, errors };
}
