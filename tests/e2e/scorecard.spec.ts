/**
 * The plan scorecard (home page) against the CLI: the same evaluation core must give the same statuses, numbers
 * and reasons in the browser, at any as-of date, in both languages, and from a shared link.
 */
import { expect, test, type Page } from '@playwright/test';
import {
	cliEvaluate,
	cliResult,
	cliStatusCounts,
	cliStatuses,
	PLAN_ID,
	readPlan,
	recordForeignRequests,
	statusesOf,
	STATUSES,
	urlParams,
	viewUrl,
	viMeasure,
	viNumber,
	waitForScorecard
} from './helpers';

const MID_YEAR = '2024-06-30';
const YEAR_END = '2024-12-31';

const targetRows = (page: Page) => page.locator('tr.target[data-rule]');
const row = (page: Page, rule: string) => page.locator(`tr.target[data-rule="${rule}"]`);
/** The expandable "Chi tiết" row that follows a target's row. */
const detailsOf = (page: Page, rule: string) =>
	page.locator(`tr.target[data-rule="${rule}"] + tr.details-row`);

/** Statuses, numbers and reasons of every row: what a reader compares between two views. */
async function snapshot(page: Page) {
	return targetRows(page).evaluateAll((rows) =>
		rows.map((r) => ({
			rule: r.getAttribute('data-rule'),
			status: r.getAttribute('data-status'),
			numbers: r.querySelector('[data-testid="actual-vs-target"]')?.textContent?.trim(),
			why: r.querySelector('[data-testid="explanation"]')?.textContent?.trim()
		}))
	);
}

async function expectStatusesOfCli(page: Page, asOf: string) {
	const expected = await cliStatuses(asOf);
	await expect(targetRows(page)).toHaveCount(Object.keys(expected).length);
	await expect.poll(() => statusesOf(targetRows(page))).toEqual(expected);
}

test('every target shows the status, numbers and reason the CLI gives at 30/06/2024', async ({
	page,
	baseURL
}) => {
	const foreign = recordForeignRequests(page, baseURL as string);
	const cli = cliEvaluate(MID_YEAR); // runs while the page loads
	await page.goto(viewUrl('/', { asOf: MID_YEAR }));
	await waitForScorecard(page);
	const { results } = await cli;
	expect(results.length).toBeGreaterThan(20);

	await expect(page.getByTestId('as-of')).toHaveValue(MID_YEAR);
	await expect(page.getByTestId('as-of-label')).toContainText('30/06/2024');

	// Every row: its status (attribute and visible badge, never colour alone) and its one-sentence reason.
	await expectStatusesOfCli(page, MID_YEAR);
	for (const result of results) {
		const tr = row(page, result.rule);
		await expect(tr, result.rule).toHaveAttribute('data-status', result.status);
		await expect(tr.locator('.badge'), result.rule).toHaveAttribute('data-status', result.status);
		await expect(tr.locator('.badge .label'), result.rule).not.toBeEmpty();
		await expect(tr.getByTestId('explanation'), result.rule).toHaveText(result.explanation.vi);
	}

	// The numbers column of counts, a share and a deadline, formatted vi-VN from the CLI's values.
	const numbers: [string, boolean][] = [
		['cb2024-2.2-poverty', false],
		['cb2024-2.5-members-province', false],
		['cb2024-2.3-victims-supported', true],
		['cb2024-6.2-q2-midterm-review', false]
	];
	for (const [rule, share] of numbers) {
		const result = await cliResult(MID_YEAR, rule);
		await expect(row(page, rule).getByTestId('actual-vs-target'), rule).toHaveText(
			`${viMeasure(result.actual, share)} / ${viMeasure(result.target, share)}`
		);
	}
	// The province's target of 1,300 new members is written with a thousands dot.
	await expect(row(page, 'cb2024-2.5-members-province').getByTestId('actual-vs-target')).toContainText(
		'1.300'
	);

	// The summary line: how many targets have each status.
	const counts = await cliStatusCounts(MID_YEAR);
	for (const status of STATUSES) {
		await expect(
			page.locator(`[data-testid="status-summary"] li[data-status="${status}"] strong`),
			status
		).toHaveText(viNumber(counts[status]));
	}

	expect(foreign).toEqual([]);
});

