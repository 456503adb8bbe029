/**
 * Everything the data-quality page shows for a plan at an as-of date, computed once per (connection, plan,
 * date) and cached, with a step callback for a progress bar; and the pure helpers that turn it into problem rows,
 * filter them (unit subtree, level, period), describe them in one sentence and export them as CSV.
 *
 * "All data" is a plan too: `allDataPlan(year, root)` is a plan without rules over one year at a unit, so that
 * every check reads the same way.
 */
import type { Connector } from '$lib/db/connector';
import { toCsv } from '$lib/export/csv';
import { formatDate, formatNumber, type Lang } from '$lib/i18n';
import type { Level } from '$lib/model/data';
import type { PlanFile } from '$lib/model/plan';
import { parsePeriod } from '$lib/periods/codes';
import type { Catalogue } from '$lib/rules/catalogue';
import { onDataChange } from '$lib/state/data-changes';
import { bundledQualityRuleSources, type QualityRuleSource } from './bundled-rules';
import { reportLedger, type ExpectedReport } from './completeness';
import { formatPeriod } from './explain';
import {
	expectedIndicatorCells,
	expectedValueCells,
	type ExpectedIndicatorCell,
	type ExpectedValueCell
} from './gaps';
import { qualityText } from './messages';
import { outliers, type Outlier } from './outliers';
import {
	combineQualityFiles,
	parseQualityFile,
	type ParsedQualityFile,
	type ReportDeadline,
	type ValidationRule
} from './rule-files';
import { validationViolations, type Violation } from './validation';

export const STEPS = ['rules', 'reports', 'values', 'outliers', 'validation'] as const;
export type Step = (typeof STEPS)[number];

export interface QualityPageData {
	plan: PlanFile;
	asOf: string;
	ruleFiles: ParsedQualityFile[];
	validationRules: ValidationRule[];
	deadlines: ReportDeadline[];
	ledger: ExpectedReport[];
	cells: ExpectedValueCell[];
	indicatorCells: ExpectedIndicatorCell[];
	outliers: Outlier[];
	violations: Violation[];
}

/** A plan without rules over one calendar year at a unit: the checks of "all data" of that year. */
export function allDataPlan(year: number, root: string): PlanFile {
	return {
		plan: {
			id: `all-${year}`,
			title: { vi: `Toàn bộ dữ liệu năm ${year}`, en: `All data of ${year}` },
			issuer: '',
			orgUnit: root,
			period: { start: `${year}-01-01`, end: `${year}-12-31` },
			programmes: []
		},
		rules: []
	};
}

/** Runs every check; `onStep(step, index)` is called before each. */
export async function computeQualityPage(
	conn: Connector,
	plan: PlanFile,
	asOf: string,
	catalogue: Catalogue | null,
	onStep: (step: Step, index: number) => void = () => {},
	sources: readonly QualityRuleSource[] = bundledQualityRuleSources
): Promise<QualityPageData> {
	onStep('rules', 0);
	const ruleFiles = sources.map((s) => parseQualityFile(s.file, s.text, catalogue));
	const { validationRules, reportDeadlines } = combineQualityFiles(ruleFiles);
	onStep('reports', 1);
	const ledger = await reportLedger(conn, plan, asOf, reportDeadlines);
	onStep('values', 2);
	const cells = await expectedValueCells(conn, plan, asOf);
	const indicatorCells = await expectedIndicatorCells(conn, plan, asOf);
	onStep('outliers', 3);
	const found = await outliers(conn, plan, asOf);
	onStep('validation', 4);
	const violations = await validationViolations(conn, plan, asOf, validationRules);
	return {
		plan,
		asOf,
		ruleFiles,
		validationRules,
		deadlines: reportDeadlines,
		ledger,
		cells,
		indicatorCells,
		outliers: found,
		violations
	};
}

const cache = new Map<string, { conn: Connector; data: Promise<QualityPageData> }>();
const listeners = new Set<(step: Step, index: number) => void>();

/**
 * `computeQualityPage`, cached by connection, plan and date (a failure is dropped so that it can be retried).
 * Steps are reported to `onStep` while this call computes.
 */
export function qualityPageOf(
	conn: Connector,
	plan: PlanFile,
	asOf: string,
	catalogue: Catalogue | null,
	onStep: (step: Step, index: number) => void = () => {}
): Promise<QualityPageData> {
	const key = `${asOf}@${JSON.stringify(plan)}`;
	const cached = cache.get(key);
	if (cached?.conn === conn) return cached.data;
	listeners.add(onStep);
	const data = computeQualityPage(conn, plan, asOf, catalogue, (step, index) => {
		for (const listener of listeners) listener(step, index);
	});
	const done = () => listeners.delete(onStep);
	data.then(done, done);
	cache.set(key, { conn, data });
	data.catch(() => cache.delete(key));
	return data;
}

