/**
 * Importing the Union's reports through the browser (#6): a wide .xlsx template with Vietnamese headers, a CSV with
 * a BOM and semicolons, and a file with ten kinds of bad rows. Each test checks the reconciliation (rows read =
 * imported + updated + quarantined, worked out by hand below), the quarantine file, that the scorecard changes
 * (every page is a fresh start, so the imports must come back from the browser's storage), and that removing the
 * import restores the scorecard.
 *
 * The expected statuses, from data/values.csv and rules/cao-bang-2024.json at 31/12/2024 (checked with the CLI on
 * a copy of the data with the same rows added):
 * - cb2024-2.8-startups (each district ≥ 5 startups supported): 8 of 10 districts; Thành phố Cao Bằng (040) has 2 and
 *   Huyện Thạch An (053) has 4 → missed. Adding 3 for 040 and 1 for 053 in 2024Q4 → all 10 → achieved.
 * - cb2024-2.9-party-province (≥ 500 members introduced to the Party): 502 → achieved. Replacing Thị trấn Thông
 *   Nông's (01363) 2024Q1 value 4 by 1 → 499 → missed.
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { Float64, Table, Utf8, tableToIPC, vectorFromArray } from 'apache-arrow';
import { csvParse } from 'd3-dsv';
import ExcelJS from 'exceljs';
import * as parquet from 'parquet-wasm';
import { APP_TIMEOUT, viewUrl, waitForScorecard } from './helpers';

const AS_OF = '2024-12-31';

async function statusOf(page: Page, rule: string): Promise<string | null> {
	await waitForScorecard(page);
	return page.locator(`tr.target[data-rule="${rule}"]`).getAttribute('data-status');
}

async function openImport(page: Page): Promise<void> {
	await page.goto('/import');
	await expect(page.getByTestId('drop-zone')).toBeVisible({ timeout: APP_TIMEOUT });
}

function counts(page: Page, testId: 'preview' | 'reconciliation') {
	const box = page.getByTestId(testId);
	const read = (name: string) => box.getByTestId(`count-${name}`);
	return { box, read };
}

async function expectCounts(
	page: Page,
	testId: 'preview' | 'reconciliation',
	expected: { read: string; imported: string; updated: string; quarantined: string; blank?: string }
) {
	const { box, read } = counts(page, testId);
	await expect(box).toBeVisible();
	await expect(read('read')).toHaveText(expected.read);
	await expect(read('imported')).toHaveText(expected.imported);
	await expect(read('updated')).toHaveText(expected.updated);
	await expect(read('quarantined')).toHaveText(expected.quarantined);
	if (expected.blank) await expect(read('blank')).toHaveText(expected.blank);
	await expect(box.getByTestId('equation')).toContainText('Số dòng khớp');
}

async function removeImport(page: Page, file: string) {
	const row = page.getByTestId('import-row').filter({ has: page.getByText(file, { exact: false }) });
	await row.getByTestId('remove-import').click();
	await row.getByTestId('confirm-remove').click();
	await expect(page.getByTestId('import-row').filter({ hasText: file })).toHaveCount(0);
}

/** The Union's wide template: title lines, then units (districts, by name) as rows and indicators as columns. */
async function wideWorkbook(): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet('Quý IV');
	sheet.addRow(['HỘI LHPN TỈNH CAO BẰNG']);
	sheet.addRow(['BÁO CÁO KẾT QUẢ THỰC HIỆN CHỈ TIÊU QUÝ IV NĂM 2024']);
	sheet.addRow([]);
	sheet.addRow([
		'STT',
		'Đơn vị',
		'Gia đình hội viên, phụ nữ khởi nghiệp, khởi sự kinh doanh được hỗ trợ',
		'Phụ nữ chủ doanh nghiệp, quản lý HTX, chủ hộ kinh doanh được hỗ trợ nâng cao năng lực',
		'Ghi chú'
	]);
	const rows: [string, number | null, number | null][] = [
		['Thành phố Cao Bằng', 3, 1],
		['Huyện Bảo Lâm', null, 2], // also a district of Lâm Đồng: the user is asked
		['Huyện Bảo Lạc', null, null],
		['Huyện Hà Quảng', null, null],
		['Huyện Trùng Khánh', null, null],
		['Huyện Hạ Lang', null, null],
		['Huyện Quảng Hòa', null, null],
		['Huyện Hoà An', null, null],
		['Huyện Nguyên Bình', null, null],
		['Huyện Thạch An', 1, null]
	];
	rows.forEach(([name, startups, leaders], i) => sheet.addRow([i + 1, name, startups, leaders, '']));
	// A second sheet the user leaves out.
	workbook.addWorksheet('Hướng dẫn').addRow(['Điền số liệu vào trang Quý IV']);
	return Buffer.from(await workbook.xlsx.writeBuffer());
}

