/**
 * The unit drill-down (src/lib/drilldown/drill-plan.ts): a plan re-rooted at a unit with child copies of its
 * plan-wide rules, which rules are judged below the plan's unit, the rows and cells built from an evaluation, and a
 * child's attainment. Pure functions on hand-built plans and results, then one evaluation of the small fixture
 * plan (fixtures/small) on DuckDB-WASM. Every expectation is worked out by hand.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '$lib/db/connector';
import { createWasmNodeConnector } from '$lib/db/wasm-node';
import {
	attainment,
	CHILD_SUFFIX,
	drillPlan,
	drillRows,
	judgedBelowRoot,
	type DrillContext,
	type DrillRow
} from '$lib/drilldown/drill-plan';
import type { Level } from '$lib/model/data';
import type { PlanFile, PlanRule, RuleResult, Status } from '$lib/model/plan';
import { evaluatePlan } from '$lib/rules/evaluate';
import { leaf, openSmall, planFile, rule, SMALL_DIR } from './fixtures/small/dataset';

// The small fixture's units before the 2025 reorganisation: 04 → 040 (04001, 04002, 04003), 041 (04101, 04102).
const PARENT: Record<string, string> = {
	'040': '04',
	'041': '04',
	'04001': '040',
	'04002': '040',
	'04003': '040',
	'04101': '041',
	'04102': '041'
};
const LEVEL: Record<string, Level> = {
	'04': 'province',
	'040': 'district',
	'041': 'district',
	'04001': 'commune',
	'04002': 'commune',
	'04003': 'commune',
	'04101': 'commune',
	'04102': 'commune'
};

/** The drill context of a unit of the small fixture, as unit-page.ts builds it from the unit directory. */
function contextOf(unit: string, asOf = '2024-06-30') {
	const children = Object.keys(PARENT).filter((code) => PARENT[code] === unit);
	const childOf = (descendant: string): string | null => {
		let current: string | undefined = descendant;
		while (current !== undefined && PARENT[current] !== unit) current = PARENT[current];
		return current ?? null;
	};
	const level = LEVEL[unit] as Level;
	const childLevel = children[0] ? (LEVEL[children[0]] as Level) : null;
	const ctx: DrillContext = {
		unit,
		level,
		childLevel,
		isUnder: (code) => code === unit || childOf(code) !== null
	};
	return { ...ctx, isRoot: unit === '04', children, childOf, asOf };
}

const HH = (value: number) => leaf('total', { indicator: 'households' }, 'greaterThanInclusive', value);
const VICTIMS = leaf(
	'ratio',
	{ numerator: 'dv_supported', denominator: 'dv_detected' },
	'greaterThanInclusive',
	0.8
);
const meeting = (level: Level, path = '$.share') =>
	leaf('unitsMeeting', { level, condition: HH(10) }, 'greaterThanInclusive', 1, path);

const planWide = rule('plan-wide', [HH(161)]);
const victims = rule('victims', [VICTIMS]);
const eachProvince = rule('each-province', [HH(100)], { scope: { each: 'province' } });
const eachDistrict = rule('each-district', [HH(50)], { scope: { each: 'district' } });
const eachCommune = rule('each-commune', [HH(10)], { scope: { each: 'commune' } });
const communes = rule('communes', [meeting('commune')]);
const districts = rule('districts', [meeting('district')]);
/** unitsMeeting district inside `any` → `not`: still found. */
const nestedDistricts = rule('nested-districts', { any: [HH(1), { not: meeting('district') }] });
const reports = rule(
	'reports',
	[leaf('submittedOn', { report: 'periodic-report', period: '2024S1' }, 'onOrBefore', '2024-07-15')],
	{ scope: { units: ['040', '041', '04001'] } }
);

const childCopy = (r: PlanRule, each: Level): PlanRule => ({
	...r,
	name: `${r.name}${CHILD_SUFFIX}`,
	scope: { each }
});
const unscoped = (r: PlanRule): PlanRule => {
	const copy = { ...r };
	delete copy.scope;
	return copy;
};

