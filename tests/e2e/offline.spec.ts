import { expect, test } from '@playwright/test';

test('after one visit the app, its data and DuckDB work with no network', async ({ page, context }) => {
	await page.goto('/?plan=cao-bang-2024&asOf=2024-06-30');
	await expect(page.getByTestId('scorecard')).toBeVisible({ timeout: 90_000 });
	const poverty = await page.locator('tr.target[data-rule="cb2024-2.2-poverty"]').getAttribute('data-status');

	// The service worker keeps this browser's DuckDB wasm once the page has named it.
	await expect
		.poll(
			() =>
				page.evaluate(async () => {
					const names = await caches.keys();
					for (const name of names) {
						const keys = await (await caches.open(name)).keys();
						if (keys.some((request) => request.url.endsWith('.wasm'))) return true;
					}
					return false;
				}),
			{ timeout: 60_000 }
		)
		.toBe(true);

	await context.setOffline(true);
	await page.reload();
	await expect(page.getByTestId('scorecard')).toBeVisible({ timeout: 90_000 });
	await expect(page.locator('tr.target[data-rule="cb2024-2.2-poverty"]')).toHaveAttribute(
		'data-status',
		poverty as string
	);
	// Another page, never opened online, also works offline (the shell and data are cached at install).
	await page.goto('/programme?programme=border-women');
	await expect(page.getByTestId('programme-targets')).toBeVisible({ timeout: 90_000 });
	await context.setOffline(false);
});
