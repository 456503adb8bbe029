/**
 * The plan-file validator: one broken file per kind of mistake, each checked for its exact code, JSON path,
 * line and column; the seed plans in rules/ against the catalogue of data/; and a property that no mutation
 * of a valid plan makes the validator throw.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '$lib/db/connector';
import { loadDataset, type DataFile } from '$lib/db/load';
import { createWasmNodeConnector } from '$lib/db/wasm-node';
import { LEVELS } from '$lib/model/data';
import { CUSTOM_OPERATORS, ENGINE_OPERATORS, FACT_NAMES } from '$lib/model/plan';
import { levelsUnder, readCatalogue, unitsAt, type Catalogue } from '$lib/rules/catalogue';
import { scanJson } from '$lib/rules/json-position';
import { problemMessage } from '$lib/rules/messages';
import {
	closestCode,
	PLAN_PROBLEM_CODES,
	validatePlan,
	validatePlanText,
	type PlanProblem,
	type PlanProblemCode
} from '$lib/rules/validate';
import schema from '../../static/schema/plan.schema.json';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FILE = 'rules/test-plan.json';

let conn: Connector;
let catalogue: Catalogue;

beforeAll(async () => {
	conn = await createWasmNodeConnector();
	// Only the tables the catalogue reads: values and the rest are not needed to validate plans.
	const files: DataFile[] = (['org_units', 'indicators', 'programmes', 'reports'] as const).map((table) => ({
		table,
		name: `data/${table}.csv`,
		format: 'csv',
		bytes: readFileSync(join(ROOT, 'data', `${table}.csv`))
	}));
	const reports = await loadDataset(conn, files);
	expect(reports.flatMap((r) => r.problems)).toEqual([]);
	catalogue = await readCatalogue(conn);
});
afterAll(async () => conn?.close());

type Json = Record<string, unknown>;
const EVENT = { type: 'target-met' };
const title = (en: string) => ({ vi: `Chỉ tiêu ${en}`, en });

/** A small valid plan for Cao Bằng (04) in 2024 using every fact, the three kinds of scope and `measure`. */
function basePlan(): { $schema?: string; plan: Json; rules: Json[] } {
	return {
		$schema: '/schema/plan.schema.json',
		plan: {
			id: 'cao-bang-2024-test',
			title: { vi: 'Kế hoạch thử', en: 'Test plan' },
			issuer: 'Ban Thường vụ Hội LHPN tỉnh Cao Bằng',
			orgUnit: '04',
			period: { start: '2024-01-01', end: '2024-12-31' },
			programmes: ['poverty-reduction', 'de-an-938'],
			atRiskRatio: 0.8,
			trajectory: { quarterWeights: [0.1, 0.2, 0.3, 0.4] }
		},
		rules: [
			{
				name: 'poverty',
				title: title('At least 161 households escape poverty'),
				source: '2.2',
				programme: 'poverty-reduction',
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
				event: EVENT
			},
			{
				name: 'each-commune-activity',
				title: title('Each commune keeps one activity'),
				source: '2.1',
				scope: { each: 'commune' },
				conditions: {
					all: [
						{
							fact: 'total',
							params: { indicator: 'regular_activity_types', period: '2024Q4' },
							operator: 'greaterThanInclusive',
							value: 1
						}
					]
				},
				event: EVENT
			},
			{
				name: 'members-quota',
				title: title('Each district meets its member quota'),
				source: '2.5',
				scope: { each: 'district' },
				conditions: {
					all: [
						{
							fact: 'change',
							params: { indicator: 'members' },
							operator: 'greaterThanInclusive',
							value: { fact: 'assigned', params: { indicator: 'members' } }
						}
					]
				},
				event: EVENT
			},
			{
				name: 'it-and-victims',
				title: title('Communes with IT activities; victims supported'),
				source: '2.10',
				programme: 'de-an-938',
				measure: 1,
				conditions: {
					all: [
						{
							fact: 'unitsMeeting',
							params: {
								level: 'commune',
								condition: {
									fact: 'total',
									params: { indicator: 'it_skills_activities' },
									operator: 'greaterThanInclusive',
									value: 1
								}
							},
							path: '$.share',
							operator: 'greaterThanInclusive',
							value: 1
						},
						{
							any: [
								{
									fact: 'ratio',
									params: { numerator: 'dv_victims_supported', denominator: 'dv_victims_detected' },
									operator: 'between',
									value: [0.8, 1]
								}
							]
						}
					]
				},
				event: EVENT
			},
			{
				name: 'festival',
				title: title('Family festival by 30 June'),
				source: '6.2',
				conditions: {
					not: {
						fact: 'submittedOn',
						params: { report: 'cb-family-festival' },
						operator: 'onOrAfter',
						value: '2024-07-01'
					}
				},
				event: EVENT
			},
			{
				name: 'city-works',
				title: title('The city does one new-rural work'),
				source: '4.1',
				scope: { units: ['040', '01267'] },
				conditions: {
					any: [
						{ fact: 'total', params: { indicator: 'new_rural_works' }, operator: 'greaterThan', value: 0 }
					]
				},
				event: EVENT
			}
		]
	};
}

