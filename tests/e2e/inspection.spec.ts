/**
 * Inspection teams (issue #7): plan a visit under the 2020 border programme's constraint, open a unit's brief and
 * check its failing targets against the CLI, use the brief offline and keep a note, and print it to A4 PDF.
 * Everything the app shows is checked against the data files and the CLI, read here without the app's code.
 */
import { expect, test, type Page } from '@playwright/test';
import { csvParse } from 'd3-dsv';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { inflateSync } from 'node:zlib';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const APP_TIMEOUT = 90_000;
const BORDER = 'trung-uong-bien-cuong-2020';
const BORDER_AS_OF = '2020-09-30';
const CAO_BANG = 'cao-bang-2024';
const CAO_BANG_AS_OF = '2024-06-30';
/** What the brief lists: targets missed, off track, at risk, or without data. */
const FAILING = ['missed', 'off-track', 'at-risk', 'no-data'];

// ---------------------------------------------------------------------------------------------------------------
// The data and the CLI, read without the app's code

const readCsv = (name: string) => csvParse(readFileSync(join(ROOT, 'data', `${name}.csv`), 'utf8'));

/** Pre-2025 units: code → { level, parent, name }. */
const units = new Map(
	readCsv('org_units')
		.filter((r) => !r.valid_to || r.valid_to >= '2020-01-01')
		.filter((r) => !r.valid_from || r.valid_from <= '2020-01-01')
		.map((r) => [r.code ?? '', { level: r.level ?? '', parent: r.parent_code ?? '', name: r.name ?? '' }])
);
const regionOf = new Map(
	readCsv('regions')
		.filter((r) => r.hierarchy === 'pre-2025')
		.map((r) => [r.province_code ?? '', r.region ?? ''])
);
function provinceOf(code: string): string {
	let current = code;
	for (let i = 0; i < 6; i++) {
		const unit = units.get(current);
		if (!unit) break;
		if (unit.level === 'province') return current;
		current = unit.parent;
	}
	throw new Error(`no province above ${code}`);
}

interface CliResult {
	rule: string;
	orgUnit: string;
	status: string;
	units?: CliResult[];
	explanation: { vi: string; en: string };
}

const run = promisify(execFile);
const cliRuns = new Map<string, Promise<CliResult[]>>();
/** `evaluate --as-of` of one plan with the CLI (the reference the app must agree with). */
function cli(plan: string, asOf: string): Promise<CliResult[]> {
	const key = `${plan}@${asOf}`;
	let results = cliRuns.get(key);
	if (!results) {
		results = run(
			join(ROOT, 'node_modules/.bin/tsx'),
			[
				'--tsconfig',
				'tsconfig.node.json',
				'src/cli/main.ts',
				'evaluate',
				'--data',
				'data',
				'--rules',
				`rules/${plan}.json`,
				'--as-of',
				asOf
			],
			{ cwd: ROOT, maxBuffer: 256 * 1024 * 1024 }
		).then(({ stdout }) => (JSON.parse(stdout) as { results: CliResult[] }).results);
		cliRuns.set(key, results);
	}
	return results;
}

// ---------------------------------------------------------------------------------------------------------------
// The text of a PDF printed by Chromium (Skia: Type0 fonts with ToUnicode maps, Flate streams)

function pdfObjects(pdf: Buffer): Map<number, { dict: string; stream: Buffer | null }> {
	const text = pdf.toString('latin1');
	const objects = new Map<number, { dict: string; stream: Buffer | null }>();
	for (const m of text.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
		const body = m[2] as string;
		const at = body.indexOf('stream');
		if (at < 0) {
			objects.set(Number(m[1]), { dict: body, stream: null });
			continue;
		}
		const dict = body.slice(0, at);
		let start = at + 'stream'.length;
		if (body[start] === '\r') start++;
		if (body[start] === '\n') start++;
		let bytes = Buffer.from(body.slice(start, body.lastIndexOf('endstream')), 'latin1');
		if (/\/FlateDecode/.test(dict)) bytes = inflateSync(bytes);
		objects.set(Number(m[1]), { dict, stream: bytes });
	}
	return objects;
}

