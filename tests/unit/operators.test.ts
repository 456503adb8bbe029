/**
 * The operators (docs/rules.md §4.2): json-rules-engine's own, re-registered so that a missing value meets
 * nothing, and ours (`between`, `onOrBefore`, `onOrAfter`). The pure judge (judge.ts, used inside `unitsMeeting`)
 * must agree with json-rules-engine running the same rule on the same facts.
 */
import { describe, expect, it } from 'vitest';
import type { Condition, OperatorName } from '$lib/model/plan';
import { CUSTOM_OPERATORS, ENGINE_OPERATORS } from '$lib/model/plan';
import { createRuleEngine, runRuleAt } from '$lib/rules/engine';
import { judgeCondition, type FactLookup } from '$lib/rules/judge';
import { applyOperator, OPERATORS } from '$lib/rules/operators';
import { factKey } from '$lib/rules/conditions';
import { leaf, rule } from './fixtures/small/dataset';

describe('operators', () => {
	it('defines every operator a rule file may name', () => {
		expect(Object.keys(OPERATORS).sort()).toEqual([...ENGINE_OPERATORS, ...CUSTOM_OPERATORS].sort());
	});

	const cases: Array<[OperatorName, unknown, unknown, boolean]> = [
		// exactly on target: ≥ 161 with 161 is met
		['greaterThanInclusive', 161, 161, true],
		['greaterThanInclusive', 160, 161, false],
		['greaterThan', 161, 161, false],
		['greaterThan', 162, 161, true],
		['lessThanInclusive', 12, 12, true],
		['lessThanInclusive', 13, 12, false],
		['lessThan', 12, 12, false],
		['lessThan', 11, 12, true],
		['equal', 0, 0, true],
		['equal', 1, 0, false],
		['equal', 'a', 'a', true],
		['notEqual', 1, 0, true],
		['notEqual', 0, 0, false],
		['in', 'b', ['a', 'b'], true],
		['in', 'c', ['a', 'b'], false],
		['notIn', 'c', ['a', 'b'], true],
		['notIn', 'a', ['a', 'b'], false],
		['contains', ['a', 'b'], 'a', true],
		['doesNotContain', ['a', 'b'], 'c', true],
		// between: both ends included
		['between', 3, [3, 5], true],
		['between', 5, [3, 5], true],
		['between', 4, [3, 5], true],
		['between', 2.99, [3, 5], false],
		['between', 5.01, [3, 5], false],
		['between', 4, 'not a range', false],
		// dates: both ends included, compared as calendar dates
		['onOrBefore', '2024-07-15', '2024-07-15', true],
		['onOrBefore', '2024-07-10', '2024-07-15', true],
		['onOrBefore', '2024-07-16', '2024-07-15', false],
		['onOrAfter', '2024-10-01', '2024-10-01', true],
		['onOrAfter', '2024-10-20', '2024-10-01', true],
		['onOrAfter', '2024-09-30', '2024-10-01', false],
		['onOrBefore', '2024-02-30', '2024-07-15', false], // not a date
		['onOrBefore', '2024-07-10', 'July', false] // compared with something that is not a date
	];

	it.each(cases)('%s(%j, %j) is %s', (operator, factValue, value, expected) => {
		expect(applyOperator(operator, factValue, value)).toBe(expected);
	});

	it('a missing fact value meets no operator, not even notEqual or notIn', () => {
		for (const operator of Object.keys(OPERATORS) as OperatorName[]) {
			const value = operator === 'between' ? [0, 1] : operator.startsWith('on') ? '2024-01-01' : 0;
			expect(applyOperator(operator, null, value), operator).toBe(false);
			expect(applyOperator(operator, undefined, value), operator).toBe(false);
		}
	});

	it('a missing compared value (a fact reference without a value) is not met either', () => {
		// json-rules-engine alone reads 20 >= null as 20 >= 0
		for (const operator of [
			'greaterThanInclusive',
			'greaterThan',
			'lessThan',
			'lessThanInclusive'
		] as const) {
			expect(applyOperator(operator, 20, null), operator).toBe(false);
		}
		expect(applyOperator('notEqual', 20, null)).toBe(false);
		expect(applyOperator('between', 20, [null, 30])).toBe(false);
		expect(applyOperator('onOrBefore', '2024-07-10', null)).toBe(false);
	});

	it('numeric operators refuse non-numbers and dates refuse numbers', () => {
		expect(applyOperator('greaterThanInclusive', 'abc', 1)).toBe(false);
		expect(applyOperator('between', 'abc', [0, 1])).toBe(false);
		expect(applyOperator('onOrBefore', 20240101, '2024-12-31')).toBe(false);
	});
});

