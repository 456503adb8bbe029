/**
 * The data-quality page (/quality): the commune row of Cao Bằng 2024's report completeness and timeliness against
 * figures worked out here from data/*.csv without the app's code, a problem's link to the unit page, the English
 * switch, the filters in the URL, the CSV of the problems, and no serious accessibility violation.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import {
	APP_TIMEOUT,
	PLAN_ID,
	readCsv,
	unitsBefore2025,
	viNumber,
	viPercent,
	waitForUnitPage
} from './helpers';

const AS_OF = '2024-12-31';

/**
 * The periodic Union report of Cao Bằng's communes in 2024: every commune under 04 sends it (so all 161 must, for
 * each of the four quarters), due on the 20th of the quarter's last month (rules/quality/union-core.json).
 */
function communeReports() {
	const units = new Map(unitsBefore2025().map((u) => [u.code, u]));
	const under04 = (code: string) => {
		for (let c: string | undefined = code, i = 0; c && i < 6; i++) {
			if (c === '04') return true;
			c = units.get(c)?.parentCode;
		}
		return false;
	};
	const communes = [...units.values()].filter((u) => u.level === 'commune' && under04(u.code));
	const deadlines: Record<string, string> = {
		'2024Q1': '2024-03-20',
		'2024Q2': '2024-06-20',
		'2024Q3': '2024-09-20',
		'2024Q4': '2024-12-20'
	};
	const first = new Map<string, string>();
	for (const s of readCsv('submissions')) {
		if (s.report !== 'union-periodic-report' || (s.submitted_on ?? '') > AS_OF) continue;
		const key = `${s.org_unit}|${s.period}`;
		const date = s.submitted_on ?? '';
		if (!first.has(key) || date < (first.get(key) ?? '')) first.set(key, date);
	}
	let due = 0;
	let sent = 0;
	let onTime = 0;
	let late = 0;
	const missing: string[] = [];
	for (const commune of communes) {
		for (const [period, deadline] of Object.entries(deadlines)) {
			due += 1;
			const date = first.get(`${commune.code}|${period}`);
			if (!date) {
				missing.push(`${commune.code}|${period}`);
				continue;
			}
			sent += 1;
			if (date <= deadline) onTime += 1;
			else late += 1;
		}
	}
	return { communes: communes.length, due, sent, onTime, late, missing };
}

async function openQuality(page: Page, query: string) {
	await page.goto(`/quality?${query}`);
	await expect(page.getByTestId('completeness-levels')).toBeVisible({ timeout: APP_TIMEOUT });
	await expect(page.locator('main [aria-busy="true"]')).toHaveCount(0, { timeout: APP_TIMEOUT });
}

test('completeness and timeliness of the communes’ reports match the data files', async ({ page }) => {
	const expected = communeReports();
	// Worked out once by hand as well: 161 communes × 4 quarters = 644 due, 599 received, 536 on time, 63 late.
	expect(expected).toMatchObject({ communes: 161, due: 644, sent: 599, onTime: 536, late: 63 });
	await openQuality(page, `plan=${PLAN_ID}&asOf=${AS_OF}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Chất lượng dữ liệu');
	const row = page.locator('[data-testid="completeness-levels"] tr[data-level="commune"]');
	await expect(row.locator('th')).toHaveText('Xã/phường');
	await expect(row.locator('td')).toHaveText([
		viNumber(expected.due),
		viNumber(expected.sent),
		viNumber(expected.due - expected.sent),
		viNumber(expected.onTime),
		viNumber(expected.late),
		viPercent(expected.sent / expected.due), // 93%
		viPercent(expected.onTime / (expected.onTime + expected.late)) // 89%
	]);
	// The missing reports of the communes are listed, one row per commune and quarter.
	await page.getByTestId('quality-level').selectOption('commune');
	await expect(page).toHaveURL(/level=commune/);
	await expect(page.getByTestId('count-missing').locator('strong')).toHaveText(
		viNumber(expected.missing.length)
	);
});

test('a problem links to its unit and period, and the page speaks English', async ({ page }) => {
	await openQuality(page, `plan=${PLAN_ID}&asOf=${AS_OF}&level=commune`);
	const first = page.locator('[data-testid="problems-missing"] tbody tr').first();
	const unit = (await first.getAttribute('data-unit')) ?? '';
	const period = (await first.getAttribute('data-period')) ?? '';
	expect(communeReports().missing).toContain(`${unit}|${period}`);
	await first.getByRole('link').click();
	await waitForUnitPage(page);
	const url = new URL(page.url());
	expect(url.pathname).toBe('/unit');
	expect(url.searchParams.get('unit')).toBe(unit);
	expect(url.searchParams.get('plan')).toBe(PLAN_ID);
	// As of the end of the quarter the report was for.
	const quarterEnd: Record<string, string> = {
		'2024Q1': '2024-03-31',
		'2024Q2': '2024-06-30',
		'2024Q3': '2024-09-30',
		'2024Q4': '2024-12-31'
	};
	expect(url.searchParams.get('asOf')).toBe(quarterEnd[period]);

	await page.goBack();
	await expect(page.getByTestId('completeness-levels')).toBeVisible({ timeout: APP_TIMEOUT });
	await page.getByRole('link', { name: 'English', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Data quality');
	await expect(page).toHaveURL(/lang=en/);
	const row = page.locator('[data-testid="completeness-levels"] tr[data-level="commune"]');
	await expect(row.locator('th')).toHaveText('Commune or ward');
	await expect(row.getByTestId('rate-completeness')).toHaveText('93%');
	await expect(page.getByRole('heading', { name: /Validation rule violations/ })).toBeVisible();
});

test('the stray zero breaks a validation rule and is an outlier; the CSV lists the problems', async ({
	page
}) => {
	// data/values.csv: one Cao Bằng commune reports 4,000 members in 2024Q1 for 820 resident women.
	const values = readCsv('values');
	const stray = values.find((v) => v.indicator === 'members' && v.period === '2024Q1' && v.value === '4000');
	expect(stray).toBeTruthy();
	const unit = stray?.org_unit ?? '';
	await openQuality(page, `plan=${PLAN_ID}&asOf=${AS_OF}`);
	const violation = page.locator(`[data-testid="problems-violation"] tr[data-unit="${unit}"]`);
	await expect(violation).toHaveCount(1);
	await expect(violation).toContainText('4.000 ≤ 820');
	await expect(
		page.locator(`[data-testid="problems-outlier"] tr[data-unit="${unit}"][data-period="2024Q1"]`).first()
	).toBeVisible();

	const download = page.waitForEvent('download');
	await page.getByTestId('quality-csv').click();
	const file = await download;
	const text = readFileSync((await file.path()) ?? '', 'utf8');
	expect(text.startsWith('\uFEFFLoại,Mã đơn vị,Tên đơn vị,Cấp,Kỳ,Chi tiết,Đường dẫn')).toBe(true);
	expect(text).toContain(`Vi phạm quy tắc kiểm tra,${unit},`);
	expect(text).toContain(`/unit?unit=${unit}&plan=${PLAN_ID}&asOf=2024-03-31`);
});

test('the quality page has no serious accessibility violation', async ({ page }) => {
	await openQuality(page, `plan=${PLAN_ID}&asOf=${AS_OF}`);
	const { violations } = await new AxeBuilder({ page }).analyze();
	const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	expect(
		serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
		'axe on /quality'
	).toEqual([]);
});
