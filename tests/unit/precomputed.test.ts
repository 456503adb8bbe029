/**
 * Scorecards computed at build time: found only for the same plan content and as-of date, and the build script's
 * output checked against the rule files and org_units.csv read here independently.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { csvParse } from 'd3-dsv';
import { describe, expect, it } from 'vitest';
import type { PlanFile, RuleResult } from '$lib/model/plan';
import {
	planFingerprint,
	precomputedFor,
	unitsNamedIn,
	type PrecomputedScorecards
} from '$lib/rules/precomputed';

const ROOT = join(import.meta.dirname, '../..');
const readPlan = (file: string) => JSON.parse(readFileSync(join(ROOT, 'rules', file), 'utf8')) as PlanFile;

describe('precomputedFor', () => {
	const plan = readPlan('cao-bang-2024.json');
	const entries = [
		{ plan: plan.plan.id, planFingerprint: planFingerprint(plan), asOf: '2024-12-31', n: 1 },
		{ plan: plan.plan.id, planFingerprint: planFingerprint(plan), asOf: '2024-06-30', n: 2 },
		{ plan: 'other', planFingerprint: planFingerprint(plan), asOf: '2024-12-31', n: 3 }
	];

	it('finds the entry of the same plan at the same date', () => {
		expect(precomputedFor(entries, plan, '2024-12-31')?.n).toBe(1);
		expect(precomputedFor(entries, plan, '2024-06-30')?.n).toBe(2);
		expect(precomputedFor(entries, plan, '2024-09-30')).toBeNull();
	});

	it('refuses a plan edited since the build, even by one target value', () => {
		const edited = structuredClone(plan);
		const rule = edited.rules[0];
		if (!rule) throw new Error('the plan has no rule');
		rule.title.vi += ' ';
		expect(planFingerprint(edited)).not.toBe(planFingerprint(plan));
		expect(precomputedFor(entries, edited, '2024-12-31')).toBeNull();
		// The same content parsed again is the same plan.
		expect(planFingerprint(readPlan('cao-bang-2024.json'))).toBe(planFingerprint(plan));
	});
});

describe('unitsNamedIn', () => {
	const result = (orgUnit: string, units?: RuleResult[]): RuleResult => ({
		plan: 'p',
		rule: 'r',
		orgUnit,
		status: 'achieved',
		actual: 1,
		target: 1,
		expected: null,
		conditions: [],
		units,
		explanation: { vi: '', en: '' }
	});

	it('lists the units judged and those of their per-unit results', () => {
		const named = unitsNamedIn([
			result('04', [result('040', [result('01234')]), result('041')]),
			result('VN')
		]);
		expect([...named].sort()).toEqual(['01234', '04', '040', '041', 'VN']);
	});
});

describe('scripts/precompute-scorecards.ts', () => {
	it('computes every bundled plan at the date the home page opens it, naming its units as org_units.csv does', async () => {
		const { stdout } = await promisify(execFile)(
			'npx',
			[
				'tsx',
				'--tsconfig',
				'tsconfig.node.json',
				'scripts/precompute-scorecards.ts',
				'--today',
				'2022-05-20'
			],
			{ cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }
		);
		const output = JSON.parse(stdout) as PrecomputedScorecards;
		expect(output.builtOn).toBe('2022-05-20');

		// Each rule file once, with its own fingerprint; the as-of date is the build day held inside the plan's
		// period: the end of a finished plan, the day itself in a running one, the start of one not begun.
		const files = readdirSync(join(ROOT, 'rules')).filter((f) => f.endsWith('.json'));
		const expected = files
			.map((file) => {
				const plan = readPlan(file);
				const { start, end } = plan.plan.period;
				const day = '2022-05-20';
				const asOf = day < start ? start : day > end ? end : day;
				return { plan: plan.plan.id, planFingerprint: planFingerprint(plan), asOf };
			})
			.sort((a, b) => a.plan.localeCompare(b.plan));
		const got = output.scorecards
			.map(({ plan, planFingerprint, asOf }) => ({ plan, planFingerprint, asOf }))
			.sort((a, b) => a.plan.localeCompare(b.plan));
		expect(got).toEqual(expected);
		expect(got.map((g) => g.asOf)).toContain('2022-05-20');

		// Every rule of each plan has its result, at that date, with explanations written out.
		const names = new Map(
			csvParse(readFileSync(join(ROOT, 'data/org_units.csv'), 'utf8')).map((r) => [
				`${r.code}|${r.valid_to ? 'old' : r.valid_from ? 'new' : 'both'}`,
				r.name
			])
		);
		for (const scorecard of output.scorecards) {
			const plan = readPlan(files.find((f) => readPlan(f).plan.id === scorecard.plan) ?? '');
			expect(scorecard.evaluation.asOf).toBe(scorecard.asOf);
			expect(scorecard.evaluation.results.map((r) => r.rule).sort()).toEqual(
				plan.rules.map((r) => r.name).sort()
			);
			for (const result of scorecard.evaluation.results) expect(result.explanation.vi).not.toBe('');
			// The units named, and only those, with the names of the hierarchy before 2025 (every seed plan's).
			const codes = new Set<string>();
			const visit = (r: RuleResult) => {
				codes.add(r.orgUnit);
				r.units?.forEach(visit);
			};
			scorecard.evaluation.results.forEach(visit);
			expect(scorecard.units.map((u) => u.code).sort()).toEqual([...codes].sort());
			for (const unit of scorecard.units)
				expect(unit.name, unit.code).toBe(names.get(`${unit.code}|old`) ?? names.get(`${unit.code}|both`));
		}
	}, 120_000);
});
