import { describe, expect, it } from 'vitest';
import { detectMapping } from '$lib/import/columns';
import { parseCsv } from '$lib/import/csv';
import { decodeText } from '$lib/import/encoding';
import { encodingProblemText, rejectionText } from '$lib/import/messages';
import { quarantineCsv } from '$lib/import/quarantine';
import type { RawTable } from '$lib/import/types';
import { unpivot } from '$lib/import/unpivot';
import { validateRows, type ValidationContext } from '$lib/import/validate';
import type { OrgUnit } from '$lib/model/data';

const units: OrgUnit[] = [
	{
		code: '04',
		name: 'Tỉnh Cao Bằng',
		level: 'province',
		parentCode: null,
		nameEn: null,
		validFrom: null,
		validTo: null
	},
	{
		code: '01273',
		name: 'Phường Sông Bằng',
		level: 'commune',
		parentCode: '04',
		nameEn: null,
		validFrom: null,
		validTo: null
	},
	{
		code: '01279',
		name: 'Phường Hợp Giang',
		level: 'commune',
		parentCode: '04',
		nameEn: null,
		validFrom: null,
		validTo: null
	}
];
const indicators = [
	{ code: 'members', nameVi: 'Hội viên', nameEn: 'Members on the roll' },
	{ code: 'branch_heads', nameVi: 'Chi hội trưởng', nameEn: 'Branch heads' }
];
const context: ValidationContext = { units, indicators, programmes: [], existing: () => undefined };

/** The whole pure pipeline, as the browser side runs it. */
function importCsv(text: string, file: string) {
	const decoded = decodeText(new TextEncoder().encode(text));
	const table = parseCsv(decoded.text, file, { indicators });
	const mapping = detectMapping(table, { indicators });
	return { table, mapping, outcome: validateRows(unpivot(table, mapping), context) };
}

