/**
 * The visit solver (src/lib/inspection/solver.ts): hand-made cases whose best set is worked out by hand, the
 * failures it must name, and a property test against brute force over every subset on small random inputs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fillProvinces, solveVisit, type SolverItem, type VisitConstraint } from '$lib/inspection/solver';

const item = (code: string, province: string, region: string | null, score: number): SolverItem => ({
	code,
	province,
	region,
	score
});

const NORTH = 'northern-midlands-mountains';
const HIGHLANDS = 'central-highlands';
const SOUTHWEST = 'mekong-delta';

/** The 2020 programme's constraint: 6 communes in 3 provinces, one in each of three regions. */
const BORDER_2020: VisitConstraint = {
	units: 6,
	provinces: 3,
	regions: [NORTH, HIGHLANDS, SOUTHWEST],
	maxPerProvince: 2
};

describe('solveVisit on hand-made cases', () => {
	// Province scores (best two communes): Cao Bằng 9+8=17, Lào Cai 10+1=11, Kon Tum 3+2=5, Gia Lai 4+0=4,
	// An Giang 2+2=4, Quảng Trị (north-central, not a required region) 20+20=40.
	const items = [
		item('cb1', '04', NORTH, 9),
		item('cb2', '04', NORTH, 8),
		item('cb3', '04', NORTH, 7),
		item('lc1', '10', NORTH, 10),
		item('lc2', '10', NORTH, 1),
		item('kt1', '62', HIGHLANDS, 3),
		item('kt2', '62', HIGHLANDS, 2),
		item('gl1', '64', HIGHLANDS, 4),
		item('gl2', '64', HIGHLANDS, 0),
		item('ag1', '89', SOUTHWEST, 2),
		item('ag2', '89', SOUTHWEST, 2),
		item('qt1', '45', 'north-central-coast', 20),
		item('qt2', '45', 'north-central-coast', 20)
	];

	it('takes the best province of each region and the best two communes of each', () => {
		const solution = solveVisit(items, BORDER_2020);
		expect(solution.ok).toBe(true);
		if (!solution.ok) return;
		// North: Cao Bằng (17) beats Lào Cai (11) although Lào Cai has the single best commune. Highlands: Kon Tum
		// (5) beats Gia Lai (4). South-west: An Giang, the only one. Quảng Trị scores most but its region is not
		// asked for, and three provinces must cover three regions.
		expect(solution.items.map((i) => i.code).sort()).toEqual(['ag1', 'ag2', 'cb1', 'cb2', 'kt1', 'kt2']);
		expect(solution.provinces.sort()).toEqual(['04', '62', '89']);
		expect(solution.total).toBe(17 + 5 + 4);
		expect(solution.proven).toBe(true);
	});

	it('uses the free slots for the best provinces of any region', () => {
		// Four provinces for three regions: the fourth is the best one left, Quảng Trị.
		const solution = solveVisit(items, { ...BORDER_2020, units: 8, provinces: 4 });
		expect(solution.ok && solution.provinces.sort()).toEqual(['04', '45', '62', '89']);
		expect(solution.ok && solution.total).toBe(17 + 40 + 5 + 4);
	});

	it('spreads units unevenly when the cap allows it', () => {
		// 5 units in 2 provinces, at most 4 each, no region: Quảng Trị (2 communes) and Cao Bằng (3 communes).
		const solution = solveVisit(items, { units: 5, provinces: 2, regions: [], maxPerProvince: 4 });
		expect(solution.ok && solution.items.map((i) => i.code).sort()).toEqual([
			'cb1',
			'cb2',
			'cb3',
			'qt1',
			'qt2'
		]);
	});

	it('gives a province only its best unit when the others must come from elsewhere', () => {
		// 3 units in 3 provinces, one per region: the best commune of each province chosen.
		const solution = solveVisit(items, { ...BORDER_2020, units: 3 });
		expect(solution.ok && solution.items.map((i) => i.code).sort()).toEqual(['ag1', 'gl1', 'lc1']);
	});

	it('counts a region listed twice as two provinces', () => {
		const solution = solveVisit(items, {
			units: 4,
			provinces: 2,
			regions: [NORTH, NORTH],
			maxPerProvince: 2
		});
		expect(solution.ok && solution.provinces.sort()).toEqual(['04', '10']);
	});

	it('names why no set satisfies the constraint', () => {
		expect(solveVisit(items, { ...BORDER_2020, regions: [NORTH, 'south-east'] })).toEqual({
			ok: false,
			reason: 'regions-uncoverable'
		});
		expect(solveVisit(items, { ...BORDER_2020, maxPerProvince: 1 })).toEqual({
			ok: false,
			reason: 'bad-constraint'
		});
		expect(solveVisit(items, { ...BORDER_2020, provinces: 7, units: 7 })).toEqual({
			ok: false,
			reason: 'too-few-provinces'
		});
		expect(solveVisit(items, { ...BORDER_2020, units: 2 })).toEqual({ ok: false, reason: 'bad-constraint' });
		expect(solveVisit(items, { ...BORDER_2020, regions: [NORTH, NORTH, NORTH, HIGHLANDS] })).toEqual({
			ok: false,
			reason: 'regions-uncoverable'
		});
		// Two south-west provinces are needed but there is one.
		expect(solveVisit(items, { ...BORDER_2020, regions: [SOUTHWEST, SOUTHWEST] })).toEqual({
			ok: false,
			reason: 'regions-uncoverable'
		});
		// Every province has at most 3 communes: 3 provinces × 3 … but An Giang, Kon Tum and Gia Lai have 2.
		expect(
			solveVisit(items, { units: 9, provinces: 3, regions: [NORTH, HIGHLANDS, SOUTHWEST], maxPerProvince: 3 })
		).toEqual({ ok: false, reason: 'no-solution' });
	});

	it('fills a fixed set of provinces greedily', () => {
		const p = (...scores: number[]) => ({ items: scores.map((s, i) => item(`${s}-${i}`, 'x', null, s)) });
		expect(fillProvinces([p(5, 4, 3), p(1)], 3, 2)?.total).toBe(10);
		expect(fillProvinces([p(5, 4, 3), p(1)], 4, 3)?.total).toBe(13);
		expect(fillProvinces([p(5), p(1)], 3, 2)).toBeNull();
	});
});