test('a wide .xlsx report with Vietnamese headers: mapping, an ambiguous name, counts, scorecard, reload, removal', async ({
	page
}) => {
	await page.goto(viewUrl('/', { asOf: AS_OF }));
	expect(await statusOf(page, 'cb2024-2.8-startups')).toBe('missed');

	await openImport(page);
	await page.getByTestId('file-input').setInputFiles({
		name: 'Bao cao quy IV 2024.xlsx',
		mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		buffer: await wideWorkbook()
	});
	const job = page.getByTestId('import-job');
	await expect(job).toHaveAttribute('data-phase', 'mapping', { timeout: APP_TIMEOUT });
	// Two sheets: the instructions sheet is left out.
	await job.getByRole('checkbox', { name: /Hướng dẫn/ }).uncheck();
	const mapping = job.getByTestId('mapping');
	await expect(mapping).toHaveCount(1);
	// Detected from the Vietnamese headers: the unit by name, one indicator per column, STT and notes ignored.
	const roleOf = (header: string) => mapping.locator(`tr[data-column="${header}"] [data-testid="role"]`);
	await expect(roleOf('Đơn vị')).toHaveValue('org_unit_name');
	await expect(roleOf('STT')).toHaveValue('ignore');
	await expect(roleOf('Ghi chú')).toHaveValue('ignore');
	await expect(
		mapping.locator(
			'tr[data-column="Gia đình hội viên, phụ nữ khởi nghiệp, khởi sự kinh doanh được hỗ trợ"] [data-testid="indicator"]'
		)
	).toHaveValue('startups_supported');
	await expect(mapping).toContainText('1, 2'); // the title rows above the header
	// The template names its quarter only in the title: the user gives the period.
	await expect(job.getByTestId('check')).toBeDisabled();
	await mapping.getByTestId('fixed-period').fill('2024Q4');
	await job.getByTestId('check').click();

	// "Huyện Bảo Lâm" is a district of Cao Bằng and of Lâm Đồng.
	const question = job.getByTestId('ambiguous');
	await expect(question).toContainText('Huyện Bảo Lâm');
	await expectCounts(page, 'preview', {
		read: '4',
		imported: '3',
		updated: '0',
		quarantined: '1',
		blank: '16'
	});
	await question.getByRole('combobox').selectOption('042');
	await expectCounts(page, 'preview', {
		read: '4',
		imported: '4',
		updated: '0',
		quarantined: '0',
		blank: '16'
	});
	await job.getByTestId('commit').click();
	// 10 districts × 2 indicators = 20 cells: 4 values, 16 blank cells (not reported, counted).
	await expectCounts(page, 'reconciliation', {
		read: '4',
		imported: '4',
		updated: '0',
		quarantined: '0',
		blank: '16'
	});
	await expect(page.getByTestId('imported-note')).toContainText('1 lần nhập, 4 giá trị');

	// The scorecard changes (a fresh start: the import comes back from the browser's storage).
	await page.goto(viewUrl('/', { asOf: AS_OF }));
	expect(await statusOf(page, 'cb2024-2.8-startups')).toBe('achieved');
	await page.reload();
	expect(await statusOf(page, 'cb2024-2.8-startups')).toBe('achieved');

	// The next file of the same shape is read the way the user last set it (the period included).
	await openImport(page);
	await expect(page.getByTestId('import-row')).toHaveCount(1);
	await expect(page.getByTestId('import-rows')).toHaveText('4');
	await page.getByTestId('file-input').setInputFiles({
		name: 'Bao cao quy IV 2024 (ban 2).xlsx',
		mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		buffer: await wideWorkbook()
	});
	await expect(page.getByTestId('mapping-remembered')).toBeVisible({ timeout: APP_TIMEOUT });
	await expect(page.getByTestId('fixed-period')).toHaveValue('2024Q4');
	await page.getByRole('button', { name: 'Đóng' }).click();

	// Export everything imported.
	const downloading = page.waitForEvent('download');
	await page.getByTestId('export-csv').click();
	const exported = readFileSync((await (await downloading).path()) as string, 'utf8');
	const exportedRows = csvParse(exported.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n'));
	expect(exportedRows.map((r) => `${r.org_unit} ${r.indicator} ${r.period} ${r.value}`).sort()).toEqual([
		'040 startups_supported 2024Q4 3',
		'040 women_business_leaders_supported 2024Q4 1',
		'042 women_business_leaders_supported 2024Q4 2',
		'053 startups_supported 2024Q4 1'
	]);

	const parquetDownload = page.waitForEvent('download');
	await page.getByTestId('export-parquet').click();
	const parquetFile = readFileSync((await (await parquetDownload).path()) as string);
	expect(parquetFile.subarray(0, 4).toString('latin1')).toBe('PAR1');

	// Removing the import restores the scorecard.
	await removeImport(page, 'Bao cao quy IV 2024.xlsx');
	await expect(page.getByTestId('imported-note')).toHaveCount(0);
	await page.goto(viewUrl('/', { asOf: AS_OF }));
	expect(await statusOf(page, 'cb2024-2.8-startups')).toBe('missed');
});

test('a CSV with a BOM and semicolons: a conflict with a loaded value, replaced; the scorecard follows', async ({
	page
}) => {
	// Scorecard first, then the import page by the menu and back: the cached evaluation must be recomputed.
	await page.goto(viewUrl('/', { asOf: AS_OF }));
	expect(await statusOf(page, 'cb2024-2.9-party-province')).toBe('achieved');
	await page.getByRole('link', { name: 'Nhập dữ liệu' }).click();
	await expect(page.getByTestId('drop-zone')).toBeVisible();

	const csv = [
		'Mã đơn vị;Chỉ tiêu;Kỳ báo cáo;Giá trị',
		'01363;members_introduced_to_party;Quý 1/2024;1', // loaded: 4 → conflict, replaced
		'01367;Hội viên ưu tú được giới thiệu cho Đảng xem xét, kết nạp;Tháng 5/2024;3', // loaded: 3 → same value
		'01267;households_out_of_poverty;Tháng 12/2023;2' // a new key
	].join('\r\n');
	await page.getByTestId('file-input').setInputFiles({
		name: 'bao-cao-thang.csv',
		mimeType: 'text/csv',
		buffer: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, 'utf8')])
	});
	const job = page.getByTestId('import-job');
	await expect(job).toHaveAttribute('data-phase', 'mapping', { timeout: APP_TIMEOUT });
	const mapping = job.getByTestId('mapping');
	// The BOM is not part of the first header, and the semicolons split the columns.
	await expect(mapping.locator('tr[data-column="Mã đơn vị"] [data-testid="role"]')).toHaveValue('org_unit');
	await expect(mapping.locator('tr[data-column="Giá trị"] [data-testid="role"]')).toHaveValue('value');
	await job.getByTestId('check').click();

	// The conflict: both values shown, the loaded one kept until the user chooses.
	const conflicts = job.getByTestId('conflicts');
	await expect(conflicts.getByTestId('conflict')).toHaveCount(1);
	await expect(conflicts.getByTestId('conflict')).toContainText('01363');
	await expect(conflicts.getByTestId('conflict')).toContainText('4');
	await expectCounts(page, 'preview', { read: '3', imported: '1', updated: '1', quarantined: '1' });
	await conflicts.getByTestId('replace-all').click();
	await expect(conflicts.getByTestId('conflict')).toHaveAttribute('data-choice', 'replace');
	await expectCounts(page, 'preview', { read: '3', imported: '1', updated: '2', quarantined: '0' });
	await job.getByTestId('commit').click();
	await expectCounts(page, 'reconciliation', { read: '3', imported: '1', updated: '2', quarantined: '0' });

	// Back to the scorecard without a reload: 502 − 4 + 1 = 499 < 500.
	await page.goBack();
	expect(await statusOf(page, 'cb2024-2.9-party-province')).toBe('missed');
	await expect(page.locator('tr.target[data-rule="cb2024-2.9-party-province"]')).toContainText('499');
	await page.reload();
	expect(await statusOf(page, 'cb2024-2.9-party-province')).toBe('missed');

	// Removing it puts the loaded 4 back.
	await openImport(page);
	await removeImport(page, 'bao-cao-thang.csv');
	await page.goto(viewUrl('/', { asOf: AS_OF }));
	expect(await statusOf(page, 'cb2024-2.9-party-province')).toBe('achieved');
	await expect(page.locator('tr.target[data-rule="cb2024-2.9-party-province"]')).toContainText('502');
});

