import { expect, test, type Request } from '@playwright/test';

test('the first page loads the default data into DuckDB-WASM and shows its counts', async ({
	page,
	baseURL
}) => {
	const foreign: string[] = [];
	page.on('request', (request: Request) => {
		const url = new URL(request.url());
		if (
			url.origin !== new URL(baseURL as string).origin &&
			url.protocol !== 'data:' &&
			url.protocol !== 'blob:'
		) {
			foreign.push(request.url());
		}
	});

	await page.goto('/');
	await expect(page.getByTestId('demo-banner')).toContainText('minh họa');
	const hierarchies = page.getByTestId('hierarchy');
	await expect(hierarchies).toHaveCount(3, { timeout: 60_000 });

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

	expect(foreign).toEqual([]);
});
