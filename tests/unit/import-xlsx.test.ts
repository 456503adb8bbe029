import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { detectMapping } from '$lib/import/columns';
import { plainDecimal, readWorkbook } from '$lib/import/xlsx';

const indicators = [
	{ code: 'members', nameVi: 'Hội viên', nameEn: 'Members on the roll' },
	{
		code: 'households_out_of_poverty',
		nameVi: 'Hộ có phụ nữ thoát nghèo',
		nameEn: 'Households with women that escaped poverty'
	}
];

async function bytesOf(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
	return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

/** The Union's report template: title rows, a two-row header with merged group titles, a district merged down. */
function template(): ExcelJS.Workbook {
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet('Quý 3');
	ws.getCell('A1').value = 'HỘI LHPN TỈNH CAO BẰNG';
	ws.mergeCells('A1:E1');
	ws.getCell('A2').value = 'BÁO CÁO KẾT QUẢ QUÝ 3/2024';
	ws.mergeCells('A2:E2');
	// Row 3 blank. Header on rows 4–5: "Kết quả" spans C4:E4 over the indicator titles.
	ws.getCell('A4').value = 'STT';
	ws.mergeCells('A4:A5');
	ws.getCell('B4').value = 'Huyện';
	ws.mergeCells('B4:B5');
	ws.getCell('C4').value = 'Tên đơn vị';
	ws.mergeCells('C4:C5');
	ws.getCell('D4').value = 'Kết quả';
	ws.mergeCells('D4:E4');
	ws.getCell('D5').value = 'Hội viên (người)';
	ws.getCell('E5').value = {
		richText: [{ text: 'Hộ có phụ nữ ' }, { font: { bold: true }, text: 'thoát nghèo' }]
	};
	ws.getCell('A6').value = 1;
	ws.getCell('B6').value = 'Huyện Bảo Lâm';
	ws.mergeCells('B6:B7');
	ws.getCell('C6').value = 'Xã Tân Lập';
	ws.getCell('D6').value = 1300;
	ws.getCell('E6').value = { formula: 'D6/1000', result: 1.3 };
	ws.getCell('A7').value = 2;
	ws.getCell('C7').value = 'Xã Yên Thổ';
	ws.getCell('D7').value = 1.125;
	ws.getCell('E7').value = null;
	return wb;
}

describe('readWorkbook', () => {
	it('reads a report template: header below the titles, two-row merged header, Excel row numbers', async () => {
		const [table] = await readWorkbook(await bytesOf(template()), 'bao-cao.xlsx', { indicators });
		expect(table).toBeDefined();
		if (!table) return;
		expect(table.sheet).toBe('Quý 3');
		expect(table.header).toEqual([
			'STT',
			'Huyện',
			'Tên đơn vị',
			'Hội viên (người)',
			'Hộ có phụ nữ thoát nghèo'
		]);
		expect(table.rows).toEqual([
			['1', 'Huyện Bảo Lâm', 'Xã Tân Lập', '1300', '1.3'],
			// The district, merged down over both rows, is repeated in the second.
			['2', 'Huyện Bảo Lâm', 'Xã Yên Thổ', '1.125', '']
		]);
		expect(table.sourceRows).toEqual([6, 7]);
		expect(table.titleRows).toEqual([1, 2]);
		expect([...(table.numericCells ?? [])].sort()).toEqual(['0:0', '0:3', '0:4', '1:0', '1:3']);
		expect(detectMapping(table, { indicators }).columns.map((c) => c.role)).toEqual([
			'ignore',
			'parent_name',
			'org_unit_name',
			'indicator_value',
			'indicator_value'
		]);
	});

	it('gives one table per sheet, dates as ISO, a month-formatted date as a month, empty sheets empty', async () => {
		const wb = new ExcelJS.Workbook();
		const long = wb.addWorksheet('Dữ liệu');
		long.addRow(['Mã đơn vị', 'Ngày', 'Tháng', 'Giá trị']);
		long.addRow(['01273', new Date(Date.UTC(2024, 9, 15)), new Date(Date.UTC(2024, 2, 1)), 0.1 + 0.2]);
		long.getCell('C2').numFmt = 'mm/yyyy';
		wb.addWorksheet('Trống');
		const tables = await readWorkbook(await bytesOf(wb), 'hai-trang.xlsx');
		expect(tables.map((t) => t.sheet)).toEqual(['Dữ liệu', 'Trống']);
		expect(tables[0]?.rows).toEqual([['01273', '2024-10-15', '2024-03', '0.3']]);
		expect(tables[1]).toMatchObject({ header: [], rows: [], sourceRows: [] });
	});

	it('converts a sheet typed in TCVN3 (.VnTime fonts)', async () => {
		const wb = new ExcelJS.Workbook();
		const ws = wb.addWorksheet('Sheet1');
		ws.addRow(['Tªn ®¬n vÞ', 'Héi viªn']);
		ws.addRow(['X· T©n LËp', 12]);
		const [table] = await readWorkbook(await bytesOf(wb), 'cu.xlsx', { indicators });
		expect(table?.encoding).toBe('tcvn3');
		expect(table?.header).toEqual(['Tên đơn vị', 'Hội viên']);
		expect(table?.rows).toEqual([['Xã Tân Lập', '12']]);
	});
});

describe('plainDecimal', () => {
	it('writes numbers without exponent, separators or binary noise', () => {
		expect(plainDecimal(1300)).toBe('1300');
		expect(plainDecimal(0.1 + 0.2)).toBe('0.3');
		expect(plainDecimal(1e-7)).toBe('0.0000001');
		expect(plainDecimal(-2.5)).toBe('-2.5');
		// Excel keeps 15 significant digits, and so do we.
		expect(plainDecimal(Number('12345678901234567890'))).toBe('12345678901234600000');
	});
});
