/**
 * The naive way (`evaluatePlanNaive`: one json-rules-engine run per rule and unit, facts queried per unit) is
 * too slow to run whole on the national data inside a benchmark, so it is measured whole where it is cheap and
 * EXTRAPOLATED, rule by rule, where it is not:
 *
 * - a rule judged at one unit (plan-wide) is run whole;
 * - a rule judged at many units (`each`, `units`) is run on an evenly spread sample of them (as a `units`
 *   scope: the naive code judges every listed unit exactly as it judges every unit of an `each`), and its time
 *   per unit × the number of units is its estimate; the sample grows until it costs about the per-rule budget;
 * - a rule whose one leaf is `unitsMeeting` costs one naive run of the inner condition at every sub-unit under
 *   each unit it is judged at; the units of one level partition the lower levels, so whatever level the rule is
 *   judged at, that is one run per sub-unit of the country: estimated as an `each`-sub-level rule of the inner
 *   condition (which slightly over-counts: it also writes a status and an explanation per sub-unit).
 *
 * The fixed cost of one `evaluatePlanNaive` call (it re-reads the hierarchy and indicators) is measured with an
 * empty plan and counted once. Every sampled judgement is compared with the bulk result of the same rule and unit.
 * Browser-safe.
 */
import type { Connector } from '$lib/db/connector';
import type { Level } from '$lib/model/data';
import type { Condition, PlanFile, PlanRule } from '$lib/model/plan';
import { leavesOf } from '$lib/rules/conditions';
import type { Evaluation } from '$lib/rules/evaluate';
import { evaluatePlanNaive } from '$lib/rules/naive';
import { AS_OF } from './plan';
import { indexResults } from './suite';
import { median, timeIt } from './timing';

export interface RuleEstimate {
	rule: string;
	/** Units the rule is judged at. */
	units: number;
	/** Units actually judged for the estimate. */
	measured: number;
	ms: number;
	how: 'whole' | 'sample' | 'inner' | 'aborted';
}

export interface NaiveEstimate {
	overheadMs: number;
	rules: RuleEstimate[];
	/** Estimated time of the whole plan. */
	totalMs: number;
	/** Wall time actually spent measuring. */
	spentMs: number;
	judgementsMeasured: number;
	judgementsTotal: number;
	compared: number;
	mismatches: string[];
}

/** Stops a naive run that overruns its deadline (a bound, so that the benchmark always ends). */
class Deadline extends Error {}

function guarded(conn: Connector, deadline: () => number): Connector {
	const check = () => {
		if (performance.now() > deadline()) throw new Deadline('naive run over its time limit');
	};
	return {
		engine: conn.engine,
		query: (sql, params) => (check(), conn.query(sql, params)),
		exec: (sql, params) => (check(), conn.exec(sql, params)),
		registerFile: (n, b) => conn.registerFile(n, b),
		insertArrowIpc: (t, i) => conn.insertArrowIpc(t, i),
		close: () => conn.close()
	} as Connector;
}

/** Sample chunks per rule, and the largest sample. */
const CHUNKS = 4;
const MAX_SAMPLE = 400;

const spread = <T>(items: T[], k: number): T[] =>
	Array.from({ length: k }, (_, j) => items[Math.floor(((j + 0.5) * items.length) / k)] as T);

export interface EstimateOptions {
	/** Units by level in the plan's tree, sorted. */
	unitsByLevel: Record<Level, string[]>;
	/** Rough time to spend per rule. */
	ruleBudgetMs: number;
	/** Hard limit for one naive call. */
	callLimitMs: number;
	/** Bulk results to compare the sampled judgements with. */
	bulk: Map<string, string> | null;
	log?: (line: string) => void;
}