function toUnicode(cmap: string): Map<string, string> {
	const map = new Map<string, string>();
	const utf16 = (hex: string) => {
		const codes: number[] = [];
		for (let i = 0; i < hex.length; i += 4) codes.push(parseInt(hex.slice(i, i + 4), 16));
		return String.fromCharCode(...codes);
	};
	for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
		for (const m of (block[1] as string).matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
			map.set((m[1] as string).toUpperCase(), utf16(m[2] as string));
		}
	}
	for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
		const ranges = (block[1] as string).matchAll(
			/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])/g
		);
		for (const m of ranges) {
			const [lo, hi, width] = [
				parseInt(m[1] as string, 16),
				parseInt(m[2] as string, 16),
				(m[1] as string).length
			];
			const dst = m[3] as string;
			const items = [...dst.matchAll(/<([0-9A-Fa-f]+)>/g)].map((x) => x[1] as string);
			for (let code = lo; code <= hi; code++) {
				const key = code.toString(16).toUpperCase().padStart(width, '0');
				if (dst.startsWith('[')) {
					const item = items[code - lo];
					if (item) map.set(key, utf16(item));
				} else {
					const base = items[0] as string;
					const last = parseInt(base.slice(-4), 16) + (code - lo);
					map.set(key, utf16(base.slice(0, -4) + last.toString(16).padStart(4, '0')));
				}
			}
		}
	}
	return map;
}

/** The text of each page, in page order, with runs of white space made single spaces. */
function pdfPages(pdf: Buffer): { text: string; mediaBox: number[] }[] {
	const objects = pdfObjects(pdf);
	const refOf = (dict: string, key: string) => {
		const m = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict);
		return m ? Number(m[1]) : null;
	};
	const pages: number[] = [];
	const walk = (num: number | null) => {
		const node = num === null ? undefined : objects.get(num);
		if (!node) return;
		if (/\/Type\s*\/Pages/.test(node.dict)) {
			for (const k of (/\/Kids\s*\[([^\]]*)\]/.exec(node.dict)?.[1] ?? '').matchAll(/(\d+) 0 R/g))
				walk(Number(k[1]));
		} else if (/\/Type\s*\/Page\b/.test(node.dict)) pages.push(num as number);
	};
	const catalog = [...objects.values()].find((o) => /\/Type\s*\/Catalog/.test(o.dict));
	walk(catalog ? refOf(catalog.dict, 'Pages') : null);
	const maps = new Map<number, Map<string, string>>();
	const mapOf = (font: number) => {
		let map = maps.get(font);
		if (!map) {
			const cmapRef = refOf(objects.get(font)?.dict ?? '', 'ToUnicode');
			const cmap = cmapRef === null ? undefined : objects.get(cmapRef)?.stream?.toString('latin1');
			map = cmap ? toUnicode(cmap) : new Map();
			maps.set(font, map);
		}
		return map;
	};
	return pages.map((num) => {
		const dict = objects.get(num)?.dict ?? '';
		const resRef = refOf(dict, 'Resources');
		const resources = resRef === null ? dict : (objects.get(resRef)?.dict ?? '');
		const fonts = new Map<string, number>();
		for (const m of (/\/Font\s*<<([^>]*)>>/.exec(resources)?.[1] ?? '').matchAll(/\/(\w+)\s+(\d+) 0 R/g))
			fonts.set(m[1] as string, Number(m[2]));
		const contents = /\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/.exec(dict)?.[1] ?? '';
		const content = [...contents.matchAll(/(\d+) 0 R/g)]
			.map((m) => objects.get(Number(m[1]))?.stream?.toString('latin1') ?? '')
			.join('\n');
		let text = '';
		let map = new Map<string, string>();
		for (const m of content.matchAll(/\/(\w+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]*)>|\bET\b/g)) {
			if (m[1] !== undefined) {
				const font = fonts.get(m[1]);
				map = font === undefined ? new Map() : mapOf(font);
			} else if (m[2] !== undefined) {
				const hex = m[2].toUpperCase();
				for (let i = 0; i + 4 <= hex.length; i += 4) text += map.get(hex.slice(i, i + 4)) ?? '';
			} else text += ' ';
		}
		const box = /\/MediaBox\s*\[([^\]]*)\]/.exec(dict)?.[1] ?? '';
		return { text: text.replace(/\s+/g, ' ').trim(), mediaBox: box.trim().split(/\s+/).map(Number) };
	});
}

