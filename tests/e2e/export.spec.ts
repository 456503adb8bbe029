import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { csvParse } from 'd3-dsv';
import { viewUrl, waitForScorecard, waitForUnitPage } from './helpers';

test('the scorecard CSV has one row per target, with the statuses and numbers on screen', async ({
	page
}) => {
	await page.goto(viewUrl('/', { asOf: '2024-06-30' }));
	await waitForScorecard(page);

	const screen = await page.locator('tr.target').evaluateAll((rows) =>
		rows.map((row) => ({
			rule: row.getAttribute('data-rule'),
			status: row.getAttribute('data-status'),
			numbers: row.querySelector('[data-testid="actual-vs-target"]')?.textContent?.trim() ?? ''
		}))
	);

	const downloading = page.waitForEvent('download');
	await page.getByTestId('export-csv').click();
	const download = await downloading;
	expect(download.suggestedFilename()).toBe('cao-bang-2024_2024-06-30.csv');
	const text = readFileSync((await download.path()) as string, 'utf8');
	expect(text.charCodeAt(0)).toBe(0xfeff); // a BOM, so that Excel reads the Vietnamese text as UTF-8
	const rows = csvParse(text.slice(1).replace(/\r\n/g, '\n'));

	expect(rows.map((r) => r.quy_tac)).toEqual(screen.map((s) => s.rule));
	expect(rows.map((r) => r.ma_tinh_trang)).toEqual(screen.map((s) => s.status));
	// The screen shows "74 / 161" (vi-VN); the file keeps plain numbers: compare the poverty row both ways.
	const poverty = rows.find((r) => r.quy_tac === 'cb2024-2.2-poverty');
	const shown = screen.find((s) => s.rule === 'cb2024-2.2-poverty')?.numbers ?? '';
	expect(`${poverty?.thuc_hien} / ${poverty?.chi_tieu_so}`).toBe(shown.replace(/\./g, ''));
	expect(rows.every((r) => r.tinh_den === '2024-06-30')).toBe(true);
});

test('the sub-unit table CSV lists the children in the order and with the statuses on screen', async ({
	page
}) => {
	await page.goto(viewUrl('/unit', { asOf: '2024-06-30', unit: '04' }));
	await waitForUnitPage(page);
	const matrix = page.getByTestId('child-matrix');
	const children = await matrix
		.locator('tbody tr')
		.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-unit')));
	const startups = await matrix
		.locator('tbody td[data-rule="cb2024-2.8-startups"] .badge')
		.evaluateAll((badges) => badges.map((b) => b.getAttribute('data-status')));

	const downloading = page.waitForEvent('download');
	await page.getByTestId('export-children').click();
	const text = readFileSync((await (await downloading).path()) as string, 'utf8');
	const rows = csvParse(text.slice(1).replace(/\r\n/g, '\n'));
	expect(rows.map((r) => r.ma_don_vi)).toEqual(children);
	expect(rows.map((r) => r['cb2024-2.8-startups'])).toEqual(startups);
});
