/**
 * Missing and late reports of a plan's units at an as-of date.
 *
 * Who must send what, and by when, comes from two places:
 * - the plan's `submittedOn` rules: every unit the rule is judged at (its `each` level, its `units`, or the plan's
 *   unit) must send the report (for the rule's `period` when it names one, else any period inside the plan) by the
 *   rule's `onOrBefore` date. A report sent after that date is late; none by an as-of date past it is missing.
 * - the reporting pattern of reports no rule names (the periodic Union report): when at least half the units of a
 *   level under the plan's unit send a report for some month, quarter, half or year of the plan, every unit of
 *   that level is expected to send it for every such period that has ended by the as-of date. Without a rule there
 *   is no deadline, so these reports can be missing but are never judged late.
 * As in the `submittedOn` fact, a report sent after the as-of date had not been sent yet on that date.
 */
import type { Connector } from '$lib/db/connector';
import type { Level } from '$lib/model/data';
import type { Condition, LeafCondition, PlanFile } from '$lib/model/plan';
import { parsePeriod, subPeriods, type PeriodKind } from '$lib/periods/codes';
import { dayNumber } from '$lib/periods/dates';
import { isLeaf, leavesOf } from '$lib/rules/conditions';
import { LIST_SEPARATOR, PERIOD_KIND_SQL, SCOPE_CTE, scopeParams } from './scope';

/** Why a unit is expected to send a report. */
export type ReportBasis =
	| { kind: 'rule'; rule: string }
	| { kind: 'pattern'; level: Level; periodKind: PeriodKind; reporting: number; total: number };

export interface ReportProblem {
	kind: 'missing' | 'late';
	unit: string;
	report: string;
	/** The period the report is for; null when the rule takes any period inside the plan. */
	period: string | null;
	/** The deadline, or for a report without one the end of its period; null when neither is known. */
	due: string | null;
	submittedOn: string | null;
	/** Days after the deadline a late report was sent. */
	daysLate: number | null;
	basis: ReportBasis;
}

/** A report some units must send, read from a plan's rules. Pure data. */
export interface ReportExpectation {
	rule: string;
	report: string;
	period: string | null;
	/** The latest `onOrBefore` date the rule allows, if any. */
	deadline: string | null;
	/** Every unit of this level under the plan's unit must send it (null: only `units`). */
	level: Level | null;
	units: string[];
}

interface SubmittedLeaf {
	report: string;
	period: string | null;
	deadline: string | null;
	/** Set when the leaf sits inside a `unitsMeeting` condition: units of this level are the senders. */
	level: Level | null;
}

function submittedLeaves(condition: Condition, level: Level | null): SubmittedLeaf[] {
	const found: SubmittedLeaf[] = [];
	for (const leaf of leavesOf(condition)) {
		if (leaf.fact === 'unitsMeeting') {
			const inner = leaf.params.condition;
			const innerLevel = leaf.params.level;
			if (inner && typeof inner === 'object' && typeof innerLevel === 'string') {
				found.push(...submittedLeaves(inner as Condition, innerLevel as Level));
			}
			continue;
		}
		if (!isLeaf(leaf) || leaf.fact !== 'submittedOn') continue;
		const report = leaf.params.report;
		if (typeof report !== 'string') continue;
		const period = typeof leaf.params.period === 'string' ? leaf.params.period : null;
		found.push({ report, period, deadline: deadlineOf(leaf), level });
	}
	return found;
}

function deadlineOf(leaf: LeafCondition): string | null {
	if (leaf.operator !== 'onOrBefore' && leaf.operator !== 'lessThanInclusive') return null;
	return typeof leaf.value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(leaf.value) ? leaf.value : null;
}

/** The reports a plan's rules expect, one entry per (rule, report, period), deadlines merged. Pure. */
export function reportExpectations(plan: PlanFile): ReportExpectation[] {
	const out: ReportExpectation[] = [];
	for (const rule of plan.rules) {
		const byKey = new Map<string, ReportExpectation>();
		for (const leaf of submittedLeaves(rule.conditions, null)) {
			const key = `${leaf.report}\u0000${leaf.period ?? ''}\u0000${leaf.level ?? ''}`;
			const known = byKey.get(key);
			if (known) {
				if (leaf.deadline && (!known.deadline || leaf.deadline < known.deadline))
					known.deadline = leaf.deadline;
				continue;
			}
			const scope = rule.scope;
			let level: Level | null = null;
			let units: string[] = [];
			if (leaf.level) level = leaf.level;
			else if (scope && 'each' in scope) level = scope.each;
			else if (scope && 'units' in scope) units = [...scope.units];
			else units = [plan.plan.orgUnit];
			byKey.set(key, {
				rule: rule.name,
				report: leaf.report,
				period: leaf.period,
				deadline: leaf.deadline,
				level,
				units
			});
		}
		out.push(...byKey.values());
	}
	return out;
}