/** Every subset of the right size, checked against the constraint: the reference answer. */
function bruteForce(items: SolverItem[], c: VisitConstraint): number | null {
	let best: number | null = null;
	const n = items.length;
	for (let mask = 0; mask < 1 << n; mask++) {
		const chosen = items.filter((_, i) => mask & (1 << i));
		if (chosen.length !== c.units) continue;
		const perProvince = new Map<string, number>();
		for (const it of chosen) perProvince.set(it.province, (perProvince.get(it.province) ?? 0) + 1);
		if (perProvince.size !== c.provinces) continue;
		if (c.maxPerProvince !== null && [...perProvince.values()].some((v) => v > (c.maxPerProvince as number)))
			continue;
		const regionCount = new Map<string, number>();
		for (const province of perProvince.keys()) {
			const region = items.find((it) => it.province === province)?.region;
			if (region) regionCount.set(region, (regionCount.get(region) ?? 0) + 1);
		}
		const needed = new Map<string, number>();
		for (const r of c.regions) needed.set(r, (needed.get(r) ?? 0) + 1);
		if ([...needed].some(([r, count]) => (regionCount.get(r) ?? 0) < count)) continue;
		const total = chosen.reduce((s, it) => s + it.score, 0);
		if (best === null || total > best) best = total;
	}
	return best;
}

describe('solveVisit agrees with brute force', () => {
	const regions = ['r1', 'r2', 'r3'];
	const instance = fc
		.record({
			provinceRegions: fc.array(fc.constantFrom(...regions), { minLength: 1, maxLength: 5 }),
			items: fc.array(fc.record({ p: fc.nat(4), score: fc.integer({ min: 0, max: 20 }) }), {
				minLength: 1,
				maxLength: 11
			}),
			units: fc.integer({ min: 1, max: 6 }),
			provinces: fc.integer({ min: 1, max: 4 }),
			needed: fc.array(fc.constantFrom(...regions), { maxLength: 3 }),
			cap: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null })
		})
		.map(({ provinceRegions, items, units, provinces, needed, cap }) => ({
			items: items.map((it, i) =>
				item(
					`u${i}`,
					`p${it.p % provinceRegions.length}`,
					provinceRegions[it.p % provinceRegions.length] as string,
					it.score
				)
			),
			constraint: { units, provinces, regions: needed, maxPerProvince: cap }
		}));

	it('finds the best total whenever one exists, and fails only when none does', () => {
		fc.assert(
			fc.property(instance, ({ items, constraint }) => {
				const expected = bruteForce(items, constraint);
				const solution = solveVisit(items, constraint);
				if (expected === null) {
					expect(solution.ok).toBe(false);
					return;
				}
				expect(solution.ok).toBe(true);
				if (!solution.ok) return;
				expect(solution.total).toBe(expected);
				expect(solution.items).toHaveLength(constraint.units);
				expect(new Set(solution.items.map((i) => i.province)).size).toBe(constraint.provinces);
			}),
			{ numRuns: 400 }
		);
	});
});
