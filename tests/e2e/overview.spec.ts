import { expect, test } from '@playwright/test';
import {
	APP_TIMEOUT,
	readCsv,
	recordForeignRequests,
	viewUrl,
	viNumber,
	waitForScorecard,
	waitForUnitPage
} from './helpers';

test('the first page loads the default data into DuckDB-WASM and shows its counts', async ({
	page,
	baseURL
}) => {
	const foreign = recordForeignRequests(page, baseURL as string);

	await page.goto('/');
	await expect(page.getByTestId('demo-banner')).toContainText('minh họa');
	const hierarchies = page.getByTestId('hierarchy');
	await expect(hierarchies).toHaveCount(3, { timeout: APP_TIMEOUT });

	// Counts from ../shared/reference/README.md (63/696/10,035 before, 34/3,321 after), in vi-VN format.
	const before = hierarchies.filter({ hasText: 'Trước sắp xếp' });
	await expect(before.locator('tr[data-level="province"] td.num')).toHaveText('63');
	await expect(before.locator('tr[data-level="district"] td.num')).toHaveText('696');
	await expect(before.locator('tr[data-level="commune"] td.num')).toHaveText('10.035');
	const after = hierarchies.filter({ hasText: 'Sau sắp xếp' });
	await expect(after.locator('tr[data-level="province"] td.num')).toHaveText('34');
	await expect(after.locator('tr[data-level="commune"] td.num')).toHaveText('3.321');
	await expect(after.locator('tr[data-level="district"]')).toHaveCount(0);
	await expect(
		hierarchies.filter({ hasText: 'Trung ương' }).locator('tr[data-level="central"] td.num')
	).toHaveText('1');

	// The catalogue: one entry per row of the data files.
	await expect(page.getByTestId('indicators')).toHaveText(viNumber(readCsv('indicators').length));
	await expect(page.getByTestId('programmes')).toHaveText(viNumber(readCsv('programmes').length));
	await expect(page.getByTestId('reports')).toHaveText(viNumber(readCsv('reports').length));

	// Values, targets and submissions per year, counted from the files by the year their period starts in.
	const perYear = (file: string) => {
		const counts = new Map<string, number>();
		for (const row of readCsv(file)) {
			const year = (row.period ?? '').slice(0, 4);
			counts.set(year, (counts.get(year) ?? 0) + 1);
		}
		return counts;
	};
	const values = perYear('values');
	const targets = perYear('targets');
	const submissions = perYear('submissions');
	const years = [...new Set([...values.keys(), ...targets.keys(), ...submissions.keys()])].sort();
	expect(years.length).toBeGreaterThan(1);
	const table = page.getByTestId('years');
	await expect(table.locator('tbody tr')).toHaveCount(years.length);
	await expect(table.locator('tbody tr')).toHaveText(
		years.map(
			(year) =>
				new RegExp(
					`^\\s*${year}\\s*${viNumber(values.get(year) ?? 0)}\\s*${viNumber(targets.get(year) ?? 0)}\\s*` +
						`${viNumber(submissions.get(year) ?? 0)}\\s*$`
				)
		)
	);
	for (const year of years) {
		const cells = table.locator(`tr[data-year="${year}"] td`);
		await expect(cells).toHaveText([
			year,
			viNumber(values.get(year) ?? 0),
			viNumber(targets.get(year) ?? 0),
			viNumber(submissions.get(year) ?? 0)
		]);
	}
	// A check of the check: the vi-VN format groups thousands with a dot.
	expect(viNumber(17985)).toBe('17.985');

	expect(foreign).toEqual([]);
});

test('the illustrative-data banner is shown on every page, in both languages', async ({ page, baseURL }) => {
	const foreign = recordForeignRequests(page, baseURL as string);
	const banner = page.getByTestId('demo-banner');

	await page.goto(viewUrl('/', { asOf: '2024-06-30' }));
	await expect(banner).toBeVisible();
	await expect(banner).toContainText('Số liệu minh họa');
	await waitForScorecard(page);
	await expect(banner).toBeVisible();

	await page.getByTestId('drill-down').click();
	await waitForUnitPage(page);
	await expect(banner).toBeVisible();
	await expect(banner).toContainText('Số liệu minh họa');

	await page.locator('nav.main-nav a[href^="/programme"]').click();
	await expect(page).toHaveURL(/\/programme/);
	await expect(banner).toBeVisible();

	await page.goto(viewUrl('/', { asOf: '2024-06-30', lang: 'en' }));
	await expect(banner).toBeVisible();
	await expect(banner).toContainText('Illustrative data');
	await waitForScorecard(page);

	await page.goto(viewUrl('/unit', { asOf: '2024-06-30', unit: '042', lang: 'en' }));
	await waitForUnitPage(page);
	await expect(banner).toBeVisible();
	await expect(banner).toContainText('Illustrative data');

	expect(foreign).toEqual([]);
});