describe('drillPlan', () => {
	const plan = planFile([
		planWide,
		victims,
		eachProvince,
		eachDistrict,
		eachCommune,
		communes,
		districts,
		nestedDistricts,
		reports
	]);

	it('at the plan’s own unit: every rule kept, child copies of the plan-wide rules applicable at districts', () => {
		const drilled = drillPlan(plan, contextOf('04'));
		expect(drilled.plan).toEqual(plan.plan);
		expect(drilled.rules).toEqual([
			planWide,
			childCopy(planWide, 'district'),
			victims,
			childCopy(victims, 'district'),
			unscoped(eachProvince), // "each province" seen from the province is its own target
			eachDistrict,
			eachCommune,
			communes,
			childCopy(communes, 'district'), // communes lie below each district
			districts, // no copy: a district has no districts below it
			nestedDistricts, // the same, with the unitsMeeting nested in any/not
			reports
		]);
	});

	it('at a district: re-rooted, rules above it dropped, its own "each district" target unscoped', () => {
		const drilled = drillPlan(plan, contextOf('040'));
		expect(drilled.plan).toEqual({ ...plan.plan, orgUnit: '040' });
		expect(drilled.rules).toEqual([
			planWide,
			childCopy(planWide, 'commune'),
			victims,
			childCopy(victims, 'commune'),
			// each-province: a level above → dropped
			unscoped(eachDistrict),
			eachCommune,
			communes, // no copy: a commune has no communes below it
			// districts, nested-districts: unitsMeeting at the unit's own level → dropped
			{ ...reports, scope: { units: ['040', '04001'] } }
		]);
	});

	it('at the other district: only its own code is left in the units scope', () => {
		const drilled = drillPlan(plan, contextOf('041'));
		expect(drilled.plan.orgUnit).toBe('041');
		expect(drilled.rules.find((r) => r.name === 'reports')?.scope).toEqual({ units: ['041'] });
	});

	it('at a commune: no child copies, a units rule naming none of it dropped', () => {
		expect(drillPlan(plan, contextOf('04001')).rules).toEqual([
			planWide,
			victims,
			unscoped(eachCommune),
			{ ...reports, scope: { units: ['04001'] } }
		]);
		expect(drillPlan(plan, contextOf('04102'))).toEqual({
			plan: { ...plan.plan, orgUnit: '04102' },
			rules: [planWide, victims, unscoped(eachCommune)]
		});
	});

	it('does not mutate the plan it is given', () => {
		const before = structuredClone(plan);
		for (const unit of ['04', '040', '041', '04001', '04102']) {
			const drilled = drillPlan(plan, contextOf(unit));
			expect(drilled).not.toBe(plan);
			expect(drilled.plan).not.toBe(plan.plan);
		}
		expect(plan).toEqual(before);
		expect(plan.plan.orgUnit).toBe('04');
		expect(eachDistrict.scope).toEqual({ each: 'district' });
		expect(reports.scope).toEqual({ units: ['040', '041', '04001'] });
	});
});

