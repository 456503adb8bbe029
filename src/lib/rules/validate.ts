/**
 * The one validator of plan files (design.md §4), shared by the CLI's `check` and the in-app editor, so it
 * imports nothing from Node. Three layers, each reporting the file, the JSON path, the line and column, a
 * stable code and plain words: (a) JSON syntax, (b) the published JSON Schema
 * (`static/schema/plan.schema.json`, run by ajv, its errors translated and their oneOf/anyOf cascades
 * collapsed), (c) checks the schema cannot express: codes against the data's catalogue, and rules across
 * fields.
 */
import type { ErrorObject } from 'ajv';
import { LEVELS, type Level } from '$lib/model/data';
import {
	CUSTOM_OPERATORS,
	ENGINE_OPERATORS,
	FACT_NAMES,
	type FactName,
	type OperatorName
} from '$lib/model/plan';
import { parsePeriod } from '$lib/periods/codes';
import { parseIsoDate } from '$lib/periods/dates';
import schema from '../../../static/schema/plan.schema.json';
import { isWithin, levelsUnder, unitsAt, type Catalogue, type CatalogueUnit } from './catalogue';
import {
	formatJsonPath,
	lineStarts,
	parseErrorOffset,
	positionAt,
	scanJson,
	type PathSegment
} from './json-position';
import {
	draftsAt,
	duplicateKeyDrafts,
	placeInText,
	placeProblem,
	withoutBom,
	type Draft as AnyDraft,
	type FileProblem,
	type ProblemParams
} from './json-problems';
import { isObject, jsonType, lazyValidator, pointerToPath, shown } from './schema-errors';
import { problemMessage } from './messages';

/** Every problem the validator reports, by stable code (the messages for each live in messages.ts). */
export const PLAN_PROBLEM_CODES = [
	// (a) syntax
	'invalid-json',
	'duplicate-key',
	'too-deep',
	// (b) schema
	'missing-key',
	'wrong-type',
	'unknown-fact',
	'unknown-operator',
	'unknown-level',
	'unknown-param',
	'bad-condition',
	'top-level-leaf',
	'empty-list',
	'empty-value',
	'bad-scope',
	'bad-date',
	'bad-period',
	'bad-id',
	'out-of-range',
	'wrong-length',
	'duplicate-item',
	'wrong-value-type',
	'invalid-value',
	// (c) semantics
	'mixed-condition',
	'bad-path',
	'path-not-allowed',
	'missing-path',
	'operator-mismatch',
	'unknown-indicator',
	'unknown-programme',
	'unknown-report',
	'unknown-org-unit',
	'unit-outside-plan',
	'level-not-under-unit',
	'level-not-below',
	'duplicate-rule-name',
	'measure-out-of-range',
	'between-order',
	'trajectory-sum',
	'period-order',
	'period-outside-plan',
	'programme-not-in-plan',
	// (d) rule tests
	'unknown-rule'
] as const;
export type PlanProblemCode = (typeof PLAN_PROBLEM_CODES)[number];

export type PlanProblem = FileProblem<PlanProblemCode>;

type Params = ProblemParams;
type Draft = AnyDraft<PlanProblemCode>;

/** Deeper nesting than this is refused before the schema runs: recursive validation must not overflow. */
export const MAX_DEPTH = 64;

const OPERATOR_NAMES: readonly string[] = [...ENGINE_OPERATORS, ...CUSTOM_OPERATORS];
const NUMERIC_OPERATORS: readonly string[] = [
	'lessThan',
	'lessThanInclusive',
	'greaterThan',
	'greaterThanInclusive',
	'between'
];
const DATE_OPERATORS: readonly string[] = ['onOrBefore', 'onOrAfter'];
/** Operators whose value may be a fact reference (the schema's numberValue, dateValue and anyValue). */
const REFERENCE_OPERATORS: readonly string[] = [
	'lessThan',
	'lessThanInclusive',
	'greaterThan',
	'greaterThanInclusive',
	'onOrBefore',
	'onOrAfter',
	'equal',
	'notEqual',
	'contains',
	'doesNotContain'
];
const UNITS_MEETING_PATHS = ['$.count', '$.total', '$.share', "$['count']", "$['total']", "$['share']"];
const CONDITION_KEYS = ['all', 'any', 'not', 'fact'];
const ISO_DATE_SHAPE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

// ------------------------------------------------------------------------------------ small helpers

type JsonObject = Record<string, unknown>;

const isString = (value: unknown): value is string => typeof value === 'string';
const has = (object: JsonObject, key: string) => Object.prototype.hasOwnProperty.call(object, key);