describe('the pure judge agrees with json-rules-engine', () => {
	// Fact values by unit: U1 has everything, U2 lacks the ratio and the submission, U3 has nothing.
	const facts: Record<string, Record<string, unknown>> = {
		U1: {
			[factKey('total', { indicator: 'households' })]: 161,
			[factKey('ratio', { numerator: 'a', denominator: 'b' })]: 0.8,
			[factKey('assigned', { indicator: 'households' })]: 150,
			[factKey('submittedOn', { report: 'r' })]: '2024-07-10',
			[factKey('unitsMeeting', { level: 'commune' })]: { count: 3, total: 5, share: 0.6 }
		},
		U2: {
			[factKey('total', { indicator: 'households' })]: 120,
			[factKey('assigned', { indicator: 'households' })]: 150,
			[factKey('unitsMeeting', { level: 'commune' })]: { count: 0, total: 0, share: null }
		},
		U3: {},
		// U4 has a total but no quota
		U4: { [factKey('total', { indicator: 'households' })]: 161 }
	};
	const lookup: FactLookup = (fact, params, unit) => facts[unit]?.[factKey(fact, params)] ?? null;

	const households = (operator: OperatorName, value: unknown) =>
		leaf('total', { indicator: 'households' }, operator, value);
	const quota = { fact: 'assigned', params: { indicator: 'households' } };
	const conditions: Array<[string, Condition]> = [
		['at least, on target', { all: [households('greaterThanInclusive', 161)] }],
		['against the assigned quota', { all: [households('greaterThanInclusive', quota)] }],
		['between', { all: [households('between', [120, 161])] }],
		[
			'ratio at least 80%',
			{ all: [leaf('ratio', { numerator: 'a', denominator: 'b' }, 'greaterThanInclusive', 0.8)] }
		],
		['deadline', { all: [leaf('submittedOn', { report: 'r' }, 'onOrBefore', '2024-07-15')] }],
		[
			'window',
			{
				all: [
					leaf('submittedOn', { report: 'r' }, 'onOrBefore', '2024-07-15'),
					leaf('submittedOn', { report: 'r' }, 'onOrAfter', '2024-07-11')
				]
			}
		],
		[
			'share path',
			{ all: [leaf('unitsMeeting', { level: 'commune' }, 'greaterThanInclusive', 0.6, '$.share')] }
		],
		['count path', { all: [leaf('unitsMeeting', { level: 'commune' }, 'equal', 0, '$.count')] }],
		['any', { any: [households('greaterThan', 1000), households('lessThan', 130)] }],
		// `not` around a leaf without data is true (docs/rules.md warns about it)
		['not', { not: households('greaterThanInclusive', 161) } as Condition],
		['notEqual on a missing value', { all: [households('notEqual', 0)] }],
		[
			'nested',
			{
				all: [
					{ any: [households('greaterThanInclusive', quota), households('equal', 161)] },
					{ not: leaf('ratio', { numerator: 'a', denominator: 'b' }, 'lessThan', 0.5) }
				]
			}
		]
	];

	// What each unit should get, worked out by hand:
	const expected: Record<string, [boolean, boolean, boolean]> = {
		'at least, on target': [true, false, false], // 161 ≥ 161; 120 < 161; no value
		'against the assigned quota': [true, false, false], // 161 ≥ 150; 120 < 150; no value
		between: [true, true, false], // 120 ≤ 161 ≤ 161; 120 ≤ 120 ≤ 161
		'ratio at least 80%': [true, false, false], // 0.8 ≥ 0.8; U2 has no ratio
		deadline: [true, false, false], // 07-10 ≤ 07-15; not submitted
		window: [false, false, false], // 07-10 is before 07-11
		'share path': [true, false, false], // 0.6 ≥ 0.6; share null
		'count path': [false, true, false], // 3 ≠ 0; 0 = 0; no value
		any: [false, true, false], // 161: neither; 120 < 130
		not: [false, true, true], // not(161 ≥ 161); not(120 ≥ 161); not(missing) = true
		'notEqual on a missing value': [true, true, false],
		nested: [true, false, false] // U2: 120 < 150 and ≠ 161
	};

	it.each(conditions)('%s', async (name, condition) => {
		const engine = createRuleEngine(rule(name, condition), lookup);
		const got: boolean[] = [];
		for (const unit of ['U1', 'U2', 'U3']) {
			const outcome = await runRuleAt(engine, unit);
			expect(judgeCondition(condition, unit, lookup), `${name} at ${unit}`).toBe(outcome.met);
			got.push(outcome.met);
		}
		expect(got).toEqual(expected[name]);
	});

	it('a unit without a quota does not meet a condition compared with its quota', async () => {
		const condition: Condition = { all: [households('greaterThanInclusive', quota)] };
		const outcome = await runRuleAt(createRuleEngine(rule('quota', condition), lookup), 'U4');
		// 161 ≥ (no quota): json-rules-engine's own operator would say 161 ≥ null is true
		expect(outcome).toEqual({ met: false, leaves: [{ factValue: 161, value: null, result: false }] });
		expect(judgeCondition(condition, 'U4', lookup)).toBe(false);
	});

	it('reports each leaf’s fact value and compared value, with fact references resolved', async () => {
		const condition: Condition = {
			all: [
				households('greaterThanInclusive', quota),
				leaf('submittedOn', { report: 'r' }, 'onOrBefore', '2024-07-15')
			]
		};
		const engine = createRuleEngine(rule('leaves', condition), lookup);
		expect(await runRuleAt(engine, 'U1')).toEqual({
			met: true,
			leaves: [
				{ factValue: 161, value: 150, result: true },
				{ factValue: '2024-07-10', value: '2024-07-15', result: true }
			]
		});
		const u2 = await runRuleAt(engine, 'U2');
		expect(u2.met).toBe(false);
		expect(u2.leaves[0]).toEqual({ factValue: 120, value: 150, result: false });
	});
});