type Plan = ReturnType<typeof basePlan>;
const text = (plan: unknown) => JSON.stringify(plan, null, 2);
/** A changed copy of the base plan, as the text a person would have written. */
function broken(change: (plan: Plan) => void): string {
	const plan = basePlan();
	change(plan);
	return text(plan);
}
const rule = (plan: Plan, i: number) => plan.rules[i] as Json & { conditions: Json };
/** The first leaf of a rule (`conditions.all[0]` / `.any[0]`). */
const leaf = (plan: Plan, i: number) => {
	const c = rule(plan, i).conditions;
	return ((c.all ?? c.any) as Json[])[0] as Json;
};

/** 1-based line and column of the `n`-th occurrence of `needle`, found independently of the validator. */
function at(source: string, needle: string, n = 0): { line: number; column: number } {
	let index = -1;
	for (let k = 0; k <= n; k += 1) index = source.indexOf(needle, index + 1);
	if (index < 0) throw new Error(`${needle} not in the text`);
	const before = source.slice(0, index).split('\n');
	return { line: before.length, column: (before[before.length - 1] as string).length + 1 };
}

/** Where the value of the `n`-th `"key": …` starts. */
function valueOf(source: string, key: string, n = 0): { line: number; column: number } {
	const found = at(source, `"${key}": `, n);
	return { line: found.line, column: found.column + key.length + 4 };
}

/** Where a rule's object opens: `{` on the line above its `"name"`, two columns left of it. */
function ruleStart(source: string, name: string): { line: number; column: number } {
	const key = at(source, `"name": "${name}"`);
	return { line: key.line - 1, column: key.column - 2 };
}

function only(source: string, cat: Catalogue | null = catalogue): PlanProblem {
	const problems = validatePlanText(FILE, source, cat);
	expect(problems.map((p) => [p.code, p.path, p.message])).toHaveLength(1);
	return problems[0] as PlanProblem;
}

function expectOnly(
	source: string,
	code: PlanProblemCode,
	path: string,
	place: { line: number; column: number },
	cat: Catalogue | null = catalogue
): PlanProblem {
	const problem = only(source, cat);
	expect({ code: problem.code, path: problem.path }).toEqual({ code, path });
	expect({ line: problem.line, column: problem.column }).toEqual(place);
	expect(problem.file).toBe(FILE);
	expect(problem.message).toBe(problemMessage(problem, 'en'));
	return problem;
}

describe('a valid plan', () => {
	it('has no problems, with or without a catalogue', () => {
		expect(validatePlanText(FILE, text(basePlan()), catalogue)).toEqual([]);
		expect(validatePlanText(FILE, text(basePlan()), null)).toEqual([]);
		expect(validatePlan(FILE, basePlan(), catalogue)).toEqual([]);
	});

	it('tolerates a byte-order mark and CRLF line ends', () => {
		expect(validatePlanText(FILE, `\uFEFF${text(basePlan()).replace(/\n/g, '\r\n')}`, catalogue)).toEqual([]);
	});
});