test('"Chi tiết" shows each condition with the CLI’s fact value, and the units of an each-rule', async ({
	page
}) => {
	await page.goto(viewUrl('/', { asOf: MID_YEAR }));
	await waitForScorecard(page);

	// A count, a ratio, and a rule with two conditions (a count of units and a share of units).
	const rules: [string, (path: string | null, fact: string) => boolean][] = [
		['cb2024-2.2-poverty', () => false],
		['cb2024-2.3-victims-supported', () => true],
		['cb2024-2.5-low-coverage-unions', (path) => path === '$.share']
	];
	for (const [rule, isShare] of rules) {
		const result = await cliResult(MID_YEAR, rule);
		expect(result.conditions.length, rule).toBeGreaterThan(0);
		const details = detailsOf(page, rule);
		const table = details.getByTestId('conditions');
		await expect(table).toBeHidden();
		await details.getByText('Chi tiết', { exact: true }).click();
		await expect(details.locator('details')).toHaveAttribute('open', '');
		await expect(table).toBeVisible();
		await expect(table.locator('tbody tr')).toHaveCount(result.conditions.length);
		for (const [i, condition] of result.conditions.entries()) {
			const share = isShare(condition.path, condition.fact);
			const cells = table.locator('tbody tr').nth(i).locator('td');
			await expect(cells.nth(0), rule).toContainText(condition.fact);
			await expect(cells.nth(1), `${rule}: fact value`).toHaveText(viMeasure(condition.factValue, share));
			await expect(cells.nth(2), rule).toHaveText(condition.operator);
			await expect(cells.nth(3), `${rule}: compared value`).toHaveText(viMeasure(condition.value, share));
			await expect(cells.nth(4), rule).toContainText(condition.result ? 'đạt' : 'chưa đạt');
			await expect(cells.nth(4), rule).toContainText(condition.result ? '✔' : '✖');
		}
	}

	// An `each district` rule lists every district with its own status.
	const startups = await cliResult(MID_YEAR, 'cb2024-2.8-startups');
	const units = startups.units ?? [];
	expect(units.length).toBe(10);
	const details = detailsOf(page, 'cb2024-2.8-startups');
	await details.getByText('Chi tiết', { exact: true }).click();
	const perUnit = details.locator('[data-testid="per-unit"] tbody tr[data-unit]');
	await expect(perUnit).toHaveCount(units.length);
	const shown = await perUnit.evaluateAll((trs) =>
		Object.fromEntries(trs.map((tr) => [tr.getAttribute('data-unit'), tr.getAttribute('data-status')]))
	);
	expect(shown).toEqual(Object.fromEntries(units.map((u) => [u.orgUnit, u.status])));
	for (const unit of units) {
		await expect(details.locator(`tr[data-unit="${unit.orgUnit}"] td.num`), unit.orgUnit).toHaveText(
			`${viMeasure(unit.actual, false)} / ${viMeasure(unit.target, false)}`
		);
	}
});

test('changing the as-of date updates the URL and the statuses; Back returns to the earlier date', async ({
	page
}) => {
	void cliEvaluate(YEAR_END);
	await page.goto(viewUrl('/', { asOf: MID_YEAR }));
	await waitForScorecard(page);
	await expectStatusesOfCli(page, MID_YEAR);

	await page.getByTestId('as-of').fill(YEAR_END);
	await expect.poll(() => urlParams(page).get('asOf')).toBe(YEAR_END);
	expect(urlParams(page).get('plan')).toBe(PLAN_ID);
	await expect(page.getByTestId('as-of-label')).toContainText('31/12/2024');
	await waitForScorecard(page);
	await expectStatusesOfCli(page, YEAR_END);
	// The two dates give different views (the plan has ended on 31/12: nothing is "on track" any more).
	expect(await cliStatuses(YEAR_END)).not.toEqual(await cliStatuses(MID_YEAR));
	const counts = await cliStatusCounts(YEAR_END);
	for (const status of STATUSES) {
		await expect(
			page.locator(`[data-testid="status-summary"] li[data-status="${status}"] strong`)
		).toHaveText(viNumber(counts[status]));
	}

	await page.goBack();
	await expect.poll(() => urlParams(page).get('asOf')).toBe(MID_YEAR);
	await expect(page.getByTestId('as-of')).toHaveValue(MID_YEAR);
	await expect(page.getByTestId('as-of-label')).toContainText('30/06/2024');
	await waitForScorecard(page);
	await expectStatusesOfCli(page, MID_YEAR);

	await page.goForward();
	await expect.poll(() => urlParams(page).get('asOf')).toBe(YEAR_END);
	await expectStatusesOfCli(page, YEAR_END);
});

