/**
 * Rule tests inside plan files: the worked examples run on their own rows (with the real org units and
 * indicators), pass and fail as worked out by hand, point at the place in the file, and are validated like the
 * rest of the plan. The expected statuses below follow from design.md §5 by hand: a total ≥ N at the end of the
 * plan period is `achieved` when it holds and `missed` when not; no row at all is `no-data`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '$lib/db/connector';
import { createWasmNodeConnector } from '$lib/db/wasm-node';
import type { DataFile } from '$lib/db/load';
import { TABLE_NAMES } from '$lib/model/data';
import { readCatalogue, type Catalogue } from '$lib/rules/catalogue';
import {
	positionInText,
	prepareTestDatabase,
	referenceFiles,
	runRuleTests,
	type PlanWithTests,
	type RuleTestCase
} from '$lib/rules/rule-tests';
import { validatePlanText } from '$lib/rules/validate';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function dataFiles(): DataFile[] {
	return TABLE_NAMES.map((table) => ({
		table,
		name: `data/${table}.csv`,
		format: 'csv' as const,
		bytes: readFileSync(join(ROOT, 'data', `${table}.csv`))
	}));
}

let conn: Connector;
let catalogue: Catalogue;

beforeAll(async () => {
	conn = await createWasmNodeConnector();
	await prepareTestDatabase(conn, dataFiles());
	catalogue = await readCatalogue(conn);
}, 120_000);
afterAll(async () => conn?.close());

const title = (en: string) => ({ vi: en, en });

/** Cao Bằng (04) 2024 with two of its targets: a province total ≥ 161 and "each commune ≥ 1". */
function plan(tests: RuleTestCase[]): PlanWithTests {
	return {
		plan: {
			id: 'cb-tests',
			title: title('Tests'),
			issuer: 'Test',
			orgUnit: '04',
			period: { start: '2024-01-01', end: '2024-12-31' },
			programmes: []
		},
		rules: [
			{
				name: 'poverty',
				title: title('At least 161 households'),
				source: '2.2',
				conditions: {
					all: [
						{
							fact: 'total',
							params: { indicator: 'households_out_of_poverty' },
							operator: 'greaterThanInclusive',
							value: 161
						}
					]
				},
				event: { type: 'target-met' }
			},
			{
				name: 'activity',
				title: title('Each commune keeps one activity'),
				source: '2.1',
				scope: { each: 'commune' },
				conditions: {
					all: [
						{
							fact: 'total',
							params: { indicator: 'regular_activity_types' },
							operator: 'greaterThanInclusive',
							value: 1
						}
					]
				},
				event: { type: 'target-met' }
			}
		],
		tests
	};
}

const households = (value: number, org_unit = '04') => ({
	org_unit,
	indicator: 'households_out_of_poverty',
	period: '2024',
	value
});

