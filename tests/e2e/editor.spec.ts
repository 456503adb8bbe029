/**
 * The rule editor in a browser: the list of plan files; the Cao Bằng 2024 journey (change 161 to 100 in the
 * form, see the target's status change in the preview and the line in the diff; type a broken value in the
 * code and see the message at its line; reload and find the draft intact; download the file and check it
 * with the CLI); undo and revert; suggestions and hover; copies, the template and uploads.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const PLAN = 'cao-bang-2024';
const ORIGINAL = readFileSync(join(ROOT, 'rules', `${PLAN}.json`), 'utf8');
const POVERTY = 'cb2024-2.2-poverty';
const POVERTY_LEAF = '"operator": "greaterThanInclusive", "value": 161}';
const DRAFT_KEY = `chi-tieu:rules-draft:v1:${PLAN}`;
/** DuckDB-WASM starts and loads the data first (5–10 s on a busy machine). */
const APP_TIMEOUT = 60_000;

const run = promisify(execFile);

/** The CLI (`npm run cli -- <args>`), as M&E staff run it. */
async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
	try {
		const { stdout, stderr } = await run(
			join(ROOT, 'node_modules/.bin/tsx'),
			['--tsconfig', 'tsconfig.node.json', 'src/cli/main.ts', ...args],
			{ cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }
		);
		return { code: 0, stdout, stderr };
	} catch (error) {
		const e = error as { code?: number; stdout?: string; stderr?: string };
		return { code: e.code ?? 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
	}
}

async function openEditor(page: Page, query = `plan=${PLAN}`) {
	await page.goto(`/rules/edit?${query}`);
	await expect(page.locator('.cm-editor')).toBeVisible({ timeout: APP_TIMEOUT });
	await expect(page.getByTestId('preview-table')).toBeVisible({ timeout: APP_TIMEOUT });
}

/** The preview's row of a target. */
const previewRow = (page: Page, rule: string) =>
	page.locator(`[data-testid=preview-table] tr[data-rule="${rule}"]`);

/** Selects the first match of `text` after the cursor in the code editor, with CodeMirror's own search. */
async function selectInCode(page: Page, text: string) {
	await page.locator('.cm-content').focus();
	await page.keyboard.press('Control+Home');
	await page.keyboard.press('Control+f');
	const field = page.locator('.cm-search input[name=search]');
	await field.selectText();
	await field.pressSequentially(text);
	await page.keyboard.press('Enter');
	await page.keyboard.press('Escape');
	await expect(page.locator('.cm-search')).toHaveCount(0);
}

/** Replaces the first match of `text` in the code editor by typing `replacement`. */
async function replaceInCode(page: Page, text: string, replacement: string) {
	await selectInCode(page, text);
	await page.keyboard.press('Backspace');
	// Typed as a person types: CodeMirror closes quotes and brackets by itself and steps over them.
	await page.keyboard.type(replacement);
}

async function storedDraft(page: Page): Promise<{ text: string; base: string; origin: string } | null> {
	const raw = await page.evaluate((key) => localStorage.getItem(key), DRAFT_KEY);
	return raw === null ? null : JSON.parse(raw);
}

test('the list shows every plan file with its unit, period, number of targets and statuses', async ({
	page
}) => {
	await page.goto('/rules');
	const rows = page.locator('[data-testid=plan-list] tbody tr');
	await expect(rows).toHaveCount(5, { timeout: APP_TIMEOUT });
	const row = page.locator(`tr[data-plan="${PLAN}"]`);
	await expect(row).toContainText('Định hướng nhiệm vụ trọng tâm năm 2024');
	await expect(row).toContainText('Tỉnh Cao Bằng');
	await expect(row).toContainText('01/01/2024 – 31/12/2024');
	await expect(row.getByTestId('target-count')).toHaveText('31');
	await expect(row.getByTestId('draft-state')).toHaveText('không có');
	// The statuses are those of the CLI on the same data, at the same date (today, clamped to 2024).
	const { stdout } = await cli(['evaluate', '--data', 'data', '--rules', `rules/${PLAN}.json`]);
	const counts: Record<string, number> = {};
	for (const r of JSON.parse(stdout).results as Array<{ status: string }>)
		counts[r.status] = (counts[r.status] ?? 0) + 1;
	const shown = row.locator('[data-testid=status-counts] li');
	await expect(shown).toHaveCount(Object.keys(counts).length, { timeout: APP_TIMEOUT });
	for (const [status, n] of Object.entries(counts))
		await expect(row.locator(`li[data-status="${status}"]`)).toHaveAttribute('data-count', String(n));
	for (const id of ['quang-tri-2021', 'soc-trang-2022', 'trung-uong-bien-cuong-2020', 'ubdt-project8-2022'])
		await expect(page.locator(`tr[data-plan="${id}"] [data-testid=status-counts] li`).first()).toBeVisible();

	await row.getByTestId('open-plan').click();
	await expect(page).toHaveURL(/\/rules\/edit\?plan=cao-bang-2024/);
	await expect(page.locator('.cm-editor')).toBeVisible();
});

