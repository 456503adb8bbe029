/**
 * The status of a target at an as-of date (design.md §5), from what the engine found. Pure.
 * Extension, documented in docs/rules.md: growth of a stock (`change` with "at least N") is paced like a
 * cumulative target, since "+1,300 members" builds up over the year just as a count of households does.
 */
import type { TimeAggregation } from '$lib/model/data';
import type { LeafCondition, PlanMeta, Status, TargetValue } from '$lib/model/plan';
import { parsePeriod } from '$lib/periods/codes';
import { clampDate, elapsedShare } from '$lib/periods/dates';
import { isFactReference } from './conditions';
import { DEADLINE_OPERATORS, FALLING_OPERATORS, RISING_OPERATORS } from './operators';

export const DEFAULT_AT_RISK_RATIO = 0.8;
/** "Within 10% of the target (relative)" for targets that are not paced over time. */
export const NEAR_TARGET = 0.1;

export interface JudgedLeaf {
	leaf: LeafCondition;
	factValue: unknown;
	value: unknown;
	result: boolean;
}

export interface StatusInput {
	met: boolean;
	leaves: JudgedLeaf[];
	measure: number;
	plan: PlanMeta;
	asOf: string;
	timeAggregationOf: (indicator: string) => TimeAggregation | null;
	/** `expectedShare(plan, asOf)` when the caller has it already (the same for every unit of an evaluation). */
	share?: number;
}

export interface Judgement {
	status: Status;
	actual: number | string | null;
	target: TargetValue;
	expected: number | null;
}

/** The as-of date used for a plan: the requested date (or today) kept inside the plan period. */
export function planAsOf(plan: PlanMeta, requested: string): string {
	return clampDate(requested, plan.period.start, plan.period.end);
}

/**
 * Share of a target expected by `asOf`: linear over the plan's days, or by the plan's quarter weights when it
 * gives them (only for a plan that is one calendar year).
 */
export function expectedShare(plan: PlanMeta, asOf: string): number {
	const { start, end } = plan.period;
	const weights = plan.trajectory?.quarterWeights;
	const year = parsePeriod(start.slice(0, 4));
	if (!weights || !year || year.start !== start || year.end !== end) return elapsedShare(start, end, asOf);
	let share = 0;
	for (let q = 1; q <= 4; q++) {
		const quarter = parsePeriod(`${start.slice(0, 4)}Q${q}`);
		if (!quarter) continue;
		share += (weights[q - 1] ?? 0) * elapsedShare(quarter.start, quarter.end, asOf);
	}
	// 0.1 + 0.2 is not 0.3 in floating point; an actual exactly on the trajectory must read as on track.
	return Math.round(share * 1e9) / 1e9;
}

const asNumber = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function targetOf(value: unknown): TargetValue {
	if (typeof value === 'number' || typeof value === 'string') return value;
	if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'number')) {
		return [value[0] as number, value[1] as number];
	}
	return null;
}

/** A leaf whose value is legitimately absent on the as-of date: a report not yet sent, a month not yet begun. */
function absenceExpected(judged: JudgedLeaf, asOf: string): boolean {
	if (judged.leaf.fact === 'submittedOn') return true;
	const period = judged.leaf.params?.period;
	const parsed = typeof period === 'string' ? parsePeriod(period) : null;
	return parsed !== null && parsed.start > asOf;
}

function lacksData(leaves: JudgedLeaf[], asOf: string): boolean {
	return leaves.some(
		(j) =>
			!absenceExpected(j, asOf) &&
			(j.factValue === null ||
				j.factValue === undefined ||
				(isFactReference(j.leaf.value) && j.value === null))
	);
}

function isCumulative(leaf: LeafCondition, timeAggregationOf: StatusInput['timeAggregationOf']): boolean {
	if (!RISING_OPERATORS.includes(leaf.operator)) return false;
	if (leaf.fact === 'change') return true;
	const indicator = leaf.params?.indicator;
	return leaf.fact === 'total' && typeof indicator === 'string' && timeAggregationOf(indicator) === 'sum';
}

/** Whether a value not at its target is still near it (within 10%, relative). */
function nearTarget(operator: string, actual: number, target: TargetValue): boolean {
	const slack = (t: number) => NEAR_TARGET * Math.abs(t);
	if (typeof target === 'number') {
		if (RISING_OPERATORS.includes(operator as never)) return actual >= target - slack(target);
		if (FALLING_OPERATORS.includes(operator as never)) return actual <= target + slack(target);
		if (operator === 'equal') return Math.abs(actual - target) <= slack(target);
		return false;
	}
	if (Array.isArray(target))
		return actual >= target[0] - slack(target[0]) && actual <= target[1] + slack(target[1]);
	return false;
}

export function judgeStatus(input: StatusInput): Judgement {
	const { leaves, plan, asOf } = input;
	const measured = leaves[input.measure] ?? leaves[0];
	if (!measured) return { status: 'no-data', actual: null, target: null, expected: null };
	const leaf = measured.leaf;
	const rawActual = measured.factValue;
	const actual = typeof rawActual === 'number' || typeof rawActual === 'string' ? rawActual : null;
	const target = targetOf(measured.value);
	const ended = asOf >= plan.period.end;
	const deadline = DEADLINE_OPERATORS.includes(leaf.operator) && typeof target === 'string';
	const cumulative = isCumulative(leaf, input.timeAggregationOf) && typeof target === 'number';
	const expected = cumulative
		? (target as number) * (input.share ?? expectedShare(plan, asOf))
		: typeof target === 'number' && !deadline
			? target
			: null;
	const judgement = (status: Status): Judgement => ({ status, actual, target, expected });

	if (input.met) return judgement('achieved');
	if (deadline) return judgement(ended || asOf > (target as string) ? 'missed' : 'on-track');
	if (lacksData(leaves, asOf)) return judgement('no-data');
	if (ended) return judgement('missed');
	const value = asNumber(actual);
	if (value === null) return judgement('off-track');
	if (cumulative) {
		const ratio = plan.atRiskRatio ?? DEFAULT_AT_RISK_RATIO;
		const due = expected as number;
		return judgement(value >= due ? 'on-track' : value >= ratio * due ? 'at-risk' : 'off-track');
	}
	return judgement(nearTarget(leaf.operator, value, target) ? 'at-risk' : 'off-track');
}

/**
 * Plan-level status of an `each` / `units` rule from its units' statuses (design.md §5): achieved when all units
 * are, missed when the period has ended otherwise, else judged as a share target. Extension (docs/rules.md): while
 * in progress, a unit on track counts as on course, so that "every commune on track" reads on track rather than
 * off track; the actual stays the share of units that achieved.
 */
export function judgeEach(statuses: Status[], plan: PlanMeta, asOf: string): Judgement {
	const total = statuses.length;
	const achieved = statuses.filter((s) => s === 'achieved').length;
	const onCourse = statuses.filter((s) => s === 'achieved' || s === 'on-track').length;
	const share = total === 0 ? null : achieved / total;
	const judgement = (status: Status): Judgement => ({ status, actual: share, target: 1, expected: 1 });
	if (total === 0 || statuses.every((s) => s === 'no-data')) return judgement('no-data');
	if (achieved === total) return judgement('achieved');
	if (asOf >= plan.period.end) return judgement('missed');
	if (onCourse === total) return judgement('on-track');
	return judgement(onCourse / total >= 1 - NEAR_TARGET ? 'at-risk' : 'off-track');
}
