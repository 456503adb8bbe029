/**
 * The planner's ranking (src/lib/inspection/planner.ts) on hand-made results, problems and visits; every score
 * below is worked out by hand from the weights in DEFAULT_WEIGHTS.
 */
import { describe, expect, it } from 'vitest';
import {
	DEFAULT_WEIGHTS,
	perUnitResults,
	rankCandidates,
	resultScore,
	shortfall,
	type PlannerCandidate
} from '$lib/inspection/planner';
import type { RuleResult, Status } from '$lib/model/plan';

function result(
	rule: string,
	orgUnit: string,
	status: Status,
	actual: RuleResult['actual'],
	target: RuleResult['target'],
	expected: number | null = null
): RuleResult {
	return {
		plan: 'p',
		rule,
		orgUnit,
		status,
		actual,
		target,
		expected,
		conditions: [],
		explanation: { vi: '', en: '' }
	};
}

describe('shortfall', () => {
	it('measures from the expected value while in progress, from the target once missed', () => {
		expect(shortfall(result('r', 'u', 'off-track', 5, 20, 10))).toBe(0.5);
		expect(shortfall(result('r', 'u', 'at-risk', 9, 20, 10))).toBeCloseTo(0.1);
		expect(shortfall(result('r', 'u', 'missed', 15, 20, 20))).toBe(0.25);
		// Shares and levels have no expected value: the target.
		expect(shortfall(result('r', 'u', 'off-track', 0.6, 0.8))).toBeCloseTo(0.25);
	});

	it('caps at 1, counts a range from its nearer end, and knows nothing of dates', () => {
		expect(shortfall(result('r', 'u', 'missed', 0, 6))).toBe(1);
		expect(shortfall(result('r', 'u', 'missed', 300, 20))).toBe(1);
		expect(shortfall(result('r', 'u', 'off-track', 5, [10, 20]))).toBe(0.5);
		expect(shortfall(result('r', 'u', 'off-track', 30, [10, 20]))).toBe(0.5);
		expect(shortfall(result('r', 'u', 'missed', '2024-07-14', '2024-06-30'))).toBeNull();
		expect(shortfall(result('r', 'u', 'missed', null, '2024-06-30'))).toBeNull();
		expect(shortfall(result('r', 'u', 'achieved', 1, 1))).toBe(0);
		expect(shortfall(result('r', 'u', 'missed', 3, 0))).toBe(1);
	});

	it('scores by rule weight, status weight and shortfall', () => {
		const weights = { ...DEFAULT_WEIGHTS, rules: { heavy: 3 } };
		expect(resultScore(result('heavy', 'u', 'off-track', 5, 20, 10), weights)).toBe(1.5);
		expect(resultScore(result('r', 'u', 'at-risk', 9, 20, 10), weights)).toBeCloseTo(0.05);
		expect(resultScore(result('r', 'u', 'missed', null, '2024-06-30'), weights)).toBe(1);
		expect(resultScore(result('r', 'u', 'no-data', null, 10), weights)).toBe(0.5);
		expect(resultScore(result('r', 'u', 'on-track', 11, 20, 10), weights)).toBe(0);
	});
});