describe('judgedBelowRoot', () => {
	it('judges ratios, shares and assigned quotas at sub-units', () => {
		expect(judgedBelowRoot(victims)).toBe(true);
		expect(judgedBelowRoot(communes)).toBe(true);
		const quota = rule('quota', [
			leaf('change', { indicator: 'members' }, 'greaterThanInclusive', {
				fact: 'assigned',
				params: { indicator: 'members' }
			})
		]);
		expect(judgedBelowRoot(quota)).toBe(true);
	});

	it('does not judge absolute totals at sub-units', () => {
		expect(judgedBelowRoot(planWide)).toBe(false);
		expect(judgedBelowRoot(rule('between', [leaf('total', { indicator: 'x' }, 'between', [3, 5])]))).toBe(
			false
		);
		expect(
			judgedBelowRoot(rule('growth', [leaf('change', { indicator: 'members' }, 'greaterThan', 1300)]))
		).toBe(false);
		// unitsMeeting's count is a number of units, not a share
		expect(judgedBelowRoot(rule('count', [meeting('commune', '$.count')]))).toBe(false);
	});

	it('looks at the measured leaf', () => {
		expect(judgedBelowRoot(rule('m0', [HH(10), VICTIMS]))).toBe(false);
		expect(judgedBelowRoot(rule('m1', [HH(10), VICTIMS], { measure: 1 }))).toBe(true);
	});

	// Bug: validate.ts accepts "$['share']" as a unitsMeeting path (UNITS_MEETING_PATHS) and resolvePath reads it
	// as the share, but judgedBelowRoot compares the path with '$.share' only, so such a rule is shown as a
	// contribution at sub-units. Expected to fail until drill-plan.ts normalises the path.
	it("judges a share written as $['share'] like $.share", () => {
		expect(judgedBelowRoot(rule('bracket', [meeting('commune', "$['share']")]))).toBe(true);
	});
});

/** A hand-built result: only what drillRows reads matters. */
function res(
	name: string,
	orgUnit: string,
	status: Status,
	actual: RuleResult['actual'],
	extra: Partial<RuleResult> = {}
): RuleResult {
	return {
		plan: 'small-2024',
		rule: name,
		orgUnit,
		status,
		actual,
		target: null,
		expected: null,
		conditions: [],
		explanation: { vi: '', en: '' },
		...extra
	};
}

/** Per-unit results of an each/units rule. */
const perUnit = (name: string, target: RuleResult['target'], units: Array<[string, Status, number | null]>) =>
	units.map(([unit, status, actual]) => res(name, unit, status, actual, { target }));

const cellsOf = (row: DrillRow | undefined) => Object.fromEntries(row?.children ?? []);

