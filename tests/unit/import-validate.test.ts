import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNumber } from '$lib/import/numbers';
import type { CandidateRow, ValueKey } from '$lib/import/types';
import {
	ratioPairsOf,
	unitResolutionKey,
	validateRows,
	valueKeyString,
	type ValidationContext
} from '$lib/import/validate';
import type { OrgUnit } from '$lib/model/data';
import type { PlanFile } from '$lib/model/plan';

type Validity = Pick<OrgUnit, 'validFrom' | 'validTo'>;
const PRE: Validity = { validFrom: null, validTo: '2025-06-30' };
const POST: Validity = { validFrom: '2025-07-01', validTo: null };
const unit = (
	code: string,
	name: string,
	level: OrgUnit['level'],
	parentCode: string | null,
	when = PRE
): OrgUnit => ({
	code,
	name,
	level,
	parentCode,
	nameEn: null,
	...when
});
const units: OrgUnit[] = [
	unit('VN', 'Trung ương Hội LHPN Việt Nam', 'central', null, { validFrom: null, validTo: null }),
	unit('04', 'Tỉnh Cao Bằng', 'province', 'VN'),
	unit('040', 'Thành phố Cao Bằng', 'district', '04'),
	unit('042', 'Huyện Bảo Lâm', 'district', '04'),
	unit('01273', 'Phường Sông Bằng', 'commune', '040'),
	unit('10001', 'Xã Tân Lập', 'commune', '040'),
	unit('10002', 'Xã Tân Lập', 'commune', '042'),
	unit('04', 'Tỉnh Cao Bằng', 'province', 'VN', POST),
	unit('20001', 'Xã Tân Lập', 'commune', '04', POST)
];
const indicators = [
	{ code: 'members', nameVi: 'Hội viên', nameEn: 'Members on the roll' },
	{ code: 'resident_women', nameVi: 'Phụ nữ có mặt tại địa bàn', nameEn: 'Women resident in the area' },
	{ code: 'dv_victims_supported', nameVi: 'Nạn nhân được hỗ trợ', nameEn: 'Victims supported' },
	{ code: 'dv_victims_detected', nameVi: 'Nạn nhân được phát hiện', nameEn: 'Victims detected' }
];
const programmes = [
	{ code: 'border-women', nameVi: 'Đồng hành cùng phụ nữ biên cương', nameEn: 'Women in border areas' }
];

const key = (
	orgUnit: string,
	indicator: string,
	period: string,
	programme: string | null = null
): ValueKey => ({
	orgUnit,
	indicator,
	period,
	programme
});

function context(loaded: [ValueKey, number][], extra: Partial<ValidationContext> = {}): ValidationContext {
	const map = new Map(loaded.map(([k, v]) => [valueKeyString(k), v]));
	return {
		units,
		indicators,
		programmes,
		existing: (k) => map.get(valueKeyString(k)),
		ratioPairs: [
			{ numerator: 'members', denominator: 'resident_women' },
			{ numerator: 'dv_victims_supported', denominator: 'dv_victims_detected' }
		],
		...extra
	};
}

let nextRow = 2;
function row(fields: Partial<CandidateRow>): CandidateRow {
	const sourceRow = nextRow++;
	return {
		file: 'bad.csv',
		sheet: null,
		sourceRow,
		source: { row: String(sourceRow) },
		orgUnit: '01273',
		orgUnitIsName: false,
		parent: null,
		indicator: 'members',
		period: '2024Q3',
		value: '10',
		programme: null,
		...fields
	};
}