test('a file with ten kinds of bad rows: every row accounted for, the quarantine file says why', async ({
	page
}) => {
	await openImport(page);
	const lines = [
		'Đơn vị,Chỉ tiêu,Kỳ báo cáo,Giá trị,Chương trình', // 1
		'Phường Sông Hiến,dv_victims_detected,Tháng 11/2023,5,', // 2 ok (the denominator of line 3)
		'Phường Sông Hiến,dv_victims_supported,Tháng 11/2023,9,', // 3 numerator above denominator
		'Phường Sông Hiến,households_out_of_poverty,Tháng 12/2023,2,', // 4 ok
		'Phường Sông Hiến,households_out_of_poverty,Tháng 12/2023,3,', // 5 duplicate of line 4
		'Xã Không Có Thật,households_out_of_poverty,Tháng 12/2023,1,', // 6 unknown unit
		'Xã Quang Trung,households_out_of_poverty,Tháng 12/2023,1,', // 7 ambiguous unit (left unanswered)
		'Phường Sông Hiến,so_ho_ngheo_xyz,Tháng 12/2023,1,', // 8 unknown indicator
		'Phường Sông Hiến,startups_supported,Tháng 12/2023,1,chuong-trinh-la', // 9 unknown programme
		'Phường Sông Hiến,startups_supported,Quý 5/2024,1,', // 10 bad period
		'Phường Sông Hiến,startups_supported,Tháng 10/2023,,', // 11 missing value
		'Phường Sông Hiến,startups_supported,Tháng 9/2023,mười hai,', // 12 not a number
		'Phường Sông Hiến,startups_supported,Tháng 8/2023,-4,', // 13 negative
		'' // a blank line at the end: not a row
	];
	await page.getByTestId('file-input').setInputFiles({
		name: 'du-lieu-loi.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(lines.join('\n'), 'utf8')
	});
	const job = page.getByTestId('import-job');
	await expect(job).toHaveAttribute('data-phase', 'mapping', { timeout: APP_TIMEOUT });
	await job.getByTestId('check').click();
	await expect(job.getByTestId('ambiguous')).toContainText('Xã Quang Trung');
	await job.getByTestId('commit').click();
	// 12 rows read = 2 imported + 0 updated + 10 quarantined.
	await expectCounts(page, 'reconciliation', { read: '12', imported: '2', updated: '0', quarantined: '10' });

	const expected: [number, string][] = [
		[3, 'numerator-above-denominator'],
		[5, 'duplicate-in-file'],
		[6, 'unknown-unit'],
		[7, 'ambiguous-unit'],
		[8, 'unknown-indicator'],
		[9, 'unknown-programme'],
		[10, 'bad-period'],
		[11, 'missing-value'],
		[12, 'not-a-number'],
		[13, 'negative-value']
	];
	const shown = await page
		.getByTestId('quarantine')
		.locator('tbody tr')
		.evaluateAll((rows) =>
			rows.map((r) => ({
				row: Number(r.querySelector('td')?.textContent?.trim()),
				reasons: (r.getAttribute('data-reasons') ?? '').split(' ')
			}))
		);
	expect(shown.map((s) => s.row)).toEqual(expected.map(([row]) => row));
	for (const [i, [, reason]] of expected.entries()) expect(shown[i]?.reasons).toContain(reason);
	// Suggestions for the unknown indicator and the ambiguous name are on screen.
	await expect(page.getByTestId('quarantine')).toContainText('Xã Quang Trung (Huyện Trùng Khánh) (01465)');

	// The quarantine file: the rows as the user wrote them, with a reason column, ready to correct and re-import.
	const downloading = page.waitForEvent('download');
	await page.getByTestId('download-quarantine').click();
	const download = await downloading;
	expect(download.suggestedFilename()).toBe('du-lieu-loi-cach-ly.csv');
	const text = readFileSync((await download.path()) as string, 'utf8');
	expect(text.charCodeAt(0)).toBe(0xfeff);
	const rows = csvParse(text.slice(1).replace(/\r\n/g, '\n'));
	expect(rows.columns).toEqual([
		'Đơn vị',
		'Chỉ tiêu',
		'Kỳ báo cáo',
		'Giá trị',
		'Chương trình',
		'Lý do không nhập',
		'Gợi ý'
	]);
	expect(rows).toHaveLength(10);
	expect(rows.map((r) => r['Chỉ tiêu'])).toEqual([
		'dv_victims_supported',
		'households_out_of_poverty',
		'households_out_of_poverty',
		'households_out_of_poverty',
		'so_ho_ngheo_xyz',
		'startups_supported',
		'startups_supported',
		'startups_supported',
		'startups_supported',
		'startups_supported'
	]);
	const reason = (i: number) => rows[i]?.['Lý do không nhập'] ?? '';
	expect(reason(0)).toContain('Lớn hơn mẫu số');
	expect(reason(1)).toContain('Trùng với dòng 4');
	expect(reason(2)).toContain('Không tìm thấy đơn vị “Xã Không Có Thật”');
	expect(reason(3)).toContain('trùng với nhiều đơn vị');
	expect(rows[3]?.['Gợi ý']).toContain('01465 Xã Quang Trung');
	expect(reason(4)).toContain('Không tìm thấy chỉ tiêu “so_ho_ngheo_xyz”');
	expect(reason(5)).toContain('Không tìm thấy chương trình “chuong-trinh-la”');
	expect(reason(6)).toContain('Kỳ báo cáo “Quý 5/2024” không đọc được');
	expect(reason(7)).toContain('Thiếu giá trị');
	expect(reason(8)).toContain('“mười hai” không phải là số');
	expect(reason(9)).toContain('Giá trị âm');

	// Everything is still there after a reload: the import is listed with its 2 values.
	await page.reload();
	await expect(page.getByTestId('import-row')).toHaveCount(1, { timeout: APP_TIMEOUT });
	await expect(page.getByTestId('import-rows')).toHaveText('2');
	await expect(page.getByTestId('imported-note')).toContainText('1 lần nhập, 2 giá trị');
});

