import { describe, expect, it } from 'vitest';
import type { PlanFile, PlanRule } from '$lib/model/plan';
import { programmesWithTargets, programmeTargets } from '$lib/programmes/targets';

const rule = (name: string, programme?: string): PlanRule => ({
	name,
	title: { vi: name, en: name },
	source: '1',
	...(programme ? { programme } : {}),
	conditions: { all: [{ fact: 'total', params: { indicator: 'x' }, operator: 'greaterThan', value: 0 }] },
	event: { type: 'target-met' }
});
const plan = (id: string, start: string, rules: PlanRule[]): PlanFile => ({
	plan: {
		id,
		title: { vi: id, en: id },
		issuer: 'x',
		orgUnit: 'VN',
		period: { start, end: `${start.slice(0, 4)}-12-31` },
		programmes: []
	},
	rules
});

describe('programme view', () => {
	const plans = [
		plan('b-2022', '2022-01-01', [rule('b1', 'border-women'), rule('b2', 'project-8'), rule('b3')]),
		plan('a-2020', '2020-01-01', [rule('a1', 'border-women'), rule('a2', 'border-women')])
	];

	it('collects the tagged targets of every plan, oldest plan first', () => {
		expect(programmeTargets(plans, 'border-women').map((t) => `${t.plan.plan.id}/${t.rule.name}`)).toEqual([
			'a-2020/a1',
			'a-2020/a2',
			'b-2022/b1'
		]);
		expect(programmeTargets(plans, 'nothing')).toEqual([]);
	});

	it('lists the programmes that have targets', () => {
		expect(programmesWithTargets(plans)).toEqual(['border-women', 'project-8']);
	});
});
