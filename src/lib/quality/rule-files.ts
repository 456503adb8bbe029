/**
 * Data-quality rule files (`rules/quality/*.json`, schema `static/schema/quality-rules.schema.json`): validation
 * rules of the DHIS2 kind — left side, operator, right side — and the deadlines of periodic reports. A file is
 * untrusted input: it is validated here (JSON syntax, the schema, then codes against the loaded catalogue) with
 * problems naming the file, the JSON path, the line and column; the evaluator (validation.ts) binds every code and
 * number it holds as SQL values and maps the operator through a fixed table. Pure: no Node, no database.
 *
 * Kept in a subfolder of `rules/` so that neither the app's plan list (`src/lib/plans/bundled.ts` globs
 * `/rules/*.json`) nor `npm run cli -- check --rules rules` (which reads the `*.json` directly inside the folder)
 * takes them for plans.
 */
import type { ErrorObject } from 'ajv';
import type { Lang } from '$lib/i18n';
import type { Level } from '$lib/model/data';
import type { PeriodKind } from '$lib/periods/codes';
import type { Catalogue } from '$lib/rules/catalogue';
import {
	draftsAt,
	duplicateKeyDrafts,
	placeInText,
	placeProblem,
	withoutBom,
	type Draft as AnyDraft,
	type FileProblem,
	type ProblemParams
} from '$lib/rules/json-problems';
import { isObject, jsonType, lazyValidator, pointerToPath, shown } from '$lib/rules/schema-errors';
import { formatJsonPath, lineStarts, positionAt, scanJson } from '$lib/rules/json-position';
import { closestCode } from '$lib/rules/validate';
import schema from '../../../static/schema/quality-rules.schema.json';

export type Localized = { vi: string; en: string };
export const COMPARISONS = ['==', '!=', '<', '<=', '>', '>='] as const;
export type Comparison = (typeof COMPARISONS)[number];
export type MissingStrategy = 'skip-if-any' | 'skip-if-all' | 'never-skip';
export type EnclosingKind = Exclude<PeriodKind, 'day'>;

export type Side =
	| { indicators: string[]; factor?: number; in?: EnclosingKind }
	| { constant: number; indicators?: undefined };

export interface ValidationRule {
	name: string;
	title: Localized;
	description?: Localized;
	left: Side;
	operator: Comparison;
	right: Side;
	missing?: MissingStrategy;
	levels?: Level[];
}

export interface ReportDeadline {
	report: string;
	periodKind: EnclosingKind;
	due: { dayOfLastMonth: number } | { daysAfterEnd: number };
}

export interface QualityRuleFile {
	title: Localized;
	validationRules?: ValidationRule[];
	reportDeadlines?: ReportDeadline[];
}

export const QUALITY_PROBLEM_CODES = [
	'invalid-json',
	'duplicate-key',
	'missing-key',
	'unknown-key',
	'wrong-type',
	'invalid-value',
	'bad-side',
	'bad-due',
	'empty-list',
	'duplicate-item',
	'bad-name',
	'out-of-range',
	'empty-value',
	'unknown-indicator',
	'unknown-report',
	'duplicate-rule-name',
	'no-indicator',
	'no-base-period',
	'duplicate-deadline'
] as const;
export type QualityProblemCode = (typeof QUALITY_PROBLEM_CODES)[number];

export type QualityProblem = FileProblem<QualityProblemCode>;

type Params = ProblemParams;
type Draft = AnyDraft<QualityProblemCode>;

