/**
 * What each change in the form writes into the plan file's text: the smallest edit that does it (one value
 * replaced, one key added or removed), new keys placed where the seed files put them. Null when the change
 * cannot be written (the text is not JSON, or the place holds something unexpected). Pure.
 */
import type { FactName, OperatorName } from '$lib/model/plan';
import { compactJson, removeItem, removeKey, setKey, setPath, setValue, type TextEdit } from './json-edit';
import { nodeAt, parseTree, valueAt, type JsonTree, type PathSegment } from './json-tree';
import {
	DATE_OPERATORS,
	isShareLeaf,
	leafJson,
	valueJson,
	type EditableLeaf,
	type LeafParams,
	type UnitsPick,
	type ValueForm
} from './form-model';
import { appendRuleEdit, newRule, type RuleShape } from './plan-files';

/** Key orders of the seed files, for placing a key that is added. */
export const PLAN_KEY_ORDER = [
	'id',
	'title',
	'issuer',
	'orgUnit',
	'period',
	'programmes',
	'atRiskRatio',
	'trajectory',
	'notes'
];
export const RULE_KEY_ORDER = [
	'name',
	'title',
	'source',
	'programme',
	'scope',
	'measure',
	'conditions',
	'event'
];
export const LEAF_KEY_ORDER = ['fact', 'params', 'path', 'operator', 'value'];
export const PARAM_KEY_ORDER = [
	'level',
	'indicator',
	'numerator',
	'denominator',
	'programme',
	'report',
	'period',
	'own',
	'condition'
];
const TITLE_ORDER = ['vi', 'en'];
const PERIOD_ORDER = ['start', 'end'];

/** The key order of the object at a path of a plan file. */
export function keyOrderAt(path: readonly PathSegment[]): readonly string[] {
	const last = path[path.length - 1];
	if (path.length === 0) return ['$schema', 'plan', 'rules'];
	if (path.length === 1 && last === 'plan') return PLAN_KEY_ORDER;
	if (last === 'title') return TITLE_ORDER;
	if (last === 'period' && path[0] === 'plan') return PERIOD_ORDER;
	if (path.length === 2 && path[0] === 'rules') return RULE_KEY_ORDER;
	if (last === 'params') return PARAM_KEY_ORDER;
	return LEAF_KEY_ORDER;
}

function withTree(text: string, change: (tree: JsonTree) => TextEdit[] | null): TextEdit[] | null {
	const tree = parseTree(text);
	return tree ? change(tree) : null;
}

/** Sets a text or number at a path, creating the key (and missing objects) where the key order says. */
export function writeField(
	text: string,
	path: readonly PathSegment[],
	value: string | number | boolean
): TextEdit[] | null {
	return withTree(text, (tree) => setPath(text, tree, path, value, keyOrderAt));
}

/** Sets an optional key, or removes it when `value` is null (a rule's programme, a plan's atRiskRatio). */
export function writeOptional(
	text: string,
	objectPath: readonly PathSegment[],
	key: string,
	value: unknown
): TextEdit[] | null {
	return withTree(text, (tree) =>
		value === null || value === undefined
			? removeKey(tree, objectPath, key)
			: setKey(text, tree, objectPath, key, value, keyOrderAt(objectPath))
	);
}

export type ScopeChoice =
	{ kind: 'plan' } | { kind: 'each'; level: string } | { kind: 'units'; units: string[] };

export function writeScope(
	text: string,
	rulePath: readonly PathSegment[],
	scope: ScopeChoice
): TextEdit[] | null {
	const value =
		scope.kind === 'plan' ? null : scope.kind === 'each' ? { each: scope.level } : { units: scope.units };
	return writeOptional(text, rulePath, 'scope', value);
}

/** A parameter of a leaf: set, or removed when empty (optional ones: programme, period, own). */
export function writeParam(
	text: string,
	leafPath: readonly PathSegment[],
	key: keyof LeafParams,
	value: string | boolean | null
): TextEdit[] | null {
	const empty = value === null || value === '' || value === false;
	return writeOptional(text, [...leafPath, 'params'], key, empty ? null : value);
}

/** The value a leaf gets when its operator changes kind (number ↔ range ↔ date), keeping what it can. */
export function valueForOperator(
	value: ValueForm,
	operator: OperatorName,
	planEnd: string | null,
	share: boolean
): ValueForm {
	if (operator === 'between') {
		if (value.kind === 'range') return value;
		const n = value.kind === 'number' || value.kind === 'percent' ? value.n : 0;
		return { kind: 'range', low: n, high: n };
	}
	if (DATE_OPERATORS.includes(operator))
		return value.kind === 'date' ? value : { kind: 'date', date: planEnd ?? '' };
	if (value.kind === 'number' || value.kind === 'percent' || value.kind === 'assigned') return value;
	const n = value.kind === 'range' ? value.low : 0;
	return share ? { kind: 'percent', n } : { kind: 'number', n };
}

export function writeOperator(
	text: string,
	leaf: EditableLeaf,
	operator: OperatorName,
	planEnd: string | null
): TextEdit[] | null {
	const value = valueForOperator(leaf.value, operator, planEnd, isShareLeaf(leaf.fact, leaf.pick));
	return withTree(text, (tree) => {
		const edits = setValue(tree, [...leaf.path, 'operator'], operator);
		const valueEdits = setValue(tree, [...leaf.path, 'value'], valueJson(value));
		return edits && valueEdits ? [...edits, ...valueEdits] : null;
	});
}

