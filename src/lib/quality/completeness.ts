/**
 * Completeness and timeliness of reports, and coverage of values.
 *
 * Reports: every report a unit is expected to send (reports.ts: the plan's `submittedOn` rules, and the reporting
 * pattern of periodic reports) becomes one entry of a ledger with its status at the as-of date:
 * - `on-time`: sent on or before its deadline; `late`: sent after it;
 * - `received`: sent, and no deadline is known (timeliness cannot be judged);
 * - `missing`: not sent and already due (deadline passed, or the period ended when there is none);
 * - `pending`: not sent and not yet due — neither counted as expected nor as missing.
 * Deadlines come from the rule (`onOrBefore`), else from the quality rule files' `reportDeadlines` for the
 * report and kind of period (e.g. the periodic report due on the 20th of the quarter's last month).
 * Completeness = sent / due (sent = on-time + late + received; due = sent + missing); timeliness = on-time /
 * (on-time + late).
 *
 * Values: the periods in which a unit is expected to give values (gaps.ts: it reports an indicator by month,
 * quarter or half, and most of its peers reported that period) and whether it gave any.
 */
import type { Connector } from '$lib/db/connector';
import type { Level } from '$lib/model/data';
import type { PlanFile } from '$lib/model/plan';
import { parsePeriod } from '$lib/periods/codes';
import { addDays, isoFromParts } from '$lib/periods/dates';
import { expectedValueCells, type ExpectedIndicatorCell, type ExpectedValueCell } from './gaps';
import {
	dueOf,
	expectationSubmissions,
	findPatterns,
	judgeSubmission,
	patternSubmissions,
	reportExpectations,
	type PatternOptions,
	type ReportBasis
} from './reports';
import type { ReportDeadline } from './rule-files';

export type ReportStatus = 'on-time' | 'late' | 'received' | 'missing' | 'pending';

export interface ExpectedReport {
	unit: string;
	level: Level;
	report: string;
	/** The period the report is for; null when a rule takes any period inside the plan. */
	period: string | null;
	deadline: string | null;
	/** The deadline, else the end of the report's period (or of the plan). */
	due: string | null;
	submittedOn: string | null;
	status: ReportStatus;
	daysLate: number | null;
	basis: ReportBasis;
}

/** The deadline of a period's report under a schedule. Pure. */
export function scheduledDeadline(period: string, deadline: ReportDeadline): string | null {
	const parsed = parsePeriod(period);
	if (!parsed || parsed.kind !== deadline.periodKind) return null;
	if ('daysAfterEnd' in deadline.due) return addDays(parsed.end, deadline.due.daysAfterEnd);
	const year = Number(parsed.end.slice(0, 4));
	const month = Number(parsed.end.slice(5, 7));
	const last = Number(parsed.end.slice(8, 10));
	return isoFromParts(year, month, Math.min(deadline.due.dayOfLastMonth, last));
}

function statusOf(
	judged: ReturnType<typeof judgeSubmission>,
	submittedOn: string | null,
	deadline: string | null
): ReportStatus {
	if (judged) return judged.kind;
	if (submittedOn === null) return 'pending';
	return deadline ? 'on-time' : 'received';
}

/** Every report expected under the plan's unit by `asOf` (clamped to the plan), with its status. */
export async function reportLedger(
	conn: Connector,
	plan: PlanFile,
	asOf: string,
	deadlines: readonly ReportDeadline[] = [],
	options: PatternOptions = {}
): Promise<ExpectedReport[]> {
	const end = plan.plan.period.end;
	const out: ExpectedReport[] = [];
	const seen = new Set<string>();
	const add = (entry: ExpectedReport) => {
		const key = [entry.unit, entry.report, entry.period ?? ''].join('\u0000');
		if (seen.has(key)) return;
		seen.add(key);
		out.push(entry);
	};
	const expectations = reportExpectations(plan);
	for (const expectation of expectations) {
		for (const row of await expectationSubmissions(conn, plan, asOf, expectation)) {
			const judged = judgeSubmission(expectation, row.submitted, asOf, end);
			const status = statusOf(judged, row.submitted, expectation.deadline);
			add({
				unit: row.unit,
				level: row.level,
				report: expectation.report,
				period: expectation.period,
				deadline: expectation.deadline,
				due: dueOf(expectation, end),
				submittedOn: row.submitted,
				status,
				daysLate: judged?.daysLate ?? null,
				basis: { kind: 'rule', rule: expectation.rule }
			});
		}
	}
	const ruled = new Set(expectations.map((e) => e.report));
	for (const pattern of await findPatterns(conn, plan, asOf, options)) {
		if (ruled.has(pattern.report)) continue;
		const schedule = deadlines.find(
			(d) => d.report === pattern.report && d.periodKind === pattern.periodKind
		);
		const { report, ...basis } = pattern;
		for (const row of await patternSubmissions(conn, plan, asOf, pattern)) {
			const deadline = schedule ? scheduledDeadline(row.period, schedule) : null;
			const expectation = { rule: '', report, period: row.period, deadline, level: pattern.level, units: [] };
			const judged = judgeSubmission(expectation, row.submitted, asOf, end);
			add({
				unit: row.unit,
				level: pattern.level,
				report,
				period: row.period,
				deadline,
				due: dueOf(expectation, end),
				submittedOn: row.submitted,
				status: statusOf(judged, row.submitted, deadline),
				daysLate: judged?.daysLate ?? null,
				basis: { kind: 'pattern', ...basis }
			});
		}
	}
	return out;
}