describe('quarantineCsv', () => {
	it('writes the original columns, the reasons and suggestions, as Excel-safe UTF-8 with BOM', () => {
		const text =
			'\uFEFFMã đơn vị;Chỉ tiêu;Kỳ báo cáo;Giá trị;Ghi chú\r\n' +
			'01273;members;Quý 3/2024;120;\r\n' +
			'01299;members;Quý 3/2024;-4;=HYPERLINK("x")\r\n' +
			'01279;hoi vien moi;Quý 3/2024;abc;\r\n';
		const { outcome } = importCsv(text, 'q3.csv');
		expect(outcome.imported.map((r) => r.sourceRow)).toEqual([2]);
		const csv = quarantineCsv(outcome.quarantined, 'vi');
		expect(csv.startsWith('\uFEFF')).toBe(true);
		const lines = csv.slice(1).split('\r\n');
		// The note column was ignored by the mapping, so it is not part of the rows' source.
		expect(lines[0]).toBe('Mã đơn vị,Chỉ tiêu,Kỳ báo cáo,Giá trị,Lý do không nhập,Gợi ý');
		expect(lines[1]).toBe(
			"01299,members,Quý 3/2024,'-4,Không tìm thấy đơn vị “01299”; Giá trị âm (-4),Gợi ý: 01279 Phường Hợp Giang (Tỉnh Cao Bằng); 01273 Phường Sông Bằng (Tỉnh Cao Bằng); 04 Tỉnh Cao Bằng"
		);
		expect(lines[2]).toBe(
			'01279,hoi vien moi,Quý 3/2024,abc,Không tìm thấy chỉ tiêu “hoi vien moi”; Giá trị “abc” không phải là số,Gợi ý: members Hội viên; branch_heads Chi hội trưởng'
		);
		expect(lines[3]).toBe('');
		expect(quarantineCsv(outcome.quarantined, 'en').split('\r\n')[0]).toBe(
			'\uFEFFMã đơn vị,Chỉ tiêu,Kỳ báo cáo,Giá trị,Reason not imported,Suggestions'
		);
	});

	it('neutralises formulas in the user’s own cells', () => {
		const text = 'Mã đơn vị,Chỉ tiêu,Kỳ báo cáo,Giá trị\n=1+1,members,2024,5\n';
		const csv = quarantineCsv(importCsv(text, 'f.csv').outcome.quarantined, 'vi');
		expect(csv.split('\r\n')[1]?.startsWith("'=1+1,")).toBe(true);
	});

	it('round trip: the corrected quarantine file imports again, its reason columns ignored', () => {
		const text =
			'Mã đơn vị,Chỉ tiêu,Kỳ báo cáo,Giá trị\n01299,members,Quý 3/2024,-4\n01279,hoi vien moi,Quý 3/2024,abc\n';
		const first = importCsv(text, 'q3.csv');
		expect(first.outcome.quarantined).toHaveLength(2);
		const corrected = quarantineCsv(first.outcome.quarantined, 'vi')
			.replace("01299,members,Quý 3/2024,'-4", '01273,members,Quý 3/2024,4')
			.replace('01279,hoi vien moi,Quý 3/2024,abc', '01279,members,Quý 3/2024,"1.300"');
		const second = importCsv(corrected, 'q3-sua.csv');
		expect(second.mapping.columns.map((c) => c.role)).toEqual([
			'org_unit',
			'indicator',
			'period',
			'value',
			'ignore',
			'ignore'
		]);
		expect(second.outcome.quarantined).toEqual([]);
		expect(second.outcome.imported.map((r) => [r.orgUnit, r.indicator, r.period, r.value])).toEqual([
			['01273', 'members', '2024Q3', 4],
			['01279', 'members', '2024Q3', 1300]
		]);
	});

	it('round trip of a wide template with a fixed period: the period travels in the file', () => {
		const table: RawTable = {
			file: 'mau.xlsx',
			sheet: 'Q3',
			header: ['STT', 'Tên đơn vị', 'Hội viên', 'Chi hội trưởng'],
			rows: [['1', 'Phường Sông Bằng', '120', 'x']],
			sourceRows: [6],
			encoding: null
		};
		const mapping = { ...detectMapping(table, { indicators }), fixedPeriod: 'Quý 3/2024' };
		const outcome = validateRows(unpivot(table, mapping), context);
		expect(outcome.imported.map((r) => r.indicator)).toEqual(['members']);
		const csv = quarantineCsv(outcome.quarantined, 'vi');
		expect(csv.split('\r\n')[0]).toBe('\uFEFFTên đơn vị,Chi hội trưởng,Kỳ báo cáo,Lý do không nhập,Gợi ý');
		const again = importCsv(csv.replace('Phường Sông Bằng,x', 'Phường Sông Bằng,7'), 'sua.csv');
		expect(again.outcome.imported.map((r) => [r.orgUnit, r.indicator, r.period, r.value])).toEqual([
			['01273', 'branch_heads', '2024Q3', 7]
		]);
		expect(again.outcome.quarantined).toEqual([]);
	});
});

describe('messages', () => {
	it('say every reason in both languages, numbers the vi-VN way', () => {
		expect(
			rejectionText({ reason: 'conflict-with-loaded', detail: { loaded: 1300, value: 1250.5 } }, 'vi')
		).toBe('Khác số liệu đã có: đã có 1.300, tệp ghi 1.250,5');
		expect(
			rejectionText({ reason: 'conflict-with-loaded', detail: { loaded: 1300, value: 1250.5 } }, 'en')
		).toBe('Differs from the loaded value: loaded 1,300, file 1,250.5');
		expect(rejectionText({ reason: 'duplicate-in-file', detail: { row: 12, sheet: 'Q3' } }, 'vi')).toBe(
			'Trùng với dòng 12 (trang Q3) của tệp (cùng đơn vị, chỉ tiêu, kỳ, chương trình)'
		);
		expect(
			rejectionText(
				{
					reason: 'numerator-above-denominator',
					detail: { denominator: 'branch_heads', denominatorValue: 4, row: 9 }
				},
				'en'
			)
		).toBe('Larger than the denominator “branch_heads” (4) in row 9, same unit and period');
		expect(
			rejectionText({ reason: 'not-a-number', detail: { value: '1,300', ambiguous: 1 } }, 'vi')
		).toContain('không rõ');
		expect(encodingProblemText('undetermined', 'vi')).toContain('CSV UTF-8');
		expect(rejectionText({ reason: 'unknown-unit', detail: { unit: 'Tổng cộng', total: 1 } }, 'vi')).toBe(
			'Dòng tổng (“Tổng cộng”) không phải một đơn vị: không nhập; tổng được tính từ số liệu của các đơn vị'
		);
	});
});