describe('drillRows and attainment at the province (the plan’s unit)', () => {
	const plan = planFile([planWide, victims, eachDistrict, eachCommune, communes, districts, eachProvince]);
	const ctx = contextOf('04');
	// What evaluatePlan(drillPlan(plan, ctx)) could give on 30 June 2024; each-province has no result.
	const results: RuleResult[] = [
		res('plan-wide', '04', 'on-track', 125, { target: 161 }),
		res(`plan-wide${CHILD_SUFFIX}`, '04', 'off-track', 0, {
			units: perUnit(`plan-wide${CHILD_SUFFIX}`, 161, [
				['040', 'on-track', 105],
				['041', 'off-track', 20]
			])
		}),
		res('victims', '04', 'at-risk', 0.75, { target: 0.8 }),
		res(`victims${CHILD_SUFFIX}`, '04', 'off-track', 0.5, {
			units: perUnit(`victims${CHILD_SUFFIX}`, 0.8, [
				['040', 'achieved', 0.9],
				['041', 'no-data', null]
			])
		}),
		res('each-district', '04', 'off-track', 0.5, {
			units: perUnit('each-district', 50, [
				['040', 'achieved', 105],
				['041', 'off-track', 20]
			])
		}),
		res('each-commune', '04', 'off-track', 0.4, {
			units: perUnit('each-commune', 10, [
				['04001', 'achieved', 60],
				['04002', 'achieved', 45],
				['04003', 'off-track', null],
				['04101', 'on-track', 5],
				['04102', 'on-track', 5]
			])
		}),
		res('communes', '04', 'off-track', 0.6, { target: 1 }),
		res(`communes${CHILD_SUFFIX}`, '04', 'off-track', 0.5, {
			units: perUnit(`communes${CHILD_SUFFIX}`, 1, [
				['040', 'achieved', 1],
				['041', 'at-risk', 0.95]
			])
		}),
		res('districts', '04', 'off-track', 0.5, { target: 1 })
	];
	const rows = drillRows(plan, results, ctx);
	const row = (name: string) => rows.find((r) => r.rule.name === name);

	it('has one row per original rule with a result, in plan order, judged at the plan’s unit', () => {
		expect(rows.map((r) => [r.rule.name, r.result.rule, r.judged])).toEqual([
			['plan-wide', 'plan-wide', true],
			['victims', 'victims', true],
			['each-district', 'each-district', true],
			['each-commune', 'each-commune', true],
			['communes', 'communes', true],
			['districts', 'districts', true]
		]);
		expect(row('plan-wide')?.rule).toBe(planWide);
		expect(row('plan-wide')?.result.actual).toBe(125);
	});

	it('gives contributions for a plan-wide absolute total, statuses for a ratio and a share', () => {
		expect(cellsOf(row('plan-wide'))).toEqual({
			'040': { kind: 'contribution', actual: 105 },
			'041': { kind: 'contribution', actual: 20 }
		});
		expect(cellsOf(row('victims'))).toEqual({
			'040': { kind: 'status', status: 'achieved', actual: 0.9, target: 0.8 },
			'041': { kind: 'status', status: 'no-data', actual: null, target: 0.8 }
		});
		expect(cellsOf(row('communes'))).toEqual({
			'040': { kind: 'status', status: 'achieved', actual: 1, target: 1 },
			'041': { kind: 'status', status: 'at-risk', actual: 0.95, target: 1 }
		});
		expect(cellsOf(row('districts'))).toEqual({}); // no copy, no units
	});

	it('gives a child’s own status for an each rule at the child level', () => {
		expect(cellsOf(row('each-district'))).toEqual({
			'040': { kind: 'status', status: 'achieved', actual: 105, target: 50 },
			'041': { kind: 'status', status: 'off-track', actual: 20, target: 50 }
		});
	});

	it('judges an each rule at a deeper level per child as judgeEach does', () => {
		// 040: 2 of 3 communes achieved, the third off track → on course 2/3 < 90% mid-year → off-track, actual 2/3.
		// 041: both communes on track, none achieved → on-track, actual 0/2.
		expect(cellsOf(row('each-commune'))).toEqual({
			'040': { kind: 'status', status: 'off-track', actual: 2 / 3, target: 1 },
			'041': { kind: 'status', status: 'on-track', actual: 0, target: 1 }
		});
	});

	it('gives attainment as the share of judged cells achieved or on track', () => {
		// 040: victims achieved, each-district achieved, each-commune off-track, communes achieved → 3/4
		// (the plan-wide contribution is not judged).
		expect(attainment(rows, '040')).toBe(0.75);
		// 041: victims no-data (left out), each-district off-track, each-commune on-track, communes at-risk → 1/3.
		expect(attainment(rows, '041')).toBe(1 / 3);
		expect(attainment(rows, '042')).toBeNull();
		expect(attainment([], '040')).toBeNull();
	});

	it('at the end of the year, a child with a commune not achieved has missed', () => {
		const endRows = drillRows(
			plan,
			[
				res('each-commune', '04', 'missed', 0.6, {
					units: perUnit('each-commune', 10, [
						['04001', 'achieved', 71],
						['04002', 'achieved', 55],
						['04003', 'achieved', 10],
						['04101', 'achieved', 25],
						['04102', 'missed', 10]
					])
				})
			],
			{ ...ctx, asOf: '2024-12-31' }
		);
		expect(cellsOf(endRows[0])).toEqual({
			'040': { kind: 'status', status: 'achieved', actual: 1, target: 1 },
			'041': { kind: 'status', status: 'missed', actual: 0.5, target: 1 }
		});
		expect(attainment(endRows, '040')).toBe(1);
		expect(attainment(endRows, '041')).toBe(0);
	});
});