describe('parseNumber (the vi-VN rule of docs/import.md)', () => {
	it.each([
		['1300', 1300],
		['1.300', 1300],
		['1.300.000', 1_300_000],
		['1 300', 1300],
		['1,5', 1.5],
		['1.5', 1.5],
		['0.125', 0.125],
		['0,125', 0.125],
		['1.300,5', 1300.5],
		['1,300.5', 1300.5],
		['1,300,000', 1_300_000],
		['-5', -5],
		['(5)', -5],
		["'-5", -5],
		['0', 0]
	])('%j → %d', (text, value) => {
		expect(parseNumber(text)).toEqual({ ok: true, value });
	});

	it('refuses what is not a number, and the ambiguous "1,300"', () => {
		expect(parseNumber('')).toEqual({ ok: false, problem: 'missing' });
		expect(parseNumber('  ')).toEqual({ ok: false, problem: 'missing' });
		expect(parseNumber('abc')).toEqual({ ok: false, problem: 'not-a-number' });
		expect(parseNumber('12 hộ')).toEqual({ ok: false, problem: 'not-a-number' });
		expect(parseNumber('1.2.3')).toEqual({ ok: false, problem: 'not-a-number' });
		expect(parseNumber('80%')).toEqual({ ok: false, problem: 'not-a-number' });
		expect(parseNumber('1,300')).toEqual({ ok: false, problem: 'ambiguous-separator' });
	});

	it('reads a numeric workbook cell as plain decimal: 1.125 is not 1125', () => {
		expect(parseNumber('1.125', true)).toEqual({ ok: true, value: 1.125 });
		expect(parseNumber('1.125')).toEqual({ ok: true, value: 1125 });
	});
});