// ---------------------------------------------------------------------------------------------------------------
// The app

/** Text without any white space: a PDF's text runs split lines and words where the layout wraps them. */
const squash = (s: string) => s.replace(/\s+/g, '');

const briefUrl = (plan: string, unit: string, asOf: string) =>
	`/inspection/brief?${new URLSearchParams({ unit, plan, asOf }).toString()}`;

async function waitForBrief(page: Page) {
	await expect(page.getByTestId('brief')).toBeVisible({ timeout: APP_TIMEOUT });
	await expect(page.locator('main [aria-busy="true"]')).toHaveCount(0, { timeout: APP_TIMEOUT });
}

/** `{ rule: status }` of the brief's failing targets (only the unit's own ones when `own`). */
async function briefFailing(page: Page, own = false): Promise<Record<string, string>> {
	const selector = own
		? '[data-testid="brief-failing"] tbody tr[data-own="true"]'
		: '[data-testid="brief-failing"] tbody tr';
	return page
		.locator(selector)
		.evaluateAll((rows) =>
			Object.fromEntries(
				rows.map((r) => [r.getAttribute('data-rule') ?? '', r.getAttribute('data-status') ?? ''])
			)
		);
}

/** The proposed set: unit, province and region of each row. */
async function proposal(page: Page) {
	return page.locator('[data-testid="proposal"] tbody tr').evaluateAll((rows) =>
		rows.map((r) => ({
			unit: r.getAttribute('data-unit') ?? '',
			province: r.getAttribute('data-province') ?? '',
			region: r.getAttribute('data-region') ?? ''
		}))
	);
}

test('plans the 2020 border visit: 6 communes of 3 provinces, one each in the north, the highlands, the south-west', async ({
	page
}) => {
	const cliResults = cli(BORDER, BORDER_AS_OF);
	await page.goto(`/inspection?plan=${BORDER}&asOf=${BORDER_AS_OF}`);
	await expect(page.getByTestId('proposal')).toBeVisible({ timeout: APP_TIMEOUT });
	await expect(page.getByTestId('level-select')).toHaveValue('commune');
	await page.getByTestId('apply-preset').click();
	await expect(page.getByTestId('constraint-units')).toHaveValue('6');
	await expect(page.getByTestId('constraint-provinces')).toHaveValue('3');

	const chosen = await proposal(page);
	expect(chosen).toHaveLength(6);
	expect(new Set(chosen.map((c) => c.unit)).size).toBe(6);
	// Checked against the data files, not the page's own attributes: each is a commune, in a province whose
	// region (data/regions.csv) is one of the three, every region covered, at most two communes per province.
	const provinces = chosen.map((c) => provinceOf(c.unit));
	for (const c of chosen) expect(units.get(c.unit)?.level).toBe('commune');
	expect(provinces).toEqual(chosen.map((c) => c.province));
	expect(new Set(provinces).size).toBe(3);
	expect(new Set(provinces.map((p) => regionOf.get(p)))).toEqual(
		new Set(['northern-midlands-mountains', 'central-highlands', 'mekong-delta'])
	);
	for (const p of new Set(provinces)) expect(provinces.filter((x) => x === p).length).toBeLessThanOrEqual(2);

	// The assigned communes still without support on 30/9 (the CLI's off-track units) rank first.
	const results = await cliResults;
	const behind = (results.find((r) => r.rule === 'bc2020-II.2-assigned-communes')?.units ?? [])
		.filter((u) => u.status === 'off-track')
		.map((u) => u.orgUnit)
		.sort();
	expect(behind.length).toBeGreaterThan(0);
	const top = await page
		.locator('[data-testid="ranking"] tbody tr')
		.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-unit')));
	expect(top.slice(0, behind.length).sort()).toEqual(behind);

	// A visit recorded on the as-of date pushes the unit out of the proposal; the constraint still holds.
	const first = behind[0] as string;
	expect(chosen.map((c) => c.unit)).toContain(first);
	await page.getByTestId('visit-unit').selectOption(first);
	await page.getByTestId('visit-date').fill(BORDER_AS_OF);
	await page.getByTestId('visit-save').click();
	await expect(page.locator(`[data-testid="visits"] tr[data-unit="${first}"]`)).toBeVisible();
	await expect.poll(async () => (await proposal(page)).map((c) => c.unit)).not.toContain(first);
	const after = await proposal(page);
	expect(after).toHaveLength(6);
	expect(new Set(after.map((c) => regionOf.get(provinceOf(c.unit))))).toEqual(
		new Set(['northern-midlands-mountains', 'central-highlands', 'mekong-delta'])
	);
	// The visit is kept across a reload.
	await page.reload();
	await expect(page.locator(`[data-testid="visits"] tr[data-unit="${first}"]`)).toBeVisible({
		timeout: APP_TIMEOUT
	});
});