test('switching the plan changes the heading and the targets', async ({ page }) => {
	await page.goto(viewUrl('/', { asOf: MID_YEAR }));
	await waitForScorecard(page);
	const caoBang = readPlan(PLAN_ID);
	await expect(page.getByRole('heading', { level: 1 }).first()).toHaveText(caoBang.plan.title.vi);
	await expect(page.getByTestId('plan-select')).toHaveValue(PLAN_ID);

	const other = readPlan('quang-tri-2021');
	await page.getByTestId('plan-select').selectOption(other.plan.id);
	await expect.poll(() => urlParams(page).get('plan')).toBe(other.plan.id);
	await expect(page.locator('h1#plan-title')).toHaveText(other.plan.title.vi);
	await expect(page).toHaveTitle(new RegExp(other.plan.title.vi));
	// The old date belongs to the old plan: the new plan's date lies within its own period (2021).
	await expect(page.getByTestId('as-of')).toHaveValue(/^2021-/);
	await waitForScorecard(page);
	const rules = await statusesOf(targetRows(page));
	expect(Object.keys(rules).sort()).toEqual(other.rules.map((r) => r.name).sort());
});

test('English keeps the plan and date, and a shared link gives the same view after a reload', async ({
	page,
	context
}) => {
	const cli = cliEvaluate(YEAR_END);
	const plan = readPlan(PLAN_ID);
	await page.goto(viewUrl('/', { asOf: MID_YEAR }));
	await waitForScorecard(page);
	await page.getByTestId('as-of').fill(YEAR_END);
	await expect.poll(() => urlParams(page).get('asOf')).toBe(YEAR_END);
	await expectStatusesOfCli(page, YEAR_END);

	await page.getByRole('link', { name: 'English', exact: true }).click();
	await expect.poll(() => urlParams(page).get('lang')).toBe('en');
	expect(urlParams(page).get('plan')).toBe(PLAN_ID);
	expect(urlParams(page).get('asOf')).toBe(YEAR_END);
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.locator('h1#plan-title')).toHaveText(plan.plan.title.en);
	await expect(page.getByTestId('as-of-label')).toContainText('31 Dec 2024');
	await expect(page.getByTestId('drill-down')).toHaveText('See by sub-unit');
	await expect(page.getByRole('columnheader', { name: 'Target', exact: true })).toBeVisible();
	await expectStatusesOfCli(page, YEAR_END);
	for (const result of (await cli).results) {
		await expect(row(page, result.rule).getByTestId('explanation'), result.rule).toHaveText(
			result.explanation.en
		);
		const title = plan.rules.find((r) => r.name === result.rule)?.title.en ?? '';
		await expect(row(page, result.rule).locator('td.title'), result.rule).toContainText(title);
	}
	const seen = await snapshot(page);

	// The same URL, opened afresh (a colleague's browser) and reloaded, shows the same view.
	const shared = viewUrl('/', { asOf: YEAR_END, lang: 'en' });
	expect(new URL(page.url()).searchParams.toString()).toBe(
		new URL(shared, 'http://x').searchParams.toString()
	);
	const other = await context.newPage();
	await other.goto(shared);
	await waitForScorecard(other);
	await expect(other.locator('h1#plan-title')).toHaveText(plan.plan.title.en);
	await expect(other.getByTestId('as-of')).toHaveValue(YEAR_END);
	expect(await snapshot(other)).toEqual(seen);
	await other.reload();
	await waitForScorecard(other);
	await expect(other.locator('html')).toHaveAttribute('lang', 'en');
	expect(await snapshot(other)).toEqual(seen);
	await other.close();

	// And back to Vietnamese, still on the same plan and date.
	await page.getByRole('link', { name: 'Tiếng Việt', exact: true }).click();
	await expect.poll(() => urlParams(page).get('lang')).toBeNull();
	expect(urlParams(page).get('plan')).toBe(PLAN_ID);
	expect(urlParams(page).get('asOf')).toBe(YEAR_END);
	await expect(page.locator('h1#plan-title')).toHaveText(plan.plan.title.vi);
	await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
});