test('Cao Bằng 2024: form edit, live preview, diff, broken value, reload, download and check', async ({
	page
}) => {
	await openEditor(page);
	await expect(page.getByTestId('problems')).toContainText('Tệp hợp lệ: không có lỗi.');

	// The preview at 30/06/2024: 74 households of 161, behind the expected 80 — at risk.
	await page.getByTestId('preview-as-of').fill('2024-06-30');
	await expect(page).toHaveURL(/asOf=2024-06-30/);
	await expect(previewRow(page, POVERTY)).toHaveAttribute('data-status', 'at-risk', { timeout: APP_TIMEOUT });
	await expect(previewRow(page, POVERTY)).toHaveAttribute('data-changed', 'false');

	// 1. Change 161 to 100 in the form.
	await page.getByTestId('tab-form').click();
	const rule = page.locator(`[data-testid=form-rule][data-rule="${POVERTY}"]`);
	await rule.locator('summary').click();
	const value = rule.getByTestId('field-value');
	await expect(value).toHaveValue('161');
	await value.fill('100');

	// The preview re-evaluates and shows the change: was at risk, now on track.
	const row = previewRow(page, POVERTY);
	await expect(row).toHaveAttribute('data-status', 'on-track', { timeout: APP_TIMEOUT });
	await expect(row).toHaveAttribute('data-changed', 'true');
	await expect(row).toHaveAttribute('data-was', 'at-risk');
	await expect(row.getByTestId('was-now')).toContainText('Trước');
	await expect(row.getByTestId('was-now')).toContainText('Có nguy cơ');
	await expect(row.getByTestId('was-now')).toContainText('Đúng tiến độ');
	await expect(row).toContainText('74 / 100');
	await expect(page.getByTestId('preview-changes')).toContainText('1 chỉ tiêu đổi tình trạng');
	await expect(page.locator('[data-testid=preview-table] tr[data-changed="true"]')).toHaveCount(1);

	// The text changed in exactly one place, and the draft is saved as typed.
	const edited = ORIGINAL.replace(POVERTY_LEAF, '"operator": "greaterThanInclusive", "value": 100}');
	await expect.poll(async () => (await storedDraft(page))?.text).toBe(edited);

	// 2. The diff against the saved file highlights the line.
	await page.getByTestId('tab-diff').click();
	const diff = page.getByTestId('diff-view');
	await expect(diff).toContainText('1 dòng bị bỏ, 1 dòng được thêm');
	await expect(diff.locator('tr.removed')).toHaveCount(1);
	await expect(diff.locator('tr.removed td.no').first()).toHaveText('49');
	await expect(diff.locator('tr.removed mark')).toHaveText('161');
	await expect(diff.locator('tr.added mark')).toHaveText('100');
	await expect(diff.locator('tr.added')).toContainText('households_out_of_poverty');

	// 3. A broken value typed in the code: the message at its line, underlined in the editor.
	await page.getByTestId('tab-code').click();
	await replaceInCode(page, '100}', '"100"}');
	const problem = page.locator('[data-testid=problems] li[data-line="49"]');
	await expect(problem).toContainText('dòng 49', { timeout: 30_000 });
	await expect(problem).toContainText('toán tử "greaterThanInclusive" cần giá trị là một số');
	await expect(page.locator('.cm-lintRange-error')).toHaveText('"100"');
	await expect(page.locator('.cm-lint-marker-error')).toHaveCount(1);
	// The preview keeps the last valid version and says so.
	await expect(page.getByTestId('preview-stale')).toContainText('phiên bản hợp lệ gần nhất');
	await expect(row).toHaveAttribute('data-status', 'on-track');
	const broken = ORIGINAL.replace(POVERTY_LEAF, '"operator": "greaterThanInclusive", "value": "100"}');
	await expect.poll(async () => (await storedDraft(page))?.text).toBe(broken);

	// 4. Reload: the draft is intact, broken value and all.
	await page.reload();
	await expect(page.locator('.cm-editor')).toBeVisible({ timeout: APP_TIMEOUT });
	await expect(page.getByTestId('save-state')).toContainText('Đã khôi phục bản nháp');
	await expect(page.locator('[data-testid=problems] li[data-line="49"]')).toContainText(
		'cần giá trị là một số',
		{ timeout: APP_TIMEOUT }
	);
	expect((await storedDraft(page))?.text).toBe(broken);
	await page.getByTestId('tab-diff').click();
	await expect(page.locator('[data-testid=diff-view] tr.added mark')).toHaveText('"100"');

	// 5. Fix it, download the file, and check it with the CLI.
	await page.getByTestId('tab-code').click();
	await replaceInCode(page, '"100"', '100');
	await expect(page.getByTestId('problems')).toContainText('Tệp hợp lệ: không có lỗi.', { timeout: 30_000 });
	await expect(previewRow(page, POVERTY)).toHaveAttribute('data-status', 'on-track', {
		timeout: APP_TIMEOUT
	});
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
	expect(download.suggestedFilename()).toBe(`${PLAN}.json`);
	const dir = mkdtempSync(join(tmpdir(), 'chi-tieu-editor-'));
	const file = join(dir, `${PLAN}.json`);
	await download.saveAs(file);
	expect(readFileSync(file, 'utf8')).toBe(edited);
	const check = await cli(['check', '--rules', file, '--data', 'data']);
	expect(check.stderr).toContain('1 plan file(s) valid; 0 rule problem(s)');
	expect(check.code).toBe(0);
	// The CLI judges the downloaded plan as the preview did.
	const evaluated = await cli(['evaluate', '--data', 'data', '--rules', file, '--as-of', '2024-06-30']);
	const result = (JSON.parse(evaluated.stdout).results as Array<{ rule: string; status: string }>).find(
		(r) => r.rule === POVERTY
	);
	expect(result?.status).toBe('on-track');
});