const WORDS: Record<QualityProblemCode, (p: Params) => Localized> = {
	'invalid-json': (p) => ({
		vi: `Không phải JSON hợp lệ (${p.detail}).`,
		en: `Not valid JSON (${p.detail}).`
	}),
	'duplicate-key': (p) => ({
		vi: `Khóa "${p.key}" xuất hiện hai lần (lần đầu ở dòng ${p.first}).`,
		en: `The key "${p.key}" appears twice (first on line ${p.first}).`
	}),
	'missing-key': (p) => ({ vi: `Thiếu khóa "${p.key}".`, en: `The key "${p.key}" is missing.` }),
	'unknown-key': (p) => ({
		vi: `Khóa "${p.key}" không được phép ở đây${p.suggestion ? ` (có phải "${p.suggestion}"?)` : ''}; được phép: ${p.expected}.`,
		en: `The key "${p.key}" is not allowed here${p.suggestion ? ` (did you mean "${p.suggestion}"?)` : ''}; allowed: ${p.expected}.`
	}),
	'wrong-type': (p) => ({
		vi: `Cần kiểu ${p.expected}, nhưng là ${p.found}.`,
		en: `Expected ${p.expected}, found ${p.found}.`
	}),
	'invalid-value': (p) => ({
		vi: `Giá trị ${p.value} không hợp lệ; cần một trong: ${p.expected}.`,
		en: `The value ${p.value} is not allowed; expected one of: ${p.expected}.`
	}),
	'bad-side': () => ({
		vi: 'Mỗi vế cần đúng một trong hai dạng: {"indicators": [...]} (có thể kèm "factor", "in") hoặc {"constant": số}.',
		en: 'Each side must be exactly one of {"indicators": [...]} (with optional "factor", "in") or {"constant": number}.'
	}),
	'bad-due': () => ({
		vi: 'Hạn cần đúng một trong hai dạng: {"dayOfLastMonth": 1–31} hoặc {"daysAfterEnd": 0–366}.',
		en: 'The deadline must be exactly one of {"dayOfLastMonth": 1–31} or {"daysAfterEnd": 0–366}.'
	}),
	'empty-list': () => ({ vi: 'Danh sách không được rỗng.', en: 'The list must not be empty.' }),
	'duplicate-item': (p) => ({
		vi: `${p.item} đã có trong danh sách.`,
		en: `${p.item} is already in the list.`
	}),
	'bad-name': (p) => ({
		vi: `Tên ${p.value} chỉ được gồm chữ, số, ".", "_", "-" và bắt đầu bằng chữ hoặc số.`,
		en: `The name ${p.value} may hold only letters, digits, ".", "_" and "-", starting with a letter or digit.`
	}),
	'out-of-range': (p) => ({
		vi: `${p.value} nằm ngoài khoảng cho phép (${p.comparison} ${p.limit}).`,
		en: `${p.value} is out of range (must be ${p.comparison} ${p.limit}).`
	}),
	'empty-value': () => ({ vi: 'Giá trị không được để trống.', en: 'The value must not be empty.' }),
	'unknown-indicator': (p) => ({
		vi: `Không có chỉ tiêu mã "${p.code}" trong danh mục${p.suggestion ? ` (có phải "${p.suggestion}"?)` : ''}.`,
		en: `No indicator has the code "${p.code}"${p.suggestion ? ` (did you mean "${p.suggestion}"?)` : ''}.`
	}),
	'unknown-report': (p) => ({
		vi: `Không có báo cáo mã "${p.code}" trong danh mục${p.suggestion ? ` (có phải "${p.suggestion}"?)` : ''}.`,
		en: `No report has the code "${p.code}"${p.suggestion ? ` (did you mean "${p.suggestion}"?)` : ''}.`
	}),
	'duplicate-rule-name': (p) => ({
		vi: `Tên quy tắc "${p.name}" đã dùng ở ${p.first}.`,
		en: `The rule name "${p.name}" is already used at ${p.first}.`
	}),
	'no-indicator': () => ({
		vi: 'Quy tắc phải có ít nhất một chỉ tiêu ở một vế (hai hằng số thì không có gì để kiểm tra).',
		en: 'A rule needs an indicator on at least one side (two constants check nothing).'
	}),
	'no-base-period': () => ({
		vi: 'Ít nhất một vế có chỉ tiêu phải không có "in": quy tắc được kiểm tra theo kỳ của vế đó.',
		en: 'At least one side with indicators must have no "in": the rule is checked for that side’s periods.'
	}),
	'duplicate-deadline': (p) => ({
		vi: `Hạn của báo cáo "${p.report}" theo ${p.periodKind} đã khai báo ở ${p.first}.`,
		en: `A deadline for "${p.report}" by ${p.periodKind} is already given at ${p.first}.`
	})
};

/** The message of a problem in a language. */
export function qualityProblemMessage(problem: Pick<QualityProblem, 'code' | 'params'>, lang: Lang): string {
	return WORDS[problem.code](problem.params)[lang];
}

// ---------------------------------------------------------------------------------------------- schema

const validator = lazyValidator(schema);

type SchemaNode = Record<string, unknown>;
const definitions = (schema as unknown as { definitions: Record<string, SchemaNode> }).definitions;
const SIDE = definitions.side;
const DUE = (definitions.reportDeadline?.properties as Record<string, unknown> | undefined)?.due;