describe('validateRows', () => {
	it('sorts a file with every kind of bad row into the right buckets, with reasons', () => {
		nextRow = 2;
		const rows = [
			/* 2 */ row({ value: '12' }), // new → imported
			/* 3 */ row({ indicator: 'resident_women', value: '400' }), // same as loaded → updated
			/* 4 */ row({ orgUnit: '10001', value: '7' }), // differs from loaded 5 → conflict
			/* 5 */ row({ orgUnit: 'Xã Không Có', orgUnitIsName: true }), // unknown unit
			/* 6 */ row({ orgUnit: 'Xã Tân Lập', orgUnitIsName: true }), // ambiguous (040 and 042)
			/* 7 */ row({ indicator: 'hoi vien moi' }), // unknown indicator
			/* 8 */ row({ programme: 'chuong trinh x' }), // unknown programme
			/* 9 */ row({ period: 'Quý 5/2024' }), // bad period
			/* 10 */ row({ orgUnit: '10002', value: '' }), // missing value
			/* 11 */ row({ orgUnit: '10002', indicator: 'resident_women', value: 'abc' }), // not a number
			/* 12 */ row({ orgUnit: '10002', indicator: 'dv_victims_detected', value: '-3' }), // negative
			/* 13 */ row({ orgUnit: '01273', indicator: 'dv_victims_supported', value: '9' }), // > 4 detected in row 14
			/* 14 */ row({ orgUnit: '01273', indicator: 'dv_victims_detected', value: '4' }), // fine
			/* 15 */ row({ value: '12' }), // duplicate of row 2
			/* 16 */ row({ orgUnit: 'Xã Không Có', orgUnitIsName: true, value: '-1' }) // two reasons
		];
		const outcome = validateRows(
			rows,
			context([
				[key('01273', 'resident_women', '2024Q3'), 400],
				[key('10001', 'members', '2024Q3'), 5]
			])
		);
		expect(outcome.rowsRead).toBe(15);
		expect(outcome.imported.map((r) => r.sourceRow)).toEqual([2, 14]);
		expect(outcome.updated.map((r) => r.sourceRow)).toEqual([3]);
		expect(outcome.imported[0]).toEqual({
			orgUnit: '01273',
			indicator: 'members',
			period: '2024Q3',
			value: 12,
			programme: null,
			file: 'bad.csv',
			sourceRow: 2
		});
		const reasons = Object.fromEntries(
			outcome.quarantined.map((q) => [q.candidate.sourceRow, q.rejections.map((r) => r.reason)])
		);
		expect(reasons).toEqual({
			4: ['conflict-with-loaded'],
			5: ['unknown-unit'],
			6: ['ambiguous-unit'],
			7: ['unknown-indicator'],
			8: ['unknown-programme'],
			9: ['bad-period'],
			10: ['missing-value'],
			11: ['not-a-number'],
			12: ['negative-value'],
			13: ['numerator-above-denominator'],
			15: ['duplicate-in-file'],
			16: ['unknown-unit', 'negative-value']
		});
		const detail = (row: number) =>
			outcome.quarantined.find((q) => q.candidate.sourceRow === row)?.rejections[0];
		expect(detail(4)?.detail).toEqual({ loaded: 5, value: 7 });
		expect(detail(6)?.suggestions).toEqual([
			{ code: '10001', name: 'Xã Tân Lập (Thành phố Cao Bằng)' },
			{ code: '10002', name: 'Xã Tân Lập (Huyện Bảo Lâm)' }
		]);
		expect(detail(7)?.suggestions?.[0]).toEqual({ code: 'members', name: 'Hội viên' });
		expect(detail(13)?.detail).toEqual({ denominator: 'dv_victims_detected', denominatorValue: 4, row: 14 });
		expect(detail(15)?.detail).toEqual({ row: 2, value: 12 });
		expect(outcome.imported.length + outcome.updated.length + outcome.quarantined.length).toBe(
			outcome.rowsRead
		);
	});

	it("applies the user's answers: a chosen unit for an ambiguous name, replace for a conflict", () => {
		nextRow = 2;
		const ambiguous = row({ orgUnit: 'xa tan lap', orgUnitIsName: true });
		const conflicting = row({ orgUnit: '10001', value: '7' });
		const outcome = validateRows(
			[ambiguous, conflicting],
			context([[key('10001', 'members', '2024Q3'), 5]], {
				resolutions: {
					units: {
						[unitResolutionKey({ orgUnit: 'Xã Tân Lập', orgUnitIsName: true, parent: null })]: '10002'
					},
					conflicts: { [valueKeyString(key('10001', 'members', '2024Q3'))]: 'replace' }
				}
			})
		);
		expect(outcome.imported.map((r) => [r.orgUnit, r.value])).toEqual([['10002', 10]]);
		expect(outcome.updated.map((r) => [r.orgUnit, r.value])).toEqual([['10001', 7]]);
		expect(outcome.quarantined).toEqual([]);
	});

	it('keys the question of a unit by every written word, parentheses included', () => {
		const a = unitResolutionKey({ orgUnit: 'Tân Lập (Lục Ngạn)', orgUnitIsName: true, parent: null });
		expect(unitResolutionKey({ orgUnit: 'tan lap (luc ngan)', orgUnitIsName: true, parent: null })).toBe(a);
		expect(unitResolutionKey({ orgUnit: 'Tân Lập (Bảo Lâm)', orgUnitIsName: true, parent: null })).not.toBe(
			a
		);
		expect(unitResolutionKey({ orgUnit: 'Tân Lập', orgUnitIsName: true, parent: 'Lục Ngạn' })).not.toBe(
			unitResolutionKey({ orgUnit: 'Tân Lập', orgUnitIsName: true, parent: 'Bảo Lâm' })
		);
	});

	it('checks a numerator against the loaded denominator, and a denominator against the loaded numerator', () => {
		nextRow = 2;
		const outcome = validateRows(
			[
				row({ indicator: 'members', value: '401' }),
				row({ orgUnit: '10001', indicator: 'resident_women', value: '99' })
			],
			context([
				[key('01273', 'resident_women', '2024Q3'), 400],
				[key('10001', 'members', '2024Q3'), 100]
			])
		);
		expect(outcome.quarantined.map((q) => q.rejections)).toEqual([
			[
				{
					reason: 'numerator-above-denominator',
					detail: { denominator: 'resident_women', denominatorValue: 400, loaded: 1 }
				}
			],
			[
				{
					reason: 'numerator-above-denominator',
					detail: { numerator: 'members', numeratorValue: 100, loaded: 1, denominatorValue: 99 }
				}
			]
		]);
	});

	it('matches names in the hierarchy of the row period, and indicators and programmes by name', () => {
		nextRow = 2;
		const outcome = validateRows(
			[
				row({ orgUnit: 'Tân Lập', orgUnitIsName: true, period: '2025Q4', indicator: 'Hội viên' }),
				row({
					orgUnit: 'Tân Lập',
					orgUnitIsName: true,
					parent: 'Bảo Lâm',
					period: '2024',
					programme: 'Women in border areas'
				})
			],
			context([])
		);
		expect(outcome.imported.map((r) => [r.orgUnit, r.indicator, r.period, r.programme])).toEqual([
			['20001', 'members', '2025Q4', null],
			['10002', 'members', '2024', 'border-women']
		]);
	});

	it('says plainly that a total line is not a unit, without suggestions', () => {
		nextRow = 2;
		const outcome = validateRows([row({ orgUnit: 'Tổng cộng', orgUnitIsName: true })], context([]));
		expect(outcome.quarantined[0]?.rejections).toEqual([
			{ reason: 'unknown-unit', detail: { unit: 'Tổng cộng', total: 1 } }
		]);
	});

	it('carries the blank cells of an unpivot result', () => {
		expect(validateRows({ rows: [], blankCells: 4 }, context([]))).toEqual({
			rowsRead: 0,
			blankCells: 4,
			imported: [],
			updated: [],
			quarantined: []
		});
	});

	it('always reconciles: rows read = imported + updated + quarantined, keys never accepted twice', () => {
		const candidate = fc.record({
			orgUnit: fc.constantFrom('01273', '10001', '10002', 'Xã Tân Lập', '99999', ''),
			indicator: fc.constantFrom(
				'members',
				'resident_women',
				'dv_victims_supported',
				'dv_victims_detected',
				'x'
			),
			period: fc.constantFrom('2024Q3', '2024', 'Quý 3/2024', '2025Q4', 'Quý 9/2024', ''),
			value: fc.constantFrom('0', '5', '400', '1.300', '1,5', '-2', '', 'abc', '1,300'),
			programme: fc.constantFrom(null, 'border-women', 'nope'),
			parent: fc.constantFrom(null, 'Bảo Lâm', 'Cao Bằng')
		});
		const loaded = fc.array(
			fc.tuple(
				fc.constantFrom('01273', '10001', '10002', '20001'),
				fc.constantFrom('members', 'resident_women', 'dv_victims_supported', 'dv_victims_detected'),
				fc.constantFrom('2024Q3', '2024', '2025Q4'),
				fc.nat(600)
			),
			{ maxLength: 12 }
		);
		fc.assert(
			fc.property(
				fc.array(candidate, { maxLength: 40 }),
				loaded,
				fc.boolean(),
				(cands, stored, replaceAll) => {
					const rows = cands.map((c, i) =>
						row({ ...c, orgUnitIsName: !/^\d*$/.test(c.orgUnit), sourceRow: i + 2 })
					);
					const ctx = context(stored.map(([u, ind, p, v]) => [key(u, ind, p), v]));
					const conflicts: Record<string, 'replace'> = {};
					if (replaceAll)
						for (const [u, ind, p] of stored) conflicts[valueKeyString(key(u, ind, p))] = 'replace';
					const outcome = validateRows(rows, { ...ctx, resolutions: { conflicts } });
					expect(outcome.imported.length + outcome.updated.length + outcome.quarantined.length).toBe(
						outcome.rowsRead
					);
					expect(outcome.rowsRead).toBe(rows.length);
					for (const q of outcome.quarantined) expect(q.rejections.length).toBeGreaterThan(0);
					const accepted = [...outcome.imported, ...outcome.updated].map((r) => valueKeyString(r));
					expect(new Set(accepted).size).toBe(accepted.length);
					for (const r of outcome.imported) expect(ctx.existing(r)).toBeUndefined();
					for (const r of outcome.updated) expect(ctx.existing(r)).toBeDefined();
					for (const r of [...outcome.imported, ...outcome.updated])
						expect(r.value).toBeGreaterThanOrEqual(0);
				}
			),
			{ numRuns: 300 }
		);
	});
});

