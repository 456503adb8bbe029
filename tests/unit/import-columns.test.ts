import { describe, expect, it } from 'vitest';
import { detectMapping, headerRole, matchIndicatorHeader, shapeKey } from '$lib/import/columns';
import type { RawTable } from '$lib/import/types';

const indicators = [
	{
		code: 'households_out_of_poverty',
		nameVi: 'Hộ có phụ nữ thoát nghèo',
		nameEn: 'Households with women that escaped poverty'
	},
	{
		code: 'households_out_of_near_poverty',
		nameVi: 'Hộ có phụ nữ thoát cận nghèo',
		nameEn: 'Households with women that escaped near-poverty'
	},
	{ code: 'members', nameVi: 'Hội viên', nameEn: 'Members on the roll' },
	{ code: 'cadres_fulltime', nameVi: 'Cán bộ Hội chuyên trách', nameEn: 'Full-time Union cadres' },
	{
		code: 'cadres_fulltime_proficient',
		nameVi: 'Cán bộ Hội chuyên trách sử dụng thành thạo các phần mềm cơ bản',
		nameEn: 'Full-time Union cadres proficient in basic software'
	}
];
const known = { indicators };

const table = (header: string[]): RawTable => ({
	file: 'f.csv',
	sheet: null,
	header,
	rows: [],
	sourceRows: [],
	encoding: 'utf-8'
});

describe('headerRole', () => {
	it.each([
		['Mã đơn vị', 'org_unit'],
		['MA DON VI', 'org_unit'],
		['Mã ĐV', 'org_unit'],
		['org_unit', 'org_unit'],
		['Đơn vị', 'org_unit_name'],
		['Tên đơn vị', 'org_unit_name'],
		['ten don vi', 'org_unit_name'],
		['Chỉ tiêu', 'indicator'],
		['Mã chỉ tiêu', 'indicator'],
		['indicator', 'indicator'],
		['Kỳ báo cáo', 'period'],
		['Kỳ', 'period'],
		['period', 'period'],
		['Quý', 'period'],
		['Tháng', 'period'],
		['Năm', 'year'],
		['Giá trị', 'value'],
		['Số liệu', 'value'],
		['value', 'value'],
		['Giá trị (hộ)', 'value'],
		['Chương trình', 'programme'],
		['programme', 'programme'],
		['STT', 'ignore'],
		['Ghi chú', 'ignore'],
		['Đơn vị tính', 'ignore'],
		['Lý do không nhập', 'ignore'],
		['Reason not imported', 'ignore'],
		['Gợi ý', 'ignore'],
		['Hộ có phụ nữ thoát nghèo', null],
		['', null]
	])('%j → %s', (header, role) => {
		expect(headerRole(header)).toBe(role);
	});
});

describe('matchIndicatorHeader', () => {
	it('matches code, Vietnamese or English name, without diacritics, with units or extra words', () => {
		expect(matchIndicatorHeader('households_out_of_poverty', indicators)).toBe('households_out_of_poverty');
		expect(matchIndicatorHeader('Hộ có phụ nữ thoát nghèo (hộ)', indicators)).toBe(
			'households_out_of_poverty'
		);
		expect(matchIndicatorHeader('HO CO PHU NU THOAT NGHEO', indicators)).toBe('households_out_of_poverty');
		expect(matchIndicatorHeader('Hộ có phụ nữ thoát nghèo trong kỳ', indicators)).toBe(
			'households_out_of_poverty'
		);
		expect(matchIndicatorHeader('Members on the roll', indicators)).toBe('members');
	});

	it('takes the longest name, so that a longer indicator is not read as its prefix', () => {
		expect(matchIndicatorHeader('Hộ có phụ nữ thoát cận nghèo', indicators)).toBe(
			'households_out_of_near_poverty'
		);
		expect(
			matchIndicatorHeader(
				'Cán bộ Hội chuyên trách sử dụng thành thạo các phần mềm cơ bản (người)',
				indicators
			)
		).toBe('cadres_fulltime_proficient');
		expect(matchIndicatorHeader('Cán bộ Hội chuyên trách', indicators)).toBe('cadres_fulltime');
	});

	it('reads "Số …" and "Tổng số …" as the indicator counted, but not a name inside other words', () => {
		expect(matchIndicatorHeader('Tổng số hội viên', indicators)).toBe('members');
		expect(matchIndicatorHeader('Số hội viên (người)', indicators)).toBe('members');
		expect(matchIndicatorHeader('Cán bộ hội viên', indicators)).toBeNull();
		expect(matchIndicatorHeader('Số liệu', indicators)).toBeNull();
	});
});

