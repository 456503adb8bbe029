/**
 * Statuses (design.md §5, docs/rules.md §7): pure rules first, then whole plans evaluated on the small dataset
 * (fixtures/small) on both engines, which must give identical results. Expected values are worked out by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '$lib/db/connector';
import type { PlanMeta, RuleResult, Status } from '$lib/model/plan';
import { expectedShare, judgeEach, judgeStatus, planAsOf } from '$lib/rules/status';
import { engines, evaluateRules, leaf, openSmall, PLAN_2024, planFile, rule } from './fixtures/small/dataset';

/** 2024 is a leap year: 366 days; 2024-01-01..2024-06-30 is 31+29+31+30+31+30 = 182 days. */
const SHARE_JUNE_30 = 182 / 366;

describe('pure status rules', () => {
	it('expects a linear share of the period, the as-of day included', () => {
		expect(expectedShare(PLAN_2024, '2024-06-30')).toBe(SHARE_JUNE_30);
		expect(expectedShare(PLAN_2024, '2024-01-01')).toBe(1 / 366);
		expect(expectedShare(PLAN_2024, '2024-12-31')).toBe(1);
	});

	it('follows trajectory.quarterWeights, linearly inside each quarter', () => {
		const plan: PlanMeta = { ...PLAN_2024, trajectory: { quarterWeights: [0.1, 0.2, 0.3, 0.4] } };
		expect(expectedShare(plan, '2024-03-31')).toBeCloseTo(0.1, 8); // Q1 done
		expect(expectedShare(plan, '2024-06-30')).toBeCloseTo(0.3, 8); // 0.1 + 0.2
		expect(expectedShare(plan, '2024-09-30')).toBeCloseTo(0.6, 8); // 0.1 + 0.2 + 0.3
		// 16 May: Q2 (1 Apr..30 Jun, 91 days) is 46/91 elapsed (30 April days + 16): 0.1 + 0.2 × 46/91.
		expect(expectedShare(plan, '2024-05-16')).toBeCloseTo(0.1 + (0.2 * 46) / 91, 8); // rounded to 1e-9 in the code;
		// Weights apply only to a plan that is one calendar year; otherwise the share stays linear.
		const half: PlanMeta = { ...plan, period: { start: '2024-01-01', end: '2024-06-30' } };
		expect(expectedShare(half, '2024-03-31')).toBe(91 / 182);
	});

	it('clamps the as-of date into the plan period', () => {
		expect(planAsOf(PLAN_2024, '2023-06-01')).toBe('2024-01-01');
		expect(planAsOf(PLAN_2024, '2025-03-01')).toBe('2024-12-31');
		expect(planAsOf(PLAN_2024, '2024-06-30')).toBe('2024-06-30');
	});

	describe('each / units rules at plan level', () => {
		const of = (counts: Partial<Record<Status, number>>): Status[] =>
			Object.entries(counts).flatMap(([s, n]) => Array<Status>(n).fill(s as Status));
		const cases: Array<[string, Status[], string, Status, number | null]> = [
			['all achieved', of({ achieved: 10 }), '2024-06-30', 'achieved', 1],
			['all achieved at the end', of({ achieved: 10 }), '2024-12-31', 'achieved', 1],
			['period ended with one failing', of({ achieved: 9, missed: 1 }), '2024-12-31', 'missed', 0.9],
			['mid-year 9/10', of({ achieved: 9, 'off-track': 1 }), '2024-06-30', 'at-risk', 0.9], // 0.9 ≥ 1 − 10%
			// Extension: units on track count as on course while the plan runs (docs/rules.md).
			['mid-year 5/10, the rest on track', of({ achieved: 5, 'on-track': 5 }), '2024-06-30', 'on-track', 0.5],
			[
				'mid-year 5/10, the rest off track',
				of({ achieved: 5, 'off-track': 5 }),
				'2024-06-30',
				'off-track',
				0.5
			],
			[
				'mid-year 4 achieved, 5 on track, 1 off',
				of({ achieved: 4, 'on-track': 5, 'off-track': 1 }),
				'2024-06-30',
				'at-risk',
				0.4
			], // 9/10 on course
			['mid-year 8/10', of({ achieved: 8, 'at-risk': 2 }), '2024-06-30', 'off-track', 0.8],
			['no unit has data', of({ 'no-data': 3 }), '2024-06-30', 'no-data', 0],
			['no units at all', [], '2024-06-30', 'no-data', null]
		];
		it.each(cases)('%s', (_name, statuses, asOf, status, share) => {
			expect(judgeEach(statuses, PLAN_2024, asOf)).toEqual({ status, actual: share, target: 1, expected: 1 });
		});
	});

	it('a met rule is achieved even when another leaf lacks data', () => {
		const judged = judgeStatus({
			met: true,
			leaves: [
				{
					leaf: leaf('total', { indicator: 'x' }, 'greaterThanInclusive', 1),
					factValue: 1,
					value: 1,
					result: true
				}
			],
			measure: 0,
			plan: PLAN_2024,
			asOf: '2024-06-30',
			timeAggregationOf: () => 'sum'
		});
		expect(judged).toEqual({ status: 'achieved', actual: 1, target: 1, expected: 1 * SHARE_JUNE_30 });
	});
});