describe('malformed JSON', () => {
	it('points at a trailing comma itself', () => {
		const source = '{\n  "plan": {\n    "id": "x",\n  },\n  "rules": []\n}\n';
		const p = expectOnly(source, 'invalid-json', '$', { line: 3, column: 14 });
		expect(p.params.reason).toBe('trailing-comma');
		expect(p.message).toBe('invalid JSON: remove this comma: JSON allows no "," just before "}" or "]"');
	});

	it('points just after the last value when a closing brace is missing, naming the open one', () => {
		const source = '{\n  "plan": {\n    "id": "x"\n  },\n  "rules": [\n    {"name": "a"}\n  ]\n\n';
		const p = expectOnly(source, 'invalid-json', '$', { line: 7, column: 4 });
		expect(p.params).toMatchObject({ reason: 'unexpected-end', open: '{', openLine: 1, openColumn: 1 });
	});

	it('uses the engine position for a missing comma between members', () => {
		const source = '{\n  "plan": {"id": "x"}\n  "rules": []\n}';
		const p = expectOnly(source, 'invalid-json', '$', { line: 3, column: 3 });
		expect(p.params.reason).toBe('expected-comma-or-close');
	});

	it('finds errors the engine gives no position for (unquoted words, empty files)', () => {
		const word = expectOnly('{\n  "plan": tru\n}', 'invalid-json', '$', { line: 2, column: 11 });
		expect(word.params.reason).toBe('bad-literal');
		expect(expectOnly('  \n', 'invalid-json', '$', { line: 1, column: 1 }).params.reason).toBe('empty');
	});

	it('reports a key written twice at its second occurrence', () => {
		const source = broken(() => {}).replace('"source": "2.2",', '"source": "2.2",\n      "source": "2.3",');
		const p = expectOnly(source, 'duplicate-key', '$.rules[0].source', at(source, '"source": "2.3"'));
		expect(p.params).toEqual({ key: 'source', first: at(source, '"source": "2.2"').line });
	});
});