/** When a report without a deadline is due: the end of its period (inside the plan), else the plan's end. */
export function dueOf(expectation: ReportExpectation, planEnd: string): string {
	if (expectation.deadline) return expectation.deadline;
	const period = expectation.period ? parsePeriod(expectation.period) : null;
	return period && period.end < planEnd ? period.end : planEnd;
}

/**
 * The problem, if any, with one expected report: late when sent after the deadline, missing when nothing was sent
 * and the due date is before the as-of date. Pure.
 */
export function judgeSubmission(
	expectation: ReportExpectation,
	submittedOn: string | null,
	asOf: string,
	planEnd: string
): Pick<ReportProblem, 'kind' | 'due' | 'daysLate'> | null {
	const due = dueOf(expectation, planEnd);
	if (submittedOn !== null) {
		if (expectation.deadline && submittedOn > expectation.deadline) {
			return { kind: 'late', due, daysLate: dayNumber(submittedOn) - dayNumber(expectation.deadline) };
		}
		return null;
	}
	// Past the due date, or the plan is over (the as-of date is kept inside the plan): nothing more will count.
	return due < asOf || asOf >= planEnd ? { kind: 'missing', due, daysLate: null } : null;
}

/** Every unit that must send an expected report, with the date it first sent it by `asOf` (null: not sent). */
export async function expectationSubmissions(
	conn: Connector,
	plan: PlanFile,
	asOf: string,
	expectation: ReportExpectation
): Promise<{ unit: string; level: Level; submitted: string | null }[]> {
	const { start, end } = plan.plan.period;
	const byPeriod = expectation.period !== null;
	return conn.query<{ unit: string; level: Level; submitted: string | null }>(
		`${SCOPE_CTE}
		 SELECT w.code AS unit, any_value(w.level) AS level, strftime(min(s.submitted_on), '%Y-%m-%d') AS submitted
		 FROM scope_walk w
		 LEFT JOIN submissions s ON s.org_unit = w.code AND s.report = ? AND s.submitted_on <= CAST(? AS DATE)
		   AND (CASE WHEN ? THEN s.period = ? ELSE s.period_start >= CAST(? AS DATE) AND s.period_end <= CAST(? AS DATE) END)
		 WHERE w.level = ? OR list_contains(string_split(?, ?), w.code)
		 GROUP BY w.code ORDER BY w.code`,
		[
			...scopeParams(plan.plan),
			expectation.report,
			asOf,
			byPeriod,
			expectation.period ?? '',
			start,
			end,
			expectation.level ?? '',
			expectation.units.join(LIST_SEPARATOR),
			LIST_SEPARATOR
		]
	);
}

async function checkExpectation(
	conn: Connector,
	plan: PlanFile,
	asOf: string,
	expectation: ReportExpectation
): Promise<ReportProblem[]> {
	const rows = await expectationSubmissions(conn, plan, asOf, expectation);
	const problems: ReportProblem[] = [];
	for (const row of rows) {
		const judged = judgeSubmission(expectation, row.submitted, asOf, plan.plan.period.end);
		if (!judged) continue;
		problems.push({
			...judged,
			unit: row.unit,
			report: expectation.report,
			period: expectation.period,
			submittedOn: row.submitted,
			basis: { kind: 'rule', rule: expectation.rule }
		});
	}
	return problems;
}

export interface PatternOptions {
	/** Share of a level's units that must send a report for it to be expected of all of them (default 0.5). */
	minShare?: number;
	/** And at least this many units (default 3). */
	minReporting?: number;
}

/** A report most units of a level send for periods of a kind, so all of them are expected to. */
export interface Pattern {
	report: string;
	periodKind: PeriodKind;
	level: Level;
	reporting: number;
	total: number;
}

const PATTERN_KINDS: readonly PeriodKind[] = ['year', 'half', 'quarter', 'month'];