test('a file in an encoding that cannot be told is refused with how to convert it; reading can be cancelled', async ({
	page
}) => {
	await openImport(page);
	// An .xls renamed .csv: binary, not text.
	await page.getByTestId('file-input').setInputFiles({
		name: 'cu.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0, 0, 0, 0, 0])
	});
	await expect(page.getByTestId('import-job').getByRole('alert')).toContainText('Lưu thành', {
		timeout: APP_TIMEOUT
	});
	await page.getByRole('button', { name: 'Đóng' }).click();

	// A large file: the progress bar shows, and cancelling stops the reading; nothing is imported. The CPU is
	// slowed down once the file is handed over (as on an old office PC), so that the click surely lands while the
	// file is read or parsed.
	const cdp = await page.context().newCDPSession(page);
	const big = `Mã đơn vị,Chỉ tiêu,Kỳ báo cáo,Giá trị\n${'01267,startups_supported,2023-01,1\n'.repeat(600_000)}`;
	await page.getByTestId('file-input').setInputFiles({
		name: 'lon.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(big, 'utf8')
	});
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: 20 });
	const job = page.getByTestId('import-job');
	await expect(job.getByRole('progressbar')).toBeVisible();
	await job.getByTestId('cancel').click();
	await expect(job).toHaveAttribute('data-phase', 'cancelled');
	await expect(job).toContainText('Đã hủy đọc tệp lon.csv.');
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
	await expect(page.getByTestId('import-row')).toHaveCount(0);
});

