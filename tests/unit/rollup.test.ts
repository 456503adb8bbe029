import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UNIT_AGGREGATIONS } from '$lib/model/data';
import type { PlanTree, TreeUnit } from '$lib/rules/hierarchy';
import { rollUpTree } from '$lib/rules/rollup';

const unit = (code: string, parentCode: string | null): TreeUnit => ({
	code,
	name: code,
	level: parentCode === null ? 'province' : code.length === 3 ? 'district' : 'commune',
	parentCode
});

/** A tree from child → parent pairs (the first unit is the root). */
function treeOf(pairs: Array<[string, string | null]>): PlanTree {
	const units = pairs.map(([code, parent]) => unit(code, parent));
	const children = new Map<string, string[]>();
	for (const u of units.slice(1))
		children.set(u.parentCode as string, [...(children.get(u.parentCode as string) ?? []), u.code]);
	return {
		root: units[0] as TreeUnit,
		onDate: '2024-01-01',
		units: new Map(units.map((u) => [u.code, u])),
		children
	};
}

/** 04 → {040 → {04001, 04002}, 041 → {04101}} */
const small = treeOf([
	['04', null],
	['040', '04'],
	['04001', '040'],
	['04002', '040'],
	['041', '04'],
	['04101', '041']
]);

describe('rollUpTree', () => {
	const values: Record<string, number | null> = { '04001': 10, '04002': 4, '04101': null, '040': 1 };
	const valueOf = (code: string) => values[code];

	it('aggregates each subtree’s values like SQL: rows without a value take no part, nulls are skipped', () => {
		// 040: its own 1 with 10 and 4; 041: only a null; 04: all four rows, three numbers.
		expect([...rollUpTree(small, valueOf, 'sum')].sort()).toEqual([
			['04', 15],
			['040', 15],
			['04001', 10],
			['04002', 4],
			['041', null],
			['04101', null]
		]);
		expect(rollUpTree(small, valueOf, 'avg').get('04')).toBe(5);
		expect(rollUpTree(small, valueOf, 'avg').get('040')).toBe(5);
		expect(rollUpTree(small, valueOf, 'max').get('04')).toBe(10);
		expect(rollUpTree(small, valueOf, 'min').get('040')).toBe(1);
	});

	it('leaves out units with no row under them', () => {
		const rolled = rollUpTree(small, (code) => (code === '04002' ? 3 : undefined), 'sum');
		expect([...rolled.keys()].sort()).toEqual(['04', '040', '04002']);
	});

	it('keeps zero and negative values', () => {
		const signed: Record<string, number> = { '04001': -3, '04002': 0 };
		expect(rollUpTree(small, (c) => signed[c], 'max').get('040')).toBe(0);
		expect(rollUpTree(small, (c) => signed[c], 'min').get('04')).toBe(-3);
		expect(rollUpTree(small, (c) => signed[c], 'avg').get('04')).toBe(-1.5);
	});

	it('agrees with aggregating each subtree’s list of values, on random trees', () => {
		// The independent way: walk each unit's subtree and aggregate the list it finds.
		const brute = (tree: PlanTree, values: Map<string, number | null>, how: string, code: string) => {
			const found: Array<number | null> = [];
			const stack = [code];
			while (stack.length) {
				const next = stack.pop() as string;
				if (values.has(next)) found.push(values.get(next) as number | null);
				stack.push(...(tree.children.get(next) ?? []));
			}
			if (found.length === 0) return undefined;
			const numbers = found.filter((v): v is number => v !== null);
			if (numbers.length === 0) return null;
			if (how === 'max') return Math.max(...numbers);
			if (how === 'min') return Math.min(...numbers);
			const sum = numbers.reduce((a, b) => a + b, 0);
			return how === 'avg' ? sum / numbers.length : sum;
		};
		fc.assert(
			fc.property(
				fc.array(fc.nat(), { minLength: 1, maxLength: 40 }),
				fc.array(fc.option(fc.integer({ min: -1000, max: 1000 }), { nil: undefined }), { maxLength: 41 }),
				fc.constantFrom(...UNIT_AGGREGATIONS),
				(parentPicks, picks, how) => {
					// Unit i + 1 hangs under one of the units before it.
					const pairs: Array<[string, string | null]> = [['u0', null]];
					parentPicks.forEach((pick, i) => pairs.push([`u${i + 1}`, `u${pick % (i + 1)}`]));
					const tree = treeOf(pairs);
					const values = new Map<string, number | null>();
					picks.forEach((v, i) => {
						if (i < pairs.length && v !== undefined) values.set(`u${i}`, v % 7 === 0 ? null : v);
					});
					const rolled = rollUpTree(tree, (code) => values.get(code), how);
					for (const [code] of pairs) {
						const expected = brute(tree, values, how, code);
						const got = rolled.get(code);
						if (expected === undefined || expected === null) expect(got).toBe(expected);
						else expect(got).toBeCloseTo(expected, 9);
					}
				}
			),
			{ numRuns: 200 }
		);
	});
});
