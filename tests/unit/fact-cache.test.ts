/**
 * The facts cache (src/lib/rules/fact-cache.ts): a plan evaluated at a unit inside a tree evaluated before gets
 * the same results as without the cache, with no data query; another as-of date or a cleared cache queries again.
 * Figures are worked out by hand from tests/unit/fixtures/small/values.csv.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '$lib/db/connector';
import type { PlanFile } from '$lib/model/plan';
import { evaluatePlan, type Evaluation } from '$lib/rules/evaluate';
import { FactCache } from '$lib/rules/fact-cache';
import { collectRequests } from '$lib/rules/fact-requests';
import { computeFacts } from '$lib/rules/facts-sql';
import { buildPlanTree } from '$lib/rules/hierarchy';
import { engines, leaf, openSmall, planFile, rule } from './fixtures/small/dataset';
import smallPlan from './fixtures/small/small-2024.json';

/** A connector that counts the statements reading data tables. */
function counting(conn: Connector): { conn: Connector; dataQueries: () => number } {
	let count = 0;
	const note = (sql: string) => {
		if (/"values"|FROM targets|FROM submissions/.test(sql)) count += 1;
	};
	return {
		conn: {
			...conn,
			query: (sql, params) => (note(sql), conn.query(sql, params)),
			exec: (sql, params) => (note(sql), conn.exec(sql, params))
		},
		dataQueries: () => count
	};
}

const plain = (evaluation: Evaluation) => JSON.parse(JSON.stringify(evaluation)) as unknown;
const at = (plan: PlanFile, orgUnit: string): PlanFile => ({ ...plan, plan: { ...plan.plan, orgUnit } });

const households = planFile([
	rule('households', [leaf('total', { indicator: 'households' }, 'greaterThanInclusive', 100)])
]);