/** Whether an error lies inside a oneOf branch (side or due), whose failure is reported once for the whole. */
function oneOfOwner(error: ErrorObject): boolean {
	return /\/oneOf\/\d+\//.test(error.schemaPath);
}

function translate(error: ErrorObject, root: unknown): Draft | null {
	const path = pointerToPath(error.instancePath, root);
	const at = draftsAt<QualityProblemCode>(path);
	switch (error.keyword) {
		case 'oneOf':
			return error.parentSchema === SIDE ? at('bad-side') : error.parentSchema === DUE ? at('bad-due') : null;
		case 'type':
			return at('wrong-type', { expected: String(error.params.type), found: jsonType(error.data) });
		case 'required':
			return at('missing-key', { key: String(error.params.missingProperty) });
		case 'additionalProperties': {
			const key = String(error.params.additionalProperty);
			const allowed = Object.keys((error.parentSchema as { properties?: object }).properties ?? {});
			const suggestion = closestCode(key, allowed);
			return at(
				'unknown-key',
				{ key, expected: allowed.join(', '), ...(suggestion ? { suggestion } : {}) },
				[...path, key],
				'key'
			);
		}
		case 'enum':
			return at('invalid-value', {
				value: shown(error.data),
				expected: (error.params.allowedValues as unknown[]).map(String).join(', ')
			});
		case 'pattern':
			return at('bad-name', { value: shown(error.data) });
		case 'minItems':
			return at('empty-list');
		case 'minLength':
			return at('empty-value');
		case 'uniqueItems': {
			const later = error.params.i as number;
			const item = Array.isArray(error.data) ? error.data[later] : undefined;
			return at('duplicate-item', { item: shown(item) }, [...path, later]);
		}
		case 'minimum':
		case 'maximum':
			return at('out-of-range', {
				value: shown(error.data),
				limit: error.params.limit as number,
				comparison: error.keyword === 'minimum' ? '>=' : '<='
			});
		default:
			return null;
	}
}

function schemaDrafts(root: unknown): Draft[] {
	const validate = validator();
	if (validate(root)) return [];
	const errors = validate.errors ?? [];
	const typeAt = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
	// A side or deadline that fits neither shape: one message about the whole, not one per branch.
	const failedOneOf = new Set(errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath));
	const kept = errors.filter((e) => {
		if (oneOfOwner(e) && [...failedOneOf].some((p) => e.instancePath.startsWith(p))) return false;
		if (e.keyword !== 'type' && typeAt.has(e.instancePath)) return false;
		return true;
	});
	return kept.map((e) => translate(e, root)).filter((d): d is Draft => d !== null);
}

// ---------------------------------------------------------------------------------------------- semantics