describe('ratioPairsOf', () => {
	it('finds ratio facts in nested conditions, fact references and unitsMeeting conditions, once each', () => {
		const ratio = (numerator: string, denominator: string) => ({
			fact: 'ratio' as const,
			params: { numerator, denominator },
			operator: 'greaterThanInclusive' as const,
			value: 0.8
		});
		const plan = {
			plan: {},
			rules: [
				{ conditions: { all: [ratio('a', 'b'), { any: [{ not: ratio('c', 'd') }] }] } },
				{
					conditions: {
						all: [
							{
								fact: 'total',
								params: { indicator: 'x' },
								operator: 'lessThan',
								value: { fact: 'ratio', params: { numerator: 'e', denominator: 'f' } }
							},
							{
								fact: 'unitsMeeting',
								params: { level: 'commune', condition: ratio('g', 'h') },
								operator: 'equal',
								value: 1,
								path: '$.share'
							},
							ratio('a', 'b')
						]
					}
				}
			]
		} as unknown as PlanFile;
		expect(ratioPairsOf([plan])).toEqual([
			{ numerator: 'a', denominator: 'b' },
			{ numerator: 'c', denominator: 'd' },
			{ numerator: 'e', denominator: 'f' },
			{ numerator: 'g', denominator: 'h' }
		]);
	});
});
