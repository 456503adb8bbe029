/**
 * Shared code of the end-to-end tests: waiting for the app, the CLI's results (the reference the scorecard is
 * checked against), the data files, and vi-VN formats written independently of the app's own formatting code.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { csvParse, type DSVRowString } from 'd3-dsv';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
export const DATA_DIR = join(ROOT, 'data');
export const PLAN_ID = 'cao-bang-2024';
export const RULES_FILE = join(ROOT, 'rules', `${PLAN_ID}.json`);
/** The first wait of a page: DuckDB-WASM starts and loads the data (5–10 s on a busy machine). */
export const APP_TIMEOUT = 60_000;

export type Status = 'achieved' | 'on-track' | 'at-risk' | 'off-track' | 'missed' | 'no-data';
export const STATUSES: Status[] = ['achieved', 'on-track', 'at-risk', 'off-track', 'missed', 'no-data'];

export interface CliCondition {
	fact: string;
	params: Record<string, unknown>;
	path: string | null;
	operator: string;
	factValue: unknown;
	value: unknown;
	result: boolean;
}

export interface CliResult {
	plan: string;
	rule: string;
	orgUnit: string;
	status: Status;
	actual: unknown;
	target: unknown;
	expected: unknown;
	conditions: CliCondition[];
	units?: CliResult[];
	explanation: { vi: string; en: string };
}

export interface CliOutput {
	asOf: string;
	results: CliResult[];
}

// ---------------------------------------------------------------------------------------------------------------
// The app

/** The scorecard of the home page has rendered its rows (DuckDB loaded, the plan evaluated). */
export async function waitForScorecard(page: Page): Promise<void> {
	await expect(page.locator('tr.target').first()).toBeVisible({ timeout: APP_TIMEOUT });
	await expect(page.locator('main [aria-busy="true"]')).toHaveCount(0, { timeout: APP_TIMEOUT });
}

/** The unit page has rendered the unit's targets. */
export async function waitForUnitPage(page: Page): Promise<void> {
	await expect(page.getByTestId('unit-targets')).toBeVisible({ timeout: APP_TIMEOUT });
	await expect(page.locator('main [aria-busy="true"]')).toHaveCount(0, { timeout: APP_TIMEOUT });
}

/** `/?plan=…&asOf=…` (and `lang=en`, `unit=…` when given). */
export function viewUrl(path: string, params: { asOf?: string; unit?: string; lang?: 'en'; plan?: string }) {
	const search = new URLSearchParams({ plan: params.plan ?? PLAN_ID });
	if (params.asOf) search.set('asOf', params.asOf);
	if (params.unit) search.set('unit', params.unit);
	if (params.lang) search.set('lang', params.lang);
	return `${path}?${search.toString()}`;
}

/** The query parameters of the page's current URL. */
export function urlParams(page: Page): URLSearchParams {
	return new URL(page.url()).searchParams;
}

/** `{ rule: status }` of the rows matched by `rows` (each carrying `data-rule` and `data-status`). */
export async function statusesOf(rows: Locator): Promise<Record<string, string>> {
	return rows.evaluateAll((elements) =>
		Object.fromEntries(
			elements.map((el) => [el.getAttribute('data-rule') ?? '', el.getAttribute('data-status') ?? ''])
		)
	);
}

/** The requests a page sends outside its own origin (the app must run offline from its static files). */
export function recordForeignRequests(page: Page, baseURL: string): string[] {
	const origin = new URL(baseURL).origin;
	const foreign: string[] = [];
	page.on('request', (request) => {
		const url = new URL(request.url());
		if (url.origin !== origin && url.protocol !== 'data:' && url.protocol !== 'blob:')
			foreign.push(request.url());
	});
	return foreign;
}

// ---------------------------------------------------------------------------------------------------------------
// The CLI: the reference results

const run = promisify(execFile);
const memory = new Map<string, Promise<CliOutput>>();

/** A fingerprint of what the CLI's answer depends on: the data files and the rule file. */
function inputsKey(asOf: string): string {
	const hash = createHash('sha256').update(asOf);
	for (const file of [RULES_FILE, ...readdirSync(DATA_DIR).map((f) => join(DATA_DIR, f))]) {
		const stat = statSync(file);
		if (stat.isFile()) hash.update(`${file}:${stat.size}:${stat.mtimeMs}`);
	}
	return hash.digest('hex').slice(0, 16);
}

/**
 * `chi-tieu evaluate --as-of <date>` on the plan, run once per date and test run: cached in memory, and on disk
 * under the Playwright runner's process id so that the workers and test files of one run share it (the CLI takes
 * ~10 s) while a new run always asks the CLI afresh.
 */
