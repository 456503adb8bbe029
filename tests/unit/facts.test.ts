/**
 * Every fact (design.md §4, docs/rules.md §4.1) on the small hand-made dataset (fixtures/small), computed by the
 * production path (hierarchy → requests → bulk SQL) on DuckDB-WASM and on native DuckDB, which must agree.
 * Each expectation is worked out by hand from fixtures/small/values.csv, targets.csv and submissions.csv.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '$lib/db/connector';
import type { LeafCondition, PlanMeta } from '$lib/model/plan';
import { buildPlanTree } from '$lib/rules/hierarchy';
import { computeAll, engines, openSmall, PLAN_2024, leaf, type FactGetter } from './fixtures/small/dataset';

type Spec = { fact: LeafCondition['fact']; params: Record<string, unknown> };
const spec = (fact: LeafCondition['fact'], params: Record<string, unknown>): Spec => ({ fact, params });

const UNITS_2024 = ['04', '040', '041', '04001', '04002', '04003', '04101', '04102'];

/** Every fact value the tests read, by engine, to check at the end that both engines agree exactly. */
const seen: Record<string, Record<string, unknown>> = {};

describe.each(engines)('facts on %s', (engineName, create) => {
	let conn: Connector;
	const record: Record<string, unknown> = {};
	seen[engineName] = record;

	beforeAll(async () => {
		conn = await openSmall(create);
	});
	afterAll(async () => conn.close());

	/** Computes the specs at `asOf` and returns `at(spec, unit)`; every value read is recorded. */
	async function factsAt(asOf: string, specs: Spec[], plan: PlanMeta = PLAN_2024) {
		const get: FactGetter = await computeAll(conn, plan, asOf, specs);
		return (s: Spec, unit: string) => {
			const value = get(s.fact, s.params, unit);
			record[`${plan.id}|${asOf}|${s.fact}${JSON.stringify(s.params)}|${unit}`] = value;
			return value;
		};
	}
	/** The fact at every unit of the 2024 tree, as an object by unit code. */
	const allUnits = (at: (s: Spec, unit: string) => unknown, s: Spec, units = UNITS_2024) =>
		Object.fromEntries(units.map((u) => [u, at(s, u)]));

	describe('total of a flow (time sum, unit sum), with monthly and quarterly communes mixed', () => {
		const households = spec('total', { indicator: 'households' });

		it('counts values inside the plan period that start on or before the as-of date', async () => {
			const at = await factsAt('2024-06-30', [households]);
			expect(allUnits(at, households)).toEqual({
				// 04001 reports monthly: Jan..Jun 6 × 10 = 60; 2023-12 (50) is before the plan start, 2024-07 (11)
				// starts after the as-of date, 2025-01 (99) and 2025-02 (3) are after the plan end.
				'04001': 60,
				// 04002 reports quarterly: Q1 20 + Q2 25 = 45; Q3 (10) starts 2024-07-01, after the as-of date.
				'04002': 45,
				'04003': null, // no data at all
				'04101': 15, // quarterly: Q1 8 + Q2 7; Q4 (10) is later
				'04102': 5, // monthly: 2024-03 5; 2024-09 (5) is later
				'040': 105, // 60 + 45 (04003 adds nothing)
				'041': 20, // 15 + 5
				'04': 125 // 105 + 20
			});
			expect(at(households, 'VN')).toBeNull(); // above the plan's unit: not in its tree
		});

		it('counts a whole quarter as soon as it has started', async () => {
			const at = await factsAt('2024-05-15', [households]);
			// 04001: Jan..May 5 × 10 = 50 (2024-05 starts 05-01 ≤ 05-15); 04002: Q1 20 + Q2 25 (Q2 starts
			// 2024-04-01 ≤ as-of) = 45; 04101: 8 + 7 = 15; 04102: 5. Province: 50 + 45 + 15 + 5 = 115.
			expect(at(households, '04001')).toBe(50);
			expect(at(households, '04002')).toBe(45);
			expect(at(households, '04')).toBe(115);
		});

		it('adds up to the full year at the plan end', async () => {
			const at = await factsAt('2024-12-31', [households]);
			// 04001: 60 + 11 (Jul) = 71; 04002: 20 + 25 + 10 = 55; 04101: 8 + 7 + 10 = 25; 04102: 5 + 5 = 10.
			expect(allUnits(at, households)).toMatchObject({ '04001': 71, '04002': 55, '04101': 25, '04102': 10 });
			expect(at(households, '04')).toBe(161); // 71 + 55 + 25 + 10
		});

		it('narrows to a sub-period with `period`', async () => {
			const q2 = spec('total', { indicator: 'households', period: '2024Q2' });
			const feb = spec('total', { indicator: 'households', period: '2024-02' });
			const s2 = spec('total', { indicator: 'households', period: '2024S2' });
			const at = await factsAt('2024-06-30', [q2, feb, s2]);
			// Q2: 04001 Apr + May + Jun = 30; 04002 Q2 25; 04101 Q2 7; 04102 nothing in Q2 → 30 + 25 + 7 = 62.
			expect(at(q2, '04')).toBe(62);
			expect(at(q2, '041')).toBe(7);
			expect(at(q2, '04102')).toBeNull();
			// February: only 04001's month (10); the quarterly Q1 values are not inside February.
			expect(at(feb, '04')).toBe(10);
			expect(at(feb, '04002')).toBeNull();
			// S2 has not begun on 2024-06-30: no value anywhere.
			expect(at(s2, '04')).toBeNull();
			const end = await factsAt('2024-12-31', [s2]);
			expect(end(s2, '04')).toBe(36); // 04001 Jul 11 + 04002 Q3 10 + 04101 Q4 10 + 04102 Sep 5
		});

		it('counts only the unit’s own values with `own`', async () => {
			const total = spec('total', { indicator: 'supervisions' });
			const own = spec('total', { indicator: 'supervisions', own: true });
			const at = await factsAt('2024-06-30', [total, own]);
			// Values: 04 (Feb) 2, 040 (Mar) 1, 04001 (Apr) 3, 04002 (May) 1.
			expect(at(total, '04')).toBe(7); // 2 + 1 + 3 + 1
			expect(at(own, '04')).toBe(2); // the province's own row only
			expect(at(total, '040')).toBe(5); // 1 + 3 + 1
			expect(at(own, '040')).toBe(1);
			expect(at(own, '041')).toBeNull(); // 041 reports nothing itself
			expect(at(own, '04001')).toBe(3);
		});

		it('filters by `programme`', async () => {
			const p1 = spec('total', { indicator: 'members', programme: 'p1' });
			const at = await factsAt('2024-06-30', [p1]);
			// The only p1 value: 04101 members 2024-06 = 40.
			expect(allUnits(at, p1)).toEqual({
				'04': 40,
				'040': null,
				'041': 40,
				'04001': null,
				'04002': null,
				'04003': null,
				'04101': 40,
				'04102': null
			});
		});
	});

	describe('total of a stock (time last, unit sum)', () => {
		const members = spec('total', { indicator: 'members' });

		it('takes each unit’s latest period, then sums over units', async () => {
			const at = await factsAt('2024-06-30', [members]);
			expect(allUnits(at, members)).toEqual({
				// 04001: latest period ≤ as-of inside the plan is 2024-06 → 120 (2024-09 is later; 2023-* before).
				'04001': 120,
				// 04002: 2024Q2 (230) and 2024-06 (225) both end 06-30; the later start (2024-06) wins → 225.
				'04002': 225,
				'04003': null,
				// 04101: two values in 2024-06, 60 (no programme) + 40 (p1) = 100.
				'04101': 100,
				// 04102: 2024-02 → 70 (2023Q4 is before the plan).
				'04102': 70,
				'040': 345, // 120 + 225
				'041': 170, // 100 + 70
				'04': 515 // 345 + 170
			});
		});

		it('ignores periods that start after the as-of date', async () => {
			const at = await factsAt('2024-03-31', [members]);
			// 04001: 2024-03 → 110; 04002: 2024Q1 → 210 (Q2 starts 04-01, after 03-31); 04101: its 2024-06 values
			// start after the as-of date → none; 04102: 70. Province: 110 + 210 + 70 = 390.
			expect(at(members, '04001')).toBe(110);
			expect(at(members, '04002')).toBe(210);
			expect(at(members, '04101')).toBeNull();
			expect(at(members, '04')).toBe(390);
		});
	});

	describe('other aggregations', () => {
		it('avg over units (time last): the mean of the units that have a value', async () => {
			const rate = spec('total', { indicator: 'loan_rate' });
			const at = await factsAt('2024-06-30', [rate]);
			// 04001 last = 2024-06 0.5 (not 2024-03's 0.2); 04002 0.7; 04101 0.9; 04102 0.5; 04003 has none.
			expect(at(rate, '04001')).toBe(0.5);
			expect(at(rate, '040')).toBe(0.6); // (0.5 + 0.7) / 2; 04003 is left out, not counted as 0
			expect(at(rate, '041')).toBe(0.7); // (0.9 + 0.5) / 2
			expect(at(rate, '04')).toBe(0.65); // (0.5 + 0.7 + 0.9 + 0.5) / 4
		});

		it('max over time and over units', async () => {
			const score = spec('total', { indicator: 'model_score' });
			const mid = await factsAt('2024-06-30', [score]);
			// 04001 max(Jan 3, May 7) = 7 (Aug 9 is after the as-of date); 04002 5; 04101 8.
			expect(mid(score, '04001')).toBe(7);
			expect(mid(score, '040')).toBe(7); // max(7, 5)
			expect(mid(score, '041')).toBe(8);
			expect(mid(score, '04')).toBe(8); // max(7, 5, 8)
			const end = await factsAt('2024-12-31', [score]);
			expect(end(score, '04')).toBe(9); // 04001's August 9 now counts
		});

		it('avg over time, sum over units', async () => {
			const attendance = spec('total', { indicator: 'attendance' });
			const at = await factsAt('2024-06-30', [attendance]);
			expect(at(attendance, '04001')).toBe(15); // (10 + 20) / 2
			expect(at(attendance, '04002')).toBe(30);
			expect(at(attendance, '04')).toBe(45); // 15 + 30
		});

		it('min over time and over units', async () => {
			const days = spec('total', { indicator: 'waiting_days' });
			const at = await factsAt('2024-06-30', [days]);
			expect(at(days, '04001')).toBe(3); // min(5, 3)
			expect(at(days, '041')).toBe(4);
			expect(at(days, '04')).toBe(3); // min(3, 4)
		});
	});

	describe('ratio', () => {
		const ratio = spec('ratio', { numerator: 'dv_supported', denominator: 'dv_detected' });
		const inverse = spec('ratio', { numerator: 'dv_detected', denominator: 'dv_supported' });

		it('divides the totals, with no value when the denominator is 0 or missing or the numerator missing', async () => {
			const at = await factsAt('2024-06-30', [ratio, inverse]);
			expect(allUnits(at, ratio)).toEqual({
				'04001': 0.7, // 7 / 10
				'04002': 0.8, // 4 / 5
				'04003': null, // no data
				'04101': null, // 0 / 0: the denominator is 0
				'04102': null, // 1 / (nothing): the denominator is missing
				'040': 0.733333333, // (7 + 4) / (10 + 5) = 11/15, kept to 9 decimals
				'041': null, // (0 + 1) / 0
				'04': 0.8 // (7 + 4 + 0 + 1) / (10 + 5 + 0) = 12/15: exactly 80%
			});
			expect(at(inverse, '04102')).toBeNull(); // (nothing) / 1: the numerator is missing
			expect(at(inverse, '04101')).toBeNull(); // 0 / 0
		});
	});

	describe('change', () => {
		const change = spec('change', { indicator: 'members' });

		it('last value up to the as-of date minus the last value before the plan start', async () => {
			const at = await factsAt('2024-06-30', [change]);
			expect(allUnits(at, change)).toEqual({
				// 120 (2024-06) − 100 (2023-12, the latest before 2024; 2023-06's 90 is older) = 20
				'04001': 20,
				'04002': 25, // 225 (2024-06) − 200 (year 2023)
				'04003': null, // nothing either side
				'04101': 20, // (60 + 40) − 80
				'04102': 5, // 70 − 65 (2023Q4)
				'040': 45, // (120 + 225) − (100 + 200)
				'041': 25, // (100 + 70) − (80 + 65)
				'04': 70 // 515 − 445
			});
		});

		it('moves with the as-of date but keeps its baseline', async () => {
			const at = await factsAt('2024-12-31', [change]);
			// 04001 now at 130 (2024-09); 2025-01's 500 is after the plan end. 130 − 100 = 30.
			expect(at(change, '04001')).toBe(30);
			expect(at(change, '04')).toBe(80); // (130 + 225 + 100 + 70) − 445 = 525 − 445
		});

		it('has no value without a value inside the plan up to the as-of date', async () => {
			const at = await factsAt('2024-01-31', [change]);
			// In January nothing has been reported yet (the first 2024 values are 2024-02 and 2024Q1, which
			// starts 01-01: 04002 2024Q1 → 210 − 200 = 10); 04001's first 2024 value is March → none.
			expect(at(change, '04001')).toBeNull();
			expect(at(change, '04002')).toBe(10);
		});
	});

	describe('assigned', () => {
		it('reads the unit’s own quota for exactly the plan period', async () => {
			const members = spec('assigned', { indicator: 'members' });
			const households = spec('assigned', { indicator: 'households' });
			const at = await factsAt('2024-06-30', [members, households]);
			expect(allUnits(at, members)).toEqual({
				'04': 60,
				'040': 40, // the 2024 row; 040's 2024Q1 row (5) is not the plan period
				'041': 30,
				'04001': null,
				'04002': null,
				'04003': null,
				'04101': null,
				'04102': null
			});
			expect(at(households, '04')).toBe(161);
		});
	});

	describe('submittedOn', () => {
		const any = spec('submittedOn', { report: 'periodic-report' });
		const s1 = spec('submittedOn', { report: 'periodic-report', period: '2024S1' });
		const y2023 = spec('submittedOn', { report: 'periodic-report', period: '2023' });
		const meeting = spec('submittedOn', { report: 'branch-meeting' });

		it('the earliest submission on or before the as-of date', async () => {
			const at = await factsAt('2024-06-30', [any, s1, y2023, meeting]);
			// 040 sent its Q1 report on 04-12 and its S1 report on 07-10 (after the as-of date).
			expect(at(any, '040')).toBe('2024-04-12');
			// 041 sent S1 on 07-25 (after the as-of date); its 2023 report is not a period inside the plan.
			expect(at(any, '041')).toBeNull();
			expect(at(s1, '040')).toBeNull(); // not sent yet on 06-30
			expect(at(y2023, '041')).toBe('2024-01-15'); // asked for by period, sent in the plan year
			expect(at(meeting, '04')).toBe('2024-03-20');
			expect(at(meeting, '040')).toBeNull(); // a unit's submission is its own, not its parent's
		});

		it('later, and by period', async () => {
			const at = await factsAt('2024-07-31', [any, s1]);
			expect(at(any, '040')).toBe('2024-04-12'); // earliest of 04-12 and 07-10
			expect(at(any, '041')).toBe('2024-07-25');
			expect(at(s1, '040')).toBe('2024-07-10');
			expect(at(s1, '041')).toBe('2024-07-25');
		});
	});

	describe('unitsMeeting', () => {
		const communes = spec('unitsMeeting', {
			level: 'commune',
			condition: leaf('total', { indicator: 'households' }, 'greaterThanInclusive', 10)
		});
		const districtsRatio = spec('unitsMeeting', {
			level: 'district',
			condition: leaf(
				'ratio',
				{ numerator: 'dv_supported', denominator: 'dv_detected' },
				'greaterThanInclusive',
				0.8
			)
		});
		const districtsQuota = spec('unitsMeeting', {
			level: 'district',
			condition: leaf('change', { indicator: 'members' }, 'greaterThanInclusive', {
				fact: 'assigned',
				params: { indicator: 'members' }
			})
		});

		it('counts sub-units meeting a condition; a unit without data does not meet it', async () => {
			const at = await factsAt('2024-06-30', [communes, districtsRatio, districtsQuota]);
			// Households by 06-30: 04001 60 ✓, 04002 45 ✓, 04003 none ✗, 04101 15 ✓, 04102 5 ✗.
			expect(at(communes, '04')).toEqual({ count: 3, total: 5, share: 0.6 });
			expect(at(communes, '040')).toEqual({ count: 2, total: 3, share: 0.666666667 }); // 2/3
			expect(at(communes, '041')).toEqual({ count: 1, total: 2, share: 0.5 });
			expect(at(communes, '04001')).toEqual({ count: 0, total: 0, share: null }); // no communes under a commune
			// Ratios: 040 11/15 ≈ 0.733 < 0.8 ✗; 041 has none (denominator 0) ✗.
			expect(at(districtsRatio, '04')).toEqual({ count: 0, total: 2, share: 0 });
			// Quota as the compared value: 040 change 45 ≥ assigned 40 ✓; 041 25 ≥ 30 ✗.
			expect(at(districtsQuota, '04')).toEqual({ count: 1, total: 2, share: 0.5 });
		});
	});

	describe('codes repeating across the 2025 reorganisation', () => {
		it('builds the tree valid on the plan start date', async () => {
			const before = await buildPlanTree(conn, '04', '2024-01-01');
			const after = await buildPlanTree(conn, '04', '2026-01-01');
			expect([...(before?.units.keys() ?? [])]).toEqual(UNITS_2024.slice().sort());
			expect([...(after?.units.keys() ?? [])]).toEqual(['04', '04001', '04101']);
			expect(after?.root.name).toBe('Tỉnh Thử (sau sắp xếp)');
			expect(await buildPlanTree(conn, '040', '2026-01-01')).toBeNull(); // districts were abolished
		});

		it('a value belongs to the unit that held the code during its period', async () => {
			const plan2025: PlanMeta = {
				...PLAN_2024,
				id: 'small-2025',
				period: { start: '2025-01-01', end: '2025-12-31' }
			};
			const households = spec('total', { indicator: 'households' });
			const report = spec('submittedOn', { report: 'periodic-report' });
			const at = await factsAt('2025-12-31', [households, report], plan2025);
			// The plan starts on 2025-01-01, so it covers the old 04001 (valid to 2025-06-30): 2025-01 99 +
			// 2025-02 3 = 102. The 2025-08 value (4) was reported by the new 04001 (from 2025-07-01).
			expect(at(households, '04001')).toBe(102);
			expect(at(households, '04')).toBe(102);
			// The 2025Q3 report of code 04001 (sent 2025-10-01) is the new commune's too.
			expect(at(report, '04001')).toBeNull();
		});

		it('a baseline before the reorganisation is not the new unit’s baseline', async () => {
			const plan2026: PlanMeta = {
				...PLAN_2024,
				id: 'small-2026',
				period: { start: '2026-01-01', end: '2026-12-31' }
			};
			const members = spec('total', { indicator: 'members' });
			const change = spec('change', { indicator: 'members' });
			const at = await factsAt('2026-06-30', [members, change], plan2026);
			expect(at(members, '04001')).toBe(150); // 2026-03
			expect(at(members, '04101')).toBe(120); // 2026-03
			expect(at(members, '04')).toBe(270);
			// New 04001: 150 − 140 (2025-12, reported by the new unit) = 10. Its 2025-01 value (500) and the
			// 2024 values were the old 04001's.
			expect(at(change, '04001')).toBe(10);
			// New 04101 has no value before 2026 of its own: its 2024 values (60 + 40) were the old 04101's.
			expect(at(change, '04101')).toBeNull();
			// The province: each unit's last value, 150 + 120, minus each unit's baseline, 140 (04101 has none).
			expect(at(change, '04')).toBe(130);
		});
	});
});

describe('both engines', () => {
	it('give identical facts', () => {
		const [wasm, native] = engines.map(([name]) => seen[name] ?? {});
		expect(Object.keys(wasm ?? {}).length).toBeGreaterThan(100);
		expect(native).toEqual(wasm);
	});
});
