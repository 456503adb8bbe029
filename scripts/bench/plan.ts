/**
 * The national benchmark plan (rooted at `VN`, year 2024) with targets of every fact kind — total (plain, with
 * `programme`, `period`, `own`), ratio, change, assigned quotas, unitsMeeting, submittedOn — and `each` scopes at
 * province, district and commune, plus one `units` scope. Target numbers scale with the number of communes, so
 * that the same plan judges a province, a region or the country with a realistic spread of statuses.
 *
 * From it: the FULL DRILL-DOWN plan (every target at every unit at every level where it applies: each plan-wide
 * rule also copied to `each` province, district and commune, as the drill-down pages evaluate it one unit at a
 * time), and the plan of ONE DRILL-DOWN STEP (`drillPlan` of the app at a province: its own column, its
 * districts and communes). Browser-safe: no Node imports.
 */
import { applicableAt, drillPlan } from '$lib/drilldown/drill-plan';
import type { Level } from '$lib/model/data';
import type { Condition, LeafCondition, PlanFile, PlanRule, RuleScope, TopCondition } from '$lib/model/plan';

export const AS_OF = '2024-09-30';

export interface PlanSizes {
	provinces: number;
	communes: number;
	sampleCommunes: string[];
}

type Value = LeafCondition['value'];

const total = (indicator: string, extra: Record<string, unknown> = {}) => ({
	fact: 'total' as const,
	params: { indicator, ...extra }
});
const assigned = (indicator: string) => ({ fact: 'assigned', params: { indicator } });
const leaf = (
	fact: { fact: LeafCondition['fact']; params: Record<string, unknown> },
	operator: LeafCondition['operator'],
	value: Value,
	path?: string
): LeafCondition => ({ ...fact, operator, value, ...(path ? { path } : {}) });
const gte = (fact: Parameters<typeof leaf>[0], value: Value) => leaf(fact, 'greaterThanInclusive', value);
const meeting = (level: Level, condition: Condition) => ({
	fact: 'unitsMeeting' as const,
	params: { level, condition }
});

function rule(
	name: string,
	en: string,
	conditions: TopCondition | LeafCondition,
	scope?: RuleScope,
	programme?: string
): PlanRule {
	return {
		name,
		title: { vi: en, en },
		source: name.split('-')[1] ?? '1',
		...(programme ? { programme } : {}),
		...(scope ? { scope } : {}),
		conditions: 'fact' in conditions ? { all: [conditions] } : conditions,
		event: { type: 'target-met' }
	};
}