function semanticDrafts(root: unknown, catalogue: Catalogue | null): Draft[] {
	const drafts: Draft[] = [];
	if (!isObject(root)) return drafts;
	const rules = Array.isArray(root.validationRules) ? root.validationRules : [];
	const names = new Map<string, number>();
	const indicatorNames = (code: string) => {
		const i = catalogue?.indicators.get(code);
		return i ? [i.nameVi, i.nameEn] : [];
	};
	rules.forEach((rule, r) => {
		if (!isObject(rule)) return;
		if (typeof rule.name === 'string') {
			const first = names.get(rule.name);
			if (first !== undefined)
				drafts.push({
					code: 'duplicate-rule-name',
					path: ['validationRules', r, 'name'],
					target: 'value',
					params: { name: rule.name, first: formatJsonPath(['validationRules', first]) }
				});
			else names.set(rule.name, r);
		}
		const sides = (['left', 'right'] as const).map((key) => ({ key, side: rule[key] }));
		let withIndicators = 0;
		let base = 0;
		for (const { key, side } of sides) {
			if (!isObject(side) || !Array.isArray(side.indicators)) continue;
			withIndicators += 1;
			if (side.in === undefined) base += 1;
			side.indicators.forEach((code, i) => {
				if (typeof code !== 'string' || !catalogue || catalogue.indicators.has(code)) return;
				const suggestion = closestCode(code, catalogue.indicators.keys(), indicatorNames);
				drafts.push({
					code: 'unknown-indicator',
					path: ['validationRules', r, key, 'indicators', i],
					target: 'value',
					params: { code, ...(suggestion ? { suggestion } : {}) }
				});
			});
		}
		const bothShaped = sides.every(({ side }) => isObject(side));
		if (bothShaped && withIndicators === 0)
			drafts.push({ code: 'no-indicator', path: ['validationRules', r], target: 'value', params: {} });
		else if (bothShaped && withIndicators > 0 && base === 0)
			drafts.push({ code: 'no-base-period', path: ['validationRules', r], target: 'value', params: {} });
	});
	const deadlines = Array.isArray(root.reportDeadlines) ? root.reportDeadlines : [];
	const seen = new Map<string, number>();
	deadlines.forEach((deadline, d) => {
		if (!isObject(deadline) || typeof deadline.report !== 'string') return;
		const report = deadline.report;
		if (catalogue && !catalogue.reports.has(report)) {
			const suggestion = closestCode(report, catalogue.reports.keys(), (code) => {
				const entry = catalogue.reports.get(code);
				return entry ? [entry.nameVi, entry.nameEn] : [];
			});
			drafts.push({
				code: 'unknown-report',
				path: ['reportDeadlines', d, 'report'],
				target: 'value',
				params: { code: report, ...(suggestion ? { suggestion } : {}) }
			});
		}
		const key = `${report}\u0000${String(deadline.periodKind)}`;
		const first = seen.get(key);
		if (first !== undefined)
			drafts.push({
				code: 'duplicate-deadline',
				path: ['reportDeadlines', d],
				target: 'value',
				params: {
					report,
					periodKind: String(deadline.periodKind),
					first: formatJsonPath(['reportDeadlines', first])
				}
			});
		else seen.set(key, d);
	});
	return drafts;
}

// ---------------------------------------------------------------------------------------------- entry points

const englishMessage = (problem: QualityProblem) => qualityProblemMessage(problem, 'en');

export interface ParsedQualityFile {
	file: string;
	/** The file's content when it has no problem; null otherwise (a broken file checks nothing). */
	rules: QualityRuleFile | null;
	problems: QualityProblem[];
}

/**
 * Validates the text of a quality rule file: JSON syntax, the schema, then the catalogue's indicator and report
 * codes (skipped when `catalogue` is null). Problems come in text order, each with file, JSON path, line and
 * column. A UTF-8 byte-order mark is tolerated.
 */
export function parseQualityFile(file: string, text: string, catalogue: Catalogue | null): ParsedQualityFile {
	const body = withoutBom(text);
	const starts = lineStarts(body);
	const scan = scanJson(body);
	let value: unknown;
	try {
		value = JSON.parse(body);
	} catch (error) {
		// A trailing comma is what to delete: point at it rather than at the bracket after it.
		const offset = scan.error?.commaOffset ?? scan.error?.offset ?? 0;
		const detail = scan.error?.reason ?? (error instanceof Error ? error.message : String(error));
		const draft: Draft = { code: 'invalid-json', path: [], target: 'value', params: { detail } };
		return {
			file,
			rules: null,
			problems: [placeProblem(file, draft, positionAt(starts, offset), englishMessage)]
		};
	}
	const schemaProblems = schemaDrafts(value);
	// Codes are checked only on a file of the right shape: a broken shape says enough.
	const drafts = [
		...duplicateKeyDrafts(scan, starts),
		...schemaProblems,
		...(schemaProblems.length ? [] : semanticDrafts(value, catalogue))
	];
	const problems = placeInText(file, scan, starts, drafts, englishMessage);
	return { file, rules: problems.length ? null : (value as QualityRuleFile), problems };
}

/** `file:line:column: $.path: message`, as the CLI prints plan-file problems. */
export function formatQualityProblem(problem: QualityProblem, lang: Lang = 'en'): string {
	const where = problem.line === null ? problem.file : `${problem.file}:${problem.line}:${problem.column}`;
	return `${where}: ${problem.path}: ${qualityProblemMessage(problem, lang)}`;
}

/** Every validation rule and deadline of the valid files, in file order. */
export function combineQualityFiles(files: readonly ParsedQualityFile[]): {
	validationRules: ValidationRule[];
	reportDeadlines: ReportDeadline[];
} {
	const valid = files.flatMap((f) => (f.rules ? [f.rules] : []));
	return {
		validationRules: valid.flatMap((f) => f.validationRules ?? []),
		reportDeadlines: valid.flatMap((f) => f.reportDeadlines ?? [])
	};
}
