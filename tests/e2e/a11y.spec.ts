/**
 * Accessibility with axe-core: no serious or critical violation on the scorecard (with details open), the unit
 * page, and the English scorecard. The message lists each violation's rule, help and the nodes to fix.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { viewUrl, waitForScorecard, waitForUnitPage } from './helpers';

const AS_OF = '2024-06-30';

async function expectNoSeriousViolations(page: Page, what: string) {
	const { violations } = await new AxeBuilder({ page }).options({ ancestry: true }).analyze();
	const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	const describe = (n: (typeof serious)[number]['nodes'][number]) =>
		[
			`    ${n.target.join(' ')}`,
			`      in ${(n.ancestry ?? []).join(' ')}`,
			`      ${n.html.slice(0, 160)}`,
			...(n.failureSummary ?? '').split('\n').map((line) => `      ${line}`)
		].join('\n');
	const report = serious
		.map(
			(v) =>
				`[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n` +
				v.nodes.slice(0, 10).map(describe).join('\n') +
				(v.nodes.length > 10 ? `\n    … and ${v.nodes.length - 10} more nodes` : '')
		)
		.join('\n');
	expect(
		serious.map((v) => v.id),
		`axe on ${what}:\n${report}`
	).toEqual([]);
}

test('the scorecard, with a target’s details open, has no serious accessibility violation', async ({
	page
}) => {
	await page.goto(viewUrl('/', { asOf: AS_OF }));
	await waitForScorecard(page);
	for (const rule of ['cb2024-2.2-poverty', 'cb2024-2.8-startups']) {
		const details = page.locator(`tr.target[data-rule="${rule}"] + tr.details-row`);
		await details.getByText('Chi tiết', { exact: true }).click();
		await expect(details.locator('details')).toHaveAttribute('open', '');
	}
	const open = page.locator('tr.details-row details[open]');
	await expect(open.getByTestId('conditions')).toBeVisible();
	await expect(open.getByTestId('per-unit')).toBeVisible();
	await expect(page.getByTestId('years')).toBeVisible();
	await expectNoSeriousViolations(page, 'the home page (vi, details open)');
});

test('the unit page has no serious accessibility violation', async ({ page }) => {
	await page.goto(viewUrl('/unit', { asOf: AS_OF, unit: '04' }));
	await waitForUnitPage(page);
	await expect(page.getByTestId('child-matrix')).toBeVisible();
	await expectNoSeriousViolations(page, 'the province page /unit?unit=04');
});

test('the English scorecard has no serious accessibility violation', async ({ page }) => {
	await page.goto(viewUrl('/', { asOf: AS_OF, lang: 'en' }));
	await waitForScorecard(page);
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByTestId('years')).toBeVisible();
	await expectNoSeriousViolations(page, 'the home page (en)');
});