/** Letters without diacritics, lower case, words joined by `_`: "Hộ thoát nghèo" → "ho_thoat_ngheo". */
export function foldForMatch(text: string): string {
	return text
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.replace(/[đĐ]/g, 'd')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '_')
		.replace(/^_+|_+$/g, '');
}

/** Optimal-string-alignment distance (Levenshtein plus swaps), giving up above `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
	if (Math.abs(a.length - b.length) > limit) return limit + 1;
	let before: number[] = [];
	let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i += 1) {
		const current = [i];
		let best = i;
		for (let j = 1; j <= b.length; j += 1) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let d = Math.min(
				(previous[j] as number) + 1,
				(current[j - 1] as number) + 1,
				(previous[j - 1] as number) + cost
			);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
				d = Math.min(d, (before[j - 2] as number) + 1);
			current.push(d);
			best = Math.min(best, d);
		}
		if (best > limit) return limit + 1;
		before = previous;
		previous = current;
	}
	return previous[b.length] as number;
}

/** Candidates for a suggestion: each code with the diacritic-free forms of its code and names. */
type FoldedCandidates = Iterable<readonly [string, readonly string[]]>;

function closestFolded(input: string, candidates: FoldedCandidates): string | null {
	const folded = foldForMatch(input);
	if (folded.length === 0) return null;
	const limit = Math.max(1, Math.floor(folded.length / 3));
	let best: string | null = null;
	let bestDistance = limit + 1;
	for (const [code, forms] of candidates) {
		if (code === input) continue;
		for (const form of forms) {
			const distance = editDistance(folded, form, bestDistance - 1);
			if (distance < bestDistance) {
				best = code;
				bestDistance = distance;
				if (distance === 0) return best;
			}
		}
	}
	return best;
}

/**
 * The candidate closest to `input`, comparing diacritic-free forms of its code and its names; null when none
 * is close enough (a third of the input's length, at least 1), so that nonsense gets no suggestion.
 */
export function closestCode(
	input: string,
	candidates: Iterable<string>,
	namesOf: (code: string) => readonly string[] = () => []
): string | null {
	const folded = [...candidates].map((code) => [code, [code, ...namesOf(code)].map(foldForMatch)] as const);
	return closestFolded(input, folded);
}

/** Administrative words a person may leave out when naming a unit ("Cao Bằng" for "Tỉnh Cao Bằng"). */
const UNIT_TYPE_PREFIX = /^(tinh|thanh_pho|quan|huyen|thi_xa|xa|phuong|thi_tran|dac_khu)_/;

// Folding 10,000 unit names takes longer than a keystroke: fold each snapshot once.
const foldedUnits = new WeakMap<ReadonlyMap<string, CatalogueUnit>, Array<readonly [string, string[]]>>();

function unitCandidates(units: ReadonlyMap<string, CatalogueUnit>): FoldedCandidates {
	let folded = foldedUnits.get(units);
	if (!folded) {
		folded = [...units].map(([code, unit]) => {
			const name = foldForMatch(unit.name);
			return [code, [foldForMatch(code), name, name.replace(UNIT_TYPE_PREFIX, '')]] as const;
		});
		foldedUnits.set(units, folded);
	}
	return folded;
}

function withSuggestion(params: Params, suggestion: string | null, name?: string): Params {
	if (suggestion === null) return params;
	return name ? { ...params, suggestion, suggestionName: name } : { ...params, suggestion };
}

// ------------------------------------------------------------------------------------ (b) schema

type SchemaNode = Record<string, unknown>;
const definitions = (schema as unknown as { definitions: Record<string, SchemaNode> }).definitions;
const definition = (name: string): SchemaNode => definitions[name] as SchemaNode;

/** What a missing key is missing from, named by the schema object that requires it. */
const OWNERS = new Map<unknown, string>([
	[schema, 'file'],
	[definition('plan'), 'plan'],
	[definition('rule'), 'rule'],
	[definition('localizedText'), 'title'],
	[definition('period'), 'period'],
	[definition('trajectory'), 'trajectory'],
	[definition('event'), 'event'],
	[definition('ruleTest'), 'test'],
	[definition('testValue'), 'row'],
	[definition('testTarget'), 'row'],
	[definition('testSubmission'), 'row'],
	[definition('testExpectation'), 'expectation'],
	[definition('leafCondition'), 'condition'],
	[definition('factReference'), 'fact-reference'],
	...['total', 'ratio', 'change', 'assigned', 'unitsMeeting', 'submittedOn'].map(
		(fact) => [definition(`${fact}Params`), 'params'] as [unknown, string]
	)
]);

const schemaValidator = lazyValidator(schema);

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
	let node = root;
	for (const segment of path) {
		if (Array.isArray(node) && typeof segment === 'number') node = node[segment];
		else if (isObject(node) && typeof segment === 'string') node = node[segment];
		else return undefined;
	}
	return node;
}