/** Estimates the naive way's time for `plan`, rule by rule (see the top of the file). */
export async function estimateNaive(
	conn: Connector,
	plan: PlanFile,
	options: EstimateOptions
): Promise<NaiveEstimate> {
	const started = performance.now();
	let deadline = Infinity;
	const limited = guarded(conn, () => deadline);
	const call = async (rules: PlanRule[]): Promise<[number, Evaluation | null]> => {
		deadline = performance.now() + options.callLimitMs;
		try {
			return await timeIt(() => evaluatePlanNaive(limited, { ...plan, rules }, AS_OF));
		} catch (error) {
			if (error instanceof Deadline) return [options.callLimitMs, null];
			throw error;
		}
	};
	const overheadRuns: number[] = [];
	for (let i = 0; i < 3; i++) overheadRuns.push((await call([]))[0]);
	const overheadMs = Math.min(...overheadRuns);
	const estimate: NaiveEstimate = {
		overheadMs,
		rules: [],
		totalMs: overheadMs,
		spentMs: 0,
		judgementsMeasured: 0,
		judgementsTotal: 0,
		compared: 0,
		mismatches: []
	};
	const compare = (evaluation: Evaluation | null) => {
		if (!evaluation || !options.bulk) return;
		for (const [key, value] of indexResults(evaluation)) {
			const bulk = options.bulk.get(key);
			if (bulk === undefined) continue;
			estimate.compared++;
			if (bulk !== value && estimate.mismatches.length < 5)
				estimate.mismatches.push(`${key}: ${value} ≠ ${bulk}`);
		}
	};
	const unitsOf = (rule: PlanRule): string[] => {
		if (!rule.scope) return [plan.plan.orgUnit];
		return 'each' in rule.scope ? options.unitsByLevel[rule.scope.each] : rule.scope.units;
	};
	const innerCache = new Map<string, RuleEstimate>();

	const estimateRule = async (rule: PlanRule): Promise<RuleEstimate> => {
		const units = unitsOf(rule);
		const leaves = leavesOf(rule.conditions);
		const only = leaves.length === 1 ? leaves[0] : undefined;
		if (only?.fact === 'unitsMeeting') {
			const level = only.params.level as Level;
			const condition = only.params.condition as Condition;
			const key = `${level}:${JSON.stringify(condition)}`;
			let inner = innerCache.get(key);
			if (!inner) {
				const innerRule: PlanRule = {
					...rule,
					name: `${rule.name}#inner`,
					scope: { each: level },
					conditions: { all: [condition] }
				};
				inner = await estimateRule(innerRule);
				innerCache.set(key, inner);
			}
			return { rule: rule.name, units: units.length, measured: inner.measured, ms: inner.ms, how: 'inner' };
		}
		if (units.length === 1 || !rule.scope) {
			const [ms, evaluation] = await call([rule]);
			compare(evaluation);
			const how = evaluation ? 'whole' : 'aborted';
			return { rule: rule.name, units: units.length, measured: evaluation ? 1 : 0, ms: ms - overheadMs, how };
		}
		// A probe of 4 units, then a sample sized to the budget; both are run in 4 interleaved chunks and the
		// median time per unit of the chunks is taken, so that one pause (GC, another job) does not skew it.
		const perUnitOf = async (sample: string[]): Promise<number | null> => {
			const chunks = Math.min(CHUNKS, sample.length);
			const times: number[] = [];
			for (let c = 0; c < chunks; c++) {
				const part = sample.filter((_, i) => i % chunks === c);
				const [ms, evaluation] = await call([{ ...rule, scope: { units: part } }]);
				if (!evaluation) return null;
				compare(evaluation);
				times.push(Math.max(0, ms - overheadMs) / part.length);
			}
			return median(times);
		};
		const estimateOf = (perUnit: number | null, measured: number): RuleEstimate =>
			perUnit === null
				? { rule: rule.name, units: units.length, measured: 0, ms: options.callLimitMs, how: 'aborted' }
				: {
						rule: rule.name,
						units: units.length,
						measured,
						ms: perUnit * units.length,
						how: measured === units.length ? 'whole' : 'sample'
					};
		const probe = spread(units, Math.min(CHUNKS, units.length));
		const probed = await perUnitOf(probe);
		if (probed === null || probe.length === units.length) return estimateOf(probed, probe.length);
		const wanted = Math.min(
			units.length,
			MAX_SAMPLE,
			Math.floor(options.ruleBudgetMs / Math.max(probed, 0.01))
		);
		if (wanted <= probe.length * 1.5) return estimateOf(probed, probe.length);
		return estimateOf(await perUnitOf(spread(units, wanted)), wanted);
	};

	for (const rule of plan.rules) {
		const r = await estimateRule(rule);
		estimate.rules.push(r);
		estimate.totalMs += r.ms;
		estimate.judgementsTotal += r.units;
		estimate.judgementsMeasured += r.how === 'inner' ? 0 : r.measured;
		options.log?.(`naive ${r.rule}: ${r.how} ${r.measured}/${r.units} units → ${r.ms.toFixed(0)} ms`);
	}
	estimate.spentMs = performance.now() - started;
	return estimate;
}