/** The national plan for a dataset of `sizes`. */
export function nationalPlan(sizes: PlanSizes): PlanFile {
	const c = sizes.communes;
	const province: RuleScope = { each: 'province' };
	const district: RuleScope = { each: 'district' };
	const commune: RuleScope = { each: 'commune' };
	const rules: PlanRule[] = [
		// Plan-wide targets.
		rule('nat-1.1-activities', `At least ${c * 45} activities`, gte(total('ind_01'), c * 45)),
		rule(
			'nat-1.2-poverty',
			`At least ${c * 45} poverty-programme activities`,
			gte(total('ind_37', { programme: 'poverty-reduction' }), c * 45),
			undefined,
			'poverty-reduction'
		),
		rule(
			'nat-1.3-q2',
			`At least ${c * 11} activities in Q2`,
			gte(total('ind_02', { period: '2024Q2' }), c * 11)
		),
		rule(
			'nat-1.4-supported',
			'85% of detected cases supported',
			gte({ fact: 'ratio', params: { numerator: 'ind_27', denominator: 'ind_28' } }, 0.85)
		),
		rule(
			'nat-1.5-members',
			`${c * 12} more members`,
			gte({ fact: 'change', params: { indicator: 'ind_21' } }, c * 12)
		),
		rule(
			'nat-1.6-active-communes',
			'80% of communes with at least 40 activities',
			leaf(meeting('commune', gte(total('ind_03'), 40)), 'greaterThanInclusive', 0.8, '$.share')
		),
		rule(
			'nat-1.7-provinces-loans',
			`${Math.ceil(sizes.provinces * 0.7)} provinces with 85% of loans repaid`,
			leaf(
				meeting(
					'province',
					gte({ fact: 'ratio', params: { numerator: 'ind_29', denominator: 'ind_30' } }, 0.85)
				),
				'greaterThanInclusive',
				Math.ceil(sizes.provinces * 0.7),
				'$.count'
			)
		),
		rule(
			'nat-1.8-annual-report',
			'Annual report by 31/12',
			leaf(
				{ fact: 'submittedOn', params: { report: 'bench-annual', period: '2024' } },
				'onOrBefore',
				'2024-12-31'
			)
		),
		rule('nat-1.9-livelihood', `At least ${c * 50} groups or cooperatives`, {
			any: [gte(total('ind_04'), c * 50), gte(total('ind_05'), c * 50)]
		}),
		rule('nat-1.10-level', `Keep ${c * 350} members`, gte(total('ind_22'), c * 350)),
		rule('nat-1.11-score', 'Average score between 60 and 90', leaf(total('ind_31'), 'between', [60, 90])),
		rule('nat-1.12-min', 'Every month at least 1', gte(total('ind_36'), 1)),
		rule('nat-1.13-max', 'A month with 19', gte(total('ind_34'), 19)),
		rule(
			'nat-1.14-dropouts',
			`At most ${c * 60} dropouts`,
			leaf(total('ind_06'), 'lessThanInclusive', c * 60)
		),
		// Each province.
		rule('prov-2.1-quota', 'Each province its quota', gte(total('ind_01'), assigned('ind_01')), province),
		rule(
			'prov-2.2-own',
			'Each provincial union itself 20 activities',
			gte(total('ind_39', { own: true }), 20),
			province
		),
		rule(
			'prov-2.3-active-communes',
			'Each province: 70% of communes with 30 activities',
			leaf(meeting('commune', gte(total('ind_07'), 30)), 'greaterThanInclusive', 0.7, '$.share'),
			province
		),
		rule(
			'prov-2.4-q2-report',
			'Each province: Q2 report by 20/7',
			leaf(
				{ fact: 'submittedOn', params: { report: 'bench-quarterly', period: '2024Q2' } },
				'onOrBefore',
				'2024-07-20'
			),
			province
		),
		rule(
			'prov-2.5-loans',
			'Each province: 80% of loans repaid',
			gte({ fact: 'ratio', params: { numerator: 'ind_29', denominator: 'ind_30' } }, 0.8),
			province
		),
		// Each district.
		rule(
			'dist-3.1-members-quota',
			'Each district its members quota',
			gte(total('ind_21'), assigned('ind_21')),
			district
		),
		rule(
			'dist-3.2-growth',
			'Each district 200 more',
			gte({ fact: 'change', params: { indicator: 'ind_23' } }, 200),
			district
		),
		rule(
			'dist-3.3-festival',
			'Each district: 60% of communes held the festival by 30/9',
			leaf(
				meeting(
					'commune',
					leaf({ fact: 'submittedOn', params: { report: 'bench-event' } }, 'onOrBefore', '2024-09-30')
				),
				'greaterThanInclusive',
				0.6,
				'$.share'
			),
			district
		),
		rule(
			'dist-3.4-own',
			'Each district union itself 20 activities',
			gte(total('ind_40', { own: true }), 20),
			district
		),
		// Each commune.
		rule('com-4.1-regular', 'Each commune at least 1 activity', gte(total('ind_08'), 1), commune),
		rule('com-4.2-quota', 'Each commune its quota', gte(total('ind_01'), assigned('ind_01')), commune),
		rule(
			'com-4.3-poverty-quota',
			'Each commune its poverty-programme quota',
			gte(total('ind_37', { programme: 'poverty-reduction' }), assigned('ind_37')),
			commune,
			'poverty-reduction'
		),
		rule(
			'com-4.4-supported',
			'Each commune: 80% of cases supported',
			gte({ fact: 'ratio', params: { numerator: 'ind_27', denominator: 'ind_28' } }, 0.8),
			commune
		),
		rule(
			'com-4.5-growth',
			'Each commune 10 more',
			gte({ fact: 'change', params: { indicator: 'ind_24' } }, 10),
			commune
		),
		rule(
			'com-4.6-festival',
			'Each commune: the festival between 1/3 and 20/10',
			{
				all: [
					leaf({ fact: 'submittedOn', params: { report: 'bench-event' } }, 'onOrBefore', '2024-10-20'),
					leaf({ fact: 'submittedOn', params: { report: 'bench-event' } }, 'onOrAfter', '2024-03-01')
				]
			},
			commune
		),
		rule(
			'com-4.7-new-rural',
			'Each commune 20 new-rural activities',
			gte(total('ind_38', { programme: 'new-rural' }), 20),
			commune,
			'new-rural'
		),
		rule('com-4.8-score', 'Each commune an average score of 70', gte(total('ind_33'), 70), commune),
		rule(
			'com-4.9-june',
			'Each commune: 3 activities in June, reported by 20/7',
			{
				all: [
					gte(total('ind_09', { period: '2024-06' }), 3),
					leaf(
						{ fact: 'submittedOn', params: { report: 'bench-monthly', period: '2024-06' } },
						'onOrBefore',
						'2024-07-20'
					)
				]
			},
			commune
		),
		// Named units.
		rule('units-5.1-sponsored', 'The sponsored communes: 40 activities', gte(total('ind_11'), 40), {
			units: sizes.sampleCommunes
		})
	];
	return {
		plan: {
			id: 'bench-national-2024',
			title: { vi: 'Kế hoạch toàn quốc năm 2024 (đo hiệu năng)', en: 'National plan 2024 (benchmark)' },
			issuer: 'Benchmark',
			orgUnit: 'VN',
			period: { start: '2024-01-01', end: '2024-12-31' },
			programmes: ['poverty-reduction', 'new-rural'],
			notes: ['Synthetic plan of scripts/bench/plan.ts, on the synthetic data of scripts/bench/generate.ts.']
		},
		rules
	};
}