/** What a condition's value must be for an operator, as messages name it. */
function expectedValue(operator: string): string {
	if (operator === 'between') return 'range';
	if (DATE_OPERATORS.includes(operator)) return 'date';
	if (NUMERIC_OPERATORS.includes(operator)) return 'number';
	if (operator === 'in' || operator === 'notIn') return 'list';
	return 'scalar';
}

/**
 * When an error lies at or below a condition's `value` that is not a fact reference, the whole value is
 * what is wrong for its operator: returns the value's path, so that every such error collapses into one.
 */
function conditionValuePath(root: unknown, path: readonly PathSegment[]): PathSegment[] | null {
	for (let n = path.length; n >= 1; n -= 1) {
		if (path[n - 1] !== 'value') continue;
		const leaf = valueAt(root, path.slice(0, n - 1));
		if (
			!isObject(leaf) ||
			!has(leaf, 'fact') ||
			!isString(leaf.operator) ||
			!OPERATOR_NAMES.includes(leaf.operator)
		)
			continue;
		const value = leaf.value;
		if (isObject(value) && REFERENCE_OPERATORS.includes(leaf.operator)) return null;
		return path.slice(0, n);
	}
	return null;
}

function translateError(error: ErrorObject, root: unknown): Draft | null {
	const path = pointerToPath(error.instancePath, root);
	const data: unknown = error.data;
	const parent = error.parentSchema;
	const at = draftsAt<PlanProblemCode>(path);

	const valuePath = conditionValuePath(root, path);
	if (valuePath) {
		const leaf = valueAt(root, valuePath.slice(0, -1)) as JsonObject;
		const value = leaf.value;
		const operator = leaf.operator as string;
		return at(
			'wrong-value-type',
			{ operator, expected: expectedValue(operator), found: jsonType(value), value: shown(value) },
			valuePath
		);
	}

	switch (error.keyword) {
		case 'type': {
			const expected = error.params.type as string | string[];
			return at('wrong-type', {
				expected: Array.isArray(expected) ? expected.join(', ') : expected,
				found: jsonType(data)
			});
		}
		case 'required': {
			const key = String(error.params.missingProperty);
			if (
				parent === definition('leafCondition') &&
				isObject(data) &&
				!CONDITION_KEYS.some((k) => has(data, k))
			) {
				return at('bad-condition', conditionKeysParams(data));
			}
			return at('missing-key', { key, where: OWNERS.get(parent) ?? 'object' });
		}
		case 'enum': {
			const allowed = (error.params.allowedValues as unknown[]).map(String);
			const found = isString(data) ? data : shown(data);
			const params = { expected: allowed.join(', ') };
			const suggestion = isString(data) ? closestCode(data, allowed) : null;
			if (parent === definition('factName'))
				return at('unknown-fact', withSuggestion({ fact: found, ...params }, suggestion));
			if (parent === definition('operatorName'))
				return at('unknown-operator', withSuggestion({ operator: found, ...params }, suggestion));
			if (parent === definition('level'))
				return at('unknown-level', withSuggestion({ level: found, ...params }, suggestion));
			return at('invalid-value', {
				value: found,
				...params,
				detail: `expected one of ${allowed.join(', ')}`
			});
		}
		case 'additionalProperties': {
			const param = String(error.params.additionalProperty);
			const expected = Object.keys((parent as { properties?: object }).properties ?? {});
			const leaf = valueAt(root, path.slice(0, -1));
			const fact = isObject(leaf) && isString(leaf.fact) ? leaf.fact : '';
			return at(
				'unknown-param',
				withSuggestion({ param, fact, expected: expected.join(', ') }, closestCode(param, expected)),
				[...path, param],
				'key'
			);
		}
		case 'anyOf':
			// The only anyOf is "all, any or not at the top" (topCondition).
			if (isObject(data) && has(data, 'fact')) return at('top-level-leaf');
			return at('bad-condition', isObject(data) ? conditionKeysParams(data) : {});
		case 'oneOf':
			// The only oneOf is the scope's "each" or "units".
			return at('bad-scope', {
				found: isObject(data) && has(data, 'each') && has(data, 'units') ? 'both' : 'neither'
			});
		case 'pattern':
			if (parent === definition('isoDate')) return at('bad-date', { value: shown(data) });
			if (parent === definition('periodCode')) return at('bad-period', { value: shown(data) });
			// JSONPaths are checked with their fact in the semantic layer, which knows what the fact offers.
			if (parent === definition('jsonPath')) return null;
			return at('bad-id', { value: shown(data) });
		case 'minimum':
		case 'maximum':
			return at('out-of-range', {
				value: shown(data),
				limit: error.params.limit as number,
				comparison: error.keyword === 'minimum' ? '>=' : '<='
			});
		case 'minItems':
		case 'maxItems':
			if (Array.isArray(data) && data.length === 0)
				return at('empty-list', { key: String(path[path.length - 1] ?? '') });
			return at('wrong-length', {
				expected: error.params.limit as number,
				found: Array.isArray(data) ? data.length : 0
			});
		case 'minLength':
			return at('empty-value');
		case 'uniqueItems': {
			const later = error.params.i as number;
			const item = Array.isArray(data) ? data[later] : undefined;
			return at('duplicate-item', { item: shown(item), first: error.params.j as number }, [...path, later]);
		}
		default:
			return at('invalid-value', { value: shown(data), detail: error.message ?? error.keyword });
	}
}

