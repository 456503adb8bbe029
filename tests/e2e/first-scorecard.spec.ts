/**
 * The first scorecard while DuckDB-WASM starts: computed at build time for the default data (vite build runs
 * scripts/precompute-scorecards.ts), shown only for the exact plan and as-of date it was computed for, only when the
 * browser keeps no imports, and replaced by the live evaluation. DuckDB's wasm download is held back here so that
 * the database stays "starting" for as long as a test needs.
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import {
	cliEvaluate,
	cliStatuses,
	PLAN_ID,
	statusesOf,
	viewUrl,
	viMeasure,
	waitForScorecard
} from './helpers';

// The service worker would answer from its cache, past the held route.
test.use({ serviceWorkers: 'block' });

/** The default plan opens at the end of its period (it ended before today). */
const YEAR_END = '2024-12-31';

const targetRows = (page: Page) => page.locator('tr.target[data-rule]');
const view = (page: Page, source: 'precomputed' | 'live') =>
	page.locator(`[data-testid="scorecard-view"][data-source="${source}"]`);

/** Holds every DuckDB wasm download until the returned function is called. */
async function holdDuckDb(context: BrowserContext): Promise<() => void> {
	let release = () => {};
	const released = new Promise<void>((resolve) => (release = resolve));
	await context.route(/duckdb-[a-z]+\.[^/]*wasm$/, async (route) => {
		await released;
		await route.continue();
	});
	return release;
}

test('the default scorecard shows the CLI’s results before DuckDB has started, then the live one replaces it', async ({
	page,
	context
}) => {
	const cli = cliEvaluate(YEAR_END);
	const release = await holdDuckDb(context);
	await page.goto('/');

	// Computed at build time, labelled as such, while the database is still starting.
	await expect(view(page, 'precomputed')).toBeVisible({ timeout: 30_000 });
	await expect(page.getByTestId('precomputed-note')).toContainText('tính sẵn khi dựng ứng dụng');
	await expect(page.getByTestId('precomputed-note')).toContainText('Đang khởi động cơ sở dữ liệu DuckDB');
	await expect(page.getByTestId('demo-banner')).toBeVisible();
	await expect(page.getByTestId('as-of-label')).toContainText('31/12/2024');

	// The same statuses, numbers and reasons as the CLI evaluating the plan on the same files.
	const { results } = await cli;
	expect(await statusesOf(targetRows(page))).toEqual(await cliStatuses(YEAR_END));
	for (const result of results) {
		const tr = page.locator(`tr.target[data-rule="${result.rule}"]`);
		await expect(tr.getByTestId('explanation'), result.rule).toHaveText(result.explanation.vi);
	}
	const poverty = results.find((r) => r.rule === 'cb2024-2.2-poverty');
	expect(poverty).toBeDefined();
	await expect(
		page.locator('tr.target[data-rule="cb2024-2.2-poverty"]').getByTestId('actual-vs-target')
	).toHaveText(`${viMeasure(poverty?.actual, false)} / ${viMeasure(poverty?.target, false)}`);
	// Nothing that needs the database: no live view, no unit search (it needs every unit's name).
	await expect(view(page, 'live')).toHaveCount(0);
	await expect(page.getByRole('search')).toHaveCount(0);

	// Once DuckDB is up, the live evaluation takes over, with the same results.
	const before = await statusesOf(targetRows(page));
	release();
	await expect(view(page, 'live')).toBeVisible({ timeout: 60_000 });
	await waitForScorecard(page);
	await expect(view(page, 'precomputed')).toHaveCount(0);
	await expect(page.getByTestId('precomputed-note')).toHaveCount(0);
	await expect(page.getByRole('search')).toBeVisible();
	expect(await statusesOf(targetRows(page))).toEqual(before);
});

test('the English view of the precomputed scorecard says what it is', async ({ page, context }) => {
	await holdDuckDb(context);
	await page.goto(`/?plan=${PLAN_ID}&lang=en`);
	await expect(view(page, 'precomputed')).toBeVisible({ timeout: 30_000 });
	await expect(page.getByTestId('precomputed-note')).toContainText('computed when the app was built');
});

test('a date the build did not compute waits for the database', async ({ page, context }) => {
	const release = await holdDuckDb(context);
	await page.goto(viewUrl('/', { asOf: '2024-06-30' }));
	// The loading screen shows once the page has looked for a precomputed scorecard and found none.
	await expect(page.getByTestId('loading')).toBeVisible({ timeout: 30_000 });
	await expect(targetRows(page)).toHaveCount(0);
	release();
	await waitForScorecard(page);
	await expect(view(page, 'live')).toBeVisible();
	expect(await statusesOf(targetRows(page))).toEqual(await cliStatuses('2024-06-30'));
});

