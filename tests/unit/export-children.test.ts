import { csvParse } from 'd3-dsv';
import { describe, expect, it } from 'vitest';
import type { DrillRow } from '$lib/drilldown/drill-plan';
import { childrenCsv } from '$lib/export/children-csv';
import type { PlanRule, RuleResult } from '$lib/model/plan';
import type { UnitInfo } from '$lib/state/units';

const rule = (name: string): PlanRule => ({
	name,
	title: { vi: name, en: name },
	source: '1',
	conditions: { all: [{ fact: 'total', params: { indicator: 'x' }, operator: 'greaterThan', value: 0 }] },
	event: { type: 'target-met' }
});
const result = {} as RuleResult;
const unit = (code: string, name: string): UnitInfo => ({
	code,
	name,
	nameEn: null,
	level: 'district',
	parentCode: '04'
});

describe('sub-unit table CSV', () => {
	it('has a row per child with its attainment and each target’s status or contribution', () => {
		const rows: DrillRow[] = [
			{
				rule: rule('each-district'),
				result,
				judged: true,
				children: new Map([
					['040', { kind: 'status', status: 'achieved', actual: 5, target: 2 }],
					['041', { kind: 'status', status: 'off-track', actual: 0, target: 2 }]
				])
			},
			{
				rule: rule('province-total'),
				result,
				judged: false,
				children: new Map([['040', { kind: 'contribution', actual: 12 }]])
			},
			{ rule: rule('nothing-below'), result, judged: true, children: new Map() }
		];
		const text = childrenCsv(
			rows,
			[
				{ unit: unit('040', 'Thành phố Cao Bằng'), attainment: 1 },
				{ unit: unit('041', 'Huyện Bảo Lâm'), attainment: 0 }
			],
			'vi'
		);
		const parsed = csvParse(text.slice(1).replace(/\r\n/g, '\n'));
		expect(parsed.columns).toEqual([
			'ma_don_vi',
			'ten_don_vi',
			'ty_le_dat',
			'each-district',
			'province-total'
		]);
		expect(parsed.map((r) => Object.values(r))).toEqual([
			['040', 'Thành phố Cao Bằng', '1', 'achieved', '12'],
			['041', 'Huyện Bảo Lâm', '0', 'off-track', '']
		]);
	});
});