function conditionKeysParams(node: JsonObject): Params {
	const keys = Object.keys(node);
	const suggestion = keys.map((key) => closestCode(key, CONDITION_KEYS)).find((s) => s !== null) ?? null;
	return withSuggestion({ keys: keys.join(', ') }, suggestion);
}

function schemaDrafts(root: unknown): Draft[] {
	const validate = schemaValidator();
	if (validate(root)) return [];
	// `if` errors only say that a `then`/`else` failed; that failure is reported on its own.
	const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'if');
	const typeAt = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
	const kept = errors.filter((error) => {
		// A value of the wrong type fails every other keyword at its place: say only that.
		if (error.keyword !== 'type' && typeAt.has(error.instancePath)) return false;
		// The branches of a failed anyOf/oneOf are replaced by one message about the whole.
		return !errors.some(
			(other) =>
				other !== error &&
				(other.keyword === 'anyOf' || other.keyword === 'oneOf') &&
				other.instancePath === error.instancePath &&
				error.schemaPath.startsWith(`${other.schemaPath}/`)
		);
	});
	const drafts = kept.map((e) => translateError(e, root)).filter((d): d is Draft => d !== null);
	// A misspelt parameter ("indicatr") also leaves the real one missing: the typo is the one thing to fix.
	const misspelt = new Set(
		drafts
			.filter((d) => d.code === 'unknown-param' && d.params.suggestion !== undefined)
			.map((d) => `${JSON.stringify(d.path.slice(0, -1))}|${d.params.suggestion}`)
	);
	return drafts.filter(
		(d) => !(d.code === 'missing-key' && misspelt.has(`${JSON.stringify(d.path)}|${d.params.key}`))
	);
}

// ------------------------------------------------------------------------------------ (c) semantics

interface Context {
	catalogue: Catalogue | null;
	drafts: Draft[];
	/** The plan's start and end when both are real dates in order. */
	period: { start: string; end: string } | null;
	/** The plan's start date: codes resolve in the org units valid then. */
	date: string | null;
	/** The plan's unit when it is known on `date` (and a catalogue is given). */
	planUnit: { code: string; unit: CatalogueUnit } | null;
}

function report(
	ctx: Context,
	code: PlanProblemCode,
	path: PathSegment[],
	params: Params = {},
	target: Draft['target'] = 'value'
) {
	ctx.drafts.push({ code, path, target, params });
}

function checkIndicator(ctx: Context, value: unknown, path: PathSegment[]) {
	const indicators = ctx.catalogue?.indicators;
	if (!indicators || !isString(value) || value === '' || indicators.has(value)) return;
	const suggestion = closestCode(value, indicators.keys(), (code) => {
		const entry = indicators.get(code);
		return entry ? [entry.nameVi, entry.nameEn] : [];
	});
	report(ctx, 'unknown-indicator', path, withSuggestion({ code: value }, suggestion));
}

function checkNamedCode(
	ctx: Context,
	kind: 'programme' | 'report',
	value: unknown,
	path: PathSegment[]
): boolean {
	const entries = kind === 'programme' ? ctx.catalogue?.programmes : ctx.catalogue?.reports;
	if (!entries || !isString(value) || value === '' || entries.has(value)) return true;
	const suggestion = closestCode(value, entries.keys(), (code) => {
		const entry = entries.get(code);
		return entry ? [entry.nameVi, entry.nameEn] : [];
	});
	report(
		ctx,
		kind === 'programme' ? 'unknown-programme' : 'unknown-report',
		path,
		withSuggestion({ code: value }, suggestion)
	);
	return false;
}

