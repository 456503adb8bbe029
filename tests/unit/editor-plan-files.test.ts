/** Plan files for the list and for new plans: summaries, the template, copies to another year, new rules. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { applyEdits } from '$lib/editor/json-edit';
import {
	appendRuleEdit,
	copyId,
	copyPlanText,
	idFromFileName,
	idOfFile,
	newRule,
	RULE_SHAPES,
	shiftIsoDate,
	shiftPeriodCode,
	summarizePlan,
	templateText
} from '$lib/editor/plan-files';
import { validatePlanText } from '$lib/rules/validate';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const read = (id: string) => readFileSync(join(ROOT, 'rules', `${id}.json`), 'utf8');

describe('summaries', () => {
	it('reads id, unit, period and number of targets of every seed plan', () => {
		for (const file of readdirSync(join(ROOT, 'rules')).filter((name) => name.endsWith('.json'))) {
			const text = readFileSync(join(ROOT, 'rules', file), 'utf8');
			const summary = summarizePlan(text);
			const parsed = JSON.parse(text);
			expect(summary.id).toBe(idOfFile(`rules/${file}`));
			expect(summary).toMatchObject({
				orgUnit: parsed.plan.orgUnit,
				start: parsed.plan.period.start,
				end: parsed.plan.period.end,
				targets: parsed.rules.length
			});
		}
		expect(summarizePlan(read('cao-bang-2024')).targets).toBe(31);
	});
	it('reads what it can of a broken file', () => {
		expect(summarizePlan('{"plan": {"id": ')).toMatchObject({ id: null, targets: null, parsed: null });
		expect(summarizePlan('{"plan": {"id": 3}, "rules": {}}')).toMatchObject({ id: null, targets: null });
	});
	it('makes plan ids from file names', () => {
		expect(idFromFileName('Kế hoạch Cao Bằng 2025.json')).toBe('ke-hoach-cao-bang-2025');
		expect(idFromFileName('.json')).toBe('uploaded-plan');
	});
});

describe('template', () => {
	it('is a valid plan file in the seed layout', () => {
		const text = templateText('vi', 2026);
		expect(validatePlanText('rules/ke-hoach-2026.json', text, null)).toEqual([]);
		expect(text).toContain('"period": {"start": "2026-01-01", "end": "2026-12-31"}');
		expect(text).toContain(
			'        "all": [\n          {"fact": "total", "params": {"indicator": "households_out_of_poverty"}, "operator": "greaterThanInclusive", "value": 100}\n        ]'
		);
	});
});

describe('copies to another year', () => {
	it('shifts dates, keeping the end of February', () => {
		expect(shiftIsoDate('2024-02-29', 1)).toBe('2025-02-28');
		expect(shiftIsoDate('2023-02-28', 1)).toBe('2024-02-28');
		expect(shiftIsoDate('2024-12-31', -4)).toBe('2020-12-31');
		expect(shiftPeriodCode('2021-03', 1)).toBe('2022-03');
		expect(shiftPeriodCode('2024Q3', 2)).toBe('2026Q3');
		expect(shiftPeriodCode('2024S1', 1)).toBe('2025S1');
		expect(shiftPeriodCode('2024', 1)).toBe('2025');
		expect(shiftPeriodCode('x', 1)).toBe('x');
		expect(copyId('cao-bang-2024', 2024, 1)).toBe('cao-bang-2025');
		expect(copyId('plan', 2024, 1)).toBe('plan-copy');
	});

	it('copies Cao Bằng 2024 into 2025, changing only ids, period, years and dates', () => {
		const text = read('cao-bang-2024');
		const copy = copyPlanText(text, { newId: 'cao-bang-2025', years: 1, from: 'cao-bang-2024', lang: 'vi' })!;
		const plan = JSON.parse(copy);
		expect(plan.plan.id).toBe('cao-bang-2025');
		expect(plan.plan.period).toEqual({ start: '2025-01-01', end: '2025-12-31' });
		expect(plan.plan.title.vi).toBe('Định hướng nhiệm vụ trọng tâm năm 2025');
		expect(plan.plan.notes[0]).toMatch(/^Sao chép từ cao-bang-2024/);
		expect(plan.rules.map((r: { name: string }) => r.name)).toContain('cb2025-2.2-poverty');
		const q1 = plan.rules.find((r: { name: string }) => r.name === 'cb2025-6.2-q1-branch-heads-meeting');
		expect(q1.conditions.all[0].value).toBe('2025-03-31');
		// The layout is the original's: one line more (the note), and the untouched lines are the same.
		const before = text.split('\n');
		const after = copy.split('\n');
		expect(after.length).toBe(before.length + 1);
		const original = JSON.parse(text);
		expect(
			plan.rules.map((r: { conditions: unknown }) => JSON.stringify(r.conditions).replace(/2025/g, '2024'))
		).toEqual(original.rules.map((r: { conditions: unknown }) => JSON.stringify(r.conditions)));
		expect(validatePlanText('rules/cao-bang-2025.json', copy, null)).toEqual([]);
		// The worked examples move with the plan: the deadline test now speaks of 31/3/2025.
		expect(plan.tests[0]).toMatchObject({
			asOf: '2025-12-31',
			submissions: [{ period: '2025Q1', submitted_on: '2025-03-31' }],
			expect: [{ rule: 'cb2025-6.2-q1-branch-heads-meeting', actual: '2025-03-31' }]
		});
	});

	it('shifts the period codes of a cadence (Quảng Trị 2021, one leaf per month)', () => {
		const copy = copyPlanText(read('quang-tri-2021'), {
			newId: 'quang-tri-2022',
			years: 1,
			from: 'quang-tri-2021',
			lang: 'en'
		})!;
		const plan = JSON.parse(copy);
		const column = plan.rules.find((r: { name: string }) => r.name.endsWith('women-life-column'));
		expect(column.conditions.all[1].params.period).toBe('2022-01');
		expect(plan.plan.notes[0]).toMatch(/^Copied from quang-tri-2021/);
		expect(validatePlanText('rules/quang-tri-2022.json', copy, null)).toEqual([]);
	});

	it('refuses a text that is not JSON', () => {
		expect(copyPlanText('{', { newId: 'x', years: 1, from: 'y', lang: 'vi' })).toBeNull();
	});
});

describe('new rules', () => {
	it('writes a rule of each shape that the schema accepts once its codes are filled in', () => {
		const base = templateText('vi', 2024);
		for (const shape of RULE_SHAPES) {
			const rule = newRule(shape, `kh2024-${shape}`, '2024-12-31');
			const text = applyEdits(base, appendRuleEdit(base, rule)!);
			const codes = validatePlanText('x.json', text, null).map((p) => p.code);
			// Only the empty codes and the placeholder titles are left to fill in.
			expect(
				codes.every((c) => c === 'empty-value'),
				`${shape}: ${codes.join(', ')}`
			).toBe(true);
		}
	});
});