const LOWER_LEVELS: Level[] = ['province', 'district', 'commune'];

/**
 * Every target at every unit at every level: the plan's rules, plus a copy of each plan-wide rule for `each`
 * level below the root where it applies (what the drill-down pages of all units evaluate between them).
 */
export function fullDrillPlan(plan: PlanFile): PlanFile {
	const rules: PlanRule[] = [];
	for (const r of plan.rules) {
		rules.push(r);
		if (r.scope) continue;
		for (const level of LOWER_LEVELS)
			if (applicableAt(r, level)) rules.push({ ...r, name: `${r.name}::${level}`, scope: { each: level } });
	}
	return { ...plan, rules };
}

/**
 * One drill-down step as the unit page does it (unit-page.ts): the plan re-rooted at a province, with a copy of
 * each plan-wide rule for its districts; `isUnder` tells the codes under (or equal to) the province.
 */
export function provinceStepPlan(
	plan: PlanFile,
	province: string,
	isUnder: (code: string) => boolean
): PlanFile {
	return drillPlan(plan, { unit: province, level: 'province', childLevel: 'district', isUnder });
}

/** Number of (rule, unit) judgements of a plan on a tree with these level counts. */
export function judgementCount(plan: PlanFile, counts: Record<Level, number>): number {
	let n = 0;
	for (const r of plan.rules) {
		if (!r.scope) n += 1;
		else if ('each' in r.scope) n += counts[r.scope.each];
		else n += r.scope.units.length;
	}
	return n;
}
