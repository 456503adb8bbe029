import { describe, expect, it } from 'vitest';
import type { PlanTree, TreeUnit } from '$lib/rules/hierarchy';
import { aggregate, subtreeOf } from '$lib/rules/rollup';

/** VN → 04 → {040 → {04001, 04002}, 041 → {04101}} */
function tree(): PlanTree {
	const unit = (code: string, level: TreeUnit['level'], parentCode: string | null): TreeUnit => ({
		code,
		name: code,
		level,
		parentCode
	});
	const units = [
		unit('04', 'province', null),
		unit('040', 'district', '04'),
		unit('04001', 'commune', '040'),
		unit('04002', 'commune', '040'),
		unit('041', 'district', '04'),
		unit('04101', 'commune', '041')
	];
	return {
		root: units[0] as TreeUnit,
		onDate: '2024-01-01',
		units: new Map(units.map((u) => [u.code, u])),
		children: new Map([
			['04', ['040', '041']],
			['040', ['04001', '04002']],
			['041', ['04101']]
		])
	};
}

describe('subtreeOf', () => {
	it('lists a unit and every unit under it', () => {
		expect(subtreeOf(tree(), '04').sort()).toEqual(['04', '040', '04001', '04002', '041', '04101']);
		expect(subtreeOf(tree(), '040').sort()).toEqual(['040', '04001', '04002']);
		expect(subtreeOf(tree(), '04101')).toEqual(['04101']);
	});
});

describe('aggregate', () => {
	const values: Record<string, number | null> = { '04001': 10, '04002': 4, '04101': null, '040': 1 };
	const valueOf = (code: string) => values[code];
	const codes = ['04', '040', '04001', '04002', '041', '04101'];

	it('aggregates the values that exist, skipping nulls, like SQL', () => {
		// 10 + 4 + 1 (the district's own row); 04101's null and the units without a row take no part.
		expect(aggregate(codes, valueOf, 'sum')).toBe(15);
		expect(aggregate(codes, valueOf, 'avg')).toBe(5);
		expect(aggregate(codes, valueOf, 'max')).toBe(10);
		expect(aggregate(codes, valueOf, 'min')).toBe(1);
	});

	it('is null when every row is null and undefined when there is no row', () => {
		expect(aggregate(['041', '04101'], valueOf, 'sum')).toBeNull();
		expect(aggregate(['041'], valueOf, 'sum')).toBeUndefined();
		expect(aggregate([], valueOf, 'max')).toBeUndefined();
	});

	it('keeps negative and zero values', () => {
		const signed: Record<string, number> = { a: -3, b: 0 };
		expect(aggregate(['a', 'b'], (c) => signed[c], 'max')).toBe(0);
		expect(aggregate(['a', 'b'], (c) => signed[c], 'min')).toBe(-3);
		expect(aggregate(['a', 'b'], (c) => signed[c], 'avg')).toBe(-1.5);
	});
});
