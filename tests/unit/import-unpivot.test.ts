import { describe, expect, it } from 'vitest';
import { unpivot } from '$lib/import/unpivot';
import type { RawTable, TableMapping } from '$lib/import/types';

const raw = (header: string[], rows: string[][], sourceRows?: number[]): RawTable => ({
	file: 'r.xlsx',
	sheet: 'Q3',
	header,
	rows,
	sourceRows: sourceRows ?? rows.map((_, i) => i + 2),
	encoding: null
});

describe('unpivot', () => {
	it('turns a wide template into one candidate per non-blank indicator cell, counting blanks', () => {
		const table = raw(
			['STT', 'Tên đơn vị', 'Hội viên', 'Hộ thoát nghèo'],
			[
				['1', 'Xã Tân Lập', '120', ''],
				['2', 'Xã Tân Thành', '', '']
			],
			[7, 8]
		);
		const mapping: TableMapping = {
			columns: [
				{ column: 0, role: 'ignore' },
				{ column: 1, role: 'org_unit_name' },
				{ column: 2, role: 'indicator_value', indicator: 'members' },
				{ column: 3, role: 'indicator_value', indicator: 'households_out_of_poverty' }
			],
			fixedPeriod: 'Quý 3/2024'
		};
		const result = unpivot(table, mapping);
		expect(result.blankCells).toBe(3);
		expect(result.rows).toEqual([
			{
				file: 'r.xlsx',
				sheet: 'Q3',
				sourceRow: 7,
				source: { 'Tên đơn vị': 'Xã Tân Lập', 'Hội viên': '120', 'Kỳ báo cáo': 'Quý 3/2024' },
				orgUnit: 'Xã Tân Lập',
				orgUnitIsName: true,
				parent: null,
				indicator: 'members',
				period: '2024Q3',
				value: '120',
				programme: null
			}
		]);
	});

	it('keeps every long row, blank cells and all, and combines year and quarter columns', () => {
		const table = raw(
			['Mã đơn vị', 'Chỉ tiêu', 'Năm', 'Quý', 'Giá trị', 'Chương trình'],
			[
				['01267', 'members', '2024', 'III', '1.300', ''],
				['01268', 'members', '2024', '5', '', 'border-women']
			]
		);
		const mapping: TableMapping = {
			columns: [
				{ column: 0, role: 'org_unit' },
				{ column: 1, role: 'indicator' },
				{ column: 2, role: 'year' },
				{ column: 3, role: 'period', periodHint: 'quarter' },
				{ column: 4, role: 'value' },
				{ column: 5, role: 'programme' }
			],
			fixedProgramme: 'project-8'
		};
		const result = unpivot(table, mapping);
		expect(result.blankCells).toBe(0);
		expect(result.rows.map((r) => [r.orgUnit, r.orgUnitIsName, r.period, r.value, r.programme])).toEqual([
			['01267', false, '2024Q3', '1.300', 'project-8'],
			// An unreadable period is kept as written, for validation to report.
			['01268', false, '2024 5', '', 'border-women']
		]);
		expect(result.rows[0]?.source).toEqual({
			'Mã đơn vị': '01267',
			'Chỉ tiêu': 'members',
			Năm: '2024',
			Quý: 'III',
			'Giá trị': '1.300',
			'Chương trình': ''
		});
	});

	it('marks values from numeric workbook cells, and reads the parent column', () => {
		const table = {
			...raw(['Huyện', 'Xã', 'Hội viên'], [['Lục Ngạn', 'Tân Lập', '1.125']]),
			numericCells: new Set(['0:2'])
		};
		const result = unpivot(table, {
			columns: [
				{ column: 0, role: 'parent_name' },
				{ column: 1, role: 'org_unit_name' },
				{ column: 2, role: 'indicator_value', indicator: 'members' }
			],
			fixedPeriod: '2024'
		});
		expect(result.rows[0]).toMatchObject({
			parent: 'Lục Ngạn',
			orgUnit: 'Tân Lập',
			valueIsNumber: true,
			period: '2024'
		});
	});

	it('still yields a candidate per row when no value column is mapped, so that nothing vanishes', () => {
		const result = unpivot(raw(['Tên đơn vị'], [['Xã A'], ['Xã B']]), {
			columns: [{ column: 0, role: 'org_unit_name' }]
		});
		expect(result.rows.map((r) => [r.orgUnit, r.value])).toEqual([
			['Xã A', ''],
			['Xã B', '']
		]);
	});
});
