import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectMapping } from '$lib/import/columns';
import { parseCsv } from '$lib/import/csv';
import { decodeText } from '$lib/import/encoding';
import type { ValueKey } from '$lib/import/types';
import { unpivot } from '$lib/import/unpivot';
import { validateRows, valueKeyString } from '$lib/import/validate';
import type { OrgUnit } from '$lib/model/data';

const unit = (code: string, name: string, level: OrgUnit['level'], parentCode: string | null): OrgUnit => ({
	code,
	name,
	level,
	parentCode,
	nameEn: null,
	validFrom: null,
	validTo: '2025-06-30'
});
const units = [
	unit('04', 'Tỉnh Cao Bằng', 'province', null),
	unit('040', 'Thành phố Cao Bằng', 'district', '04'),
	unit('042', 'Huyện Bảo Lâm', 'district', '04'),
	unit('01273', 'Phường Sông Bằng', 'commune', '040'),
	unit('10001', 'Xã Tân Lập', 'commune', '040'),
	unit('10002', 'Xã Tân Lập', 'commune', '042')
];
const indicators = [{ code: 'members', nameVi: 'Hội viên', nameEn: 'Members on the roll' }];

describe('a Windows-1258 report template, from bytes to outcome', () => {
	it('decodes, finds the header, maps, unpivots and validates, every row accounted for', () => {
		const bytes = new Uint8Array(
			readFileSync('tests/unit/fixtures/import/bao-cao-quy-3-2024-windows-1258.csv')
		);
		const decoded = decodeText(bytes);
		expect(decoded).toMatchObject({ encoding: 'windows-1258', converted: true, problem: null });

		const table = parseCsv(decoded.text, 'bao-cao.csv', { encoding: decoded.encoding, indicators });
		expect(table.titleRows).toEqual([1, 2]);
		expect(table.blankRows).toBe(1);
		expect(table.headerRows).toEqual([4, 5]);
		expect(table.header).toEqual(['STT', 'Huyện', 'Tên đơn vị', 'Năm', 'Quý', 'Số hội viên (người)']);
		expect(table.sourceRows).toEqual([6, 7, 8, 9, 10]);

		const mapping = detectMapping(table, { indicators });
		expect(mapping.columns).toEqual([
			{ column: 0, role: 'ignore' },
			{ column: 1, role: 'parent_name' },
			{ column: 2, role: 'org_unit_name' },
			{ column: 3, role: 'year' },
			{ column: 4, role: 'period', periodHint: 'quarter' },
			{ column: 5, role: 'indicator_value', indicator: 'members' }
		]);

		const loaded = new Map([
			[valueKeyString({ orgUnit: '10001', indicator: 'members', period: '2024Q3', programme: null }), 85]
		]);
		const outcome = validateRows(unpivot(table, mapping), {
			units,
			indicators,
			programmes: [],
			existing: (key: ValueKey) => loaded.get(valueKeyString(key))
		});
		// Row 7's cell is blank: not reported, not a row. Rows 6, 8, 9, 10 are read.
		expect(outcome.rowsRead).toBe(4);
		expect(outcome.blankCells).toBe(1);
		expect(outcome.imported).toEqual([
			{
				orgUnit: '10002',
				indicator: 'members',
				period: '2024Q3',
				value: 1300,
				programme: null,
				file: 'bao-cao.csv',
				sourceRow: 6
			}
		]);
		expect(outcome.updated.map((r) => [r.orgUnit, r.value, r.sourceRow])).toEqual([['10001', 85, 8]]);
		expect(
			outcome.quarantined.map((q) => [q.candidate.sourceRow, q.rejections.map((r) => r.detail)])
		).toEqual([
			[9, [{ unit: 'Xã Không Có' }]],
			[10, [{ unit: 'Tổng cộng', total: 1 }]]
		]);
		expect(outcome.imported.length + outcome.updated.length + outcome.quarantined.length).toBe(
			outcome.rowsRead
		);
	});
});