describe('schema problems, in plain words', () => {
	it('missing "plan"', () => {
		const source = broken((plan) => delete (plan as Partial<Plan>).plan);
		const p = expectOnly(source, 'missing-key', '$', { line: 1, column: 1 });
		expect(p.message).toBe('the file is missing "plan"');
	});

	it('missing "event"', () => {
		const source = broken((plan) => delete rule(plan, 1).event);
		const p = expectOnly(source, 'missing-key', '$.rules[1]', ruleStart(source, 'each-commune-activity'));
		expect(p.message).toBe('rule is missing "event"');
		expect(problemMessage(p, 'vi')).toBe('quy tắc thiếu khóa "event"');
	});

	it('unknown fact, with the list and a suggestion', () => {
		const source = broken((plan) => (leaf(plan, 0).fact = 'totl'));
		const p = expectOnly(source, 'unknown-fact', '$.rules[0].conditions.all[0].fact', at(source, '"totl"'));
		expect(p.message).toBe(
			'unknown fact "totl"; expected one of total, ratio, change, assigned, unitsMeeting, submittedOn; did you mean "total"?'
		);
	});

	it('unknown operator', () => {
		const source = broken((plan) => (leaf(plan, 0).operator = 'greaterThanInclusiv'));
		const p = expectOnly(
			source,
			'unknown-operator',
			'$.rules[0].conditions.all[0].operator',
			at(source, '"greaterThanInclusiv"')
		);
		expect(p.params.suggestion).toBe('greaterThanInclusive');
	});

	it('unknown level in a scope', () => {
		const source = broken((plan) => (rule(plan, 1).scope = { each: 'comune' }));
		const p = expectOnly(source, 'unknown-level', '$.rules[1].scope.each', at(source, '"comune"'));
		expect(p.params.suggestion).toBe('commune');
	});

	it('a string where an operator needs a number (decided: no quoted numbers)', () => {
		// json-rules-engine would compare "161" by JS coercion; a quoted number is almost always a slip.
		const source = broken((plan) => (leaf(plan, 0).value = '161'));
		const p = expectOnly(
			source,
			'wrong-value-type',
			'$.rules[0].conditions.all[0].value',
			at(source, '"161"')
		);
		expect(p.message).toBe(
			'operator "greaterThanInclusive" needs a number (or a fact reference) as its value, not the string "161"'
		);
		expect(problemMessage(p, 'vi')).toBe(
			'toán tử "greaterThanInclusive" cần giá trị là một số (hoặc một tham chiếu dữ kiện), không phải chuỗi "161"'
		);
	});

	it('a title that is not an object', () => {
		const source = broken((plan) => (plan.plan.title = 'Kế hoạch'));
		const p = expectOnly(source, 'wrong-type', '$.plan.title', at(source, '"Kế hoạch"'));
		expect(p.message).toBe('expected an object {…}, found a string');
	});

	it('a period start that is not a date', () => {
		const source = broken((plan) => (plan.plan.period = { start: '2024-1-1', end: '2024-12-31' }));
		expectOnly(source, 'bad-date', '$.plan.period.start', at(source, '"2024-1-1"'));
	});

	it('an unknown parameter name (a typo of a required one is one problem, not two)', () => {
		const source = broken((plan) => (leaf(plan, 0).params = { indicatr: 'households_out_of_poverty' }));
		const p = expectOnly(
			source,
			'unknown-param',
			'$.rules[0].conditions.all[0].params.indicatr',
			at(source, '"indicatr"')
		);
		expect(p.message).toBe(
			'unknown parameter "indicatr" for fact "total"; expected indicator, programme, period, own; did you mean "indicator"?'
		);
	});

	it('a missing required parameter', () => {
		const source = broken((plan) => {
			const ratio = ((rule(plan, 3).conditions.all as Json[])[1] as { any: Json[] }).any[0] as Json;
			ratio.params = { numerator: 'dv_victims_supported' };
		});
		const p = expectOnly(
			source,
			'missing-key',
			'$.rules[3].conditions.all[1].any[0].params',
			valueOf(source, 'params', source.slice(0, source.indexOf('"numerator"')).split('"params": ').length - 2)
		);
		expect(p.message).toBe('params is missing "denominator"');
	});

	it('a fact reference naming an unknown fact', () => {
		const source = broken(
			(plan) => (leaf(plan, 2).value = { fact: 'asigned', params: { indicator: 'members' } })
		);
		const p = expectOnly(
			source,
			'unknown-fact',
			'$.rules[2].conditions.all[0].value.fact',
			at(source, '"asigned"')
		);
		expect(p.params.suggestion).toBe('assigned');
	});

	it('an empty "all"', () => {
		const source = broken((plan) => (rule(plan, 0).conditions = { all: [] }));
		const p = expectOnly(source, 'empty-list', '$.rules[0].conditions.all', at(source, '[]'));
		expect(p.message).toBe('"all" is empty; it needs at least one item');
	});

	it('a leaf condition at the top (json-rules-engine needs all/any/not there)', () => {
		const source = broken((plan) => (rule(plan, 0).conditions = leaf(plan, 0)));
		const conditions = at(source, '"conditions": {');
		expectOnly(source, 'top-level-leaf', '$.rules[0].conditions', {
			line: conditions.line,
			column: conditions.column + '"conditions": '.length
		});
	});

	it('a condition with none of all/any/not/fact, with a suggestion', () => {
		const source = broken((plan) => (rule(plan, 0).conditions = { alll: [leaf(plan, 0)] }));
		const conditions = at(source, '"conditions": {');
		const p = expectOnly(source, 'bad-condition', '$.rules[0].conditions', {
			line: conditions.line,
			column: conditions.column + '"conditions": '.length
		});
		expect(p.params).toEqual({ keys: 'alll', suggestion: 'all' });
	});

	it('unitsMeeting with an invalid inner condition', () => {
		const source = broken((plan) => {
			const inner = (leaf(plan, 3).params as Json).condition as Json;
			delete inner.value;
		});
		const p = expectOnly(
			source,
			'missing-key',
			'$.rules[3].conditions.all[0].params.condition',
			(() => {
				const key = at(source, '"condition": {');
				return { line: key.line, column: key.column + '"condition": '.length };
			})()
		);
		expect(p.message).toBe('condition is missing "value"');
	});

	it('rules that are not an array', () => {
		const source = broken((plan) => ((plan as Json).rules = { name: 'x' }));
		const key = at(source, '"rules": {');
		const p = expectOnly(source, 'wrong-type', '$.rules', { line: key.line, column: key.column + 9 });
		expect(p.message).toBe('expected a list […], found an object {…}');
	});

	it('a scope with both "each" and "units"', () => {
		const source = broken((plan) => (rule(plan, 1).scope = { each: 'commune', units: ['040'] }));
		const key = at(source, '"scope": {');
		const p = expectOnly(source, 'bad-scope', '$.rules[1].scope', { line: key.line, column: key.column + 9 });
		expect(p.params.found).toBe('both');
	});

	it('a measure that is not a whole number, and an atRiskRatio above 1', () => {
		const source = broken((plan) => {
			rule(plan, 3).measure = 0.5;
			plan.plan.atRiskRatio = 1.5;
		});
		const problems = validatePlanText(FILE, source, catalogue);
		expect(problems.map((p) => [p.code, p.path, p.line])).toEqual([
			['out-of-range', '$.plan.atRiskRatio', at(source, '1.5').line],
			['wrong-type', '$.rules[3].measure', at(source, '0.5').line]
		]);
	});
});

