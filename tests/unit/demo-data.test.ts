/**
 * Checks the illustrative demo data (data/values.csv, targets.csv, submissions.csv): that the generator is
 * deterministic, that the committed files are exactly its output (nobody edits them by hand), and that every
 * row keeps the data contract. The committed files are parsed here with d3-dsv, independently of the generator.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { csvParse, type DSVRowArray } from 'd3-dsv';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoCsv, generateDemo } from '../../scripts/generate-demo';
import { parsePeriod } from '../../src/lib/periods/codes';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const readCsv = (name: string): DSVRowArray => csvParse(read(`data/${name}`));

interface Plan {
	id: string;
	orgUnit: string;
	period: { start: string; end: string };
}
const plans: Plan[] = readdirSync(join(ROOT, 'rules'))
	.filter((name) => name.endsWith('.json'))
	.map((name) => (JSON.parse(read(`rules/${name}`)) as { plan: Plan }).plan);

// The hierarchy in force before the 2025 reorganisation: every plan predates it.
const parentOf = new Map<string, string>();
const levelOf = new Map<string, string>();
for (const row of readCsv('org_units.csv')) {
	if (row.valid_to !== '2025-06-30' && row.code !== 'VN') continue;
	parentOf.set(row.code ?? '', row.parent_code ?? '');
	levelOf.set(row.code ?? '', row.level ?? '');
}
const codesOf = (name: string) => new Set(readCsv(name).map((row) => row.code ?? ''));

function isUnder(code: string, ancestor: string): boolean {
	for (let unit: string | undefined = code; unit; unit = parentOf.get(unit))
		if (unit === ancestor) return true;
	return false;
}

function periodOf(code: string) {
	const period = parsePeriod(code);
	if (!period) throw new Error(`Bad period code ${code}`);
	return period;
}

/** Subtracts one year from an ISO date (the window in which a baseline before the plan may lie). */
const yearBefore = (iso: string) => `${Number(iso.slice(0, 4)) - 1}${iso.slice(4)}`;

const values = readCsv('values.csv');
const targets = readCsv('targets.csv');
const submissions = readCsv('submissions.csv');

describe('demo data generator', () => {
	let fresh: ReturnType<typeof demoCsv>;
	beforeAll(() => {
		fresh = demoCsv(generateDemo());
	});

	it('gives identical output on every run', () => {
		expect(demoCsv(generateDemo())).toEqual(fresh);
	});

	it('matches the committed CSVs byte for byte (run `npm run data:demo` after changing it)', () => {
		expect(read('data/values.csv')).toBe(fresh.values);
		expect(read('data/targets.csv')).toBe(fresh.targets);
		expect(read('data/submissions.csv')).toBe(fresh.submissions);
	});
});