test('a brief lists the failing targets the CLI gives, for a proposed commune and for a province', async ({
	page
}) => {
	test.setTimeout(240_000);
	const border = cli(BORDER, BORDER_AS_OF);
	const caoBang = cli(CAO_BANG, CAO_BANG_AS_OF);

	// From the planner to the brief of the first proposed commune.
	await page.goto(`/inspection?plan=${BORDER}&asOf=${BORDER_AS_OF}`);
	await expect(page.getByTestId('proposal')).toBeVisible({ timeout: APP_TIMEOUT });
	const unit = (await proposal(page))[0]?.unit as string;
	await page.locator(`[data-testid="proposal"] tr[data-unit="${unit}"]`).getByTestId('brief-link').click();
	await waitForBrief(page);
	await expect(page).toHaveURL(new RegExp(`unit=${unit}`));
	await expect(page.getByTestId('brief-unit')).toHaveText(units.get(unit)?.name as string);
	// The commune's own result in every units-rule that names it, as the CLI judges it.
	const expected: Record<string, string> = {};
	for (const result of await border) {
		const own = result.units?.find((u) => u.orgUnit === unit);
		if (own && FAILING.includes(own.status)) expected[result.rule] = own.status;
	}
	expect(Object.keys(expected).length).toBeGreaterThan(0);
	expect(await briefFailing(page)).toEqual(expected);
	for (const [rule] of Object.entries(expected)) {
		const own = (await border).find((r) => r.rule === rule)?.units?.find((u) => u.orgUnit === unit);
		await expect(page.locator(`[data-testid="brief-failing"] tr[data-rule="${rule}"] td`).nth(3)).toHaveText(
			own?.explanation.vi as string
		);
	}
	await expect(page.getByTestId('cover-line')).toContainText('30/09/2020');
	await expect(page.locator('[data-testid^="questions-"]').first()).toBeVisible();

	// The plan's own unit: exactly the CLI's failing targets, with the same reasons.
	await page.goto(briefUrl(CAO_BANG, '04', CAO_BANG_AS_OF));
	await waitForBrief(page);
	const results = await caoBang;
	const failing = results.filter((r) => FAILING.includes(r.status));
	expect(await briefFailing(page)).toEqual(Object.fromEntries(failing.map((r) => [r.rule, r.status])));
	for (const result of failing) {
		await expect(
			page.locator(`[data-testid="brief-failing"] tr[data-rule="${result.rule}"] td`).nth(3)
		).toHaveText(result.explanation.vi);
	}
	// Sub-units furthest behind, and the planted data problems (docs/demo-data.md) with their reasons.
	await expect(page.locator('[data-testid="brief-lagging"] tbody tr').first()).toBeVisible();
	await expect(page.locator('[data-testid="brief-suspicious"] tr[data-unit="01343"]').first()).toContainText(
		'4.000'
	);
	await expect(page.locator('[data-testid="brief-reports"] tbody tr').first()).toContainText('Chưa gửi');

	// In English too.
	await page.goto(`${briefUrl(CAO_BANG, '04', CAO_BANG_AS_OF)}&lang=en`);
	await waitForBrief(page);
	const first = failing[0] as CliResult;
	await expect(
		page.locator(`[data-testid="brief-failing"] tr[data-rule="${first.rule}"] td`).nth(3)
	).toHaveText(first.explanation.en);
	await expect(page.getByTestId('cover-line')).toContainText('data as of 30 Jun 2024');
});

