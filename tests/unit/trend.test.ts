import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '$lib/db/connector';
import { loadDataset, type DataFile } from '$lib/db/load';
import { createWasmNodeConnector } from '$lib/db/wasm-node';
import type { PlanFile } from '$lib/model/plan';
import { measureTrends, monthEnds } from '$lib/rules/trend';

describe('month ends', () => {
	it('lists each month end before the as-of date, then the as-of date', () => {
		expect(monthEnds('2024-01-01', '2024-03-15')).toEqual(['2024-01-31', '2024-02-29', '2024-03-15']);
		expect(monthEnds('2024-01-01', '2024-02-29')).toEqual(['2024-01-31', '2024-02-29']);
		expect(monthEnds('2023-12-01', '2024-01-10')).toEqual(['2023-12-31', '2024-01-10']);
		expect(monthEnds('2024-01-01', '2024-01-01')).toEqual(['2024-01-01']);
	});
});

const csv = (table: DataFile['table'], text: string): DataFile => ({
	table,
	name: `${table}.csv`,
	format: 'csv',
	bytes: new TextEncoder().encode(text)
});

describe('measure trends', () => {
	let conn: Connector;
	beforeAll(async () => {
		conn = await createWasmNodeConnector();
		await loadDataset(conn, [
			csv(
				'org_units',
				'code,name,level,parent_code\nVN,TW,central,\n04,Cao Bằng,province,VN\n040,TP,district,04\n04001,Xã A,commune,040\n04002,Xã B,commune,040'
			),
			csv(
				'indicators',
				'code,name_vi,name_en,unit,time_aggregation,unit_aggregation\nh,Hộ,Households,hộ,sum,sum\nm,Hội viên,Members,người,last,sum'
			),
			csv(
				'values',
				[
					'org_unit,indicator,period,value',
					'04001,h,2024-01,3',
					'04002,h,2024-01,2',
					'04001,h,2024-02,4',
					'04002,h,2024Q1,10', // counts from the Q1 end only (a value counts once its period starts; Q1 starts 1 Jan)
					'04001,m,2024-01,100',
					'04001,m,2024-03,120'
				].join('\n')
			)
		]);
	});
	afterAll(async () => conn.close());

	it('gives each plan-wide measure at every month end (worked out by hand)', async () => {
		const plan: PlanFile = {
			plan: {
				id: 'p',
				title: { vi: 'p', en: 'p' },
				issuer: 'x',
				orgUnit: '04',
				period: { start: '2024-01-01', end: '2024-12-31' },
				programmes: []
			},
			rules: [
				{
					name: 'households',
					title: { vi: 'h', en: 'h' },
					source: '1',
					conditions: {
						all: [{ fact: 'total', params: { indicator: 'h' }, operator: 'greaterThanInclusive', value: 30 }]
					},
					event: { type: 'target-met' }
				},
				{
					name: 'members-each',
					title: { vi: 'm', en: 'm' },
					source: '2',
					scope: { each: 'commune' },
					conditions: {
						all: [{ fact: 'total', params: { indicator: 'm' }, operator: 'greaterThanInclusive', value: 1 }]
					},
					event: { type: 'target-met' }
				}
			]
		};
		const trends = await measureTrends(conn, plan, '2024-03-31');
		// 31 Jan: 3 + 2 + Q1's 10 (Q1 started on 1 Jan) = 15; 29 Feb: + 4 = 19; 31 Mar: 19.
		expect(trends.get('households')).toEqual([
			{ date: '2024-01-31', value: 15 },
			{ date: '2024-02-29', value: 19 },
			{ date: '2024-03-31', value: 19 }
		]);
		expect(trends.has('members-each')).toBe(false);
	});
});
