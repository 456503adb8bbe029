/**
 * The visit brief of one unit under one plan at an as-of date (design.md §2, inspection teams: "what should we
 * ask there?"): the plan seen from the unit (the drill-down's evaluation, unit-page.ts), its failing and at-risk
 * targets, the sub-units furthest behind, the data problems at the unit and below it, the plans that cover it, and
 * on demand the trends of its failing targets.
 */
import type { Connector } from '$lib/db/connector';
import { CHILD_SUFFIX, drillPlan } from '$lib/drilldown/drill-plan';
import { loadUnitPage, type UnitPage } from '$lib/drilldown/unit-page';
import type { PlanFile, PlanRule, RuleResult, Status } from '$lib/model/plan';
import { qualityOf, qualityWithin, type Quality } from '$lib/quality';
import { measureLeaf } from '$lib/rules/conditions';
import { planAsOf } from '$lib/rules/status';
import { measureTrends, type TrendPoint } from '$lib/rules/trend';
import { ancestry, unitsOn, type UnitInfo } from '$lib/state/units';
import { STATUS_STYLES } from '$lib/status-style';
import { targetKind, type QuestionKind } from './questions';
import { ancestorAt } from './plan-visit';
import { regionsOn, type RegionInfo } from './regions';

/** The statuses a brief lists as problems, worst first. */
export const BRIEF_STATUSES: readonly Status[] = ['missed', 'off-track', 'at-risk', 'no-data'];

export interface BriefRow {
	rule: PlanRule;
	/** The unit's own result when `own`; else the result over the units below it that the rule judges. */
	result: RuleResult;
	/** Whether the result is the unit's own (as the CLI gives it for this unit) or a summary of units below. */
	own: boolean;
	kind: QuestionKind;
}

export interface Brief {
	asOf: string;
	page: UnitPage;
	region: RegionInfo | null;
	/** Every target the plan judges at the unit or below it. */
	rows: BriefRow[];
	/** The rows with a status in BRIEF_STATUSES, worst first. */
	failing: BriefRow[];
	/** Children below full attainment, furthest behind first (at most 5). */
	lagging: UnitPage['children'];
	quality: Quality;
	/** Other plans whose unit is this one or above it, on their own dates. */
	covering: PlanFile[];
}

/** Whether a plan covers a unit: the unit exists on the plan's start and lies under (or is) the plan's unit. */
async function covers(conn: Connector, plan: PlanFile, code: string): Promise<boolean> {
	const directory = await unitsOn(conn, plan.plan.period.start);
	return ancestry(directory, code).some((u) => u.code === plan.plan.orgUnit);
}

export async function loadBrief(
	conn: Connector,
	plan: PlanFile,
	code: string,
	requestedAsOf: string,
	allPlans: readonly PlanFile[]
): Promise<Brief | null> {
	const asOf = planAsOf(plan.plan, requestedAsOf);
	const page = await loadUnitPage(conn, plan, code, asOf);
	if (!page) return null;
	const directory = await unitsOn(conn, plan.plan.period.start);
	const rows: BriefRow[] = [];
	for (const row of page.rows) {
		const ownEntry = row.result.units?.find((u) => u.orgUnit === code);
		if (ownEntry) {
			rows.push({ rule: row.rule, result: ownEntry, own: true, kind: targetKind(row.rule, ownEntry.status) });
		} else if (row.judged) {
			const own = row.result.orgUnit === code && (!row.result.units || code === plan.plan.orgUnit);
			rows.push({ rule: row.rule, result: row.result, own, kind: targetKind(row.rule, row.result.status) });
		}
	}
	const rank = (status: Status) => STATUS_STYLES[status].rank;
	const failing = rows
		.filter((r) => BRIEF_STATUSES.includes(r.result.status))
		.sort((a, b) => rank(a.result.status) - rank(b.result.status));
	const isWithin = (candidate: string) => ancestry(directory, candidate).some((u) => u.code === code);
	const quality = qualityWithin(await qualityOf(conn, plan, asOf), isWithin);
	const province = ancestorAt(directory, code, 'province');
	const regions = await regionsOn(conn, plan.plan.period.start);
	const regionCode = province ? regions.byProvince.get(province.code) : undefined;
	const covering: PlanFile[] = [];
	for (const other of allPlans) {
		if (other.plan.id !== plan.plan.id && (await covers(conn, other, code))) covering.push(other);
	}
	return {
		asOf,
		page,
		region: regionCode ? (regions.regions.get(regionCode) ?? null) : null,
		rows,
		failing,
		lagging: page.children
			.filter((c) => c.attainment !== null && c.attainment < 1)
			.sort((a, b) => (a.attainment ?? 0) - (b.attainment ?? 0))
			.slice(0, 5),
		quality,
		covering
	};
}

/**
 * Month-end values of the unit's own failing targets that have a number to follow (not deadlines): the
 * drilled rule evaluated at the unit as if the plan were the unit's own.
 */
export function briefTrends(
	conn: Connector,
	plan: PlanFile,
	unit: UnitInfo,
	childLevel: UnitInfo['level'] | null,
	brief: Pick<Brief, 'failing' | 'asOf'>,
	shouldStop: () => boolean = () => false
): Promise<Map<string, TrendPoint[]>> {
	const wanted = new Set(
		brief.failing
			// A summary over units (an `each` rule at the plan's unit) has no single measure to follow.
			.filter((r) => r.own && !r.result.units && r.kind !== 'deadline' && r.kind !== 'no-data')
			.map((r) => r.rule.name)
	);
	const drilled = drillPlan(plan, {
		unit: unit.code,
		level: unit.level,
		childLevel,
		isUnder: () => true
	});
	const rules = drilled.rules
		.filter((rule) => wanted.has(rule.name) && !rule.name.endsWith(CHILD_SUFFIX))
		.filter((rule) => measureLeaf(rule).fact !== 'submittedOn')
		.map(({ scope: _scope, ...rule }) => rule as PlanRule);
	if (rules.length === 0) return Promise.resolve(new Map());
	return measureTrends(conn, { plan: { ...plan.plan, orgUnit: unit.code }, rules }, brief.asOf, shouldStop);
}
