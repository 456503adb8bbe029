/**
 * The planner's and the brief's database side (plan-visit.ts, brief.ts) on the default data: the 2020 border
 * programme's candidates and its constraint, and briefs whose failing targets must be the evaluation's own.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '$lib/db/connector';
import { formatOf, loadDataset, type DataFile } from '$lib/db/load';
import { createNativeConnector } from '$lib/db/native';
import { BRIEF_STATUSES, loadBrief } from '$lib/inspection/brief';
import { loadPlannerInputs, planCodes, plannerPlan } from '$lib/inspection/plan-visit';
import { rankCandidates } from '$lib/inspection/planner';
import { presetFor } from '$lib/inspection/presets';
import { solveVisit } from '$lib/inspection/solver';
import type { TableName } from '$lib/model/data';
import type { PlanFile } from '$lib/model/plan';
import { evaluatePlan } from '$lib/rules/evaluate';

const ROOT = path.resolve(import.meta.dirname, '../..');
const readPlan = (id: string): PlanFile =>
	JSON.parse(readFileSync(path.join(ROOT, 'rules', `${id}.json`), 'utf8')) as PlanFile;
const PLANS = readdirSync(path.join(ROOT, 'rules'))
	.filter((f) => f.endsWith('.json'))
	.map((f) => readPlan(f.replace(/\.json$/, '')));
const BORDER = readPlan('trung-uong-bien-cuong-2020');
const CAO_BANG = readPlan('cao-bang-2024');

function dataFiles(): DataFile[] {
	const dir = path.join(ROOT, 'data');
	return readdirSync(dir)
		.filter((name) => formatOf(name) === 'csv')
		.map((name) => ({
			table: name.replace(/\.csv$/, '') as TableName,
			name,
			format: 'csv' as const,
			bytes: readFileSync(path.join(dir, name))
		}));
}

describe('pure parts', () => {
	it('judges shares and quotas at every unit of the level, not plan-wide counts', () => {
		const planned = plannerPlan(CAO_BANG, 'province', 'commune');
		const copies = planned.rules.filter((r) => r.name.endsWith('::children'));
		expect(copies.length).toBeGreaterThan(0);
		for (const copy of copies) expect(copy.scope).toEqual({ each: 'commune' });
		// "At least 161 households" province-wide means nothing for one commune.
		expect(copies.some((r) => r.name.startsWith('cb2024-2.2-poverty'))).toBe(false);
		// The border plan has no plan-wide share: nothing to copy.
		expect(plannerPlan(BORDER, 'central', 'commune').rules).toHaveLength(BORDER.rules.length);
	});

	it('lists the codes a plan names', () => {
		expect(planCodes(BORDER)).toEqual({
			indicators: ['border_support_activities', 'inspections', 'livelihood_models_1409_active'],
			reports: ['border-women-3y-report', 'border-women-final-review', 'border-women-media']
		});
	});
});

describe('on the default data', () => {
	let conn: Connector;
	beforeAll(async () => {
		conn = await createNativeConnector();
		await loadDataset(conn, dataFiles(), undefined, { checked: false });
	});
	afterAll(async () => {
		await conn.close();
	});

	it('plans the 2020 border visit: 6 communes in 3 provinces of the three regions', async () => {
		const inputs = await loadPlannerInputs(conn, BORDER, '2020-09-30', null);
		expect(inputs?.level).toBe('commune');
		if (!inputs) return;
		const codes = inputs.candidates.map((c) => c.code);
		// The 12 assigned communes are judged, so they are all candidates.
		for (const code of [
			'01495',
			'06166',
			'00715',
			'03574',
			'03154',
			'16837',
			'23395',
			'23872',
			'24221',
			'25603',
			'30343',
			'30793'
		])
			expect(codes).toContain(code);
		const ranked = rankCandidates({
			candidates: inputs.candidates,
			results: inputs.results,
			rootCode: inputs.root.code,
			parentOf: (code) => inputs.directory.get(code)?.parentCode ?? null,
			problems: inputs.problems,
			visits: [],
			asOf: inputs.asOf
		});
		// Sín Thầu (Điện Biên) and Bờ Y (Kon Tum) are the assigned communes still without any support activity.
		expect(
			ranked
				.slice(0, 2)
				.map((r) => r.candidate.code)
				.sort()
		).toEqual(['03154', '23395']);
		const preset = presetFor(BORDER.plan.id);
		const solution = solveVisit(
			ranked.map((r) => ({
				code: r.candidate.code,
				province: r.candidate.province ?? r.candidate.code,
				region: r.candidate.region,
				score: r.score
			})),
			preset?.constraint ?? { units: 0, provinces: 0, regions: [], maxPerProvince: null }
		);
		expect(solution.ok).toBe(true);
		if (!solution.ok) return;
		expect(solution.items).toHaveLength(6);
		expect(new Set(solution.items.map((i) => i.province)).size).toBe(3);
		expect(new Set(solution.items.map((i) => i.region))).toEqual(
			new Set(['northern-midlands-mountains', 'central-highlands', 'mekong-delta'])
		);
		expect(solution.items.map((i) => i.code)).toEqual(expect.arrayContaining(['03154', '23395']));
	});

	it('briefs the plan’s own unit with exactly the evaluation’s failing targets', async () => {
		const evaluation = await evaluatePlan(conn, CAO_BANG, '2024-06-30');
		const expected = Object.fromEntries(
			evaluation.results.filter((r) => BRIEF_STATUSES.includes(r.status)).map((r) => [r.rule, r.status])
		);
		const brief = await loadBrief(conn, CAO_BANG, '04', '2024-06-30', PLANS);
		expect(brief).not.toBeNull();
		if (!brief) return;
		expect(Object.fromEntries(brief.failing.map((r) => [r.rule.name, r.result.status]))).toEqual(expected);
		expect(brief.failing.every((r) => r.own)).toBe(true);
		// The planted anomalies of the demo data (docs/demo-data.md) are in the province's brief.
		expect(brief.quality.suspicious.map((s) => `${s.unit} ${s.indicator} ${s.period}`)).toEqual(
			expect.arrayContaining(['01343 members 2024Q1', '01411 five_no_three_clean_households_added 2024-04'])
		);
		expect(brief.lagging.length).toBeGreaterThan(0);
		expect(brief.covering.map((p) => p.plan.id)).toContain('trung-uong-bien-cuong-2020');
	});

	it('briefs a commune with its own results as the CLI gives them per unit', async () => {
		const evaluation = await evaluatePlan(conn, BORDER, '2020-09-30');
		const own = evaluation.results.flatMap((r) =>
			(r.units ?? []).filter((u) => u.orgUnit === '03154').map((u) => [r.rule, u.status])
		);
		const brief = await loadBrief(conn, BORDER, '03154', '2020-09-30', PLANS);
		expect(brief?.failing.map((r) => [r.rule.name, r.result.status, r.own])).toEqual(
			own
				.filter(([, status]) => BRIEF_STATUSES.includes(status as never))
				.map(([rule, status]) => [rule, status, true])
		);
		expect(brief?.page.chain.map((u) => u.code)).toEqual(['VN', '11', '096', '03154']);
		expect(brief?.region?.code).toBe('northern-midlands-mountains');
	});
});