export function cliEvaluate(asOf: string): Promise<CliOutput> {
	let cached = memory.get(asOf);
	if (!cached) {
		cached = (async () => {
			const dir = join(tmpdir(), 'chi-tieu-e2e-cli');
			const file = join(dir, `${process.ppid}-${inputsKey(asOf)}.json`);
			if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as CliOutput;
			const { stdout } = await run(
				join(ROOT, 'node_modules/.bin/tsx'),
				[
					'--tsconfig',
					'tsconfig.node.json',
					'src/cli/main.ts',
					'evaluate',
					'--data',
					'data',
					'--rules',
					`rules/${PLAN_ID}.json`,
					'--as-of',
					asOf
				],
				{ cwd: ROOT, maxBuffer: 256 * 1024 * 1024 }
			);
			const output = JSON.parse(stdout) as CliOutput;
			mkdirSync(dir, { recursive: true });
			// Earlier runs' answers are of no use any more.
			for (const old of readdirSync(dir)) {
				const path = join(dir, old);
				if (!old.startsWith(`${process.ppid}-`) && Date.now() - statSync(path).mtimeMs > 3_600_000)
					rmSync(path);
			}
			writeFileSync(file, stdout);
			return output;
		})();
		memory.set(asOf, cached);
	}
	return cached;
}

/** The CLI's result of one rule at a date. */
export async function cliResult(asOf: string, rule: string): Promise<CliResult> {
	const output = await cliEvaluate(asOf);
	const result = output.results.find((r) => r.rule === rule);
	if (!result) throw new Error(`the CLI gave no result for ${rule} at ${asOf}`);
	return result;
}

/** `{ rule: status }` as the CLI judges the plan at a date. */
export async function cliStatuses(asOf: string): Promise<Record<string, string>> {
	const output = await cliEvaluate(asOf);
	expect(output.asOf).toBe(asOf);
	return Object.fromEntries(output.results.map((r) => [r.rule, r.status]));
}

/** How many of the plan's targets have each status at a date. */
export async function cliStatusCounts(asOf: string): Promise<Record<Status, number>> {
	const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
	for (const result of (await cliEvaluate(asOf)).results) counts[result.status] += 1;
	return counts;
}

// ---------------------------------------------------------------------------------------------------------------
// The data files

const csvCache = new Map<string, DSVRowString[]>();

/** The rows of `data/<name>.csv`. */
export function readCsv(name: string): DSVRowString[] {
	let rows = csvCache.get(name);
	if (!rows) {
		rows = csvParse(readFileSync(join(DATA_DIR, `${name}.csv`), 'utf8').replace(/^\uFEFF/, ''));
		csvCache.set(name, rows);
	}
	return rows;
}

export interface OrgUnitRow {
	code: string;
	name: string;
	level: string;
	parentCode: string;
}

/** The units of the hierarchy before the 2025 reorganisation (the plan's hierarchy for 2024). */
export function unitsBefore2025(): OrgUnitRow[] {
	return readCsv('org_units')
		.filter((r) => !r.valid_from || r.valid_from <= '2024-01-01')
		.filter((r) => !r.valid_to || r.valid_to >= '2024-01-01')
		.map((r) => ({
			code: r.code ?? '',
			name: r.name ?? '',
			level: r.level ?? '',
			parentCode: r.parent_code ?? ''
		}));
}

/** The children of `code` at `level` in the pre-2025 hierarchy, by code. */
export function childrenOf(code: string, level: string): OrgUnitRow[] {
	return unitsBefore2025()
		.filter((u) => u.parentCode === code && u.level === level)
		.sort((a, b) => a.code.localeCompare(b.code));
}

export function unitName(code: string): string {
	const unit = unitsBefore2025().find((u) => u.code === code);
	if (!unit) throw new Error(`no unit ${code} in data/org_units.csv`);
	return unit.name;
}

/** The plan file as written, for titles and the rules' shapes. */
export function readPlan(id: string): {
	plan: { id: string; title: { vi: string; en: string }; orgUnit: string };
	rules: { name: string; title: { vi: string; en: string }; scope?: { each: string } }[];
} {
	return JSON.parse(readFileSync(join(ROOT, 'rules', `${id}.json`), 'utf8'));
}

// ---------------------------------------------------------------------------------------------------------------
// vi-VN formats (design.md §2: 1.300; 15/10/2024), written here without the app's code

/** 1.300; 80,06 (at most `maximumFractionDigits` decimals). */
export function viNumber(value: number, maximumFractionDigits = 2): string {
	return new Intl.NumberFormat('vi-VN', { maximumFractionDigits }).format(value);
}

/** A share 0–1 as the scorecard writes it: 81%, 4,5% (one decimal under 10%). */
export function viPercent(share: number): string {
	const percent = share * 100;
	return `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: percent < 10 ? 1 : 0 }).format(percent)}%`;
}

/** 2024-06-30 → 30/06/2024. */
export function viDate(iso: string): string {
	const [y, m, d] = iso.split('-');
	return `${d}/${m}/${y}`;
}

/** A measured value as the scorecard shows it: a count, a share or a date; '—' when missing. */
export function viMeasure(value: unknown, share: boolean): string {
	if (value === null || value === undefined) return '—';
	if (typeof value === 'number') return share ? viPercent(value) : viNumber(value);
	if (typeof value === 'string') return viDate(value);
	throw new Error(`no vi-VN format for ${JSON.stringify(value)}`);
}
