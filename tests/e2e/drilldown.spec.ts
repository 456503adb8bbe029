/**
 * Drill-down (design.md §2: "drill down province → district → commune and back"): the children listed come from
 * data/org_units.csv, the per-unit statuses from the CLI's `results[].units[]`.
 */
import { expect, test, type Page } from '@playwright/test';
import {
	childrenOf,
	cliEvaluate,
	cliResult,
	PLAN_ID,
	readPlan,
	urlParams,
	viewUrl,
	viNumber,
	unitName,
	waitForScorecard,
	waitForUnitPage,
	type CliResult
} from './helpers';

const AS_OF = '2024-06-30';
const PROVINCE = '04';
/** Thạch An: its start-ups target is at risk mid-year, so a wrong status would show. */
const DISTRICT = '053';

const matrixRows = (page: Page) => page.locator('[data-testid="child-matrix"] tbody tr[data-unit]');
/** The link to a sub-unit's page in the matrix of sub-units. */
const childLink = (page: Page, code: string) =>
	page.locator(`[data-testid="child-matrix"] tr[data-unit="${code}"] th a`);
const crumbs = (page: Page) => page.locator('[data-testid="breadcrumbs"] li');

async function expectUnitPage(page: Page, code: string) {
	await expect.poll(() => urlParams(page).get('unit')).toBe(code);
	expect(new URL(page.url()).pathname).toBe('/unit');
	expect(urlParams(page).get('plan')).toBe(PLAN_ID);
	expect(urlParams(page).get('asOf')).toBe(AS_OF);
	await expect(page.getByTestId('unit-name')).toHaveText(unitName(code));
	await waitForUnitPage(page);
}

async function expectChildren(page: Page, codes: string[]) {
	await expect(matrixRows(page)).toHaveCount(codes.length);
	const shown = await matrixRows(page).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-unit')));
	expect([...shown].sort()).toEqual([...codes].sort());
	for (const code of codes) {
		await expect(childLink(page, code)).toHaveText(unitName(code));
	}
}

test('province → district → commune and back up by the breadcrumbs', async ({ page }) => {
	const plan = readPlan(PLAN_ID);
	const districts = childrenOf(PROVINCE, 'district');
	expect(districts).toHaveLength(10);
	const communes = childrenOf(DISTRICT, 'commune');
	expect(communes.length).toBeGreaterThan(5);
	const commune = communes[0]?.code ?? '';

	await page.goto(viewUrl('/', { asOf: AS_OF }));
	await waitForScorecard(page);
	await page.getByTestId('drill-down').click();
	await expectUnitPage(page, PROVINCE);
	await expect(crumbs(page)).toHaveText([unitName(PROVINCE)]);
	await expect(
		page.getByRole('heading', { level: 2, name: new RegExp(`\\(${districts.length}\\)`) })
	).toBeVisible();
	await expectChildren(
		page,
		districts.map((d) => d.code)
	);

	// Down to a district.
	await childLink(page, DISTRICT).click();
	await expectUnitPage(page, DISTRICT);
	await expect(crumbs(page)).toHaveText([unitName(PROVINCE), unitName(DISTRICT)]);
	await expect(crumbs(page).last().locator('[aria-current="page"]')).toHaveText(unitName(DISTRICT));
	await expectChildren(
		page,
		communes.map((c) => c.code)
	);

	// Down to a commune: no sub-units any more.
	await childLink(page, commune).click();
	await expectUnitPage(page, commune);
	await expect(crumbs(page)).toHaveText([unitName(PROVINCE), unitName(DISTRICT), unitName(commune)]);
	await expect(page.getByTestId('child-matrix')).toHaveCount(0);

	// Back up: the district's crumb leads to the district's page…
	await crumbs(page)
		.getByRole('link', { name: unitName(DISTRICT) })
		.click();
	await expectUnitPage(page, DISTRICT);
	await expect(matrixRows(page)).toHaveCount(communes.length);

	// …the province's crumb to the province's page (its sub-units matrix)…
	const districtPage = page.url();
	await crumbs(page)
		.getByRole('link', { name: unitName(PROVINCE) })
		.click();
	await expect.poll(() => page.url()).not.toBe(districtPage);
	const landed = new URL(page.url());
	expect
		.soft(
			`${landed.pathname}?unit=${landed.searchParams.get('unit')}`,
			'the breadcrumb "Tỉnh Cao Bằng" should lead to the province’s unit page, as the district’s crumb does'
		)
		.toBe(`/unit?unit=${PROVINCE}`);
	if (landed.pathname === '/unit') {
		await expectUnitPage(page, PROVINCE);
		await expect(matrixRows(page)).toHaveCount(districts.length);
		// …and from there the plan's link leads home, to the scorecard.
		await page.locator('main p a').filter({ hasText: plan.plan.title.vi }).click();
	}
	await expect.poll(() => new URL(page.url()).pathname).toBe('/');
	await expect(page.locator('h1#plan-title')).toHaveText(plan.plan.title.vi);
	expect(urlParams(page).get('plan')).toBe(PLAN_ID);
	expect(urlParams(page).get('asOf')).toBe(AS_OF);
	await waitForScorecard(page);
});