/** Forgets every cached result; done on every data change (an import applied or removed). */
export function clearQualityPageCache(): void {
	cache.clear();
}
onDataChange(clearQualityPageCache);

// ------------------------------------------------------------------------------------------ problem rows

export type ProblemKind = 'missing' | 'late' | 'gap' | 'outlier' | 'violation';
export const PROBLEM_KINDS: readonly ProblemKind[] = ['missing', 'late', 'gap', 'outlier', 'violation'];

export type ProblemRow =
	| { kind: 'missing' | 'late'; unit: string; level: Level; period: string | null; report: ExpectedReport }
	| { kind: 'gap'; unit: string; level: Level; period: string; cell: ExpectedValueCell }
	| { kind: 'outlier'; unit: string; level: Level; period: string; outlier: Outlier }
	| { kind: 'violation'; unit: string; level: Level; period: string; violation: Violation };

/** Every problem, kind by kind, each kind in the order its check gives. Pure. */
export function problemRows(data: QualityPageData): ProblemRow[] {
	const rows: ProblemRow[] = [];
	for (const report of data.ledger) {
		if (report.status === 'missing' || report.status === 'late')
			rows.push({
				kind: report.status,
				unit: report.unit,
				level: report.level,
				period: report.period,
				report
			});
	}
	for (const cell of data.cells) {
		if (!cell.present)
			rows.push({ kind: 'gap', unit: cell.unit, level: cell.level, period: cell.period, cell });
	}
	for (const outlier of data.outliers)
		rows.push({ kind: 'outlier', unit: outlier.unit, level: outlier.level, period: outlier.period, outlier });
	for (const violation of data.violations)
		rows.push({
			kind: 'violation',
			unit: violation.unit,
			level: violation.level,
			period: violation.period,
			violation
		});
	return rows;
}

export interface ProblemFilter {
	/** Whether a unit is in the chosen subtree; null: every unit. */
	within: ((code: string) => boolean) | null;
	level: Level | null;
	/** A period code: rows whose period lies inside it. */
	period: string | null;
}

/** Whether period `inner` lies inside period `outer` (codes). Pure. */
export function periodWithin(inner: string | null, outer: string): boolean {
	if (inner === null) return false;
	const a = parsePeriod(inner);
	const b = parsePeriod(outer);
	return !!a && !!b && a.start >= b.start && a.end <= b.end;
}

export function matches(
	row: { unit: string; level: Level; period: string | null },
	filter: ProblemFilter
): boolean {
	if (filter.within && !filter.within(row.unit)) return false;
	if (filter.level && row.level !== filter.level) return false;
	if (filter.period && !periodWithin(row.period, filter.period)) return false;
	return true;
}

/** The periods to filter by: each row's period, its quarter and its year, in order. Pure. */
export function periodChoices(periods: Iterable<string | null>): string[] {
	const out = new Set<string>();
	for (const code of periods) {
		const period = code ? parsePeriod(code) : null;
		if (!period || !code) continue;
		out.add(code);
		out.add(code.slice(0, 4));
		if (period.kind === 'month' || period.kind === 'day') {
			const month = Number(period.start.slice(5, 7));
			out.add(`${code.slice(0, 4)}Q${Math.ceil(month / 3)}`);
		}
	}
	return [...out].sort((a, b) => {
		const pa = parsePeriod(a)!;
		const pb = parsePeriod(b)!;
		return pa.start.localeCompare(pb.start) || pb.end.localeCompare(pa.end);
	});
}

/**
 * A membership test for the subtree at `root`, from a map of each code to its parent (the hierarchy valid at the
 * plan's start). Pure.
 */
export function subtreeTest(
	parents: ReadonlyMap<string, string | null>,
	root: string
): (code: string) => boolean {
	const memo = new Map<string, boolean>();
	const test = (code: string): boolean => {
		const known = memo.get(code);
		if (known !== undefined) return known;
		let current: string | null | undefined = code;
		const path: string[] = [];
		let result = false;
		for (let depth = 0; current && depth < 12; depth += 1) {
			if (current === root) {
				result = true;
				break;
			}
			const cached = memo.get(current);
			if (cached !== undefined) {
				result = cached;
				break;
			}
			path.push(current);
			current = parents.get(current);
		}
		for (const p of path) memo.set(p, result);
		memo.set(code, result);
		return result;
	};
	return test;
}

