/**
 * Plan files as the rule editor lists and creates them: what a file says about itself (id, unit, period,
 * number of targets), a new plan from the template, and a copy of a plan shifted to another year. Copies are
 * made by changing the copied text in place, so the copy keeps the original's layout. Pure.
 */
import type { Lang } from '$lib/i18n';
import type { PlanFile } from '$lib/model/plan';
import { applyEdits, blockJson, insertItem, indentUnitOf, type TextEdit } from './json-edit';
import { parseTree, type JsonNode, type PathSegment } from './json-tree';
import { editorText } from './messages';

export interface PlanSummary {
	id: string | null;
	title: { vi: string; en: string } | null;
	orgUnit: string | null;
	start: string | null;
	end: string | null;
	/** Number of rules (targets); null when the text has no list of rules. */
	targets: number | null;
	/** The text parsed, when it is JSON at all (it may still break the schema). */
	parsed: PlanFile | null;
}

const str = (v: unknown) => (typeof v === 'string' ? v : null);
const obj = (v: unknown): Record<string, unknown> | null =>
	v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

/** What a plan file says about itself, read leniently (a broken file still shows what can be read). */
export function summarizePlan(text: string): PlanSummary {
	let value: unknown;
	try {
		value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
	} catch {
		return { id: null, title: null, orgUnit: null, start: null, end: null, targets: null, parsed: null };
	}
	const root = obj(value);
	const plan = obj(root?.plan);
	const title = obj(plan?.title);
	const period = obj(plan?.period);
	return {
		id: str(plan?.id),
		title: title ? { vi: str(title.vi) ?? '', en: str(title.en) ?? '' } : null,
		orgUnit: str(plan?.orgUnit),
		start: str(period?.start),
		end: str(period?.end),
		targets: Array.isArray(root?.rules) ? root.rules.length : null,
		parsed: root ? (root as unknown as PlanFile) : null
	};
}