test('each district’s own status on an `each district` target equals the CLI’s per-unit status', async ({
	page
}) => {
	const cli = cliEvaluate(AS_OF);
	const plan = readPlan(PLAN_ID);
	const rules = plan.rules.filter((r) => r.scope?.each === 'district').map((r) => r.name);
	expect(rules).toContain('cb2024-2.8-startups');
	const districts = childrenOf(PROVINCE, 'district').map((d) => d.code);

	await page.goto(viewUrl('/unit', { asOf: AS_OF, unit: PROVINCE }));
	await expectUnitPage(page, PROVINCE);
	await cli;
	const perUnit = async (rule: string, unit: string): Promise<CliResult> => {
		const result = (await cliResult(AS_OF, rule)).units?.find((u) => u.orgUnit === unit);
		if (!result) throw new Error(`the CLI has no result of ${rule} for ${unit}`);
		return result;
	};

	// The province's matrix: one status cell per district and rule.
	for (const rule of rules) {
		for (const district of districts) {
			const expected = (await perUnit(rule, district)).status;
			await expect(
				page.locator(
					`[data-testid="child-matrix"] tr[data-unit="${district}"] td[data-rule="${rule}"] .badge`
				),
				`${rule} at ${district} in the province's matrix`
			).toHaveAttribute('data-status', expected);
		}
	}

	// Each district's page: its status, its numbers (counts, not shares) and the reason.
	const wrongNumbers: string[] = [];
	for (const district of districts) {
		await childLink(page, district).click();
		await expectUnitPage(page, district);
		for (const rule of rules) {
			const result = await perUnit(rule, district);
			const tr = page.locator(`[data-testid="unit-targets"] tr[data-rule="${rule}"]`);
			await expect(tr, `${rule} at ${district}`).toHaveAttribute('data-status', result.status);
			await expect(tr.locator('.badge'), `${rule} at ${district}`).toHaveAttribute(
				'data-status',
				result.status
			);
			await expect(tr.locator('td.why'), `${rule} at ${district}`).toHaveText(result.explanation.vi);
			const numbers = `${viNumber(result.actual as number)} / ${viNumber(result.target as number)}`;
			const shown = (await tr.locator('td.num').textContent())?.trim();
			if (shown !== numbers)
				wrongNumbers.push(`${district} ${rule}: shows "${shown}", the CLI has "${numbers}"`);
		}
		await page.goBack();
		await expectUnitPage(page, PROVINCE);
	}
	// A district's own result on an `each district` target is a count against its own target, not a share.
	expect(wrongNumbers, `[data-testid="unit-targets"] tr[data-rule] td.num on the district pages`).toEqual([]);
});