export async function findPatterns(
	conn: Connector,
	plan: PlanFile,
	asOf: string,
	options: PatternOptions
): Promise<Pattern[]> {
	const { start, end } = plan.plan.period;
	const rows = await conn.query<{
		report: string;
		kind: string;
		level: Level;
		reporting: number;
		total: number;
	}>(
		`${SCOPE_CTE}, sent AS (
		   SELECT s.report, ${PERIOD_KIND_SQL('s.period')} AS kind, w.level, count(DISTINCT s.org_unit) AS reporting
		   FROM submissions s JOIN scope_walk w ON w.code = s.org_unit
		   WHERE s.period_start >= CAST(? AS DATE) AND s.period_end <= CAST(? AS DATE)
		     AND s.submitted_on <= CAST(? AS DATE)
		   GROUP BY ALL
		 ), levels AS (SELECT level, count(*) AS total FROM scope_walk GROUP BY level)
		 SELECT sent.report, sent.kind, sent.level, sent.reporting, levels.total
		 FROM sent JOIN levels ON levels.level = sent.level
		 ORDER BY sent.report, sent.kind, sent.level`,
		[...scopeParams(plan.plan), start, end, asOf]
	);
	const minShare = options.minShare ?? 0.5;
	const minReporting = options.minReporting ?? 3;
	return rows
		.filter((r) => (PATTERN_KINDS as readonly string[]).includes(r.kind))
		.filter((r) => r.reporting >= minReporting && r.reporting >= minShare * r.total)
		.map((r) => ({
			report: r.report,
			periodKind: r.kind as PeriodKind,
			level: r.level,
			reporting: r.reporting,
			total: r.total
		}));
}

/** The periods of a kind inside the plan that have ended by the as-of date. Pure. */
export function endedPeriods(planStart: string, planEnd: string, kind: PeriodKind, asOf: string): string[] {
	const window = { code: '', kind: 'year' as const, start: planStart, end: planEnd };
	return subPeriods(window, kind)
		.filter((p) => p.start >= planStart && p.end <= planEnd && p.end <= asOf)
		.map((p) => p.code);
}

/** Every unit of the pattern's level and period of its kind ended by `asOf`, with when it first sent the report. */
export async function patternSubmissions(
	conn: Connector,
	plan: PlanFile,
	asOf: string,
	pattern: Pattern
): Promise<{ unit: string; period: string; submitted: string | null }[]> {
	const periods = endedPeriods(plan.plan.period.start, plan.plan.period.end, pattern.periodKind, asOf);
	if (periods.length === 0) return [];
	return conn.query<{ unit: string; period: string; submitted: string | null }>(
		`${SCOPE_CTE}, expected AS (SELECT unnest(string_split(?, ?)) AS period)
		 SELECT w.code AS unit, e.period, (
		   SELECT strftime(min(s.submitted_on), '%Y-%m-%d') FROM submissions s
		   WHERE s.org_unit = w.code AND s.report = ? AND s.period = e.period AND s.submitted_on <= CAST(? AS DATE)
		 ) AS submitted
		 FROM scope_walk w CROSS JOIN expected e
		 WHERE w.level = ?
		 ORDER BY w.code, e.period`,
		[
			...scopeParams(plan.plan),
			periods.join(LIST_SEPARATOR),
			LIST_SEPARATOR,
			pattern.report,
			asOf,
			pattern.level
		]
	);
}

async function checkPattern(
	conn: Connector,
	plan: PlanFile,
	asOf: string,
	pattern: Pattern
): Promise<ReportProblem[]> {
	const rows = (await patternSubmissions(conn, plan, asOf, pattern)).filter((row) => row.submitted === null);
	const { report, ...basis } = pattern;
	return rows.map((row) => ({
		kind: 'missing',
		unit: row.unit,
		report,
		period: row.period,
		due: parsePeriod(row.period)?.end ?? null,
		submittedOn: null,
		daysLate: null,
		basis: { kind: 'pattern', ...basis }
	}));
}

/**
 * Every missing and late report under the plan's unit at `asOf` (clamp it to the plan first), rule-based ones
 * first, in unit order. Data must be loaded.
 */
export async function reportProblems(
	conn: Connector,
	plan: PlanFile,
	asOf: string,
	options: PatternOptions = {}
): Promise<ReportProblem[]> {
	const expectations = reportExpectations(plan);
	const problems: ReportProblem[] = [];
	const seen = new Set<string>();
	const add = (problem: ReportProblem) => {
		const key = [problem.kind, problem.unit, problem.report, problem.period ?? ''].join('\u0000');
		if (seen.has(key)) return;
		seen.add(key);
		problems.push(problem);
	};
	for (const expectation of expectations) {
		for (const problem of await checkExpectation(conn, plan, asOf, expectation)) add(problem);
	}
	const ruled = new Set(expectations.map((e) => e.report));
	for (const pattern of await findPatterns(conn, plan, asOf, options)) {
		if (ruled.has(pattern.report)) continue;
		for (const problem of await checkPattern(conn, plan, asOf, pattern)) add(problem);
	}
	return problems;
}