test('offline in the field: reload the brief with no network, add a note, find it back online', async ({
	page,
	context
}) => {
	test.setTimeout(240_000);
	const url = briefUrl(BORDER, '23395', BORDER_AS_OF);
	await page.goto(url);
	await waitForBrief(page);
	// The service worker keeps this browser's DuckDB wasm once the page has named it.
	await expect
		.poll(
			() =>
				page.evaluate(async () => {
					for (const name of await caches.keys()) {
						const keys = await (await caches.open(name)).keys();
						if (keys.some((request) => request.url.endsWith('.wasm'))) return true;
					}
					return false;
				}),
			{ timeout: APP_TIMEOUT }
		)
		.toBe(true);

	await context.setOffline(true);
	await page.reload();
	await waitForBrief(page);
	await expect(page.getByTestId('brief-unit')).toHaveText(units.get('23395')?.name as string);
	const text = `Ghi chép ngoại tuyến ${Date.now()}: sổ theo dõi hoạt động hỗ trợ chưa cập nhật`;
	await page.getByTestId('note-kind').selectOption('finding');
	await page.getByTestId('note-text').fill(text);
	await page.getByTestId('note-save').click();
	await expect(page.getByTestId('notes')).toContainText(text);

	await context.setOffline(false);
	await page.reload();
	await waitForBrief(page);
	const note = page.locator('[data-testid="notes"] li').filter({ hasText: text });
	await expect(note).toBeVisible();
	await expect(note).toHaveAttribute('data-kind', 'finding');
	// Saved with the unit: another unit's brief does not show it.
	await page.goto(briefUrl(BORDER, '03154', BORDER_AS_OF));
	await waitForBrief(page);
	await expect(page.getByTestId('brief')).not.toContainText(text);
});

test('prints the brief on A4 with a cover line, page numbers and the targets’ text', async ({ page }) => {
	test.setTimeout(240_000);
	const results = cli(CAO_BANG, CAO_BANG_AS_OF);
	await page.goto(briefUrl(CAO_BANG, '04', CAO_BANG_AS_OF));
	await waitForBrief(page);
	await expect(page.getByTestId('brief-trends')).toBeVisible({ timeout: APP_TIMEOUT });
	const note = 'Phát hiện khi in: biên bản làm việc ngày 02/07/2024';
	await page.getByTestId('note-text').fill(note);
	await page.getByTestId('note-save').click();
	await expect(page.getByTestId('notes')).toContainText(note);

	const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
	const pages = pdfPages(pdf);
	// Several A4 pages (595 × 842 pt), each numbered "Trang i/N" in its margin.
	expect(pages.length).toBeGreaterThanOrEqual(2);
	expect(pages.length).toBeLessThanOrEqual(30);
	for (const [i, p] of pages.entries()) {
		expect(Math.round(p.mediaBox[2] as number)).toBe(595);
		expect(Math.round(p.mediaBox[3] as number)).toBe(842);
		expect(squash(p.text)).toContain(`Trang${i + 1}/${pages.length}`);
	}
	const all = pages.map((p) => p.text).join(' ');
	// The cover line on the first page: what, which plan, which unit, as of when.
	const cover = pages[0]?.text ?? '';
	for (const part of [
		'Tài liệu chuẩn bị kiểm tra, giám sát',
		'Định hướng nhiệm vụ trọng tâm năm 2024',
		'Tỉnh Cao Bằng',
		'30/06/2024'
	])
		expect(squash(cover)).toContain(squash(part));
	// Every failing target's title is printed, and the team's note; the screen-only controls are not.
	const plan = JSON.parse(readFileSync(join(ROOT, 'rules', `${CAO_BANG}.json`), 'utf8')) as {
		rules: { name: string; title: { vi: string } }[];
	};
	for (const result of (await results).filter((r) => FAILING.includes(r.status))) {
		const title = plan.rules.find((r) => r.name === result.rule)?.title.vi as string;
		expect(squash(all), result.rule).toContain(squash(title));
	}
	expect(squash(all)).toContain(squash(note));
	expect(all).not.toContain('In tài liệu (A4)');
	expect(all).not.toContain('Lưu ghi chép');
});