describe('rankCandidates', () => {
	// VN > P1 (province) > D1 (district) > c1, c2 (communes); VN > P2 > D2 > c3.
	const parents: Record<string, string | null> = {
		VN: null,
		P1: 'VN',
		P2: 'VN',
		D1: 'P1',
		D2: 'P2',
		c1: 'D1',
		c2: 'D1',
		c3: 'D2',
		b1: 'c1',
		b2: 'c1'
	};
	const parentOf = (code: string) => parents[code] ?? null;
	const commune = (code: string, province: string): PlannerCandidate => ({
		code,
		name: code,
		level: 'commune',
		province,
		provinceName: province,
		region: null
	});
	const candidates = [commune('c1', 'P1'), commune('c2', 'P1'), commune('c3', 'P2')];
	const results = [
		// c1 itself: off track at half the expected (0.5).
		result('count', 'c1', 'off-track', 5, 20, 10),
		// Its two branches: one missed with nothing (1), one achieved (0) → mean 0.5.
		result('branch', 'b1', 'missed', 0, 4),
		result('branch', 'b2', 'achieved', 4, 4),
		// c2: at risk, 9 of 10 expected: 0.5 × 0.1 = 0.05.
		result('count', 'c2', 'at-risk', 9, 20, 10),
		// c3: achieved.
		result('count', 'c3', 'achieved', 25, 20, 10),
		// Province P1 missed a deadline: 1 × 0.25 for each of its communes.
		result('deadline', 'P1', 'missed', null, '2024-06-30'),
		// The plan's unit: the same for everyone, so left out.
		result('count', 'VN', 'off-track', 1, 100, 50)
	];

	it('adds own, below (averaged) and above (weighted) findings, data problems, and ranks', () => {
		const ranked = rankCandidates({
			candidates,
			results,
			rootCode: 'VN',
			parentOf,
			problems: [
				{ unit: 'c3', kind: 'missing' },
				{ unit: 'c3', kind: 'missing' },
				{ unit: 'c3', kind: 'missing' },
				{ unit: 'c3', kind: 'missing' },
				{ unit: 'c3', kind: 'suspicious' },
				{ unit: 'b2', kind: 'late' },
				{ unit: 'D1', kind: 'gap' }
			],
			visits: [],
			asOf: '2024-06-30'
		});
		// c1: 0.5 + 0.5 + 0.25 = 1.25 targets; late at its branch 0.5 → 1.75.
		// c3: no target score; 4 missing capped at 3 (3) + 1 suspicious (0.5) → 3.5.
		// c2: 0.05 + 0.25 = 0.3. D1's gap belongs to no candidate (it is above them).
		expect(ranked.map((r) => [r.candidate.code, r.score])).toEqual([
			['c3', 3.5],
			['c1', 1.75],
			['c2', 0.3]
		]);
		const c1 = ranked.find((r) => r.candidate.code === 'c1');
		expect(c1?.targetScore).toBe(1.25);
		expect(c1?.problemScore).toBe(0.5);
		expect(c1?.problems).toEqual({ missing: 0, late: 1, gap: 0, suspicious: 0 });
		expect(c1?.findings.map((f) => [f.rule, f.unit, f.relation, f.score])).toEqual([
			['branch', 'b1', 'below', 1],
			['count', 'c1', 'own', 0.5],
			['deadline', 'P1', 'above', 0.25]
		]);
	});

	it('pushes a recently visited unit down by the share of the window since the visit', () => {
		const ranked = rankCandidates({
			candidates,
			results,
			rootCode: 'VN',
			parentOf,
			problems: [],
			visits: [
				// 73 days before 2024-06-30 with a 365-day window: × 0.2. A visit to a branch counts for its commune.
				{ id: '1', unit: 'b1', date: '2024-04-18', plan: null, remark: '' },
				// After the as-of date: not yet made then.
				{ id: '2', unit: 'c2', date: '2024-07-01', plan: null, remark: '' }
			],
			asOf: '2024-06-30'
		});
		const c1 = ranked.find((r) => r.candidate.code === 'c1');
		expect(c1?.lastVisit).toBe('2024-04-18');
		expect(c1?.visitFactor).toBeCloseTo(0.2);
		expect(c1?.score).toBeCloseTo(1.25 * 0.2);
		expect(ranked.map((r) => r.candidate.code)).toEqual(['c2', 'c1', 'c3']);
		expect(ranked[0]?.lastVisit).toBeNull();
	});

	it('takes weights per rule and per problem', () => {
		const ranked = rankCandidates({
			candidates,
			results,
			rootCode: 'VN',
			parentOf,
			problems: [{ unit: 'c3', kind: 'missing' }],
			visits: [],
			asOf: '2024-06-30',
			weights: { rules: { count: 10 }, missing: 0, above: 0 }
		});
		// c1: 10 × 0.5 + 0.5 = 5.5; c2: 10 × 0.05 = 0.5; c3: 0.
		expect(ranked.map((r) => [r.candidate.code, r.score])).toEqual([
			['c1', 5.5],
			['c2', 0.5],
			['c3', 0]
		]);
	});

	it('flattens the per-unit results of each/units rules', () => {
		const each = {
			...result('each', 'VN', 'off-track', 0.5, 1),
			units: [result('each::children', 'c1', 'missed', 0, 1)]
		};
		expect(
			perUnitResults([each], (n) => n.replace('::children', '')).map((r) => [r.rule, r.orgUnit])
		).toEqual([['each', 'c1']]);
	});
});