test('undo, redo and revert to saved', async ({ page }) => {
	await openEditor(page);
	await page.getByTestId('tab-form').click();
	const rule = page.locator(`[data-testid=form-rule][data-rule="${POVERTY}"]`);
	await rule.locator('summary').click();
	await rule.getByTestId('field-value').fill('120');
	await expect.poll(async () => (await storedDraft(page))?.text).toContain('"value": 120}');
	await page.getByTestId('undo').click();
	await expect(rule.getByTestId('field-value')).toHaveValue('161');
	// Back to the file: no draft left.
	await expect.poll(() => storedDraft(page)).toBeNull();
	await page.getByTestId('redo').click();
	await expect(rule.getByTestId('field-value')).toHaveValue('120');
	page.once('dialog', (dialog) => dialog.accept());
	await page.getByTestId('revert').click();
	await expect(rule.getByTestId('field-value')).toHaveValue('161');
	await expect.poll(() => storedDraft(page)).toBeNull();
	await expect(page.getByTestId('revert')).toBeDisabled();
});

test('suggestions of codes by name and hover notes in the code view', async ({ page }) => {
	await openEditor(page);
	// An indicator found by its Vietnamese name typed without diacritics.
	await replaceInCode(page, 'households_out_of_poverty', 'ho thoat ngheo');
	const options = page.locator('.cm-tooltip-autocomplete li');
	await expect(options.first()).toContainText('households_out_of_poverty');
	await expect(options.first()).toContainText('Hộ có phụ nữ thoát nghèo');
	await expect(options.first()).toHaveAttribute('aria-selected', 'true');
	// CodeMirror ignores Enter for a moment after the list opens (so that a fast typist gets a new line).
	await page.waitForTimeout(300);
	await page.keyboard.press('Enter');
	// Back to the file as it was: no draft left.
	await expect.poll(() => storedDraft(page)).toBeNull();

	// A unit found by its name without diacritics.
	await replaceInCode(page, '04', 'bao lac');
	await expect(options.first()).toContainText('043');
	await expect(options.first()).toContainText('Huyện Bảo Lạc');
	await page.waitForTimeout(300);
	await page.keyboard.press('Enter');
	await expect
		.poll(async () => (await storedDraft(page))?.text)
		.toBe(ORIGINAL.replace('"orgUnit": "04"', '"orgUnit": "043"'));
	await replaceInCode(page, '043', '04');
	await page.keyboard.press('Escape');
	await expect.poll(() => storedDraft(page)).toBeNull();

	// Hover on a code says what it is.
	await expect(page.locator('.cm-lintRange-error')).toHaveCount(0);
	await page.keyboard.press('Control+Home');
	await page.locator('.cm-line', { hasText: '"orgUnit"' }).locator('span', { hasText: '"04"' }).hover();
	await expect(page.locator('.cm-plan-hover')).toContainText('Tỉnh Cao Bằng (04)');
	await selectInCode(page, 'households_out_of_poverty');
	await page.keyboard.press('ArrowRight');
	await page.locator('.cm-line span', { hasText: '"households_out_of_poverty"' }).first().hover();
	await expect(page.locator('.cm-plan-hover')).toContainText('Hộ có phụ nữ thoát nghèo');
});