/**
 * The units to offer as subtrees: `root` and the units under it above the commune level, depth first (children by
 * code), each with its depth. Pure.
 */
export function subtreeChoices(
	units: Iterable<{ code: string; level: Level; parentCode: string | null }>,
	root: string
): { code: string; depth: number }[] {
	const children = new Map<string, string[]>();
	let known = false;
	for (const unit of units) {
		if (unit.code === root) known = true;
		if (!unit.parentCode || unit.level === 'commune' || unit.level === 'branch') continue;
		const list = children.get(unit.parentCode);
		if (list) list.push(unit.code);
		else children.set(unit.parentCode, [unit.code]);
	}
	const out: { code: string; depth: number }[] = [];
	const walk = (code: string, depth: number) => {
		out.push({ code, depth });
		for (const child of (children.get(code) ?? []).sort()) if (depth < 8) walk(child, depth + 1);
	};
	if (known) walk(root, 0);
	return out;
}

export interface Names {
	indicator(code: string): string;
	report(code: string): string;
	rule(name: string): string;
}

/** Names in a language from the catalogue and the validation rules. Pure. */
export function namesFrom(lang: Lang, catalogue: Catalogue | null, rules: readonly ValidationRule[]): Names {
	const byName = new Map(rules.map((r) => [r.name, r]));
	return {
		indicator: (code) => {
			const i = catalogue?.indicators.get(code);
			return (lang === 'en' ? i?.nameEn || i?.nameVi : i?.nameVi) ?? code;
		},
		report: (code) => {
			const r = catalogue?.reports.get(code);
			return (lang === 'en' ? r?.nameEn || r?.nameVi : r?.nameVi) ?? code;
		},
		rule: (name) => byName.get(name)?.title[lang] ?? name
	};
}

const OPERATOR_SIGNS: Record<string, string> = {
	'==': '=',
	'!=': '≠',
	'<': '<',
	'<=': '≤',
	'>': '>',
	'>=': '≥'
};

/** One sentence on why a row is a problem, with its numbers. Pure. */
export function describeProblem(lang: Lang, row: ProblemRow, names: Names): string {
	const t = (key: Parameters<typeof qualityText>[1], params: Record<string, string | number> = {}) =>
		qualityText(lang, key, params);
	const n = (value: number, digits = 2) => formatNumber(lang, value, digits);
	switch (row.kind) {
		case 'missing':
			return t('detail.missing', {
				report: names.report(row.report.report),
				due: formatDate(lang, row.report.due)
			});
		case 'late':
			return t('detail.late', {
				report: names.report(row.report.report),
				sent: formatDate(lang, row.report.submittedOn),
				days: n(row.report.daysLate ?? 0, 0),
				due: formatDate(lang, row.report.deadline)
			});
		case 'gap':
			return t('detail.gap', { period: formatPeriod(lang, row.period) });
		case 'outlier': {
			const o = row.outlier;
			return t(o.basis === 'history' ? 'detail.outlier.history' : 'detail.outlier.peers', {
				indicator: names.indicator(o.indicator),
				period: formatPeriod(lang, o.period),
				value: n(o.value),
				median: n(o.median),
				mad: n(o.mad),
				count: n(o.count, 0),
				z: n(o.z, 1)
			});
		}
		case 'violation': {
			const v = row.violation;
			const text = t('detail.violation', {
				rule: names.rule(v.rule),
				left: n(v.left),
				operator: OPERATOR_SIGNS[v.operator] ?? v.operator,
				right: n(v.right)
			});
			return v.incomplete ? `${text} ${t('detail.incomplete')}` : text;
		}
	}
}

/** The problems as a CSV file (BOM, formula-safe cells): kind, unit, level, period, details, link. Pure. */
export function qualityCsv(
	lang: Lang,
	rows: readonly ProblemRow[],
	names: Names,
	unitName: (code: string) => string,
	link: (row: ProblemRow) => string
): string {
	const t = (key: Parameters<typeof qualityText>[1]) => qualityText(lang, key);
	const header = [
		t('csv.kind'),
		t('csv.unitCode'),
		t('csv.unitName'),
		t('csv.level'),
		t('csv.period'),
		t('csv.detail'),
		t('csv.link')
	];
	return toCsv(
		header,
		rows.map((row) => [
			t(`kind.${row.kind}`),
			row.unit,
			unitName(row.unit),
			t(`level.${row.level}`),
			row.period ? formatPeriod(lang, row.period) : '',
			describeProblem(lang, row, names),
			link(row)
		])
	);
}