/** Looks an org unit code up on the plan's start date; reports it when unknown then. */
function checkOrgUnit(ctx: Context, value: unknown, path: PathSegment[]): CatalogueUnit | null {
	if (!ctx.catalogue || !ctx.date || !isString(value) || value === '') return null;
	const units = unitsAt(ctx.catalogue, ctx.date);
	const unit = units.get(value);
	if (unit) return unit;
	const params: Params = { code: value, date: ctx.date };
	const other = ctx.catalogue.orgUnits.get(value)?.[0];
	if (other) {
		// The code exists, only not on this date (the 2025 reorganisation): say when it does.
		params.validFrom = other.validFrom ?? '';
		params.validTo = other.validTo ?? '';
	}
	const suggestion = closestFolded(value, unitCandidates(units));
	report(
		ctx,
		'unknown-org-unit',
		path,
		withSuggestion(params, suggestion, suggestion ? units.get(suggestion)?.name : undefined)
	);
	return null;
}

function checkPeriodParam(ctx: Context, value: unknown, path: PathSegment[]) {
	// Values the schema's pattern refuses are reported there.
	if (!isString(value) || !/^[0-9]{4}(S[12]|Q[1-4]|-[0-9]{2}(-[0-9]{2})?)?$/.test(value)) return;
	const period = parsePeriod(value);
	if (!period) report(ctx, 'bad-period', path, { value: shown(value) });
	else if (ctx.period && (period.end < ctx.period.start || period.start > ctx.period.end))
		report(ctx, 'period-outside-plan', path, { period: value, start: ctx.period.start, end: ctx.period.end });
}

function isLevel(value: unknown): value is Level {
	return isString(value) && (LEVELS as readonly string[]).includes(value);
}

/** The lowest of the levels a condition is judged at; null when unknown. */
function lowestLevel(levels: readonly Level[] | null): Level | null {
	if (!levels || levels.length === 0) return null;
	return levels.reduce((low, level) => (LEVELS.indexOf(level) > LEVELS.indexOf(low) ? level : low));
}

/** Whether a plan's unit has units of `level` below it; reports it when not. */
function checkLevelUnderPlan(ctx: Context, level: Level, path: PathSegment[]) {
	if (!ctx.catalogue || !ctx.planUnit || !ctx.date) return;
	if (levelsUnder(ctx.catalogue, ctx.planUnit.code, ctx.date).has(level)) return;
	report(ctx, 'level-not-under-unit', path, {
		level,
		unit: ctx.planUnit.code,
		unitName: ctx.planUnit.unit.name,
		unitLevel: ctx.planUnit.unit.level,
		date: ctx.date
	});
}

function checkFactParams(
	ctx: Context,
	fact: FactName,
	params: unknown,
	path: PathSegment[],
	levels: Level[] | null
) {
	if (!isObject(params)) return;
	const at = (key: string) => [...path, key];
	switch (fact) {
		case 'total':
			checkIndicator(ctx, params.indicator, at('indicator'));
			checkNamedCode(ctx, 'programme', params.programme, at('programme'));
			checkPeriodParam(ctx, params.period, at('period'));
			return;
		case 'ratio':
			checkIndicator(ctx, params.numerator, at('numerator'));
			checkIndicator(ctx, params.denominator, at('denominator'));
			return;
		case 'change':
		case 'assigned':
			checkIndicator(ctx, params.indicator, at('indicator'));
			return;
		case 'submittedOn':
			checkNamedCode(ctx, 'report', params.report, at('report'));
			checkPeriodParam(ctx, params.period, at('period'));
			return;
		case 'unitsMeeting': {
			const level = params.level;
			if (!isLevel(level)) return;
			const lowest = lowestLevel(levels);
			if (lowest && LEVELS.indexOf(level) <= LEVELS.indexOf(lowest))
				report(ctx, 'level-not-below', at('level'), { level, evaluatedAt: lowest });
			else checkLevelUnderPlan(ctx, level, at('level'));
			checkCondition(ctx, params.condition, at('condition'), [level]);
			return;
		}
	}
}

/** `path` only picks a part of unitsMeeting's {count, total, share}; the other facts are plain values. */
function checkFactPath(ctx: Context, holder: JsonObject, fact: FactName, path: PathSegment[]) {
	if (!has(holder, 'path')) {
		if (fact === 'unitsMeeting') report(ctx, 'missing-path', path);
		return;
	}
	const value = holder.path;
	if (!isString(value)) return;
	if (fact !== 'unitsMeeting') report(ctx, 'path-not-allowed', [...path, 'path'], { fact, path: value });
	else if (!UNITS_MEETING_PATHS.includes(value)) report(ctx, 'bad-path', [...path, 'path'], { path: value });
}

const isFactName = (value: unknown): value is FactName =>
	isString(value) && (FACT_NAMES as readonly string[]).includes(value);

