/**
 * Every operator a condition may use, as plain functions. The same functions are registered into
 * json-rules-engine (replacing its defaults) and used by the pure judge, so both agree by construction on what
 * a value "meets". One rule differs from json-rules-engine's defaults on purpose: a missing fact value (null)
 * meets no condition, not even `notEqual` — "a unit that lacks a value a condition needs does not meet it". The
 * same holds for a missing compared value (a fact reference such as `assigned` without a quota): json-rules-engine
 * would read `20 >= null` as `20 >= 0`, i.e. met.
 */
import { parseIsoDate } from '$lib/periods/dates';
import type { OperatorName } from '$lib/model/plan';

export interface OperatorDefinition {
	/** Whether the fact value can be compared at all; false makes the condition fail. */
	accepts(factValue: unknown): boolean;
	test(factValue: unknown, value: unknown): boolean;
}

const present = (a: unknown) => a !== null && a !== undefined;
// json-rules-engine's own number check, kept so that strings like "12" compare as they do there.
const numeric = (a: unknown) => present(a) && Number.parseFloat(a as string).toString() !== 'NaN';
/**
 * Date checks remembered: a national drill-down compares a few hundred distinct dates (sending dates, deadlines)
 * hundreds of thousands of times. Cleared when large, since the strings come from data.
 */
const checkedDates = new Map<string, boolean>();
const isDate = (a: unknown): boolean => {
	if (typeof a !== 'string') return false;
	let valid = checkedDates.get(a);
	if (valid === undefined) {
		if (checkedDates.size >= 10_000) checkedDates.clear();
		checkedDates.set(a, (valid = parseIsoDate(a) !== null));
	}
	return valid;
};
const asNumber = (a: unknown) => a as number;

export const OPERATORS: Record<OperatorName, OperatorDefinition> = {
	equal: { accepts: present, test: (a, b) => a === b },
	notEqual: { accepts: present, test: (a, b) => present(b) && a !== b },
	in: { accepts: present, test: (a, b) => Array.isArray(b) && b.indexOf(a) > -1 },
	notIn: { accepts: present, test: (a, b) => Array.isArray(b) && b.indexOf(a) === -1 },
	contains: { accepts: Array.isArray, test: (a, b) => (a as unknown[]).indexOf(b) > -1 },
	doesNotContain: {
		accepts: Array.isArray,
		test: (a, b) => present(b) && (a as unknown[]).indexOf(b) === -1
	},
	lessThan: { accepts: numeric, test: (a, b) => numeric(b) && asNumber(a) < asNumber(b) },
	lessThanInclusive: { accepts: numeric, test: (a, b) => numeric(b) && asNumber(a) <= asNumber(b) },
	greaterThan: { accepts: numeric, test: (a, b) => numeric(b) && asNumber(a) > asNumber(b) },
	greaterThanInclusive: { accepts: numeric, test: (a, b) => numeric(b) && asNumber(a) >= asNumber(b) },
	between: {
		accepts: numeric,
		test: (a, b) =>
			Array.isArray(b) &&
			numeric(b[0]) &&
			numeric(b[1]) &&
			asNumber(a) >= asNumber(b[0]) &&
			asNumber(a) <= asNumber(b[1])
	},
	// ISO dates compare correctly as strings.
	onOrBefore: { accepts: isDate, test: (a, b) => isDate(b) && (a as string) <= (b as string) },
	onOrAfter: { accepts: isDate, test: (a, b) => isDate(b) && (a as string) >= (b as string) }
};

/** Applies an operator the way json-rules-engine's Operator.evaluate does: validate, then compare. */
export function applyOperator(operator: OperatorName, factValue: unknown, value: unknown): boolean {
	const definition = OPERATORS[operator];
	return definition.accepts(factValue) && definition.test(factValue, value);
}

/** Operators whose target is a lower bound: the actual should rise to it. */
export const RISING_OPERATORS: readonly OperatorName[] = ['greaterThan', 'greaterThanInclusive'];
/** Operators whose target is an upper bound. */
export const FALLING_OPERATORS: readonly OperatorName[] = ['lessThan', 'lessThanInclusive'];
export const DEADLINE_OPERATORS: readonly OperatorName[] = ['onOrBefore'];
