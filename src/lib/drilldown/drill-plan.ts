/**
 * The drill-down of a plan to one unit (design.md §2: province → district → commune and back). The plan is
 * re-rooted at the unit and every plan-wide rule is also evaluated for each of the unit's children, so that one
 * evaluation gives the unit's column and its children's matrix. Pure: plan in, plan out; results in, rows out.
 */
import { LEVELS, type Level } from '$lib/model/data';
import type { Condition, PlanFile, PlanRule, RuleResult, Status } from '$lib/model/plan';
import { isFactReference, isShareCondition, leavesOf, measureLeaf } from '$lib/rules/conditions';
import { judgeEach } from '$lib/rules/status';

/** Suffix of the rule copies that evaluate a plan-wide rule for each child. */
export const CHILD_SUFFIX = '::children';

const depth = (level: Level) => LEVELS.indexOf(level);

/** Every `unitsMeeting` level a condition uses, at any depth. */
function meetingLevels(condition: Condition): Level[] {
	return leavesOf(condition).flatMap((leaf) =>
		leaf.fact === 'unitsMeeting'
			? [leaf.params.level as Level, ...meetingLevels(leaf.params.condition as Condition)]
			: []
	);
}

/** Whether a rule can be evaluated at a unit of `level`: what it counts must lie below that level. */
export function applicableAt(rule: PlanRule, level: Level): boolean {
	if (rule.scope && 'each' in rule.scope && depth(rule.scope.each) < depth(level)) return false;
	return meetingLevels(rule.conditions).every((l) => depth(l) > depth(level));
}

/**
 * Whether a plan-wide rule's target also means something at a sub-unit: shares and ratios do (80% of victims
 * supported applies everywhere), and so does a unit's own quota; an absolute count (161 households province-wide)
 * does not, and a sub-unit's number is shown as its contribution instead.
 */
export function judgedBelowRoot(rule: PlanRule): boolean {
	const leaf = measureLeaf(rule);
	return isShareCondition(leaf) || isFactReference(leaf.value);
}

export interface DrillContext {
	unit: string;
	level: Level;
	/** The level of the unit's children, or null for a unit without children. */
	childLevel: Level | null;
	/** Whether a code lies under (or is) the unit, for `units` scopes. */
	isUnder: (code: string) => boolean;
}

/** The plan re-rooted at `ctx.unit`, with child copies of plan-wide rules. */
export function drillPlan(plan: PlanFile, ctx: DrillContext): PlanFile {
	const rules: PlanRule[] = [];
	for (const rule of plan.rules) {
		if (!applicableAt(rule, ctx.level)) continue;
		if (rule.scope && 'units' in rule.scope) {
			const units = rule.scope.units.filter(ctx.isUnder);
			if (units.length > 0) rules.push({ ...rule, scope: { units } });
			continue;
		}
		if (rule.scope && 'each' in rule.scope && rule.scope.each === ctx.level) {
			// "Each district" seen from one district is that district's own target.
			const { scope: _scope, ...own } = rule;
			rules.push(own);
			continue;
		}
		rules.push(rule);
		if (!rule.scope && ctx.childLevel && applicableAt(rule, ctx.childLevel)) {
			rules.push({ ...rule, name: `${rule.name}${CHILD_SUFFIX}`, scope: { each: ctx.childLevel } });
		}
	}
	return { ...plan, plan: { ...plan.plan, orgUnit: ctx.unit }, rules };
}

/** What a cell of the drill-down shows: a judged status, or a plain contribution to a plan-wide count. */
export type Cell =
	| { kind: 'status'; status: Status; actual: RuleResult['actual']; target: RuleResult['target'] }
	| { kind: 'contribution'; actual: RuleResult['actual'] };

export interface DrillRow {
	rule: PlanRule;
	/** The unit's own result for the rule. */
	result: RuleResult;
	/** Whether `result`'s status is meaningful at this unit (see judgedBelowRoot). */
	judged: boolean;
	/** Cells per child code. */
	children: Map<string, Cell>;
}

const cellOf = (result: RuleResult, judged: boolean): Cell =>
	judged
		? { kind: 'status', status: result.status, actual: result.actual, target: result.target }
		: { kind: 'contribution', actual: result.actual };

/**
 * Rows of the drill-down from the evaluation of `drillPlan(...)`: one per original rule, with a cell per child.
 * `parentOf` walks up from a unit to the child it lies under.
 */
export function drillRows(
	plan: PlanFile,
	results: RuleResult[],
	ctx: DrillContext & {
		isRoot: boolean;
		children: string[];
		childOf: (code: string) => string | null;
		asOf: string;
	}
): DrillRow[] {
	const byName = new Map(results.map((r) => [r.rule, r]));
	const rows: DrillRow[] = [];
	for (const rule of plan.rules) {
		const result = byName.get(rule.name);
		if (!result) continue;
		const children = new Map<string, Cell>();
		const copy = byName.get(`${rule.name}${CHILD_SUFFIX}`);
		const judged = ctx.isRoot || judgedBelowRoot(rule) || Boolean(rule.scope);
		if (copy?.units) {
			for (const unit of copy.units) children.set(unit.orgUnit, cellOf(unit, judgedBelowRoot(rule)));
		} else if (result.units) {
			// Per-unit results of an each/units rule, grouped under the child each unit lies in.
			const grouped = new Map<string, Status[]>();
			for (const unit of result.units) {
				const child = ctx.childOf(unit.orgUnit);
				if (child) grouped.set(child, [...(grouped.get(child) ?? []), unit.status]);
			}
			for (const [child, statuses] of grouped) {
				const direct = result.units.find((u) => u.orgUnit === child);
				const judgement = direct ?? judgeEach(statuses, plan.plan, ctx.asOf);
				children.set(child, {
					kind: 'status',
					status: judgement.status,
					actual: judgement.actual,
					target: judgement.target
				});
			}
		}
		rows.push({ rule, result, judged, children });
	}
	return rows;
}

/** A child's attainment: the share of its judged cells achieved or on track (null when nothing is judged). */
export function attainment(rows: DrillRow[], child: string): number | null {
	const statuses = rows.flatMap((row) => {
		const cell = row.children.get(child);
		return cell?.kind === 'status' && cell.status !== 'no-data' ? [cell.status] : [];
	});
	if (statuses.length === 0) return null;
	return statuses.filter((s) => s === 'achieved' || s === 'on-track').length / statuses.length;
}