describe('detectMapping', () => {
	it('reads a long table with Vietnamese headers', () => {
		const mapping = detectMapping(
			table(['STT', 'Mã đơn vị', 'Chỉ tiêu', 'Kỳ báo cáo', 'Giá trị', 'Ghi chú']),
			known
		);
		expect(mapping.columns).toEqual([
			{ column: 0, role: 'ignore' },
			{ column: 1, role: 'org_unit' },
			{ column: 2, role: 'indicator' },
			{ column: 3, role: 'period' },
			{ column: 4, role: 'value' },
			{ column: 5, role: 'ignore' }
		]);
	});

	it('reads a wide report template: unit names as rows, indicators as columns', () => {
		const mapping = detectMapping(
			table(['STT', 'Tên đơn vị', 'Hội viên (người)', 'Hộ có phụ nữ thoát nghèo (hộ)', 'Ghi chú']),
			known
		);
		expect(mapping.columns).toEqual([
			{ column: 0, role: 'ignore' },
			{ column: 1, role: 'org_unit_name' },
			{ column: 2, role: 'indicator_value', indicator: 'members' },
			{ column: 3, role: 'indicator_value', indicator: 'households_out_of_poverty' },
			{ column: 4, role: 'ignore' }
		]);
	});

	it('makes the finest level column the unit and the next coarser its parent', () => {
		const mapping = detectMapping(table(['Tỉnh', 'Huyện', 'Xã', 'Năm', 'Quý', 'Hội viên']), known);
		expect(mapping.columns).toEqual([
			{ column: 0, role: 'ignore' },
			{ column: 1, role: 'parent_name' },
			{ column: 2, role: 'org_unit_name' },
			{ column: 3, role: 'year' },
			{ column: 4, role: 'period', periodHint: 'quarter' },
			{ column: 5, role: 'indicator_value', indicator: 'members' }
		]);
	});

	it('keeps a unit name column as the unit when a level column names its parent', () => {
		const mapping = detectMapping(table(['Huyện', 'Tên đơn vị', 'Tháng', 'Năm', 'Hội viên']), known);
		expect(mapping.columns.map((c) => c.role)).toEqual([
			'parent_name',
			'org_unit_name',
			'period',
			'year',
			'indicator_value'
		]);
		expect(mapping.columns[2]).toEqual({ column: 2, role: 'period', periodHint: 'month' });
	});

	it('prefers a code column over a name column, and ignores a second column of one role', () => {
		const mapping = detectMapping(
			table(['Mã đơn vị', 'Tên đơn vị', 'Giá trị', 'Số liệu', 'Chỉ tiêu']),
			known
		);
		expect(mapping.columns.map((c) => c.role)).toEqual([
			'org_unit',
			'ignore',
			'value',
			'ignore',
			'indicator'
		]);
	});

	it('reads the English contract headers', () => {
		const mapping = detectMapping(table(['org_unit', 'indicator', 'period', 'value', 'programme']), known);
		expect(mapping.columns.map((c) => c.role)).toEqual([
			'org_unit',
			'indicator',
			'period',
			'value',
			'programme'
		]);
	});
});

describe('shapeKey', () => {
	it('is the same for headers that differ only in case and diacritics, and differs for another template', () => {
		const a = shapeKey(table(['Mã đơn vị', 'Giá trị']));
		expect(shapeKey(table(['MA DON VI', 'gia tri']))).toBe(a);
		expect(shapeKey(table(['Mã đơn vị', 'Số liệu']))).not.toBe(a);
		expect(shapeKey(table(['Giá trị', 'Mã đơn vị']))).not.toBe(a);
	});
});
