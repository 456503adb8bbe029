/**
 * The form view of a plan file: what of the JSON the form can show (plan keys, and per rule its name, title,
 * paragraph, programme, scope and the common shapes of leaf conditions), each field tied to its JSON path.
 * Anything else stays as written and is marked "edit in code". The text is the only truth: the form is read
 * from it after every change and writes back through `form-write.ts` with minimal edits, so switching
 * between the form and the code loses nothing. Pure.
 */
import { FACT_NAMES, type FactName, type OperatorName } from '$lib/model/plan';
import { OPERATORS, UNITS_MEETING_PICKS } from './completions';
import { lineStarts, positionAt } from '$lib/rules/json-position';
import { parseTree, valueAt, type JsonTree, type PathSegment } from './json-tree';

export interface TextField {
	path: PathSegment[];
	/** The text when the key holds a string; null when it is absent. */
	value: string | null;
	/** False when the key holds something else than a string (edit it in code). */
	editable: boolean;
}

export interface MetaForm {
	id: TextField;
	titleVi: TextField;
	titleEn: TextField;
	issuer: TextField;
	orgUnit: TextField;
	start: TextField;
	end: TextField;
	/** `atRiskRatio` when it is a number; null when absent; 'code' when it is something else. */
	atRiskRatio: number | null | 'code';
}

export type ScopeForm =
	{ kind: 'plan' } | { kind: 'each'; level: string } | { kind: 'units'; units: string[] } | { kind: 'code' };

export type UnitsPick = (typeof UNITS_MEETING_PICKS)[number];

export type ValueForm =
	| { kind: 'number'; n: number }
	/** A share written as a fraction (0.8), shown as a percentage (80). */
	| { kind: 'percent'; n: number }
	| { kind: 'date'; date: string }
	| { kind: 'range'; low: number; high: number }
	/** `{"fact": "assigned", "params": {"indicator": …}}`: each unit against its own quota. */
	| { kind: 'assigned'; indicator: string };

export interface LeafParams {
	indicator?: string;
	programme?: string;
	period?: string;
	own?: boolean;
	numerator?: string;
	denominator?: string;
	level?: string;
	report?: string;
}

export interface EditableLeaf {
	editable: true;
	path: PathSegment[];
	line: number;
	fact: Exclude<FactName, 'assigned'>;
	params: LeafParams;
	/** unitsMeeting: the condition each unit is judged on. */
	inner: EditableLeaf | null;
	/** unitsMeeting: which number is compared. */
	pick: UnitsPick | null;
	operator: OperatorName;
	value: ValueForm;
}

export interface CodeOnlyLeaf {
	editable: false;
	path: PathSegment[];
	line: number;
	/** The condition as one line of JSON, shown read-only. */
	json: string;
}

export type LeafForm = EditableLeaf | CodeOnlyLeaf;

export type ConditionsForm =
	| { kind: 'all' | 'any'; path: PathSegment[]; leaves: LeafForm[] }
	| { kind: 'code'; path: PathSegment[]; line: number };

export interface RuleForm {
	index: number;
	path: PathSegment[];
	line: number;
	name: TextField;
	titleVi: TextField;
	titleEn: TextField;
	source: TextField;
	programme: TextField;
	scope: ScopeForm;
	/** `measure` when it is a whole number; null when absent; 'code' otherwise. */
	measure: number | null | 'code';
	conditions: ConditionsForm;
}

export interface PlanForm {
	meta: MetaForm;
	/** Null when the file has no list of rules. */
	rules: RuleForm[] | null;
}

