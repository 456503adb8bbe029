/**
 * The visit planner's ranking (design.md §2, inspection teams: "where should we go?"). Pure: results, data
 * problems and visits in, ranked candidates out, each with the numbers that explain its place.
 *
 * A candidate's score is
 *   (target score + data-problem score) × visit factor
 * - target score: for each failing or at-risk target, its weight × a status weight × its shortfall (how far the
 *   actual is from what is expected by now, or from the target once the plan is over: 0–1; 1 for a missed
 *   deadline). A target judged at the candidate counts fully; one judged at the units below it counts as the mean
 *   over those units (two of three communes failing weigh 2/3); one judged at a unit above it (its province) counts
 *   `above` times. A target without data counts `noData`.
 * - data-problem score: `missing` per missing report, `late` per late one, `gap` per period without data and
 *   `suspicious` per suspicious value, at the candidate or below it, at most `problemCap` of each kind.
 * - visit factor: 1 when the app has no visit to the candidate (or a unit below it) in the `recentDays` before
 *   the as-of date, else the share of that window elapsed since the last visit (0 on the day of a visit).
 */
import type { Level } from '$lib/model/data';
import type { RuleResult, Status } from '$lib/model/plan';
import { dayNumber } from '$lib/periods/dates';
import { UnitResult } from '$lib/rules/unit-result';
import type { Visit } from './store';

export type FailingStatus = 'missed' | 'off-track' | 'at-risk';
export const FAILING_STATUSES: readonly Status[] = ['missed', 'off-track', 'at-risk'];

export interface ScoreWeights {
	/** Weight of each rule by name (default 1): how much its target matters. */
	rules: Record<string, number>;
	status: Record<FailingStatus, number>;
	noData: number;
	missing: number;
	late: number;
	gap: number;
	suspicious: number;
	/** At most this many problems of each kind count. */
	problemCap: number;
	/** Weight of a target judged at a unit above the candidate. */
	above: number;
	/** Days during which a visit pushes a unit down the list. */
	recentDays: number;
}

export const DEFAULT_WEIGHTS: ScoreWeights = {
	rules: {},
	status: { missed: 1, 'off-track': 1, 'at-risk': 0.5 },
	noData: 0.5,
	missing: 1,
	late: 0.5,
	gap: 0.25,
	suspicious: 0.5,
	problemCap: 3,
	above: 0.25,
	recentDays: 365
};

export type ProblemKind = 'missing' | 'late' | 'gap' | 'suspicious';
export type ProblemCounts = Record<ProblemKind, number>;

export interface PlannerCandidate {
	code: string;
	name: string;
	level: Level;
	/** The province the unit lies in (itself for a province); null above the provinces. */
	province: string | null;
	provinceName: string | null;
	region: string | null;
}

export interface Finding {
	rule: string;
	/** Where the result was judged. */
	unit: string;
	relation: 'own' | 'below' | 'above';
	status: Status;
	shortfall: number | null;
	/** The finding's own score, before averaging over the units below. */
	score: number;
	actual: RuleResult['actual'];
	target: RuleResult['target'];
	expected: RuleResult['expected'];
}