/** The plan id of a bundled file name: `rules/cao-bang-2024.json` → `cao-bang-2024`. */
export function idOfFile(file: string): string {
	return file.replace(/^.*\//, '').replace(/\.json$/i, '');
}

export const PLAN_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** A plan id made from a file name the user chose: lower case, no diacritics, hyphens. */
export function idFromFileName(name: string): string {
	const id = name
		.replace(/\.json$/i, '')
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.replace(/[đĐ]/g, 'd')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
	return id || 'uploaded-plan';
}

// ------------------------------------------------------------------------------------------------ template

/** Rules are written like the seed files: the rule, its conditions and their list opened up, leaves on one line. */
export function expandRule(path: readonly PathSegment[]): boolean {
	return (
		path.length === 0 ||
		(path.length === 1 && path[0] === 'conditions') ||
		(path.length === 2 && path[0] === 'conditions' && (path[1] === 'all' || path[1] === 'any'))
	);
}

/** A rule object written at an indentation, in the seed files' layout. */
export function formatRule(rule: unknown, indent: string, unit = '  '): string {
	return blockJson(rule, indent, unit, expandRule);
}

/** A new plan file: one target of the most common shape, to change; valid as it stands. */
export function templateText(lang: Lang, year: number): string {
	const text = (key: Parameters<typeof editorText>[1], params: Record<string, string | number> = {}) =>
		editorText(lang, key, params);
	const plan = {
		plan: {
			id: `ke-hoach-${year}`,
			title: {
				vi: editorText('vi', 'template.titleVi', { year }),
				en: editorText('en', 'template.titleEn', { year })
			},
			issuer: text('template.issuer'),
			orgUnit: 'VN',
			period: { start: `${year}-01-01`, end: `${year}-12-31` },
			programmes: [],
			notes: [text('template.note')]
		},
		rules: [
			{
				name: `kh${year}-1-poverty`,
				title: { vi: editorText('vi', 'template.ruleVi'), en: editorText('en', 'template.ruleEn') },
				source: '1',
				conditions: {
					all: [
						{
							fact: 'total',
							params: { indicator: 'households_out_of_poverty' },
							operator: 'greaterThanInclusive',
							value: 100
						}
					]
				},
				event: { type: 'target-met' }
			}
		]
	};
	const expand = (path: readonly PathSegment[]) =>
		path.length <= 1 ||
		(path[0] === 'plan' && path[1] === 'notes') ||
		(path[0] === 'rules' && path.length >= 2 && expandRule(path.slice(2)));
	return `${blockJson(plan, '', '  ', expand)}\n`;
}

// ------------------------------------------------------------------------------------------------ copy

/** `2024-02-29` shifted by a year is `2025-02-28`: the last day of February stays the last day. */
export function shiftIsoDate(date: string, years: number): string {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
	if (!match) return date;
	const year = Number(match[1]) + years;
	const month = Number(match[2]);
	let day = Number(match[3]);
	const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
	if (month === 2 && day === 29 && !leap) day = 28;
	return `${String(year).padStart(4, '0')}-${match[2]}-${String(day).padStart(2, '0')}`;
}

/** A period code (`2024`, `2024S1`, `2024Q3`, `2024-03`, `2024-10-15`) shifted by years. */
export function shiftPeriodCode(code: string, years: number): string {
	if (/^\d{4}-\d{2}-\d{2}$/.test(code)) return shiftIsoDate(code, years);
	const match = /^(\d{4})(S[12]|Q[1-4]|-\d{2})?$/.exec(code);
	if (!match) return code;
	return `${Number(match[1]) + years}${match[2] ?? ''}`;
}

/** Every whole 4-digit year of `years` in a text shifted: "năm 2024" → "năm 2025", "cb2024-2.2" → "cb2025-2.2". */
function shiftYearsInText(text: string, fromYears: ReadonlySet<number>, by: number): string {
	return text.replace(/(?<!\d)(\d{4})(?!\d)/g, (whole, y: string) =>
		fromYears.has(Number(y)) ? String(Number(y) + by) : whole
	);
}

/** The id a copy gets by default: the plan's year shifted (`cao-bang-2024` → `cao-bang-2025`), else `-copy`. */
export function copyId(id: string, startYear: number | null, years: number): string {
	if (startYear !== null && new RegExp(`(?<!\\d)${startYear}(?!\\d)`).test(id))
		return shiftYearsInText(id, new Set([startYear]), years);
	return `${id}-copy`;
}

function walk(node: JsonNode, path: PathSegment[], visit: (node: JsonNode, path: PathSegment[]) => void) {
	visit(node, path);
	if (node.type === 'object')
		for (const entry of node.entries) walk(entry.value, [...path, entry.key], visit);
	else if (node.type === 'array') node.items.forEach((item, i) => walk(item, [...path, i], visit));
}

/**
 * A copy of a plan for another period: the id, the period, the years in titles and rule names, and every date
 * and period code in the rules and in the rule tests shifted by `years`; a note says where the copy comes from. Null when the text
 * is not JSON. Everything else — layout included — is kept as it was.
 */
export function copyPlanText(
	text: string,
	options: { newId: string; years: number; from: string; lang: Lang }
): string | null {
	const tree = parseTree(text);
	if (!tree) return null;
	const summary = summarizePlan(text);
	const first = summary.start ? Number(summary.start.slice(0, 4)) : null;
	const last = summary.end ? Number(summary.end.slice(0, 4)) : first;
	const years = new Set<number>();
	if (first !== null && last !== null) for (let y = first; y <= last && y - first < 10; y += 1) years.add(y);
	const { years: by } = options;
	const edits: TextEdit[] = [];
	const replace = (node: JsonNode, value: string) => {
		if (node.type === 'string' && node.value !== value)
			edits.push({ from: node.start, to: node.end, insert: JSON.stringify(value) });
	};
	walk(tree.root, [], (node, path) => {
		if (node.type !== 'string') return;
		const [top, second, third] = path;
		const key = path[path.length - 1];
		if (top === 'plan') {
			if (second === 'id' && path.length === 2) replace(node, options.newId);
			else if (second === 'period' && path.length === 3) replace(node, shiftIsoDate(node.value, by));
			else if (second === 'title' && path.length === 3)
				replace(node, shiftYearsInText(node.value, years, by));
			return;
		}
		if (top === 'tests' && typeof second === 'number') {
			// A worked example follows its plan: rule names, dates and periods move with it.
			if (path.length === 3 && third === 'name') replace(node, shiftYearsInText(node.value, years, by));
			else if (path.length === 3 && third === 'asOf') replace(node, shiftIsoDate(node.value, by));
			else if (key === 'rule' && third === 'expect') replace(node, shiftYearsInText(node.value, years, by));
			else if (key === 'period') replace(node, shiftPeriodCode(node.value, by));
			else if (key === 'submitted_on' || key === 'actual') replace(node, shiftIsoDate(node.value, by));
			return;
		}
		if (top !== 'rules' || typeof second !== 'number') return;
		if (path.length === 3 && third === 'name') replace(node, shiftYearsInText(node.value, years, by));
		else if (path.length === 4 && third === 'title') replace(node, shiftYearsInText(node.value, years, by));
		else if (third === 'conditions') {
			if (key === 'period' && path[path.length - 2] === 'params')
				replace(node, shiftPeriodCode(node.value, by));
			else if (key === 'value' || typeof key === 'number') {
				if (/^\d{4}-\d{2}-\d{2}$/.test(node.value)) replace(node, shiftIsoDate(node.value, by));
			}
		}
	});
	let out = applyEdits(text, edits);
	const note = editorText(options.lang, 'copy.note', { from: options.from, years: by });
	const copied = parseTree(out);
	if (copied) {
		const notesEdit = insertItem(out, copied, ['plan', 'notes'], () => JSON.stringify(note), 0);
		if (notesEdit) out = applyEdits(out, notesEdit);
	}
	return out;
}

/** A new rule for each common shape the form offers, written for a plan's unit and period. */
export type RuleShape = 'total' | 'ratio' | 'each' | 'share' | 'count' | 'deadline' | 'quota' | 'change';
export const RULE_SHAPES: readonly RuleShape[] = [
	'total',
	'ratio',
	'each',
	'share',
	'count',
	'deadline',
	'quota',
	'change'
];

export function newRule(shape: RuleShape, name: string, end: string): Record<string, unknown> {
	const leaf = (
		fact: string,
		params: Record<string, unknown>,
		operator: string,
		value: unknown,
		extra = {}
	) => ({
		fact,
		params,
		...extra,
		operator,
		value
	});
	const base = (conditions: unknown[], extra: Record<string, unknown> = {}) => ({
		name,
		title: { vi: '…', en: '…' },
		source: '',
		...extra,
		conditions: { all: conditions },
		event: { type: 'target-met' }
	});
	switch (shape) {
		case 'total':
			return base([leaf('total', { indicator: '' }, 'greaterThanInclusive', 1)]);
		case 'ratio':
			return base([leaf('ratio', { numerator: '', denominator: '' }, 'greaterThanInclusive', 0.8)]);
		case 'each':
			return base([leaf('total', { indicator: '' }, 'greaterThanInclusive', 1)], {
				scope: { each: 'commune' }
			});
		case 'share':
			return base([
				leaf(
					'unitsMeeting',
					{ level: 'commune', condition: leaf('total', { indicator: '' }, 'greaterThanInclusive', 1) },
					'greaterThanInclusive',
					1,
					{ path: '$.share' }
				)
			]);
		case 'count':
			return base([
				leaf(
					'unitsMeeting',
					{ level: 'commune', condition: leaf('ratio', { numerator: '', denominator: '' }, 'lessThan', 0.6) },
					'lessThanInclusive',
					0,
					{ path: '$.count' }
				)
			]);
		case 'deadline':
			return base([leaf('submittedOn', { report: '' }, 'onOrBefore', end)]);
		case 'quota':
			return base(
				[
					leaf('change', { indicator: '' }, 'greaterThanInclusive', {
						fact: 'assigned',
						params: { indicator: '' }
					})
				],
				{ scope: { each: 'district' } }
			);
		case 'change':
			return base([leaf('change', { indicator: '' }, 'greaterThanInclusive', 1)]);
	}
}

/** The edit that appends a rule to a plan's rules, laid out like the rules before it. */
export function appendRuleEdit(text: string, rule: unknown): TextEdit[] | null {
	const tree = parseTree(text);
	if (!tree) return null;
	const unit = indentUnitOf(text);
	return insertItem(text, tree, ['rules'], (indent) => formatRule(rule, indent, unit));
}