/** Why the form cannot show a text: it is not JSON (fix it in code first). */
export interface FormUnavailable {
	error: 'invalid-json' | 'not-an-object';
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const onlyKeys = (o: Json, allowed: readonly string[]) => Object.keys(o).every((k) => allowed.includes(k));

/** Keys each fact may take (as the schema says), and which of them are codes (strings). */
const PARAM_KEYS: Record<Exclude<FactName, 'assigned'>, readonly string[]> = {
	total: ['indicator', 'programme', 'period', 'own'],
	ratio: ['numerator', 'denominator'],
	change: ['indicator'],
	unitsMeeting: ['level', 'condition'],
	submittedOn: ['report', 'period']
};
const REQUIRED_PARAMS: Record<Exclude<FactName, 'assigned'>, readonly string[]> = {
	total: ['indicator'],
	ratio: ['numerator', 'denominator'],
	change: ['indicator'],
	unitsMeeting: ['level', 'condition'],
	submittedOn: ['report']
};
export const NUMBER_OPERATORS: readonly OperatorName[] = [
	'greaterThanInclusive',
	'greaterThan',
	'lessThanInclusive',
	'lessThan',
	'equal',
	'notEqual'
];
export const DATE_OPERATORS: readonly OperatorName[] = ['onOrBefore', 'onOrAfter'];
/** Operators the form offers for numbers: the numeric ones and `between`. */
export const FORM_NUMBER_OPERATORS: readonly OperatorName[] = [...NUMBER_OPERATORS, 'between'];

function textField(root: unknown, path: PathSegment[]): TextField {
	const value = valueAt(root, path);
	if (value === undefined) return { path, value: null, editable: true };
	return typeof value === 'string' ? { path, value, editable: true } : { path, value: null, editable: false };
}

/** Whether a fact's value is a share shown as a percentage. */
export function isShareLeaf(fact: string, pick: string | null): boolean {
	return fact === 'ratio' || (fact === 'unitsMeeting' && pick === '$.share');
}

function readValue(value: unknown, operator: OperatorName, share: boolean): ValueForm | null {
	if (operator === 'between') {
		if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'number'))
			return { kind: 'range', low: value[0] as number, high: value[1] as number };
		return null;
	}
	if (DATE_OPERATORS.includes(operator))
		return typeof value === 'string' ? { kind: 'date', date: value } : null;
	if (!NUMBER_OPERATORS.includes(operator)) return null;
	if (typeof value === 'number') return share ? { kind: 'percent', n: value } : { kind: 'number', n: value };
	if (
		isObject(value) &&
		value.fact === 'assigned' &&
		onlyKeys(value, ['fact', 'params']) &&
		isObject(value.params) &&
		onlyKeys(value.params, ['indicator']) &&
		typeof value.params.indicator === 'string'
	)
		return { kind: 'assigned', indicator: value.params.indicator };
	return null;
}

/** A leaf condition as the form shows it, or null when only the code can say it. */
function readLeaf(node: unknown, path: PathSegment[], line: number, inner: boolean): EditableLeaf | null {
	if (!isObject(node) || !onlyKeys(node, ['fact', 'params', 'operator', 'value', 'path'])) return null;
	const fact = node.fact;
	if (typeof fact !== 'string' || !(FACT_NAMES as readonly string[]).includes(fact) || fact === 'assigned')
		return null;
	const factName = fact as Exclude<FactName, 'assigned'>;
	if (inner && factName === 'unitsMeeting') return null;
	const operator = node.operator;
	if (typeof operator !== 'string' || !(OPERATORS as readonly string[]).includes(operator)) return null;
	const params = node.params;
	if (!isObject(params) || !onlyKeys(params, PARAM_KEYS[factName])) return null;
	if (!REQUIRED_PARAMS[factName].every((k) => params[k] !== undefined)) return null;
	const read: LeafParams = {};
	for (const [key, value] of Object.entries(params)) {
		if (key === 'condition') continue;
		if (key === 'own') {
			if (typeof value !== 'boolean') return null;
			read.own = value;
		} else if (typeof value === 'string') (read as Record<string, string>)[key] = value;
		else return null;
	}
	let pick: UnitsPick | null = null;
	let innerLeaf: EditableLeaf | null = null;
	if (factName === 'unitsMeeting') {
		const found = UNITS_MEETING_PICKS.find((p) => p === node.path);
		if (!found) return null;
		pick = found;
		innerLeaf = readLeaf(params.condition, [...path, 'params', 'condition'], line, true);
		if (!innerLeaf) return null;
	} else if (node.path !== undefined) return null;
	const value = readValue(node.value, operator as OperatorName, isShareLeaf(factName, pick));
	if (!value) return null;
	if (value.kind === 'assigned' && inner) return null;
	return {
		editable: true,
		path,
		line,
		fact: factName,
		params: read,
		inner: innerLeaf,
		pick,
		operator: operator as OperatorName,
		value
	};
}

function readScope(rule: Json): ScopeForm {
	if (!('scope' in rule)) return { kind: 'plan' };
	const scope = rule.scope;
	if (!isObject(scope)) return { kind: 'code' };
	if (onlyKeys(scope, ['each']) && typeof scope.each === 'string') return { kind: 'each', level: scope.each };
	if (
		onlyKeys(scope, ['units']) &&
		Array.isArray(scope.units) &&
		scope.units.every((u): u is string => typeof u === 'string')
	)
		return { kind: 'units', units: scope.units };
	return { kind: 'code' };
}