describe('demo data contract', () => {
	it('has no duplicate keys', () => {
		const keyCount = (rows: DSVRowArray, columns: string[]) =>
			new Set(rows.map((row) => columns.map((c) => row[c]).join('|'))).size;
		expect(keyCount(values, ['org_unit', 'indicator', 'period', 'programme'])).toBe(values.length);
		expect(keyCount(targets, ['org_unit', 'indicator', 'period'])).toBe(targets.length);
		expect(keyCount(submissions, ['org_unit', 'report', 'period'])).toBe(submissions.length);
	});

	it('uses only codes that exist in data/*.csv (pre-2025 units)', () => {
		const indicators = codesOf('indicators.csv');
		const programmes = codesOf('programmes.csv');
		const reports = codesOf('reports.csv');
		for (const row of [...values, ...targets, ...submissions])
			expect(parentOf.has(row.org_unit ?? '')).toBe(true);
		for (const row of [...values, ...targets]) expect(indicators.has(row.indicator ?? '')).toBe(true);
		for (const row of values) if (row.programme) expect(programmes.has(row.programme)).toBe(true);
		for (const row of submissions) expect(reports.has(row.report ?? '')).toBe(true);
	});

	it('writes plain non-negative numbers, valid period codes and dates', () => {
		const plain = /^\d+(\.\d+)?$/;
		for (const row of values) expect(row.value).toMatch(plain);
		for (const row of targets) expect(row.target).toMatch(plain);
		for (const row of [...values, ...targets, ...submissions]) periodOf(row.period ?? '');
		for (const row of submissions) expect(parsePeriod(row.submitted_on ?? '')?.kind).toBe('day');
	});

	it('dates every value inside a plan covering its unit, or in the year before it (baselines)', () => {
		for (const row of values) {
			const period = periodOf(row.period ?? '');
			const fits = plans.some(
				(plan) =>
					isUnder(row.org_unit ?? '', plan.orgUnit) &&
					period.end <= plan.period.end &&
					period.start >= yearBefore(plan.period.start)
			);
			expect(fits, `${row.org_unit} ${row.indicator} ${row.period}`).toBe(true);
		}
		const latest = values
			.map((row) => periodOf(row.period ?? '').end)
			.sort()
			.at(-1);
		expect(latest).toBe('2024-12-31');
	});

	it('dates every submission inside its plan year', () => {
		for (const row of submissions) {
			const day = row.submitted_on ?? '';
			expect(plans.some((plan) => plan.period.start <= day && day <= plan.period.end)).toBe(true);
		}
	});
});

describe('demo data for Cao Bằng 2024', () => {
	const districts = [...levelOf].filter(
		([code, level]) => level === 'district' && parentOf.get(code) === '04'
	);
	const quotaSum = (indicator: string) =>
		targets
			.filter(
				(row) => row.indicator === indicator && row.period === '2024' && isUnder(row.org_unit ?? '', '04')
			)
			.reduce((sum, row) => sum + Number(row.target), 0);
	const inCaoBang2024 = (indicator: string) =>
		values.filter(
			(row) =>
				row.indicator === indicator && isUnder(row.org_unit ?? '', '04') && row.period?.startsWith('2024')
		);

	it('assigns district quotas summing to 1,300 members and 500 Party introductions', () => {
		expect(districts).toHaveLength(10);
		expect(quotaSum('members')).toBe(1300);
		expect(quotaSum('members_introduced_to_party')).toBe(500);
		for (const [district] of districts) {
			expect(targets.filter((row) => row.org_unit === district)).toHaveLength(2);
		}
	});

	it('has a commune that misses a month of a monthly indicator (a missing report)', () => {
		const months = new Map<string, number>();
		for (const row of inCaoBang2024('households_out_of_poverty')) {
			if (periodOf(row.period ?? '').kind !== 'month') continue;
			months.set(row.org_unit ?? '', (months.get(row.org_unit ?? '') ?? 0) + 1);
		}
		expect(months.size).toBeGreaterThan(0);
		expect([...months.values()].some((count) => count < 12)).toBe(true);
	});

	it('keeps province totals near the plan targets', () => {
		const sum = (rows: DSVRowArray[number][]) => rows.reduce((s, row) => s + Number(row.value), 0);
		expect(sum(inCaoBang2024('households_out_of_poverty'))).toBeGreaterThanOrEqual(140);
		expect(sum(inCaoBang2024('households_out_of_poverty'))).toBeLessThanOrEqual(190);
		expect(sum(inCaoBang2024('members_introduced_to_party'))).toBeGreaterThanOrEqual(420);
		expect(sum(inCaoBang2024('members_introduced_to_party'))).toBeLessThanOrEqual(580);
		// Membership growth: the Q4 roll minus the 2023Q4 baseline (every commune reports both).
		const q4 = values.filter((row) => row.indicator === 'members' && row.period === '2024Q4');
		const base = values.filter((row) => row.indicator === 'members' && row.period === '2023Q4');
		expect(q4).toHaveLength(base.length);
		const growth = sum(q4) - sum(base);
		expect(growth).toBeGreaterThanOrEqual(1100);
		expect(growth).toBeLessThanOrEqual(1500);
	});
});