export function writeValue(
	text: string,
	leafPath: readonly PathSegment[],
	value: ValueForm
): TextEdit[] | null {
	return withTree(text, (tree) => setValue(tree, [...leafPath, 'value'], valueJson(value)));
}

export function writePick(
	text: string,
	leafPath: readonly PathSegment[],
	pick: UnitsPick
): TextEdit[] | null {
	return writeOptional(text, leafPath, 'path', pick);
}

/** Default parameters of a fact, keeping the indicator when there was one. */
function paramsFor(fact: Exclude<FactName, 'assigned'>, previous: LeafParams): LeafParams {
	const indicator = previous.indicator ?? previous.numerator ?? '';
	switch (fact) {
		case 'total':
		case 'change':
			return { indicator };
		case 'ratio':
			return { numerator: previous.numerator ?? indicator, denominator: previous.denominator ?? '' };
		case 'submittedOn':
			return { report: previous.report ?? '' };
		case 'unitsMeeting':
			return { level: previous.level ?? 'commune' };
	}
}

/** The leaf rewritten for another fact: parameters for it, and an operator and value that fit. */
export function leafForFact(
	leaf: EditableLeaf,
	fact: Exclude<FactName, 'assigned'>,
	planEnd: string | null
): Omit<EditableLeaf, 'editable' | 'path' | 'line'> {
	const params = paramsFor(fact, leaf.params);
	const date = fact === 'submittedOn';
	const operator: OperatorName = date
		? DATE_OPERATORS.includes(leaf.operator)
			? leaf.operator
			: 'onOrBefore'
		: DATE_OPERATORS.includes(leaf.operator)
			? 'greaterThanInclusive'
			: leaf.operator;
	const pick: UnitsPick | null = fact === 'unitsMeeting' ? (leaf.pick ?? '$.share') : null;
	let value = valueForOperator(leaf.value, operator, planEnd, isShareLeaf(fact, pick));
	if (value.kind === 'assigned' && fact === 'unitsMeeting') value = { kind: 'number', n: 1 };
	if (fact === 'unitsMeeting' && pick === '$.share' && value.kind === 'number')
		value = { kind: 'percent', n: 1 };
	const inner =
		fact === 'unitsMeeting'
			? (leaf.inner ?? {
					editable: true as const,
					path: [...leaf.path, 'params', 'condition'],
					line: leaf.line,
					fact: 'total' as const,
					params: { indicator: leaf.params.indicator ?? '' },
					inner: null,
					pick: null,
					operator: 'greaterThanInclusive' as const,
					value: { kind: 'number' as const, n: 1 }
				})
			: null;
	return { fact, params, inner, pick, operator, value };
}

/** Replaces a whole leaf (its fact changed), written on one line as in the seed files. */
export function writeLeaf(
	text: string,
	leafPath: readonly PathSegment[],
	leaf: Omit<EditableLeaf, 'editable' | 'path' | 'line'>
): TextEdit[] | null {
	return withTree(text, (tree) => {
		const node = nodeAt(tree.root, leafPath);
		if (!node) return null;
		return [{ from: node.start, to: node.end, insert: compactJson(leafJson(leaf)) }];
	});
}

/** Adds a leaf to a rule's `all`/`any` list, on its own line like the others. */
export function addLeaf(
	text: string,
	listPath: readonly PathSegment[],
	leaf: Record<string, unknown>
): TextEdit[] | null {
	return withTree(text, (tree) => {
		const list = nodeAt(tree.root, listPath);
		if (!list || list.type !== 'array') return null;
		const last = list.items[list.items.length - 1];
		if (!last) return [{ from: list.start + 1, to: list.end - 1, insert: compactJson(leaf) }];
		const lineStart = text.lastIndexOf('\n', last.start - 1) + 1;
		const before = text.slice(lineStart, last.start);
		const separator = /^[ \t]*$/.test(before) ? `,\n${before}` : ', ';
		return [{ from: last.end, to: last.end, insert: separator + compactJson(leaf) }];
	});
}

export function removeLeaf(text: string, listPath: readonly PathSegment[], index: number): TextEdit[] | null {
	return withTree(text, (tree) => removeItem(tree, listPath, index));
}

export function removeRule(text: string, index: number): TextEdit[] | null {
	return withTree(text, (tree) => removeItem(tree, ['rules'], index));
}

/** A rule name not yet used in the file: `<prefix>-new`, `<prefix>-new-2`, … */
export function freshRuleName(text: string): string {
	const tree = parseTree(text);
	const rules = tree ? valueAt(tree.value, ['rules']) : null;
	const names = new Set(
		Array.isArray(rules)
			? rules.map((r) => (r && typeof r === 'object' ? (r as { name?: unknown }).name : null))
			: []
	);
	const first = Array.isArray(rules) ? (rules[0] as { name?: unknown } | undefined)?.name : undefined;
	const prefix =
		typeof first === 'string' && first.includes('-') ? first.slice(0, first.indexOf('-')) : 'rule';
	let name = `${prefix}-new`;
	for (let n = 2; names.has(name); n += 1) name = `${prefix}-new-${n}`;
	return name;
}

export function addRule(text: string, shape: RuleShape): TextEdit[] | null {
	const tree = parseTree(text);
	if (!tree) return null;
	const end = valueAt(tree.value, ['plan', 'period', 'end']);
	return appendRuleEdit(text, newRule(shape, freshRuleName(text), typeof end === 'string' ? end : ''));
}