function checkLeaf(ctx: Context, leaf: JsonObject, path: PathSegment[], levels: Level[] | null) {
	const fact = leaf.fact;
	if (!isFactName(fact)) return;
	checkFactParams(ctx, fact, leaf.params, [...path, 'params'], levels);
	checkFactPath(ctx, leaf, fact, path);
	const operator = leaf.operator;
	const value = leaf.value;
	if (isString(operator) && OPERATOR_NAMES.includes(operator)) {
		// submittedOn gives a date; every other fact (unitsMeeting through its path) gives a number.
		const gives = fact === 'submittedOn' ? 'date' : 'number';
		const wants = NUMERIC_OPERATORS.includes(operator)
			? 'number'
			: DATE_OPERATORS.includes(operator)
				? 'date'
				: null;
		if (wants && wants !== gives)
			report(ctx, 'operator-mismatch', [...path, 'operator'], {
				operator: operator as OperatorName,
				fact,
				gives
			});
		if (operator === 'between' && Array.isArray(value) && value.length === 2) {
			const [low, high] = value as unknown[];
			if (typeof low === 'number' && typeof high === 'number' && low > high)
				report(ctx, 'between-order', [...path, 'value'], { low, high });
		}
		if (wants === 'date' && isString(value) && ISO_DATE_SHAPE.test(value) && !parseIsoDate(value))
			report(ctx, 'bad-date', [...path, 'value'], { value: shown(value) });
	}
	if (isObject(value) && isFactName(value.fact)) {
		checkFactParams(ctx, value.fact, value.params, [...path, 'value', 'params'], levels);
		checkFactPath(ctx, value, value.fact, [...path, 'value']);
	}
}

function checkCondition(ctx: Context, node: unknown, path: PathSegment[], levels: Level[] | null) {
	if (!isObject(node)) return;
	const kinds = CONDITION_KEYS.filter((key) => has(node, key));
	// json-rules-engine reads one of them and silently ignores the rest.
	if (kinds.length > 1) report(ctx, 'mixed-condition', path, { keys: kinds.join(', ') });
	if (Array.isArray(node.all))
		node.all.forEach((c, i) => checkCondition(ctx, c, [...path, 'all', i], levels));
	else if (Array.isArray(node.any))
		node.any.forEach((c, i) => checkCondition(ctx, c, [...path, 'any', i], levels));
	else if (has(node, 'not')) checkCondition(ctx, node.not, [...path, 'not'], levels);
	else checkLeaf(ctx, node, path, levels);
}

/** Leaf conditions in document order, as `measure` counts them (unitsMeeting's inner condition excluded). */
function countLeaves(node: unknown): number {
	if (!isObject(node)) return 0;
	if (Array.isArray(node.all)) return node.all.reduce((n: number, c) => n + countLeaves(c), 0);
	if (Array.isArray(node.any)) return node.any.reduce((n: number, c) => n + countLeaves(c), 0);
	if (has(node, 'not')) return countLeaves(node.not);
	return has(node, 'fact') ? 1 : 0;
}

function checkPlanMeta(ctx: Context, plan: JsonObject) {
	const period = isObject(plan.period) ? plan.period : {};
	const dates: Record<string, string | null> = {};
	for (const key of ['start', 'end']) {
		const value = period[key];
		dates[key] = parseIsoDate(value);
		if (isString(value) && ISO_DATE_SHAPE.test(value) && !dates[key])
			report(ctx, 'bad-date', ['plan', 'period', key], { value: shown(value) });
	}
	const { start, end } = dates;
	if (start && end && start > end) report(ctx, 'period-order', ['plan', 'period', 'end'], { start, end });
	ctx.date = start ?? null;
	ctx.period = start && end && start <= end ? { start, end } : null;

	const weights = isObject(plan.trajectory) ? plan.trajectory.quarterWeights : undefined;
	if (
		Array.isArray(weights) &&
		weights.length === 4 &&
		weights.every((w) => typeof w === 'number' && Number.isFinite(w))
	) {
		const sum = (weights as number[]).reduce((a, b) => a + b, 0);
		if (Math.abs(sum - 1) > 0.001)
			report(ctx, 'trajectory-sum', ['plan', 'trajectory', 'quarterWeights'], {
				sum: Math.round(sum * 10000) / 10000
			});
	}

	const unit = checkOrgUnit(ctx, plan.orgUnit, ['plan', 'orgUnit']);
	ctx.planUnit = unit && isString(plan.orgUnit) ? { code: plan.orgUnit, unit } : null;
	if (Array.isArray(plan.programmes))
		plan.programmes.forEach((code, i) => checkNamedCode(ctx, 'programme', code, ['plan', 'programmes', i]));
}