/** A contract-shaped table (org_unit, indicator, period, value) as Arrow IPC. */
function arrowIpc(rows: [string, string, string, number][]): Uint8Array {
	const text = (i: 0 | 1 | 2) =>
		vectorFromArray(
			rows.map((r) => r[i]),
			new Utf8()
		);
	return tableToIPC(
		new Table({
			org_unit: text(0),
			indicator: text(1),
			period: text(2),
			value: vectorFromArray(
				rows.map((r) => r[3]),
				new Float64()
			)
		}),
		'stream'
	);
}

test('Parquet and Arrow files go through the same checks; the page has no serious accessibility violation', async ({
	page
}) => {
	await openImport(page);
	const rows: [string, string, string, number][] = [
		['01267', 'startups_supported', '2023-05', 1.5], // new; a decimal number stays 1.5
		['01267', 'chi_tieu_la', '2023-05', 2] // unknown indicator
	];
	const ipc = arrowIpc(rows);
	const parquetBytes = parquet.writeParquet(parquet.Table.fromIPCStream(ipc));
	await page.getByTestId('file-input').setInputFiles([
		{ name: 'so-lieu.parquet', mimeType: 'application/octet-stream', buffer: Buffer.from(parquetBytes) },
		{ name: 'so-lieu.arrow', mimeType: 'application/octet-stream', buffer: Buffer.from(ipc) }
	]);
	const jobs = page.getByTestId('import-job');
	await expect(jobs).toHaveCount(2);
	for (const i of [0, 1]) {
		const job = jobs.nth(i);
		await expect(job).toHaveAttribute('data-phase', 'mapping', { timeout: APP_TIMEOUT });
		await expect(job.locator('tr[data-column="org_unit"] [data-testid="role"]')).toHaveValue('org_unit');
		await job.getByTestId('check').click();
		await expect(job.getByTestId('preview').getByTestId('count-read')).toHaveText('2');
	}
	// The first file: 1 new row and 1 quarantined.
	const first = jobs.nth(0);
	await expect(first.getByTestId('preview').getByTestId('count-imported')).toHaveText('1');
	await expect(first.getByTestId('preview').getByTestId('count-quarantined')).toHaveText('1');

	const { violations } = await new AxeBuilder({ page }).analyze();
	const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	expect(
		serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
		'axe on the import page'
	).toEqual([]);

	await first.getByTestId('commit').click();
	await expectCounts(page, 'reconciliation', { read: '2', imported: '1', updated: '0', quarantined: '1' });
	// The Arrow file holds the same row, checked before the Parquet one was imported: importing it judges again,
	// and since the answer changed (the row is now loaded, with the same value: updated, not new), shows it first.
	const second = jobs.nth(1);
	await second.getByTestId('commit').click();
	await expect(second.getByRole('alert')).toContainText('Dữ liệu đã thay đổi');
	await expect(second.getByTestId('preview').getByTestId('count-updated')).toHaveText('1');
	await expect(second.getByTestId('preview').getByTestId('count-imported')).toHaveText('0');
	await expect(second.getByTestId('conflicts')).toHaveCount(0);
	await second.getByTestId('commit').click();
	await expect(second.getByTestId('reconciliation').getByTestId('count-updated')).toHaveText('1');

	// In English too.
	await page.goto('/import?lang=en');
	await expect(page.getByRole('heading', { name: 'Import data' })).toBeVisible({ timeout: APP_TIMEOUT });
	await expect(page.getByTestId('import-history')).toContainText('so-lieu.parquet');
	await expect(page.getByTestId('imported-note')).toContainText('Imported data in use: 2 imports, 1 values.');
});