test('copy a plan to the next year, start from the template, upload a file as it is', async ({ page }) => {
	await page.goto('/rules');
	await expect(page.locator('[data-testid=plan-list] tbody tr')).toHaveCount(5, { timeout: APP_TIMEOUT });
	await page.locator(`tr[data-plan="${PLAN}"]`).getByRole('button', { name: 'Sao chép cho năm sau' }).click();
	await expect(page.getByTestId('copy-id')).toHaveValue('cao-bang-2025');
	await page.getByTestId('copy-do').click();
	await expect(page).toHaveURL(/plan=cao-bang-2025/);
	await expect(page.locator('.cm-editor')).toBeVisible({ timeout: APP_TIMEOUT });
	const copy = await page.evaluate(() => localStorage.getItem('chi-tieu:rules-draft:v1:cao-bang-2025'));
	const plan = JSON.parse(JSON.parse(copy ?? '{}').text);
	expect(plan.plan.period).toEqual({ start: '2025-01-01', end: '2025-12-31' });
	expect(plan.rules[1].name).toBe('cb2025-2.2-poverty');

	await page.goto('/rules');
	const row = page.locator('tr[data-plan="cao-bang-2025"]');
	await expect(row).toContainText('chỉ có trong trình duyệt', { timeout: APP_TIMEOUT });
	await expect(row.getByTestId('target-count')).toHaveText('31');

	// A new plan from the template is valid and evaluates at once.
	await page.getByTestId('new-plan').click();
	await expect(page).toHaveURL(/plan=new/);
	await expect(page.getByTestId('problems')).toContainText('Tệp hợp lệ', { timeout: APP_TIMEOUT });
	await expect(page.locator('[data-testid=preview-table] tr.target')).toHaveCount(1, {
		timeout: APP_TIMEOUT
	});

	// An uploaded file goes into the editor exactly as it is (tabs, spaces, broken or not).
	await page.goto(`/rules/edit?plan=${PLAN}`);
	await expect(page.locator('.cm-editor')).toBeVisible({ timeout: APP_TIMEOUT });
	const uploaded = ORIGINAL.replace('{\n  "plan": {', '{\n\t"plan":    {').replace(
		POVERTY_LEAF,
		'"operator": "greaterThanInclusive", "value": 150}'
	);
	await page.getByTestId('upload').setInputFiles({
		name: 'cao-bang-2024.json',
		mimeType: 'application/json',
		buffer: Buffer.from(uploaded, 'utf8')
	});
	await expect(page.getByRole('status').filter({ hasText: 'Đã nạp tệp cao-bang-2024.json' })).toBeVisible();
	await expect.poll(async () => (await storedDraft(page))?.text).toBe(uploaded);
	await page.getByTestId('undo').click();
	await expect.poll(() => storedDraft(page)).toBeNull();
});

