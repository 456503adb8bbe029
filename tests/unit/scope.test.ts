/**
 * Where a rule is evaluated (design.md §4–§5, docs/rules.md §5): the plan's unit, `each` unit of a level, or the
 * named `units`, and how the plan-level result of `each`/`units` rules is judged. On the small dataset
 * (fixtures/small), on both engines, which must agree. Expected values are worked out by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '$lib/db/connector';
import type { PlanMeta, RuleResult } from '$lib/model/plan';
import { engines, evaluateRules, leaf, openSmall, planFile, rule } from './fixtures/small/dataset';

const HH = (value: number) => leaf('total', { indicator: 'households' }, 'greaterThanInclusive', value);
const SHARE_JUNE_30 = 182 / 366;

const perUnit = (r: RuleResult | undefined) =>
	Object.fromEntries((r?.units ?? []).map((u) => [u.orgUnit, [u.status, u.actual]]));

const seen: Record<string, Record<string, unknown>> = {};

describe.each(engines)('scopes on %s', (engineName, create) => {
	let conn: Connector;
	const record: Record<string, unknown> = {};
	seen[engineName] = record;
	beforeAll(async () => {
		conn = await openSmall(create);
	});
	afterAll(async () => conn.close());

	async function run(rules: Parameters<typeof planFile>[0], asOf: string, meta: Partial<PlanMeta> = {}) {
		const result = await evaluateRules(conn, planFile(rules, meta), asOf);
		record[`${JSON.stringify(meta)}|${asOf}|${rules.map((r) => r.name).join(',')}`] = result.evaluation;
		return result;
	}

	it('without a scope, a rule is judged at the plan’s unit only', async () => {
		const { byRule } = await run([rule('province', [HH(161)])], '2024-06-30');
		expect(byRule.province?.orgUnit).toBe('04');
		expect(byRule.province?.units).toBeUndefined();
		expect(byRule.province?.actual).toBe(125); // the whole province, descendants included
		expect(byRule.province?.conditions).toEqual([
			{
				fact: 'total',
				params: { indicator: 'households' },
				path: null,
				operator: 'greaterThanInclusive',
				factValue: 125,
				value: 161,
				result: false
			}
		]);
	});

	describe('each district', () => {
		it('all achieved → achieved', async () => {
			const { byRule } = await run([rule('d20', [HH(20)], { scope: { each: 'district' } })], '2024-12-31');
			// Whole year: 040 = 71 + 55 = 126 ≥ 20; 041 = 25 + 10 = 35 ≥ 20
			expect(perUnit(byRule.d20)).toEqual({ '040': ['achieved', 126], '041': ['achieved', 35] });
			expect(byRule.d20).toMatchObject({
				orgUnit: '04',
				status: 'achieved',
				actual: 1,
				target: 1,
				conditions: []
			});
		});

		it('mid-year: each unit paced on its own, the plan judged as a share of units achieved', async () => {
			const { byRule } = await run([rule('d50', [HH(50)], { scope: { each: 'district' } })], '2024-06-30');
			// 040: 105 ≥ 50 → achieved. 041: 20; expected 50 × 182/366 ≈ 24.86, 0.8 × that ≈ 19.89 ≤ 20 → at-risk
			expect(perUnit(byRule.d50)).toEqual({ '040': ['achieved', 105], '041': ['at-risk', 20] });
			expect(byRule.d50?.units?.[1]?.expected).toBeCloseTo(50 * SHARE_JUNE_30, 9);
			// 1 of 2 achieved: 0.5 < 0.9 → off-track
			expect(byRule.d50).toMatchObject({ status: 'off-track', actual: 0.5, target: 1, expected: 1 });
		});

		it('period ended with one failing → missed', async () => {
			const { byRule } = await run([rule('d50', [HH(50)], { scope: { each: 'district' } })], '2024-12-31');
			// 041: 35 < 50 at the end of the year
			expect(perUnit(byRule.d50)).toEqual({ '040': ['achieved', 126], '041': ['missed', 35] });
			expect(byRule.d50?.status).toBe('missed');
		});

		it('each district against its own assigned quota', async () => {
			const quota = { fact: 'assigned', params: { indicator: 'members' } };
			const rules = [
				rule('quota', [leaf('change', { indicator: 'members' }, 'greaterThanInclusive', quota)], {
					scope: { each: 'district' }
				})
			];
			const { byRule } = await run(rules, '2024-06-30');
			// 040: change 45 ≥ quota 40 → achieved. 041: 25 < 30, expected 30 × 182/366 ≈ 14.92 ≤ 25 → on-track
			expect(byRule.quota?.units?.map((u) => [u.orgUnit, u.status, u.actual, u.target])).toEqual([
				['040', 'achieved', 45, 40],
				['041', 'on-track', 25, 30]
			]);
			expect(byRule.quota?.status).toBe('on-track'); // 1/2 achieved, the other on track: all on course
		});
	});

	describe('each commune', () => {
		it('mid-year 4/5 with a commune without data', async () => {
			const { byRule } = await run([rule('c5', [HH(5)], { scope: { each: 'commune' } })], '2024-06-30');
			expect(perUnit(byRule.c5)).toEqual({
				'04001': ['achieved', 60],
				'04002': ['achieved', 45],
				'04003': ['no-data', null], // no data: does not meet the condition
				'04101': ['achieved', 15],
				'04102': ['achieved', 5] // 5 ≥ 5: exactly on target
			});
			// 4/5 = 0.8 < 0.9 → off-track
			expect(byRule.c5).toMatchObject({ status: 'off-track', actual: 0.8 });
		});

		it('period ended with one commune without data → missed', async () => {
			const { byRule } = await run([rule('c5', [HH(5)], { scope: { each: 'commune' } })], '2024-12-31');
			expect(byRule.c5?.units?.map((u) => u.status)).toEqual([
				'achieved',
				'achieved',
				'no-data',
				'achieved',
				'achieved'
			]);
			expect(byRule.c5?.status).toBe('missed');
		});
	});

	describe('named units', () => {
		it('judges each listed unit, in the order listed', async () => {
			const { byRule } = await run(
				[rule('named', [HH(15)], { scope: { units: ['04101', '04001'] } })],
				'2024-06-30'
			);
			// 04101: 15 ≥ 15 (on target); 04001: 60 ≥ 15 → all achieved
			expect(byRule.named?.units?.map((u) => [u.orgUnit, u.status, u.actual])).toEqual([
				['04101', 'achieved', 15],
				['04001', 'achieved', 60]
			]);
			expect(byRule.named?.status).toBe('achieved');
		});

		it('a listed unit outside the plan’s tree has no data', async () => {
			const { byRule } = await run(
				[rule('outside', [HH(15)], { scope: { units: ['04001', 'VN'] } })],
				'2024-06-30'
			);
			expect(perUnit(byRule.outside)).toEqual({ '04001': ['achieved', 60], VN: ['no-data', null] });
			expect(byRule.outside?.status).toBe('off-track'); // 1/2
		});
	});

	describe('unitsMeeting, by contrast, gives one result at the plan’s unit', () => {
		it('count and share of communes', async () => {
			const meeting = (path: string, operator: 'greaterThanInclusive', value: number) =>
				leaf('unitsMeeting', { level: 'commune', condition: HH(10) }, operator, value, path);
			const rules = [
				rule('share-100', [meeting('$.share', 'greaterThanInclusive', 1)]),
				rule('count-3', [meeting('$.count', 'greaterThanInclusive', 3)])
			];
			const { byRule } = await run(rules, '2024-06-30');
			// Households ≥ 10 by 30/06: 04001 ✓, 04002 ✓, 04003 (no data) ✗, 04101 ✓, 04102 (5) ✗ → 3 of 5
			expect(byRule['share-100']).toMatchObject({
				orgUnit: '04',
				status: 'off-track',
				actual: 0.6,
				target: 1
			});
			expect(byRule['share-100']?.units).toBeUndefined();
			expect(byRule['count-3']).toMatchObject({ status: 'achieved', actual: 3, target: 3 });
		});
	});

	describe('the plan’s unit', () => {
		it('a plan whose orgUnit does not exist: every rule has no data and says why', async () => {
			const rules = [rule('a', [HH(1)]), rule('b', [HH(1)], { scope: { each: 'commune' } })];
			const { evaluation } = await run(rules, '2024-06-30', { orgUnit: '99' });
			expect(evaluation.results.map((r) => [r.rule, r.orgUnit, r.status, r.actual, r.target])).toEqual([
				['a', '99', 'no-data', null, null],
				['b', '99', 'no-data', null, null]
			]);
			expect(evaluation.results[0]?.explanation).toEqual({
				vi: 'Không có đơn vị 99 vào ngày 2024-01-01',
				en: 'No unit 99 exists on 2024-01-01'
			});
		});

		it('a unit that no longer exists on the plan’s start date', async () => {
			const meta = { orgUnit: '040', period: { start: '2026-01-01', end: '2026-12-31' } };
			const { evaluation } = await run([rule('a', [HH(1)])], '2026-06-30', meta);
			expect(evaluation.results[0]?.status).toBe('no-data'); // districts were abolished in 2025
		});

		it('after the 2025 reorganisation the same code is the new unit, with its new sub-units', async () => {
			const meta = { period: { start: '2026-01-01', end: '2026-12-31' } };
			const members = leaf('total', { indicator: 'members' }, 'greaterThanInclusive', 100);
			const rules = [
				rule('communes', [members], { scope: { each: 'commune' } }),
				rule('districts', [members], { scope: { each: 'district' } })
			];
			const { byRule } = await run(rules, '2026-06-30', meta);
			// The new province 04 has communes 04001 (150 in 2026-03) and 04101 (120), and no districts
			expect(perUnit(byRule.communes)).toEqual({ '04001': ['achieved', 150], '04101': ['achieved', 120] });
			expect(byRule.districts?.units).toEqual([]);
			expect(byRule.districts?.status).toBe('no-data');
		});
	});
});

describe('both engines', () => {
	it('give identical results', () => {
		const [wasm, native] = engines.map(([name]) => seen[name] ?? {});
		expect(Object.keys(wasm ?? {}).length).toBeGreaterThan(10);
		expect(native).toEqual(wasm);
	});
});