describe('checks against the catalogue and across fields', () => {
	it('unknown indicator, with the closest code suggested', () => {
		const source = broken((plan) => ((leaf(plan, 0).params as Json).indicator = 'households_out_of_povety'));
		const p = expectOnly(
			source,
			'unknown-indicator',
			'$.rules[0].conditions.all[0].params.indicator',
			at(source, '"households_out_of_povety"')
		);
		expect(p.message).toBe(
			'unknown indicator "households_out_of_povety"; did you mean "households_out_of_poverty"?'
		);
		expect(problemMessage(p, 'vi')).toBe(
			'không có chỉ số mã "households_out_of_povety" trong dữ liệu; có phải ý bạn là "households_out_of_poverty"?'
		);
	});

	it('suggests an indicator from its name without diacritics', () => {
		expect(
			closestCode('hoi vien', catalogue.indicators.keys(), (c) => [catalogue.indicators.get(c)?.nameVi ?? ''])
		).toBe('members');
	});

	it('SQL-looking strings are only unknown codes (never run, never suggested)', () => {
		const sql = "x'; DROP TABLE values; --";
		const source = broken((plan) => ((leaf(plan, 0).params as Json).indicator = sql));
		const problems = validatePlanText(FILE, source, catalogue);
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatchObject({
			code: 'unknown-indicator',
			path: '$.rules[0].conditions.all[0].params.indicator',
			params: { code: sql },
			...at(source, JSON.stringify(sql))
		});
	});

	it('unknown programme, in a rule and in the plan', () => {
		const source = broken((plan) => {
			rule(plan, 0).programme = 'poverty-reductoin';
			plan.plan.programmes = ['poverty-reduction', 'de-an-938', 'nope'];
		});
		const problems = validatePlanText(FILE, source, catalogue);
		expect(problems.map((p) => [p.code, p.path, p.line, p.column, p.params.suggestion])).toEqual([
			['unknown-programme', '$.plan.programmes[2]', ...Object.values(at(source, '"nope"')), undefined],
			[
				'unknown-programme',
				'$.rules[0].programme',
				...Object.values(at(source, '"poverty-reductoin"')),
				'poverty-reduction'
			]
		]);
	});

	it('a rule programme that the plan does not list', () => {
		const source = broken((plan) => (rule(plan, 0).programme = 'new-rural'));
		expectOnly(source, 'programme-not-in-plan', '$.rules[0].programme', at(source, '"new-rural"'));
	});

	it('unknown report', () => {
		const source = broken(
			(plan) => (((rule(plan, 4).conditions.not as Json).params as Json).report = 'cb-family-festivl')
		);
		const p = expectOnly(
			source,
			'unknown-report',
			'$.rules[4].conditions.not.params.report',
			at(source, '"cb-family-festivl"')
		);
		expect(p.params.suggestion).toBe('cb-family-festival');
	});

	it('unknown org unit for the plan, suggested from a name', () => {
		const source = broken((plan) => (plan.plan.orgUnit = 'Cao Bằng'));
		const p = expectOnly(source, 'unknown-org-unit', '$.plan.orgUnit', at(source, '"Cao Bằng"'));
		expect(p.params).toMatchObject({ code: 'Cao Bằng', date: '2024-01-01', suggestion: '04' });
		expect(p.message).toBe('unknown org unit "Cao Bằng" on 2024-01-01; did you mean "04" (Tỉnh Cao Bằng)?');
	});

	it('an org unit code that exists only at another date (the 2025 reorganisation)', () => {
		const later = [...catalogue.orgUnits].find(([, v]) => v.every((u) => u.validFrom === '2025-07-01'));
		expect(later).toBeDefined();
		const code = (later as [string, unknown])[0];
		const source = broken((plan) => (rule(plan, 5).scope = { units: ['040', code] }));
		const p = expectOnly(source, 'unknown-org-unit', '$.rules[5].scope.units[1]', at(source, `"${code}"`));
		expect(p.params).toMatchObject({ validFrom: '2025-07-01', validTo: '' });
	});

	it('a scope unit outside the plan’s unit', () => {
		const source = broken((plan) => (rule(plan, 5).scope = { units: ['040', '001'] }));
		const p = expectOnly(source, 'unit-outside-plan', '$.rules[5].scope.units[1]', at(source, '"001"'));
		expect(p.message).toBe('org unit "001" is not under the plan\'s unit "04" (Tỉnh Cao Bằng)');
	});

	it('"each" at a level absent under the plan’s unit: districts after 2025, communes under a commune', () => {
		const hue = broken((plan) => {
			plan.plan.orgUnit = '46';
			plan.plan.period = { start: '2025-07-01', end: '2025-12-31' };
			plan.rules = [rule(plan, 2)];
		});
		const p = only(hue);
		expect(p).toMatchObject({
			code: 'level-not-under-unit',
			path: '$.rules[0].scope.each',
			...at(hue, '"district"')
		});
		expect(p.message).toBe('there are no units at level "district" under "46" (Thành phố Huế) on 2025-07-01');
		expect(problemMessage(p, 'vi')).toBe(
			'dưới "46" (Thành phố Huế) không có đơn vị cấp "district" (huyện/quận/thị xã) vào ngày 2025-07-01'
		);

		const commune = broken((plan) => {
			plan.plan.orgUnit = '01267';
			plan.rules = [rule(plan, 1)];
		});
		expectOnly(commune, 'level-not-under-unit', '$.rules[0].scope.each', at(commune, '"commune"'));
	});

	it('unitsMeeting at a level not below where the rule is judged', () => {
		const source = broken((plan) => {
			rule(plan, 3).scope = { each: 'commune' };
			rule(plan, 3).conditions = { all: [leaf(plan, 3)] };
			delete rule(plan, 3).measure;
		});
		const p = expectOnly(
			source,
			'level-not-below',
			'$.rules[3].conditions.all[0].params.level',
			at(source, '"commune"', 1)
		);
		expect(p.params).toEqual({ level: 'commune', evaluatedAt: 'commune' });
	});

	it('a duplicate rule name', () => {
		const source = broken((plan) => (rule(plan, 4).name = 'poverty'));
		const p = expectOnly(source, 'duplicate-rule-name', '$.rules[4].name', valueOf(source, 'name', 4));
		expect(p.message).toBe(
			'rule name "poverty" is already used by $.rules[0]; every rule needs its own name'
		);
	});

	it('a measure index out of range', () => {
		const source = broken((plan) => (rule(plan, 3).measure = 2));
		const p = expectOnly(source, 'measure-out-of-range', '$.rules[3].measure', valueOf(source, 'measure'));
		expect(p.params).toEqual({ measure: 2, count: 2 });
	});

	it('between with low > high', () => {
		const source = broken((plan) => {
			const ratio = ((rule(plan, 3).conditions.all as Json[])[1] as { any: Json[] }).any[0] as Json;
			ratio.value = [1, 0.8];
		});
		const between = source.indexOf('"between"');
		const p = expectOnly(
			source,
			'between-order',
			'$.rules[3].conditions.all[1].any[0].value',
			valueOf(source, 'value', source.slice(0, between).split('"value": ').length - 1)
		);
		expect(problemMessage(p, 'vi')).toBe('"between" cần [thấp, cao], nhưng 1 lớn hơn 0,8');
	});

	it('quarter weights that do not sum to 1', () => {
		const source = broken((plan) => (plan.plan.trajectory = { quarterWeights: [0.1, 0.2, 0.3, 0.3] }));
		const p = expectOnly(
			source,
			'trajectory-sum',
			'$.plan.trajectory.quarterWeights',
			valueOf(source, 'quarterWeights')
		);
		expect(p.params.sum).toBe(0.9);
		expect(problemMessage(p, 'vi')).toBe('tổng các trọng số quý phải bằng 1, nhưng bằng 0,9');
	});

	it('a period that ends before it starts, and a date that does not exist', () => {
		const source = broken((plan) => (plan.plan.period = { start: '2024-12-31', end: '2024-01-01' }));
		expectOnly(source, 'period-order', '$.plan.period.end', at(source, '"2024-01-01"'));
		const feb30 = broken((plan) => (plan.plan.period = { start: '2024-02-30', end: '2024-12-31' }));
		expectOnly(feb30, 'bad-date', '$.plan.period.start', at(feb30, '"2024-02-30"'));
	});

	it('"path" on a fact other than unitsMeeting, and unitsMeeting without one', () => {
		const source = broken((plan) => (leaf(plan, 0).path = '$.share'));
		expectOnly(source, 'path-not-allowed', '$.rules[0].conditions.all[0].path', at(source, '"$.share"'));
		const missing = broken((plan) => delete leaf(plan, 3).path);
		const p = only(missing);
		expect(p).toMatchObject({ code: 'missing-path', path: '$.rules[3].conditions.all[0]' });
		expect(p.line).toBe(at(missing, '"fact": "unitsMeeting"').line - 1);
		const wrong = broken((plan) => (leaf(plan, 3).path = '$.avg'));
		expectOnly(wrong, 'bad-path', '$.rules[3].conditions.all[0].path', at(wrong, '"$.avg"'));
	});

	it('a condition with both "any" and "fact" (json-rules-engine would ignore one)', () => {
		const source = broken((plan) => (leaf(plan, 0).any = [{ ...leaf(plan, 0) }]));
		const p = expectOnly(source, 'mixed-condition', '$.rules[0].conditions.all[0]', {
			line: at(source, '"fact": "total"').line - 1,
			column: at(source, '"fact": "total"').column - 2
		});
		expect(p.params.keys).toBe('any, fact');
	});

	it('an operator that cannot compare the fact’s value', () => {
		const source = broken((plan) => {
			const c = rule(plan, 4).conditions.not as Json;
			c.operator = 'greaterThan';
			c.value = 3;
		});
		const p = expectOnly(
			source,
			'operator-mismatch',
			'$.rules[4].conditions.not.operator',
			at(source, '"greaterThan"')
		);
		expect(p.params).toEqual({ operator: 'greaterThan', fact: 'submittedOn', gives: 'date' });
	});

	it('period codes that do not exist or lie outside the plan', () => {
		const bad = broken((plan) => ((leaf(plan, 1).params as Json).period = '2024-13'));
		expectOnly(bad, 'bad-period', '$.rules[1].conditions.all[0].params.period', at(bad, '"2024-13"'));
		const outside = broken((plan) => ((leaf(plan, 1).params as Json).period = '2023Q4'));
		expectOnly(
			outside,
			'period-outside-plan',
			'$.rules[1].conditions.all[0].params.period',
			at(outside, '"2023Q4"')
		);
	});

	it('skips catalogue checks without a catalogue, and keeps the rest', () => {
		const source = broken((plan) => {
			(leaf(plan, 0).params as Json).indicator = 'nope';
			rule(plan, 3).measure = 7;
		});
		expect(validatePlanText(FILE, source, null).map((p) => p.code)).toEqual(['measure-out-of-range']);
	});

	it('validatePlan reports the same problems without lines', () => {
		const plan = basePlan();
		leaf(plan, 0).fact = 'totl';
		expect(validatePlan(FILE, plan, catalogue)).toEqual([
			expect.objectContaining({
				code: 'unknown-fact',
				path: '$.rules[0].conditions.all[0].fact',
				line: null,
				column: null
			})
		]);
		expect(validatePlan(FILE, 42, null)).toEqual([
			expect.objectContaining({ code: 'wrong-type', path: '$' })
		]);
	});

	it('refuses absurd nesting without overflowing the stack', () => {
		const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
		expect(validatePlanText(FILE, deep, null).map((p) => p.code)).toEqual(['too-deep']);
	});
});