describe('running rule tests', () => {
	it('passes and fails by the status each example must get, on its own rows only', async () => {
		const report = await runRuleTests(
			conn,
			plan([
				{
					name: '161 is enough',
					asOf: '2024-12-31',
					values: [households(100), households(61, '040')],
					expect: [{ rule: 'poverty', status: 'achieved', actual: 161 }]
				},
				{
					// Same plan and date, other rows: a cached evaluation would wrongly repeat "achieved".
					name: '160 is not',
					asOf: '2024-12-31',
					values: [households(160)],
					expect: [{ rule: 'poverty', status: 'achieved' }]
				},
				{ name: 'nothing reported', asOf: '2024-12-31', expect: [{ rule: 'poverty', status: 'no-data' }] }
			])
		);
		expect(report.outcomes.map((o) => [o.test, o.passed, o.got?.status, o.got?.actual])).toEqual([
			['161 is enough', true, 'achieved', 161],
			['160 is not', false, 'missed', 160],
			['nothing reported', true, 'no-data', null]
		]);
		expect(report.outcomes[1]?.path).toBe('$.tests[1].expect[0]');
		expect([report.passed, report.failed]).toEqual([2, 1]);
		expect(report.problems).toEqual([]);
	});

	it('judges an `each` rule at the unit the expectation names, and fails when there is no result there', async () => {
		const report = await runRuleTests(
			conn,
			plan([
				{
					name: 'per commune',
					asOf: '2024-12-31',
					values: [
						{ org_unit: '01267', indicator: 'regular_activity_types', period: '2024', value: 2 },
						{ org_unit: '01270', indicator: 'regular_activity_types', period: '2024', value: 0 }
					],
					expect: [
						{ rule: 'activity', orgUnit: '01267', status: 'achieved', actual: 2 },
						{ rule: 'activity', orgUnit: '01270', status: 'missed' },
						// 040 is a district: the rule has no result for it.
						{ rule: 'activity', orgUnit: '040', status: 'missed' }
					]
				}
			])
		);
		expect(report.outcomes.map((o) => [o.orgUnit, o.passed, o.got?.status ?? null])).toEqual([
			['01267', true, 'achieved'],
			['01270', true, 'missed'],
			['040', false, null]
		]);
	});

	it('a wrong `actual` fails even when the status is right', async () => {
		const report = await runRuleTests(
			conn,
			plan([
				{
					name: 'actual',
					asOf: '2024-12-31',
					values: [households(170)],
					expect: [{ rule: 'poverty', status: 'achieved', actual: 171 }]
				}
			])
		);
		expect(report.outcomes[0]).toMatchObject({ passed: false, got: { status: 'achieved', actual: 170 } });
	});

	it('a row the loader refuses is reported at its JSON path and fails the whole test', async () => {
		const report = await runRuleTests(
			conn,
			plan([
				{
					name: 'twice the same key',
					asOf: '2024-12-31',
					values: [households(161), households(5)],
					expect: [{ rule: 'poverty', status: 'achieved' }]
				}
			])
		);
		// The first row still loads (161 ≥ 161), yet the test cannot be trusted: it fails.
		expect(report.outcomes[0]).toMatchObject({ passed: false, got: { status: 'achieved', actual: 161 } });
		expect(report.problems).toEqual([
			expect.objectContaining({
				test: 'twice the same key',
				path: '$.tests[0].values[1].org_unit',
				problem: 'duplicate-row'
			})
		]);
	});

	it("the Cao Bằng 2024 plan's own examples all pass on the real reference data", async () => {
		const text = readFileSync(join(ROOT, 'rules', 'cao-bang-2024.json'), 'utf8');
		const report = await runRuleTests(conn, JSON.parse(text) as PlanWithTests);
		expect(report.outcomes.length).toBeGreaterThanOrEqual(8);
		expect(report.outcomes.filter((o) => !o.passed)).toEqual([]);
		// The first expectation is written on the line of its `{` inside "expect".
		const position = positionInText(text, report.outcomes[0]?.segments ?? []);
		const line = text.split('\n')[position.line - 1] ?? '';
		expect(line.slice(position.column - 1)).toMatch(/^\{"rule": "cb2024-6\.2-q1-branch-heads-meeting"/);
	});

	it('keeps the reference tables and replaces only values, targets and submissions', () => {
		expect(referenceFiles(dataFiles()).map((f) => f.table)).toEqual([
			'org_units',
			'indicators',
			'programmes',
			'reports',
			'crosswalk_2025',
			'regions'
		]);
	});
});

describe('validating rule tests', () => {
	const problemsOf = (tests: unknown) =>
		validatePlanText('rules/t.json', JSON.stringify({ ...plan([]), tests }, null, 2), catalogue).map((p) => [
			p.path,
			p.code,
			p.message
		]);

	it('a valid test has no problem', () => {
		expect(
			problemsOf([
				{
					name: 'ok',
					asOf: '2024-12-31',
					values: [households(1)],
					expect: [{ rule: 'poverty', status: 'missed' }]
				}
			])
		).toEqual([]);
	});

	it('names an unknown rule, with the closest name', () => {
		expect(
			problemsOf([{ name: 't', asOf: '2024-12-31', expect: [{ rule: 'povrety', status: 'missed' }] }])
		).toEqual([
			[
				'$.tests[0].expect[0].rule',
				'unknown-rule',
				'the plan has no rule named "povrety"; did you mean "poverty"?'
			]
		]);
	});

	it('names an unknown key, an unknown status and an unknown indicator at their paths', () => {
		const problems = problemsOf([
			{
				name: 't',
				asOf: '2024-12-31',
				values: [{ org_unit: '04', indicator: 'households', period: '2024', value: 1 }],
				expect: [{ rule: 'poverty', status: 'done', note: 'x' }]
			}
		]);
		expect(problems.map(([path, code]) => [path, code])).toEqual(
			expect.arrayContaining([
				['$.tests[0].expect[0].note', 'unknown-param'],
				['$.tests[0].expect[0].status', 'invalid-value'],
				['$.tests[0].values[0].indicator', 'unknown-indicator']
			])
		);
		expect(problems.find(([path]) => path === '$.tests[0].expect[0].note')?.[2]).toMatch(
			/^unknown key "note" here; expected rule, orgUnit, status, actual/
		);
	});

	it('requires a name, a date and at least one expectation', () => {
		expect(problemsOf([{ name: 't', asOf: '31/12/2024', expect: [] }]).map(([p, c]) => [p, c])).toEqual([
			['$.tests[0].asOf', 'bad-date'],
			['$.tests[0].expect', 'empty-list']
		]);
		expect(problemsOf([{ asOf: '2024-12-31', expect: [{ rule: 'poverty', status: 'missed' }] }])).toEqual([
			['$.tests[0]', 'missing-key', 'test is missing "name"']
		]);
	});
});