function readRule(
	lineOf: (offset: number) => number,
	tree: JsonTree,
	rule: unknown,
	index: number
): RuleForm {
	const path: PathSegment[] = ['rules', index];
	const root = tree.value;
	const nodeLine = (p: PathSegment[]) => {
		let node = tree.root;
		let found = node.start;
		for (const segment of p) {
			const next =
				node.type === 'object' && typeof segment === 'string'
					? node.entries.findLast((e) => e.key === segment)?.value
					: node.type === 'array' && typeof segment === 'number'
						? node.items[segment]
						: undefined;
			if (!next) break;
			node = next;
			found = node.start;
		}
		return lineOf(found);
	};
	const r = isObject(rule) ? rule : {};
	const measure = r.measure;
	const conditionsPath = [...path, 'conditions'];
	let conditions: ConditionsForm = { kind: 'code', path: conditionsPath, line: nodeLine(conditionsPath) };
	const top = r.conditions;
	if (isObject(top) && Object.keys(top).length === 1) {
		const kind = 'all' in top ? 'all' : 'any' in top ? 'any' : null;
		const list = kind ? top[kind] : null;
		if (kind && Array.isArray(list)) {
			const listPath = [...conditionsPath, kind];
			conditions = {
				kind,
				path: listPath,
				leaves: list.map((leaf, i): LeafForm => {
					const leafPath = [...listPath, i];
					const line = nodeLine(leafPath);
					return (
						readLeaf(leaf, leafPath, line, false) ?? {
							editable: false,
							path: leafPath,
							line,
							json: JSON.stringify(leaf)
						}
					);
				})
			};
		}
	}
	return {
		index,
		path,
		line: nodeLine(path),
		name: textField(root, [...path, 'name']),
		titleVi: textField(root, [...path, 'title', 'vi']),
		titleEn: textField(root, [...path, 'title', 'en']),
		source: textField(root, [...path, 'source']),
		programme: textField(root, [...path, 'programme']),
		scope: readScope(r),
		measure:
			measure === undefined
				? null
				: typeof measure === 'number' && Number.isInteger(measure) && measure >= 0
					? measure
					: 'code',
		conditions
	};
}

/** The form of a plan file's text, or why there is none. */
export function readPlanForm(text: string): PlanForm | FormUnavailable {
	const tree = parseTree(text);
	if (!tree) return { error: 'invalid-json' };
	if (!isObject(tree.value)) return { error: 'not-an-object' };
	const root = tree.value;
	const ratio = valueAt(root, ['plan', 'atRiskRatio']);
	const meta: MetaForm = {
		id: textField(root, ['plan', 'id']),
		titleVi: textField(root, ['plan', 'title', 'vi']),
		titleEn: textField(root, ['plan', 'title', 'en']),
		issuer: textField(root, ['plan', 'issuer']),
		orgUnit: textField(root, ['plan', 'orgUnit']),
		start: textField(root, ['plan', 'period', 'start']),
		end: textField(root, ['plan', 'period', 'end']),
		atRiskRatio: ratio === undefined ? null : typeof ratio === 'number' ? ratio : 'code'
	};
	const starts = lineStarts(text);
	const lineOf = (offset: number) => positionAt(starts, offset).line;
	const rules = Array.isArray(root.rules)
		? root.rules.map((rule, i) => readRule(lineOf, tree, rule, i))
		: null;
	return { meta, rules };
}

export function isFormUnavailable(form: PlanForm | FormUnavailable): form is FormUnavailable {
	return 'error' in form;
}

/** The JSON value a value form writes. */
export function valueJson(value: ValueForm): unknown {
	switch (value.kind) {
		case 'number':
		case 'percent':
			return value.n;
		case 'date':
			return value.date;
		case 'range':
			return [value.low, value.high];
		case 'assigned':
			return { fact: 'assigned', params: { indicator: value.indicator } };
	}
}

/** The JSON of an editable leaf (key order: fact, params, path, operator, value — as the seed files). */
export function leafJson(leaf: Omit<EditableLeaf, 'editable' | 'path' | 'line'>): Record<string, unknown> {
	const params: Record<string, unknown> = { ...leaf.params };
	if (leaf.fact === 'unitsMeeting' && leaf.inner) {
		const { level, ...rest } = params;
		return {
			fact: leaf.fact,
			params: { level, ...rest, condition: leafJson(leaf.inner) },
			path: leaf.pick ?? '$.share',
			operator: leaf.operator,
			value: valueJson(leaf.value)
		};
	}
	return { fact: leaf.fact, params, operator: leaf.operator, value: valueJson(leaf.value) };
}

/** A share as the percentage the form shows: 0.8 → 80 (without floating-point dust: 0.07 → 7). */
export function toPercent(fraction: number): number {
	return Number((fraction * 100).toPrecision(12));
}

/** A percentage typed in the form as the fraction the file holds: 80 → 0.8. */
export function fromPercent(percent: number): number {
	return Number((percent / 100).toPrecision(12));
}