const HH = (operator: Parameters<typeof leaf>[2], value: unknown) =>
	leaf('total', { indicator: 'households' }, operator, value);

const seen: Record<string, Record<string, unknown>> = {};

describe.each(engines)('statuses on %s', (engineName, create) => {
	let conn: Connector;
	const record: Record<string, unknown> = {};
	seen[engineName] = record;
	beforeAll(async () => {
		conn = await openSmall(create);
	});
	afterAll(async () => conn.close());

	async function run(rules: Parameters<typeof planFile>[0], asOf: string, meta: Partial<PlanMeta> = {}) {
		const { evaluation, byRule } = await evaluateRules(conn, planFile(rules, meta), asOf);
		record[`${JSON.stringify(meta)}|${asOf}|${rules.map((r) => r.name).join(',')}`] = evaluation;
		return { evaluation, byRule };
	}
	const summary = (r: RuleResult | undefined) =>
		r && { status: r.status, actual: r.actual, target: r.target, expected: r.expected };

	describe('rising cumulative targets (total of a sum indicator, at least N)', () => {
		it('paces against expected-by-now and is achieved exactly on target', async () => {
			const rules = [
				rule('hh-161', [HH('greaterThanInclusive', 161)]),
				rule('hh-300', [HH('greaterThanInclusive', 300)]),
				rule('hh-400', [HH('greaterThanInclusive', 400)])
			];
			const { byRule } = await run(rules, '2024-06-30');
			// Households by 30/06: 125 (see facts.test.ts). Expected = N × 182/366.
			// 161 × 182/366 ≈ 80.06 ≤ 125 → on-track
			expect(summary(byRule['hh-161'])).toEqual({
				status: 'on-track',
				actual: 125,
				target: 161,
				expected: 161 * SHARE_JUNE_30
			});
			expect(byRule['hh-161']?.expected).toBeCloseTo(80.06, 2);
			// 300 × 182/366 ≈ 149.18; 0.8 × 149.18 ≈ 119.34 ≤ 125 < 149.18 → at-risk
			expect(byRule['hh-300']?.status).toBe('at-risk');
			expect(byRule['hh-300']?.expected).toBeCloseTo(149.18, 2);
			// 400 × 182/366 ≈ 198.91; 0.8 × 198.91 ≈ 159.13 > 125 → off-track
			expect(byRule['hh-400']?.status).toBe('off-track');

			const end = await run(rules, '2024-12-31');
			// Households in the whole year: 161 = 161 → achieved (≥ includes the target itself); the others missed.
			expect(summary(end.byRule['hh-161'])).toEqual({
				status: 'achieved',
				actual: 161,
				target: 161,
				expected: 161
			});
			expect(end.byRule['hh-300']?.status).toBe('missed');
		});

		it('at-risk down to exactly 0.8 × expected', async () => {
			// Equal quarter weights make the expected share exactly 0.5 on 30/06 (Q1 and Q2 done).
			const meta = {
				trajectory: { quarterWeights: [0.25, 0.25, 0.25, 0.25] as [number, number, number, number] }
			};
			const rules = [
				rule('boundary', [HH('greaterThanInclusive', 312.5)]),
				rule('below', [HH('greaterThanInclusive', 313)])
			];
			const { byRule } = await run(rules, '2024-06-30', meta);
			// 312.5 × 0.5 = 156.25 expected; 0.8 × 156.25 = 125 = actual → at-risk (the boundary is included)
			expect(summary(byRule.boundary)).toEqual({
				status: 'at-risk',
				actual: 125,
				target: 312.5,
				expected: 156.25
			});
			// 313 × 0.5 = 156.5; 0.8 × 156.5 = 125.2 > 125 → off-track
			expect(summary(byRule.below)).toEqual({
				status: 'off-track',
				actual: 125,
				target: 313,
				expected: 156.5
			});
		});

		it('takes the plan’s atRiskRatio', async () => {
			const rules = [rule('hh-400', [HH('greaterThanInclusive', 400)])];
			// 400 × 182/366 ≈ 198.91; 0.6 × 198.91 ≈ 119.34 ≤ 125 → at-risk (off-track with the default 0.8)
			const { byRule } = await run(rules, '2024-06-30', { atRiskRatio: 0.6 });
			expect(byRule['hh-400']?.status).toBe('at-risk');
			// 0.7 × 198.91 ≈ 139.2 > 125 → off-track
			const strict = await run(rules, '2024-06-30', { atRiskRatio: 0.7 });
			expect(strict.byRule['hh-400']?.status).toBe('off-track');
		});

		it('follows trajectory.quarterWeights', async () => {
			const meta = {
				trajectory: { quarterWeights: [0.1, 0.2, 0.3, 0.4] as [number, number, number, number] }
			};
			const rules = [rule('hh-400', [HH('greaterThanInclusive', 400)])];
			const { byRule } = await run(rules, '2024-06-30', meta);
			// 30% expected by 30/06: 400 × 0.3 = 120 ≤ 125 → on-track (linear pacing says off-track, above)
			expect(byRule['hh-400']?.status).toBe('on-track');
			expect(byRule['hh-400']?.expected).toBeCloseTo(120, 9);
			// 30/09: 60% → 240 expected; households by then 125 + 11 (Jul) + 10 (Q3) + 5 (Sep) = 151;
			// 0.8 × 240 = 192 > 151 → off-track
			const sep = await run(rules, '2024-09-30', meta);
			expect(sep.byRule['hh-400']?.actual).toBe(151);
			expect(sep.byRule['hh-400']?.status).toBe('off-track');
		});

		it('paces a rising change of a stock too, here against the assigned quota', async () => {
			const change = (value: unknown) =>
				leaf('change', { indicator: 'members' }, 'greaterThanInclusive', value);
			const rules = [
				rule('members-100', [change(100)]),
				rule('members-quota', [change({ fact: 'assigned', params: { indicator: 'members' } })])
			];
			const { byRule } = await run(rules, '2024-06-30');
			// change = 515 − 445 = 70; expected 100 × 182/366 ≈ 49.73 ≤ 70 → on-track
			expect(byRule['members-100']?.status).toBe('on-track');
			expect(byRule['members-100']?.expected).toBeCloseTo(49.73, 2);
			// quota of 04: 60; 70 ≥ 60 → achieved, with the quota as target
			expect(summary(byRule['members-quota'])).toEqual({
				status: 'achieved',
				actual: 70,
				target: 60,
				expected: 60 * SHARE_JUNE_30
			});
		});
	});

	describe('other targets in progress: at-risk within 10% of the target', () => {
		it('ratios, at-most targets and stock levels', async () => {
			const ratio = (value: number) =>
				leaf(
					'ratio',
					{ numerator: 'dv_supported', denominator: 'dv_detected' },
					'greaterThanInclusive',
					value
				);
			const days = (value: number) =>
				leaf('total', { indicator: 'waiting_days' }, 'lessThanInclusive', value);
			const members = (value: number) =>
				leaf('total', { indicator: 'members' }, 'greaterThanInclusive', value);
			const rules = [
				rule('ratio-80', [ratio(0.8)]),
				rule('ratio-85', [ratio(0.85)]),
				rule('ratio-90', [ratio(0.9)]),
				rule('days-2.8', [days(2.8)]),
				rule('days-2', [days(2)]),
				rule('members-560', [members(560)]),
				rule('members-600', [members(600)])
			];
			const { byRule } = await run(rules, '2024-06-30');
			// Province ratio 12/15 = 0.8: exactly on target → achieved; the expected value of a level is its target
			expect(summary(byRule['ratio-80'])).toEqual({
				status: 'achieved',
				actual: 0.8,
				target: 0.8,
				expected: 0.8
			});
			expect(byRule['ratio-85']?.status).toBe('at-risk'); // 0.8 ≥ 0.85 − 0.085 = 0.765
			expect(byRule['ratio-90']?.status).toBe('off-track'); // 0.8 < 0.9 − 0.09 = 0.81
			expect(byRule['days-2.8']?.status).toBe('at-risk'); // min days 3 ≤ 2.8 + 0.28 = 3.08
			expect(byRule['days-2']?.status).toBe('off-track'); // 3 > 2 + 0.2
			// Members are a stock (time last): not paced. 515 ≥ 560 − 56 = 504 → at-risk; 515 < 600 − 60 → off-track
			expect(summary(byRule['members-560'])).toEqual({
				status: 'at-risk',
				actual: 515,
				target: 560,
				expected: 560
			});
			expect(byRule['members-600']?.status).toBe('off-track');

			const end = await run(rules, '2024-12-31');
			expect(end.byRule['ratio-85']?.status).toBe('missed'); // the period has ended
		});

		it('between: both ends included', async () => {
			const points = (range: [number, number]) =>
				leaf('total', { indicator: 'election_points' }, 'between', range);
			const rules = [
				rule('3-5', [points([3, 5])]),
				rule('4-5', [points([4, 5])]),
				rule('6-8', [points([6, 8])])
			];
			const { byRule } = await run(rules, '2024-06-30');
			// By 30/06: 04001 2 + 04101 1 = 3 → in [3, 5] (low end)
			expect(summary(byRule['3-5'])).toEqual({
				status: 'achieved',
				actual: 3,
				target: [3, 5],
				expected: null
			});
			expect(byRule['4-5']?.status).toBe('off-track'); // 3 < 4 − 0.4
			const end = await run(rules, '2024-12-31');
			// + 04002 2 (August) = 5 → in [3, 5] (high end)
			expect(summary(end.byRule['3-5'])).toEqual({
				status: 'achieved',
				actual: 5,
				target: [3, 5],
				expected: null
			});
			expect(end.byRule['6-8']?.status).toBe('missed');
		});
	});

	describe('deadlines', () => {
		const deadline = leaf(
			'submittedOn',
			{ report: 'periodic-report', period: '2024S1' },
			'onOrBefore',
			'2024-07-15'
		);
		const rules = [rule('s1-report', [deadline], { scope: { units: ['040', '041'] } })];
		const at = async (asOf: string) => {
			const { byRule } = await run(rules, asOf);
			return Object.fromEntries((byRule['s1-report']?.units ?? []).map((u) => [u.orgUnit, summary(u)]));
		};
		const target = '2024-07-15';

		it('on-track before the deadline when nothing has been submitted', async () => {
			// 040 sends on 07-10 and 041 on 07-25, both after 30/06
			expect(await at('2024-06-30')).toEqual({
				'040': { status: 'on-track', actual: null, target, expected: null },
				'041': { status: 'on-track', actual: null, target, expected: null }
			});
		});

		it('achieved when on time; on-track up to the deadline day itself', async () => {
			const july12 = await at('2024-07-12');
			expect(july12['040']).toEqual({ status: 'achieved', actual: '2024-07-10', target, expected: null });
			expect(july12['041']?.status).toBe('on-track');
			expect((await at('2024-07-15'))['041']?.status).toBe('on-track');
		});

		it('missed once the as-of date is past the deadline, whether nothing came or it came late', async () => {
			expect((await at('2024-07-20'))['041']).toEqual({
				status: 'missed',
				actual: null,
				target,
				expected: null
			});
			// sent on 07-25, after the 07-15 deadline
			expect((await at('2024-07-31'))['041']).toEqual({
				status: 'missed',
				actual: '2024-07-25',
				target,
				expected: null
			});
			const end = await at('2024-12-31');
			expect(end['040']?.status).toBe('achieved');
			expect(end['041']?.status).toBe('missed');
		});

		it('a window with onOrAfter', async () => {
			const meeting = (after: string) => [
				leaf('submittedOn', { report: 'branch-meeting' }, 'onOrBefore', '2024-03-31'),
				leaf('submittedOn', { report: 'branch-meeting' }, 'onOrAfter', after)
			];
			const { byRule } = await run(
				[rule('in-window', meeting('2024-03-01')), rule('too-early', meeting('2024-03-21'))],
				'2024-06-30'
			);
			// Held on 03-20: inside [03-01, 03-31] → achieved; before 03-21 → not met, and 30/06 is past 31/03
			expect(byRule['in-window']?.status).toBe('achieved');
			expect(summary(byRule['too-early'])).toEqual({
				status: 'missed',
				actual: '2024-03-20',
				target: '2024-03-31',
				expected: null
			});
			expect(
				byRule['too-early']?.conditions.map((c) => [c.factValue, c.operator, c.value, c.result])
			).toEqual([
				['2024-03-20', 'onOrBefore', '2024-03-31', true],
				['2024-03-20', 'onOrAfter', '2024-03-21', false]
			]);
		});
	});

	describe('no-data', () => {
		it('when a fact the rule needs has no value, even after the period ended', async () => {
			const ratio = leaf(
				'ratio',
				{ numerator: 'dv_supported', denominator: 'dv_detected' },
				'greaterThanInclusive',
				0.8
			);
			const rules = [
				rule('empty-denominator', [ratio], { scope: { units: ['041'] } }), // (0 + 1) / 0
				rule('no-data-unit', [HH('greaterThanInclusive', 10)], { scope: { units: ['04003'] } }),
				rule(
					'no-quota',
					[
						leaf('change', { indicator: 'members' }, 'greaterThanInclusive', {
							fact: 'assigned',
							params: { indicator: 'members' }
						})
					],
					{ scope: { units: ['04001'] } }
				) // change 20 but no quota for a commune
			];
			for (const asOf of ['2024-06-30', '2024-12-31']) {
				const { byRule } = await run(rules, asOf);
				for (const name of ['empty-denominator', 'no-data-unit', 'no-quota']) {
					expect(byRule[name]?.units?.[0]?.status, `${name} ${asOf}`).toBe('no-data');
					expect(byRule[name]?.status, `${name} ${asOf}`).toBe('no-data');
				}
				expect(byRule['empty-denominator']?.units?.[0]?.conditions[0]?.factValue).toBeNull();
			}
		});

		it('not for a sub-period that has not begun yet', async () => {
			const rules = [
				rule('year-and-s2', [
					HH('greaterThanInclusive', 100),
					leaf('total', { indicator: 'households', period: '2024S2' }, 'greaterThanInclusive', 1)
				])
			];
			const { byRule } = await run(rules, '2024-06-30');
			// S2 has no value on 30/06, as expected; 125 ≥ 100 × 182/366 ≈ 49.7 → on-track, not no-data
			expect(byRule['year-and-s2']?.status).toBe('on-track');
			expect(byRule['year-and-s2']?.conditions[1]?.factValue).toBeNull();
		});
	});

	describe('as-of dates outside the plan period are clamped', () => {
		it('before the start', async () => {
			const { evaluation, byRule } = await run(
				[rule('hh-161', [HH('greaterThanInclusive', 161)])],
				'2023-06-01'
			);
			expect(evaluation.asOf).toBe('2024-01-01');
			// On 01/01: 04001 Jan 10 + 04002 Q1 20 + 04101 Q1 8 = 38 (periods starting on 01/01);
			// expected 161 × 1/366 ≈ 0.44 → on-track
			expect(summary(byRule['hh-161'])).toEqual({
				status: 'on-track',
				actual: 38,
				target: 161,
				expected: 161 / 366
			});
		});

		it('after the end', async () => {
			const rules = [
				rule('hh-161', [HH('greaterThanInclusive', 161)]),
				rule('hh-162', [HH('greaterThanInclusive', 162)])
			];
			const { evaluation, byRule } = await run(rules, '2025-03-01');
			expect(evaluation.asOf).toBe('2024-12-31');
			// 2025-01 (99) and 2025-02 (3) are not counted: 161 exactly → achieved; 162 → missed
			expect(summary(byRule['hh-161'])).toEqual({
				status: 'achieved',
				actual: 161,
				target: 161,
				expected: 161
			});
			expect(byRule['hh-162']?.status).toBe('missed');
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