describe('drillRows and attainment at a district', () => {
	const plan = planFile([planWide, victims, eachDistrict, eachCommune, reports, districts]);
	const ctx = contextOf('040');
	const results: RuleResult[] = [
		res('plan-wide', '040', 'on-track', 105, { target: 161 }),
		res(`plan-wide${CHILD_SUFFIX}`, '040', 'off-track', 0, {
			units: perUnit(`plan-wide${CHILD_SUFFIX}`, 161, [
				['04001', 'off-track', 60],
				['04002', 'off-track', 45],
				['04003', 'no-data', null]
			])
		}),
		res('victims', '040', 'at-risk', 11 / 15, { target: 0.8 }),
		res(`victims${CHILD_SUFFIX}`, '040', 'off-track', 1 / 3, {
			units: perUnit(`victims${CHILD_SUFFIX}`, 0.8, [
				['04001', 'off-track', 0.7],
				['04002', 'achieved', 0.8],
				['04003', 'no-data', null]
			])
		}),
		// each-district was drilled into the district's own target: one result, no units.
		res('each-district', '040', 'achieved', 105, { target: 50 }),
		res('each-commune', '040', 'off-track', 2 / 3, {
			units: perUnit('each-commune', 10, [
				['04001', 'achieved', 60],
				['04002', 'achieved', 45],
				['04003', 'on-track', 8]
			])
		}),
		// reports drilled to units ['040', '04001'].
		res('reports', '040', 'on-track', 0, {
			units: [
				res('reports', '040', 'on-track', null, { target: '2024-07-15' }),
				res('reports', '04001', 'missed', null, { target: '2024-07-15' })
			]
		})
	];
	const rows = drillRows(plan, results, ctx);
	const row = (name: string) => rows.find((r) => r.rule.name === name);

	it('judges at the district only what means something there', () => {
		expect(rows.map((r) => [r.rule.name, r.judged])).toEqual([
			['plan-wide', false], // an absolute province-wide count
			['victims', true],
			['each-district', true], // the district's own target
			['each-commune', true],
			['reports', true]
			// districts: dropped by drillPlan, no result, no row
		]);
	});

	it('gives the communes’ cells', () => {
		expect(cellsOf(row('plan-wide'))).toEqual({
			'04001': { kind: 'contribution', actual: 60 },
			'04002': { kind: 'contribution', actual: 45 },
			'04003': { kind: 'contribution', actual: null }
		});
		expect(cellsOf(row('victims'))).toEqual({
			'04001': { kind: 'status', status: 'off-track', actual: 0.7, target: 0.8 },
			'04002': { kind: 'status', status: 'achieved', actual: 0.8, target: 0.8 },
			'04003': { kind: 'status', status: 'no-data', actual: null, target: 0.8 }
		});
		expect(cellsOf(row('each-district'))).toEqual({});
		expect(cellsOf(row('each-commune'))).toEqual({
			'04001': { kind: 'status', status: 'achieved', actual: 60, target: 10 },
			'04002': { kind: 'status', status: 'achieved', actual: 45, target: 10 },
			'04003': { kind: 'status', status: 'on-track', actual: 8, target: 10 }
		});
		// The district's own unit in a units rule is not a child.
		expect(cellsOf(row('reports'))).toEqual({
			'04001': { kind: 'status', status: 'missed', actual: null, target: '2024-07-15' }
		});
	});

	it('gives the communes’ attainment', () => {
		// 04001: victims off-track, each-commune achieved, reports missed → 1/3
		expect(attainment(rows, '04001')).toBe(1 / 3);
		// 04002: victims achieved, each-commune achieved → 1
		expect(attainment(rows, '04002')).toBe(1);
		// 04003: victims no-data (left out), each-commune on-track → 1/1
		expect(attainment(rows, '04003')).toBe(1);
	});

	it('gives no attainment to a child with only contributions or no data', () => {
		const only = drillRows(planFile([planWide, victims]), results, ctx);
		expect(attainment(only, '04003')).toBeNull();
		expect(attainment(drillRows(planFile([planWide]), results, ctx), '04001')).toBeNull();
	});
});