test('with an import kept in this browser, the build’s scorecard is not shown: its data differ', async ({
	page,
	context
}) => {
	await holdDuckDb(context);
	await page.goto('/');
	await expect(view(page, 'precomputed')).toBeVisible({ timeout: 30_000 });
	// An import as the import page keeps it (src/lib/import-store/persist.ts): any record counts.
	await page.evaluate(
		() =>
			new Promise<void>((resolve, reject) => {
				const open = indexedDB.open('chi-tieu-imports', 1);
				open.onupgradeneeded = () => open.result.createObjectStore('imports', { keyPath: 'id' });
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const tx = open.result.transaction('imports', 'readwrite');
					tx.objectStore('imports').put({ v: 1, seq: 1, id: 'test-import' });
					tx.oncomplete = () => {
						open.result.close();
						resolve();
					};
					tx.onerror = () => reject(tx.error);
				};
			})
	);
	await page.reload();
	await expect(page.getByTestId('loading')).toBeVisible({ timeout: 30_000 });
	await expect(targetRows(page)).toHaveCount(0);
	await expect(view(page, 'precomputed')).toHaveCount(0);
});

test('when DuckDB cannot start, the build’s scorecard stays below the error, and a retry brings the live one', async ({
	page,
	context
}) => {
	// The engine's download fails (a blocked or broken file), until the route is lifted.
	const failing = /duckdb-[a-z]+\.[^/]*wasm$/;
	await context.route(failing, (route) => route.abort('failed'));
	await page.goto('/');

	// DuckDB's worker swallows this failure (duckdb-wasm 1.32): the page must still say which file failed.
	await expect(page.getByTestId('error')).toBeVisible({ timeout: 60_000 });
	await expect(page.getByTestId('error')).toContainText(/DuckDB \(duckdb-(eh|mvp)\.[^)]*\.wasm\)/);
	await expect(view(page, 'precomputed')).toBeVisible();
	const note = page.getByTestId('precomputed-note');
	await expect(note).toContainText('không khởi động được');
	await expect(note).toHaveAttribute('aria-busy', 'false');
	await expect(note.locator('progress')).toHaveCount(0);
	await expect(page.getByTestId('loading')).toHaveCount(0);
	expect(await statusesOf(targetRows(page))).toEqual(await cliStatuses(YEAR_END));

	await context.unroute(failing);
	// The retry keeps the page as it is until the live scorecard replaces it (seconds later): not rebuilt.
	await view(page, 'precomputed').evaluate((el) => el.setAttribute('data-marked', ''));
	await page.getByTestId('error').getByRole('button').click();
	await expect(page.getByTestId('error')).toHaveCount(0);
	await expect(view(page, 'precomputed')).toHaveAttribute('data-marked', '');
	await expect(view(page, 'live')).toBeVisible({ timeout: 60_000 });
	await waitForScorecard(page);
	await expect(page.getByTestId('error')).toHaveCount(0);
	expect(await statusesOf(targetRows(page))).toEqual(await cliStatuses(YEAR_END));
});

test('when DuckDB’s worker script cannot load, the error names it instead of waiting forever', async ({
	page,
	context
}) => {
	await context.route(/duckdb-browser-[a-z]+\.worker\.[^/]*js$/, (route) => route.abort('failed'));
	await page.goto('/');
	await expect(page.getByTestId('error')).toContainText(
		/DuckDB \(duckdb-browser-(eh|mvp)\.worker\.[^)]*\.js\)/,
		{
			timeout: 60_000
		}
	);
	await expect(view(page, 'precomputed')).toBeVisible();
});

test('when a data file cannot be downloaded, the error names it; the retry leaves one DuckDB running, not two', async ({
	page,
	context
}) => {
	const failing = /\/values\.[^/]*\.csv$/;
	await context.route(failing, (route) => route.abort('failed'));
	await page.goto('/');
	await expect(page.getByTestId('error')).toContainText(/values\.csv: /, { timeout: 60_000 });
	await expect(view(page, 'precomputed')).toBeVisible();

	await context.unroute(failing);
	await page.getByTestId('error').getByRole('button').click();
	await waitForScorecard(page);
	await expect(view(page, 'live')).toBeVisible();
	// DuckDB runs in a worker started from a blob: URL (src/lib/db/duckdb-worker.ts): the failed start's engine,
	// which had started before the download failed, is closed rather than kept until the page closes.
	await expect.poll(() => page.workers().filter((w) => w.url().startsWith('blob:')).length).toBe(1);
});