test('the editor speaks English with the switch', async ({ page }) => {
	await openEditor(page, `plan=${PLAN}&lang=en`);
	await replaceInCode(page, '161}', '"161"}');
	await expect(page.locator('[data-testid=problems] li[data-line="49"]')).toContainText(
		'operator "greaterThanInclusive" needs a number (or a fact reference) as its value',
		{ timeout: 30_000 }
	);
	await expect(page.getByTestId('preview-stale')).toContainText('the preview shows the last valid version');
});

/** No serious or critical axe violation; the message names each rule and the nodes at fault. */
async function expectAccessible(page: Page, what: string) {
	const { violations } = await new AxeBuilder({ page }).analyze();
	const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	const report = serious
		.map(
			(v) =>
				`${v.id}: ${v.help}\n${v.nodes
					.slice(0, 5)
					.map((n) => `  ${n.target.join(' ')} ${n.html.slice(0, 120)}`)
					.join('\n')}`
		)
		.join('\n');
	expect(
		serious.map((v) => v.id),
		`axe on ${what}:\n${report}`
	).toEqual([]);
}

test('the list and the editor (code, form, diff, preview) have no serious accessibility violation', async ({
	page
}) => {
	await page.goto('/rules');
	await expect(page.locator(`tr[data-plan="${PLAN}"] [data-testid=status-counts] li`).first()).toBeVisible({
		timeout: APP_TIMEOUT
	});
	await expectAccessible(page, 'the list /rules');
	await openEditor(page, `plan=${PLAN}&asOf=2024-06-30`);
	await replaceInCode(page, '161}', '"161"}');
	await expect(page.getByTestId('preview-stale')).toBeVisible({ timeout: 30_000 });
	await expectAccessible(page, 'the code view with a problem');
	await page.getByTestId('tab-form').click();
	await page.locator(`[data-testid=form-rule][data-rule="${POVERTY}"] summary`).click();
	await expectAccessible(page, 'the form view');
	await page.getByTestId('tab-diff').click();
	await expect(page.getByTestId('diff-view')).toBeVisible();
	await expectAccessible(page, 'the diff view');
});

test('rule tests: the plan’s examples run in the editor; a wrong expectation fails there and in `check`', async ({
	page
}) => {
	await openEditor(page);
	const tests = page.getByTestId('rule-tests');
	// rules/cao-bang-2024.json carries 6 examples with 8 expectations, worked out by hand (all hold).
	await expect(tests.getByTestId('tests-summary')).toContainText('8/8 kết quả mong đợi đúng', {
		timeout: APP_TIMEOUT
	});
	await expect(tests.locator('[data-testid=test-outcome][data-passed=true]')).toHaveCount(8);

	// Claim that a meeting one day late still counts: that example must now fail.
	await replaceInCode(page, '"status": "missed"}', '"status": "achieved"}');
	await expect(tests.getByTestId('tests-summary')).toContainText('✗ 7/8 kết quả mong đợi đúng', {
		timeout: APP_TIMEOUT
	});
	const failed = tests.locator('[data-testid=test-outcome][data-passed=false]');
	await expect(failed).toHaveCount(1);
	await expect(failed).toContainText('trễ một ngày (1/4)');
	await expect(failed).toContainText('mong đợi: ✔\uFE0E Đã đạt');
	await expect(failed).toContainText('nhận được: ✖\uFE0E Không đạt');
	// The failure leads to the line where the expectation is written.
	await failed.getByRole('button').click();
	await expect(page.locator('.cm-activeLine')).toContainText('"status": "achieved"');

	const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
	const file = join(mkdtempSync(join(tmpdir(), 'chi-tieu-tests-')), `${PLAN}.json`);
	await download.saveAs(file);
	const check = await cli(['check', '--rules', file, '--data', 'data']);
	expect(check.code).toBe(1);
	expect(check.stderr).toContain('$.tests[1].expect[0]');
	expect(check.stderr).toContain('expected achieved, got missed');
	expect(check.stderr).toContain('8 rule test expectation(s): 7 passed, 1 failed');
});