describe('drill-down of the small fixture plan to district 040 on duckdb-wasm', () => {
	let conn: Connector;
	beforeAll(async () => {
		conn = await openSmall(createWasmNodeConnector);
	});
	afterAll(async () => conn.close());

	it('evaluates the district and its communes in one evaluation', async () => {
		const plan = JSON.parse(readFileSync(path.join(SMALL_DIR, 'small-2024.json'), 'utf8')) as PlanFile;
		const ctx = contextOf('040');
		const drilled = drillPlan(plan, ctx);
		const evaluation = await evaluatePlan(conn, drilled, '2024-06-30');
		expect(evaluation.asOf).toBe('2024-06-30');
		const rows = drillRows(plan, evaluation.results, { ...ctx, asOf: evaluation.asOf });
		const row = (name: string) => rows.find((r) => r.rule.name === name);

		// sm2024-5-communes (unitsMeeting commune) has no commune copy; sm2024-6-report keeps 040 only.
		expect(drilled.rules.map((r) => r.name)).toEqual([
			'sm2024-1-poverty',
			`sm2024-1-poverty${CHILD_SUFFIX}`,
			'sm2024-2-poverty-district',
			'sm2024-3-victims',
			`sm2024-3-victims${CHILD_SUFFIX}`,
			'sm2024-4-members-quota',
			'sm2024-5-communes',
			'sm2024-6-report',
			'sm2024-7-election',
			`sm2024-7-election${CHILD_SUFFIX}`
		]);
		expect(rows).toHaveLength(7);

		// Households Jan–Jun 2024: 04001 months 2024-01..06 = 6 × 10 = 60; 04002 Q1 + Q2 = 20 + 25 = 45.
		// District 040 = 105, a contribution to the province's 161, not judged at the district.
		const poverty = row('sm2024-1-poverty');
		expect(poverty?.result).toMatchObject({ orgUnit: '040', actual: 105 });
		expect(poverty?.judged).toBe(false);
		expect(poverty?.children.get('04001')).toEqual({ kind: 'contribution', actual: 60 });
		expect(poverty?.children.get('04002')).toEqual({ kind: 'contribution', actual: 45 });

		// "Each district ≥ 50 households" is 040's own target: 105 ≥ 50 → achieved.
		const own = row('sm2024-2-poverty-district');
		expect(own?.result).toMatchObject({ orgUnit: '040', status: 'achieved', actual: 105, target: 50 });
		expect(own?.result.units).toBeUndefined();
		expect(own?.judged).toBe(true);

		// Victims supported / detected: 04001 7/10 = 0.7 < 0.8 and below 0.72 (10% off) → off-track;
		// 04002 4/5 = 0.8 → achieved; 04003 has no data. District 040: 11/15 ≈ 0.733 ≥ 0.72 → at-risk.
		const victimsRow = row('sm2024-3-victims');
		expect(victimsRow?.judged).toBe(true);
		expect(victimsRow?.result.status).toBe('at-risk');
		expect(victimsRow?.result.actual).toBeCloseTo(11 / 15, 9);
		expect(victimsRow?.children.get('04001')).toEqual({
			kind: 'status',
			status: 'off-track',
			actual: 0.7,
			target: 0.8
		});
		expect(victimsRow?.children.get('04002')).toEqual({
			kind: 'status',
			status: 'achieved',
			actual: 0.8,
			target: 0.8
		});
		expect(victimsRow?.children.get('04003')).toMatchObject({ kind: 'status', status: 'no-data' });

		// Election points Jan–Jun: 04001 2 (March); 04002's 2 are in August → 2 at 040, a contribution.
		expect(row('sm2024-7-election')?.children.get('04001')).toEqual({ kind: 'contribution', actual: 2 });

		// 04001: victims off-track only → 0; 04002: victims achieved → 1; 04003: nothing judged → null.
		expect(attainment(rows, '04001')).toBe(0);
		expect(attainment(rows, '04002')).toBe(1);
		expect(attainment(rows, '04003')).toBeNull();
	});
});