export interface Rate {
	/** Reports due (sent + missing). */
	due: number;
	sent: number;
	missing: number;
	onTime: number;
	late: number;
	/** sent / due; null when nothing was due. */
	completeness: number | null;
	/** onTime / (onTime + late); null when no sent report had a deadline. */
	timeliness: number | null;
}

/** Completeness and timeliness of a set of ledger entries (pending ones are not due). Pure. */
export function rateOf(entries: Iterable<ExpectedReport>): Rate {
	let sent = 0;
	let missing = 0;
	let onTime = 0;
	let late = 0;
	for (const e of entries) {
		if (e.status === 'missing') missing += 1;
		else if (e.status !== 'pending') sent += 1;
		if (e.status === 'on-time') onTime += 1;
		if (e.status === 'late') late += 1;
	}
	const due = sent + missing;
	return {
		due,
		sent,
		missing,
		onTime,
		late,
		completeness: due ? sent / due : null,
		timeliness: onTime + late ? onTime / (onTime + late) : null
	};
}

/** Rates grouped by a key (unit, level, period…), in key order. Pure. */
export function ratesBy<K extends string>(
	entries: readonly ExpectedReport[],
	key: (e: ExpectedReport) => K
): Array<{ key: K; rate: Rate }> {
	const groups = new Map<K, ExpectedReport[]>();
	for (const e of entries) {
		const k = key(e);
		const list = groups.get(k);
		if (list) list.push(e);
		else groups.set(k, [e]);
	}
	return [...groups]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([k, list]) => ({ key: k, rate: rateOf(list) }));
}

export interface ValueCoverage {
	unit: string;
	level: Level;
	/** Periods in which values were expected of the unit (see gaps.ts). */
	expected: number;
	/** Of which the unit gave at least one value. */
	present: number;
	/** present / expected. */
	rate: number;
}

/** Value coverage per unit under the plan's unit at `asOf`, in unit order. */
export async function valueCoverage(
	conn: Connector,
	plan: PlanFile,
	asOf: string,
	minPeerShare = 0.5
): Promise<ValueCoverage[]> {
	return coverageOf(await expectedValueCells(conn, plan, asOf, minPeerShare));
}

/** Value coverage per unit of a set of expected cells, in unit order. Pure. */
export function coverageOf(cells: Iterable<ExpectedValueCell>): ValueCoverage[] {
	const byUnit = new Map<string, ValueCoverage>();
	for (const cell of cells) {
		let entry = byUnit.get(cell.unit);
		if (!entry) {
			entry = { unit: cell.unit, level: cell.level, expected: 0, present: 0, rate: 0 };
			byUnit.set(cell.unit, entry);
		}
		entry.expected += 1;
		if (cell.present) entry.present += 1;
	}
	for (const entry of byUnit.values()) entry.rate = entry.present / entry.expected;
	return [...byUnit.values()].sort((a, b) => a.unit.localeCompare(b.unit));
}

export interface IndicatorCoverage {
	indicator: string;
	/** (unit, period) pairs in which a value of the indicator was expected. */
	expected: number;
	present: number;
	rate: number;
}

/** Value coverage per indicator of a set of expected (unit, indicator, period) cells, worst first. Pure. */
export function indicatorCoverageOf(cells: Iterable<ExpectedIndicatorCell>): IndicatorCoverage[] {
	const byIndicator = new Map<string, IndicatorCoverage>();
	for (const cell of cells) {
		let entry = byIndicator.get(cell.indicator);
		if (!entry) {
			entry = { indicator: cell.indicator, expected: 0, present: 0, rate: 0 };
			byIndicator.set(cell.indicator, entry);
		}
		entry.expected += 1;
		if (cell.present) entry.present += 1;
	}
	for (const entry of byIndicator.values()) entry.rate = entry.present / entry.expected;
	return [...byIndicator.values()].sort((a, b) => a.rate - b.rate || a.indicator.localeCompare(b.indicator));
}
