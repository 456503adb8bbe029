/**
 * Outliers by robust z-score (src/lib/quality/outliers.ts) on a small hand-made dataset, on DuckDB-WASM and
 * native DuckDB. Every figure is worked out by hand.
 *
 *   VN └─ 10 └─ 101: communes 10101 … 10105 (peers: same parent, same level)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '$lib/db/connector';
import { loadDataset, type DataFile } from '$lib/db/load';
import type { PlanFile } from '$lib/model/plan';
import { outliers } from '$lib/quality/outliers';
import { engines } from './fixtures/small/dataset';

const csv = (table: DataFile['table'], lines: string[]): DataFile => ({
	table,
	name: `${table}.csv`,
	format: 'csv',
	bytes: new TextEncoder().encode(lines.join('\n'))
});

const FILES: DataFile[] = [
	csv('org_units', [
		'code,name,level,parent_code,valid_from,valid_to',
		'VN,Trung ương,central,,,',
		'10,Tỉnh Mười,province,VN,,',
		'101,Huyện Một,district,10,,',
		...['1', '2', '3', '4', '5'].map((n) => `1010${n},Xã ${n},commune,101,,`)
	]),
	csv('indicators', [
		'code,name_vi,name_en,unit,time_aggregation,unit_aggregation',
		'm,Hoạt động,Activities,lần,sum,sum',
		'q,Hội viên,Members,người,last,sum'
	]),
	csv('programmes', ['code,name_vi,name_en']),
	csv('reports', ['code,name_vi,name_en']),
	csv('values', [
		'org_unit,indicator,period,value,programme',
		// 10101's own history: 10, 12, 11, 13, 10, 12 from January to June, then 60 in July and 11 in August.
		'10101,m,2023-12,11,',
		...[10, 12, 11, 13, 10, 12, 60, 11].map((v, i) => `10101,m,2024-0${i + 1},${v},`),
		// Peers in Q1: 100, 110, 95, 105 and a stray 1,000; in Q2 the same again, so 10105 is far from its peers
		// but not from its own previous value: flagged once, in Q1.
		...[100, 110, 95, 105, 1000].map((v, i) => `1010${i + 1},q,2024Q1,${v},`),
		...[100, 110, 95, 105, 1000].map((v, i) => `1010${i + 1},q,2024Q2,${v},`)
	]),
	csv('targets', ['org_unit,indicator,period,target']),
	csv('submissions', ['org_unit,report,period,submitted_on'])
];

const PLAN: PlanFile = {
	plan: {
		id: 'q-2024',
		title: { vi: 'Kế hoạch thử', en: 'Test plan' },
		issuer: 'Tỉnh Mười',
		orgUnit: '10',
		period: { start: '2024-01-01', end: '2024-12-31' },
		programmes: []
	},
	rules: []
};

describe.each(engines)('outliers on %s', (_name, create) => {
	let conn: Connector;
	beforeAll(async () => {
		conn = await create();
		const reports = await loadDataset(conn, FILES);
		expect(reports.flatMap((r) => r.problems)).toEqual([]);
	});
	afterAll(async () => {
		await conn.close();
	});

	it('flags a value far from the unit’s own past and one far from its peers', async () => {
		const found = await outliers(conn, PLAN, '2024-12-31');
		// Peers: median 105, deviations 5, 5, 10, 0, 895 → MAD 5; scale max(1.4826 × 5, 10% × 105, 1) = 10.5;
		// z = 895 / 10.5 ≈ 85.2.
		// History of July: Dec 2023 and Jan–Jun 2024 = 11, 10, 12, 11, 13, 10, 12 → median 11; deviations 0, 1, 1,
		// 0, 2, 1, 1 → MAD 1; scale max(1.4826, 1.1, 1) = 1.4826; z = 49 / 1.4826 ≈ 33.0. August's past (July's 60
		// included: the median does not care) has median 11.5, so its 11 is far from nothing.
		expect(
			found.map((o) => [o.basis, o.unit, o.indicator, o.period, o.value, o.median, o.mad, o.count])
		).toEqual([
			['peers', '10105', 'q', '2024Q1', 1000, 105, 5, 5],
			['history', '10101', 'm', '2024-07', 60, 11, 1, 7]
		]);
		expect(found[0]?.z).toBeCloseTo(895 / 10.5, 9);
		expect(found[0]?.parent).toBe('101');
		expect(found[0]?.previous).toBeNull();
		expect(found[1]?.z).toBeCloseTo(49 / 1.4826, 9);
		expect(found[1]?.parent).toBeNull();
	});

	it('needs enough history and peers, and looks only at values begun by the as-of date', async () => {
		// Without Q1 (a plan from April), 10105's Q2 value has the Q1 one before it all the same: not flagged.
		const fromApril: PlanFile = {
			...PLAN,
			plan: { ...PLAN.plan, period: { start: '2024-04-01', end: '2024-12-31' } }
		};
		expect((await outliers(conn, fromApril, '2024-12-31')).filter((o) => o.basis === 'peers')).toEqual([]);
		// On 30/6 July is not there yet; Q1 peers are.
		expect((await outliers(conn, PLAN, '2024-06-30')).map((o) => o.basis)).toEqual(['peers']);
		// With 8 past values required, July (7 before it) is not judged; with 6 peers required, Q1 is not either.
		expect(await outliers(conn, PLAN, '2024-12-31', { minHistory: 8, minPeers: 6 })).toEqual([]);
	});

	it('takes its threshold as an option', async () => {
		// |z| of 33 and 85: a threshold of 50 keeps only the peer outlier.
		expect((await outliers(conn, PLAN, '2024-12-31', { threshold: 50 })).map((o) => o.unit)).toEqual([
			'10105'
		]);
	});
});