describe('the catalogue', () => {
	it('keeps every version of a code and resolves snapshots by date', () => {
		expect(catalogue.orgUnits.get('04')?.map((u) => u.validFrom)).toEqual([null, '2025-07-01']);
		expect(unitsAt(catalogue, '2024-01-01').get('040')?.parentCode).toBe('04');
		expect(unitsAt(catalogue, '2025-07-01').has('040')).toBe(false);
		expect([...levelsUnder(catalogue, '04', '2024-01-01')].sort()).toEqual(['commune', 'district']);
		expect([...levelsUnder(catalogue, '04', '2025-07-01')]).toEqual(['commune']);
		expect(catalogue.indicators.get('members')).toMatchObject({
			timeAggregation: 'last',
			unitAggregation: 'sum'
		});
		expect(catalogue.reports.has('startup-day')).toBe(true);
	});
});

describe('the seed plans in rules/', () => {
	const files = readdirSync(join(ROOT, 'rules')).filter((name) => name.endsWith('.json'));
	it.each(files)('%s has no problems against the catalogue of data/', (name) => {
		const problems = validatePlanText(
			`rules/${name}`,
			readFileSync(join(ROOT, 'rules', name), 'utf8'),
			catalogue
		);
		expect(problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.path}: ${p.message}`)).toEqual([]);
	});
});

describe('the schema and the messages', () => {
	it('lists the same facts, operators and levels as the model', () => {
		const defs = (schema as unknown as { definitions: Record<string, { enum: string[] }> }).definitions;
		expect(defs.factName?.enum).toEqual([...FACT_NAMES]);
		expect(defs.operatorName?.enum).toEqual([...ENGINE_OPERATORS, ...CUSTOM_OPERATORS]);
		expect(defs.level?.enum).toEqual([...LEVELS]);
	});

	it('has words in both languages for every code', () => {
		for (const code of PLAN_PROBLEM_CODES) {
			const problem = { code, params: {} };
			expect(problemMessage(problem, 'vi')).not.toBe(code);
			expect(problemMessage(problem, 'en')).not.toBe(code);
		}
	});
});

describe('robustness', () => {
	/** Replaces, removes or adds something at a random place of a JSON value. */
	type Mutation = { pick: number; action: 'replace' | 'delete' | 'add'; key: string; value: unknown };

	function apply(root: unknown, m: Mutation): unknown {
		const nodes: Array<{ parent: Json | unknown[]; key: string | number }> = [];
		const stack: unknown[] = [root];
		while (stack.length) {
			const node = stack.pop();
			const entries: Array<[string | number, unknown]> = Array.isArray(node)
				? node.map((child, i) => [i, child])
				: node && typeof node === 'object'
					? Object.entries(node)
					: [];
			for (const [key, child] of entries) {
				nodes.push({ parent: node as Json | unknown[], key });
				stack.push(child);
			}
		}
		const target = nodes[m.pick % nodes.length];
		if (!target) return root;
		const { parent, key } = target;
		// fc.constant hands out the same object every run: insert copies, or runs would share (and cycle) them.
		m = { ...m, value: structuredClone(m.value) };
		if (Array.isArray(parent)) {
			if (m.action === 'delete') parent.splice(key as number, 1);
			else if (m.action === 'add') parent.push(m.value);
			else parent[key as number] = m.value;
		} else if (m.action === 'delete') delete parent[key];
		else if (m.action === 'add') parent[m.key] = m.value;
		else parent[key] = m.value;
		return root;
	}

	const interesting = fc.oneof(
		fc.jsonValue({ maxDepth: 3 }),
		fc.constantFrom(...FACT_NAMES, ...LEVELS, 'between', 'onOrBefore', '$.share', '2024-02-30', '04', 'x'),
		fc.constant({
			fact: 'unitsMeeting',
			params: { level: 'commune', condition: {} },
			operator: 'equal',
			value: 1
		}),
		fc.constant({ all: [] }),
		fc.constant({ not: { not: {} } })
	);
	const mutation = fc.record({
		pick: fc.nat(),
		action: fc.constantFrom('replace' as const, 'delete' as const, 'add' as const),
		key: fc.constantFrom(
			'all',
			'any',
			'not',
			'fact',
			'path',
			'value',
			'params',
			'scope',
			'measure',
			'__proto__',
			'x'
		),
		value: interesting
	});

	it('never throws on mutated plans, and every problem is well formed', () => {
		fc.assert(
			fc.property(
				fc.array(mutation, { minLength: 1, maxLength: 4 }),
				fc.boolean(),
				(mutations, withCatalogue) => {
					const plan = mutations.reduce<unknown>((root, m) => apply(root, m), basePlan());
					const problems = validatePlanText(
						FILE,
						JSON.stringify(plan, null, 2),
						withCatalogue ? catalogue : null
					);
					for (const p of problems) {
						expect(PLAN_PROBLEM_CODES).toContain(p.code);
						expect(p.path.startsWith('$')).toBe(true);
						expect(p.line).toBeGreaterThan(0);
						expect(p.message.length).toBeGreaterThan(0);
						expect(problemMessage(p, 'vi').length).toBeGreaterThan(0);
					}
				}
			),
			{ numRuns: 400 }
		);
	});

	it('never throws on text edits, and the scanner agrees with JSON.parse on what is JSON', () => {
		const source = text(basePlan());
		fc.assert(
			fc.property(
				fc.nat({ max: source.length }),
				fc.nat({ max: 8 }),
				fc.constantFrom('', ',', '}', ']', '"', ':', '{', '[', '\n', 'x', '0', '\\'),
				(offset, cut, insert) => {
					const edited = source.slice(0, offset) + insert + source.slice(offset + cut);
					let parses = true;
					try {
						JSON.parse(edited);
					} catch {
						parses = false;
					}
					expect(scanJson(edited).error === null).toBe(parses);
					const problems = validatePlanText(FILE, edited, catalogue);
					if (!parses) expect(problems.map((p) => p.code)).toEqual(['invalid-json']);
				}
			),
			{ numRuns: 400 }
		);
	});
});