/** The levels a rule is judged at, or null when they cannot be known. */
function checkScope(ctx: Context, rule: JsonObject, path: PathSegment[]): Level[] | null {
	const scope = rule.scope;
	if (!has(rule, 'scope')) return ctx.planUnit ? [ctx.planUnit.unit.level] : null;
	if (!isObject(scope) || (has(scope, 'each') && has(scope, 'units'))) return null;
	if (isLevel(scope.each)) {
		checkLevelUnderPlan(ctx, scope.each, [...path, 'scope', 'each']);
		return [scope.each];
	}
	if (!Array.isArray(scope.units)) return null;
	const levels: Level[] = [];
	scope.units.forEach((code, i) => {
		const where = [...path, 'scope', 'units', i];
		const unit = checkOrgUnit(ctx, code, where);
		if (!unit || !isString(code)) return;
		levels.push(unit.level);
		if (
			ctx.catalogue &&
			ctx.planUnit &&
			ctx.date &&
			!isWithin(ctx.catalogue, code, ctx.planUnit.code, ctx.date)
		)
			report(ctx, 'unit-outside-plan', where, {
				code,
				unit: ctx.planUnit.code,
				unitName: ctx.planUnit.unit.name
			});
	});
	return levels.length > 0 ? levels : null;
}

function checkRule(ctx: Context, rule: JsonObject, index: number, planProgrammes: Set<string> | null) {
	const path: PathSegment[] = ['rules', index];
	if (has(rule, 'programme') && checkNamedCode(ctx, 'programme', rule.programme, [...path, 'programme'])) {
		const programme = rule.programme;
		if (planProgrammes && isString(programme) && programme !== '' && !planProgrammes.has(programme))
			report(ctx, 'programme-not-in-plan', [...path, 'programme'], { code: programme });
	}
	const levels = checkScope(ctx, rule, path);
	const measure = rule.measure;
	if (typeof measure === 'number' && Number.isInteger(measure) && measure >= 0) {
		const count = countLeaves(rule.conditions);
		if (count > 0 && measure >= count)
			report(ctx, 'measure-out-of-range', [...path, 'measure'], { measure, count });
	}
	checkCondition(ctx, rule.conditions, [...path, 'conditions'], levels);
}

/**
 * The codes a rule test's rows and expectations name must exist, like the plan's own; the rows' periods are not
 * held to the plan period, since a test may show that data outside it do not count.
 */
function checkRuleTests(ctx: Context, tests: unknown, ruleNames: ReadonlySet<string>) {
	if (!Array.isArray(tests)) return;
	tests.forEach((test, t) => {
		if (!isObject(test)) return;
		const rows = (key: string) => (Array.isArray(test[key]) ? (test[key] as unknown[]) : []);
		const at = (...rest: PathSegment[]): PathSegment[] => ['tests', t, ...rest];
		for (const key of ['values', 'targets', 'submissions'])
			rows(key).forEach((row, r) => {
				if (!isObject(row)) return;
				checkOrgUnit(ctx, row.org_unit, at(key, r, 'org_unit'));
				if (has(row, 'indicator')) checkIndicator(ctx, row.indicator, at(key, r, 'indicator'));
				if (has(row, 'programme')) checkNamedCode(ctx, 'programme', row.programme, at(key, r, 'programme'));
				if (has(row, 'report')) checkNamedCode(ctx, 'report', row.report, at(key, r, 'report'));
			});
		rows('expect').forEach((expectation, e) => {
			if (!isObject(expectation)) return;
			const rule = expectation.rule;
			if (isString(rule) && rule !== '' && !ruleNames.has(rule))
				report(
					ctx,
					'unknown-rule',
					at('expect', e, 'rule'),
					withSuggestion({ name: rule }, closestCode(rule, ruleNames))
				);
			if (has(expectation, 'orgUnit')) checkOrgUnit(ctx, expectation.orgUnit, at('expect', e, 'orgUnit'));
		});
	});
}

function semanticDrafts(root: unknown, catalogue: Catalogue | null): Draft[] {
	const ctx: Context = { catalogue, drafts: [], period: null, date: null, planUnit: null };
	if (!isObject(root)) return [];
	const plan = isObject(root.plan) ? root.plan : null;
	if (plan) checkPlanMeta(ctx, plan);
	const programmes =
		plan && Array.isArray(plan.programmes) && plan.programmes.every(isString)
			? new Set(plan.programmes)
			: null;
	if (!Array.isArray(root.rules)) return ctx.drafts;
	const names = new Map<string, number>();
	root.rules.forEach((rule, i) => {
		if (!isObject(rule)) return;
		if (isString(rule.name) && rule.name !== '') {
			const first = names.get(rule.name);
			if (first === undefined) names.set(rule.name, i);
			else
				report(ctx, 'duplicate-rule-name', ['rules', i, 'name'], {
					name: rule.name,
					first: formatJsonPath(['rules', first])
				});
		}
		checkRule(ctx, rule, i, programmes);
	});
	checkRuleTests(ctx, root.tests, new Set(names.keys()));
	return ctx.drafts;
}