describe.each(engines)('facts cache on %s', (_name, create) => {
	let conn: Connector;
	beforeAll(async () => {
		conn = await openSmall(create);
	});
	afterAll(async () => {
		await conn?.close();
	});

	it('gives a district the results it gets without a cache, without querying the data', async () => {
		const cache = new FactCache();
		const spy = counting(conn);
		await evaluatePlan(spy.conn, households, '2024-06-30', cache);
		const before = spy.dataQueries();
		expect(before).toBeGreaterThan(0);
		const cached = await evaluatePlan(spy.conn, at(households, '040'), '2024-06-30', cache);
		expect(spy.dataQueries()).toBe(before);
		// 04001: January–June, 6 × 10 = 60; 04002: 2024Q1 + 2024Q2 = 20 + 25 = 45; 04003 has no data.
		expect(cached.results[0]?.actual).toBe(105);
		expect(plain(cached)).toEqual(plain(await evaluatePlan(conn, at(households, '040'), '2024-06-30')));
		// 04101: 2024Q1 + 2024Q2 = 8 + 7; 04102: 2024-03 = 5.
		expect(
			(await evaluatePlan(spy.conn, at(households, '041'), '2024-06-30', cache)).results[0]?.actual
		).toBe(20);
		expect(spy.dataQueries()).toBe(before);
	});

	it('holds every seed rule of the small plan to the uncached results, unit by unit', async () => {
		const cache = new FactCache();
		const plan = smallPlan as PlanFile;
		await evaluatePlan(conn, plan, '2024-09-30', cache);
		for (const unit of ['040', '041', '04001', '04102']) {
			const cached = await evaluatePlan(conn, at(plan, unit), '2024-09-30', cache);
			expect(plain(cached)).toEqual(plain(await evaluatePlan(conn, at(plan, unit), '2024-09-30')));
		}
	});

	it('queries again for another as-of date, and after being cleared', async () => {
		const cache = new FactCache();
		const spy = counting(conn);
		await evaluatePlan(spy.conn, households, '2024-06-30', cache);
		const first = spy.dataQueries();
		const march = await evaluatePlan(spy.conn, households, '2024-03-31', cache);
		expect(spy.dataQueries()).toBeGreaterThan(first);
		// 31 March: 04001 30, 04002 20 (2024Q1), 04101 8, 04102 5.
		expect(march.results[0]?.actual).toBe(63);
		const second = spy.dataQueries();
		cache.clear();
		await evaluatePlan(spy.conn, households, '2024-03-31', cache);
		expect(spy.dataQueries()).toBeGreaterThan(second);
	});

	it('evaluates a plan with more series than the cache keeps, the same as in parts', async () => {
		// Every indicator over each period code of 2024 (12 months, 4 quarters, 2 halves, the year: 190 series with
		// data), and households on every day of January–July (213 more): 403 series, more than a cache keeps (400).
		const periods = [
			...Array.from({ length: 12 }, (_, m) => `2024-${String(m + 1).padStart(2, '0')}`),
			...['2024Q1', '2024Q2', '2024Q3', '2024Q4', '2024S1', '2024S2', '2024']
		];
		const days: string[] = [];
		for (
			let d = new Date(Date.UTC(2024, 0, 1));
			d < new Date(Date.UTC(2024, 7, 1));
			d.setUTCDate(d.getUTCDate() + 1)
		)
			days.push(d.toISOString().slice(0, 10));
		const indicators = (await conn.query<{ code: string }>('SELECT code FROM indicators ORDER BY code')).map(
			(row) => row.code
		);
		const rulesFor = (pairs: Array<[string, string]>) =>
			pairs.map(([indicator, period]) =>
				rule(`${indicator}@${period}`, [leaf('total', { indicator, period }, 'greaterThanInclusive', 0)])
			);
		const withData = rulesFor(indicators.flatMap((i) => periods.map((p): [string, string] => [i, p])));
		const daily = rulesFor(days.map((day): [string, string] => ['households', day]));
		const whole = await evaluatePlan(conn, planFile([...withData, ...daily]), '2024-12-31');
		const parts = [
			...(await evaluatePlan(conn, planFile(withData), '2024-12-31')).results,
			...(await evaluatePlan(conn, planFile(daily), '2024-12-31')).results
		];
		expect(whole.results).toHaveLength(403);
		expect(JSON.parse(JSON.stringify(whole.results))).toEqual(JSON.parse(JSON.stringify(parts)));
		// January: 04001's 10 (04002 and 04101 report quarters, 04102 has March and September).
		expect(whole.results.find((r) => r.rule === 'households@2024-01')?.actual).toBe(10);
	});

	it('makes a tree’s tables again when another connector object replaced them in the same database', async () => {
		const district = await buildPlanTree(conn, '040', '2024-01-01');
		if (!district) throw new Error('no district 040');
		// A wrapper (as the benchmark's timing connector is) over the same database puts 041's tables in place.
		await buildPlanTree({ ...conn }, '041', '2024-01-01');
		const requests = collectRequests(households, district.root.level);
		const store = await computeFacts(conn, households.plan, '2024-06-30', district, requests);
		// 040 by 30 June, as above: 60 + 45.
		expect(store.get('total', { indicator: 'households' }, '040')).toBe(105);
	});

	it('cuts a unit’s tree from a larger one exactly as the query reads it', async () => {
		const cache = new FactCache();
		await cache.tree(conn, '04', '2024-01-01');
		const cut = await cache.tree(conn, '040', '2024-01-01');
		const read = await buildPlanTree(conn, '040', '2024-01-01');
		expect(cut?.root).toEqual(read?.root);
		expect([...(cut?.units.keys() ?? [])]).toEqual([...(read?.units.keys() ?? [])]);
		expect([...(cut?.children.entries() ?? [])].sort()).toEqual([...(read?.children.entries() ?? [])].sort());
		expect(await cache.tree(conn, '04', '2026-01-01')).not.toBeNull(); // another date, read anew
		expect(await cache.tree(conn, '040', '2026-01-01')).toBeNull(); // districts were abolished
	});
});