export interface RankedCandidate {
	candidate: PlannerCandidate;
	score: number;
	targetScore: number;
	problemScore: number;
	visitFactor: number;
	lastVisit: string | null;
	/** Every finding with a score above 0, highest first. */
	findings: Finding[];
	problems: ProblemCounts;
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * How far a failing result is from where it should be, 0–1: |reference − actual| / |reference|, where the
 * reference is the expected-by-now value of a target in progress and the target itself otherwise (a range
 * counts from its nearer end). Null when the numbers do not allow it (a missed deadline, no data). 0 for results
 * achieved or on track.
 */
export function shortfall(
	result: Pick<RuleResult, 'status' | 'actual' | 'target' | 'expected'>
): number | null {
	if (result.status === 'achieved' || result.status === 'on-track') return 0;
	const { actual, target, expected } = result;
	if (!finite(actual)) return null;
	let reference: number | null = null;
	if (result.status !== 'missed' && finite(expected)) reference = expected;
	else if (finite(target)) reference = target;
	else if (Array.isArray(target) && target.every(finite)) {
		const [low, high] = target;
		if (actual >= low && actual <= high) return 0;
		reference = actual < low ? low : high;
	}
	if (reference === null) return null;
	if (reference === 0) return actual === 0 ? 0 : 1;
	return Math.min(1, Math.abs(reference - actual) / Math.abs(reference));
}

/** A result's score before any averaging: weight × status weight × shortfall (1 when unknown). */
export function resultScore(
	result: Pick<RuleResult, 'rule' | 'status' | 'actual' | 'target' | 'expected'>,
	weights: ScoreWeights = DEFAULT_WEIGHTS
): number {
	const weight = weights.rules[result.rule] ?? 1;
	if (result.status === 'no-data') return weight * weights.noData;
	if (!(FAILING_STATUSES as readonly string[]).includes(result.status)) return 0;
	return weight * weights.status[result.status as FailingStatus] * (shortfall(result) ?? 1);
}

/** Per-unit results of an evaluation: the units of `each`/`units` rules, and every other result as it is. */
export function perUnitResults(results: RuleResult[], ruleName: (name: string) => string = (n) => n) {
	// A unit's result keeps its explanation on its prototype, out of a spread, and writes it only when read
	// (unit-result.ts): a national plan's per-unit results would otherwise write every sentence here.
	const rename = (r: RuleResult) =>
		r instanceof UnitResult
			? r.withRule(ruleName(r.rule))
			: { ...r, explanation: r.explanation, rule: ruleName(r.rule) };
	const out: RuleResult[] = [];
	for (const result of results) {
		if (result.units) for (const unit of result.units) out.push(rename(unit));
		else out.push(rename(result));
	}
	return out;
}

export interface RankInput {
	candidates: PlannerCandidate[];
	/** Per-unit results (see perUnitResults). Results at the plan's unit are left out unless it is a candidate. */
	results: RuleResult[];
	rootCode: string;
	parentOf: (code: string) => string | null;
	problems: { unit: string; kind: ProblemKind }[];
	visits: Visit[];
	asOf: string;
	weights?: Partial<ScoreWeights>;
}

/** The candidates ranked, highest score first (ties: higher target score, then code). */
export function rankCandidates(input: RankInput): RankedCandidate[] {
	const weights: ScoreWeights = { ...DEFAULT_WEIGHTS, ...input.weights };
	const byCode = new Map(input.candidates.map((c) => [c.code, c]));
	const ancestors = (code: string): string[] => {
		const chain: string[] = [];
		let current = input.parentOf(code);
		while (current !== null && chain.length < 12) {
			chain.push(current);
			current = input.parentOf(current);
		}
		return chain;
	};
	/** The candidate a unit is or lies under. */
	const candidateOf = (code: string): string | null => {
		if (byCode.has(code)) return code;
		return ancestors(code).find((a) => byCode.has(a)) ?? null;
	};

	const own = new Map<string, Finding[]>();
	const below = new Map<string, Map<string, Finding[]>>();
	const resultsAt = new Map<string, RuleResult[]>();
	for (const result of input.results) {
		const score = resultScore(result, weights);
		const list = resultsAt.get(result.orgUnit) ?? [];
		list.push(result);
		resultsAt.set(result.orgUnit, list);
		const candidate = candidateOf(result.orgUnit);
		if (!candidate) continue;
		const finding: Finding = {
			rule: result.rule,
			unit: result.orgUnit,
			relation: candidate === result.orgUnit ? 'own' : 'below',
			status: result.status,
			shortfall: shortfall(result),
			score,
			actual: result.actual,
			target: result.target,
			expected: result.expected
		};
		if (finding.relation === 'own') own.set(candidate, [...(own.get(candidate) ?? []), finding]);
		else {
			const byRule = below.get(candidate) ?? new Map<string, Finding[]>();
			byRule.set(result.rule, [...(byRule.get(result.rule) ?? []), finding]);
			below.set(candidate, byRule);
		}
	}

	const problems = new Map<string, ProblemCounts>();
	for (const problem of input.problems) {
		const candidate = candidateOf(problem.unit);
		if (!candidate) continue;
		const counts = problems.get(candidate) ?? { missing: 0, late: 0, gap: 0, suspicious: 0 };
		counts[problem.kind] += 1;
		problems.set(candidate, counts);
	}

	const lastVisit = new Map<string, string>();
	for (const visit of input.visits) {
		if (visit.date > input.asOf) continue;
		const candidate = candidateOf(visit.unit);
		if (!candidate) continue;
		const known = lastVisit.get(candidate);
		if (!known || visit.date > known) lastVisit.set(candidate, visit.date);
	}

	const ranked = input.candidates.map((candidate): RankedCandidate => {
		const findings: Finding[] = [];
		let targetScore = 0;
		for (const finding of own.get(candidate.code) ?? []) {
			targetScore += finding.score;
			findings.push(finding);
		}
		for (const list of (below.get(candidate.code) ?? new Map<string, Finding[]>()).values()) {
			targetScore += list.reduce((sum, f) => sum + f.score, 0) / list.length;
			findings.push(...list);
		}
		for (const ancestor of ancestors(candidate.code)) {
			if (ancestor === input.rootCode) continue;
			for (const result of resultsAt.get(ancestor) ?? []) {
				const score = resultScore(result, weights) * weights.above;
				targetScore += score;
				findings.push({
					rule: result.rule,
					unit: ancestor,
					relation: 'above',
					status: result.status,
					shortfall: shortfall(result),
					score,
					actual: result.actual,
					target: result.target,
					expected: result.expected
				});
			}
		}
		const counts = problems.get(candidate.code) ?? { missing: 0, late: 0, gap: 0, suspicious: 0 };
		const cap = (n: number) => Math.min(n, weights.problemCap);
		const problemScore =
			weights.missing * cap(counts.missing) +
			weights.late * cap(counts.late) +
			weights.gap * cap(counts.gap) +
			weights.suspicious * cap(counts.suspicious);
		const visited = lastVisit.get(candidate.code) ?? null;
		const visitFactor =
			visited === null || weights.recentDays <= 0
				? 1
				: Math.max(0, Math.min(1, (dayNumber(input.asOf) - dayNumber(visited)) / weights.recentDays));
		return {
			candidate,
			score: round((targetScore + problemScore) * visitFactor),
			targetScore: round(targetScore),
			problemScore: round(problemScore),
			visitFactor,
			lastVisit: visited,
			findings: findings
				.filter((f) => f.score > 0)
				.sort((a, b) => b.score - a.score || a.rule.localeCompare(b.rule) || a.unit.localeCompare(b.unit)),
			problems: counts
		};
	});
	return ranked.sort(
		(a, b) =>
			b.score - a.score || b.targetScore - a.targetScore || a.candidate.code.localeCompare(b.candidate.code)
	);
}

/** Scores rounded to 1e-9, so that sums in a different order compare equal. */
const round = (n: number) => Math.round(n * 1e9) / 1e9;