// ------------------------------------------------------------------------------------ assembling

/** Nesting depth of a parsed value, without recursion. */
function depthOf(root: unknown): number {
	let deepest = 0;
	const stack: Array<[unknown, number]> = [[root, 0]];
	while (stack.length > 0) {
		const [node, depth] = stack.pop() as [unknown, number];
		deepest = Math.max(deepest, depth);
		if (deepest > MAX_DEPTH) return deepest;
		if (Array.isArray(node)) for (const child of node) stack.push([child, depth + 1]);
		else if (isObject(node)) for (const child of Object.values(node)) stack.push([child, depth + 1]);
	}
	return deepest;
}

function planDrafts(root: unknown, catalogue: Catalogue | null): Draft[] {
	if (depthOf(root) > MAX_DEPTH)
		return [{ code: 'too-deep', path: [], target: 'value', params: { max: MAX_DEPTH } }];
	const drafts = [...schemaDrafts(root), ...semanticDrafts(root, catalogue)];
	// One problem per place and kind: collapsed cascades and overlapping layers must not repeat themselves.
	const seen = new Set<string>();
	return drafts.filter((draft) => {
		const detail = draft.params.key ?? draft.params.param ?? draft.params.item ?? '';
		const key = `${draft.code}|${JSON.stringify(draft.path)}|${detail}`;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

const englishMessage = (problem: PlanProblem) => problemMessage(problem, 'en');
const toProblem = (file: string, draft: Draft, position: { line: number; column: number } | null) =>
	placeProblem(file, draft, position, englishMessage);

/** Validates a parsed plan file; `line` and `column` are null since there is no text to point into. */
export function validatePlan(fileName: string, value: unknown, catalogue: Catalogue | null): PlanProblem[] {
	return planDrafts(value, catalogue).map((draft) => toProblem(fileName, draft, null));
}

function syntaxProblem(file: string, text: string, starts: number[], error: unknown): PlanProblem {
	const scan = scanJson(text);
	const found = scan.error;
	const engineMessage = error instanceof Error ? error.message : String(error);
	// Well-formed by our scanner yet refused by JSON.parse: the engine ran out of stack on deep nesting.
	if (!found)
		return toProblem(
			file,
			{ code: 'too-deep', path: [], target: 'value', params: { max: MAX_DEPTH } },
			positionAt(starts, 0)
		);
	let offset = parseErrorOffset(engineMessage, starts) ?? found?.offset ?? text.length;
	const params: Params = {
		reason: found?.reason ?? 'unknown',
		found: found?.found ?? '',
		detail: engineMessage
	};
	if (found?.reason === 'trailing-comma' && found.commaOffset !== undefined) {
		// The comma is what to delete, so point at it rather than at the bracket after it.
		offset = found.commaOffset;
	} else if (found?.reason === 'empty') {
		offset = 0;
	} else if (found?.reason === 'unexpected-end') {
		// Point just after the last thing written, where the missing bracket belongs, not past blank lines.
		offset = text.trimEnd().length;
	}
	if (found?.open) {
		const open = positionAt(starts, found.open.offset);
		Object.assign(params, { open: found.open.bracket, openLine: open.line, openColumn: open.column });
	}
	const position = positionAt(starts, offset);
	return toProblem(file, { code: 'invalid-json', path: [], target: 'value', params }, position);
}

/**
 * Validates the text of a plan file: JSON syntax, then the schema, then the catalogue (skipped when it is
 * null, e.g. in the editor before data is loaded). Problems come in text order; none means the file is valid.
 * A UTF-8 byte-order mark at the start is tolerated (Windows editors write one).
 */
export function validatePlanText(fileName: string, text: string, catalogue: Catalogue | null): PlanProblem[] {
	const body = withoutBom(text);
	const starts = lineStarts(body);
	let value: unknown;
	try {
		value = JSON.parse(body);
	} catch (error) {
		return [syntaxProblem(fileName, body, starts, error)];
	}
	const drafts = planDrafts(value, catalogue);
	// Absurd nesting: the one problem is at the top, and indexing every path would only waste time.
	const [first] = drafts;
	if (first?.code === 'too-deep') return [toProblem(fileName, first, positionAt(starts, 0))];
	const scan = scanJson(body);
	return placeInText(
		fileName,
		scan,
		starts,
		[...duplicateKeyDrafts(scan, starts), ...drafts],
		englishMessage
	);
}
