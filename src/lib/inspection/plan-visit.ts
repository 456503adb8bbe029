/**
 * What the visit planner needs from the database for a plan, an as-of date and a level of candidates: the plan
 * evaluated with every unit of that level judged, the data problems, the regions, and the candidates themselves.
 * The ranking (planner.ts) and the choice of a set (solver.ts) are pure and run in the page, so that visits,
 * weights and constraints change the answer without asking the database again.
 */
import type { Connector } from '$lib/db/connector';
import { applicableAt, CHILD_SUFFIX, judgedBelowRoot } from '$lib/drilldown/drill-plan';
import { LEVELS, type Level } from '$lib/model/data';
import type { Condition, PlanFile, RuleResult } from '$lib/model/plan';
import { leavesOf } from '$lib/rules/conditions';
import { planAsOf } from '$lib/rules/status';
import { problemList, qualityOf, type Quality } from '$lib/quality';
import { LIST_SEPARATOR } from '$lib/quality/scope';
import { evaluationOf } from '$lib/state/evaluations';
import { unitsOn, type UnitDirectory, type UnitInfo } from '$lib/state/units';
import { perUnitResults, type PlannerCandidate, type ProblemKind } from './planner';
import { regionsOn, type RegionTable } from './regions';

const depth = (level: Level) => LEVELS.indexOf(level);

/**
 * The plan with every plan-wide target that means something at a sub-unit (shares, ratios, quotas: see
 * judgedBelowRoot) also judged for each unit of `level`, as the drill-down does for children. Pure.
 */
export function plannerPlan(plan: PlanFile, rootLevel: Level, level: Level): PlanFile {
	const rules = plan.rules.flatMap((rule) =>
		!rule.scope && depth(level) > depth(rootLevel) && judgedBelowRoot(rule) && applicableAt(rule, level)
			? [rule, { ...rule, name: `${rule.name}${CHILD_SUFFIX}`, scope: { each: level } }]
			: [rule]
	);
	return { ...plan, rules };
}

/** The indicator and report codes a plan's conditions name, at any depth. Pure. */
export function planCodes(plan: PlanFile): { indicators: string[]; reports: string[] } {
	const indicators = new Set<string>();
	const reports = new Set<string>();
	const walk = (condition: Condition) => {
		for (const leaf of leavesOf(condition)) {
			const p = leaf.params ?? {};
			for (const key of ['indicator', 'numerator', 'denominator'] as const) {
				if (typeof p[key] === 'string') indicators.add(p[key] as string);
			}
			if (typeof p.report === 'string') reports.add(p.report);
			if (p.condition && typeof p.condition === 'object') walk(p.condition as Condition);
			const value = leaf.value as { params?: Record<string, unknown> } | null;
			if (value && typeof value === 'object' && typeof value.params?.indicator === 'string') {
				indicators.add(value.params.indicator);
			}
		}
	};
	for (const rule of plan.rules) walk(rule.conditions);
	return { indicators: [...indicators].sort(), reports: [...reports].sort() };
}

export interface PlannerInputs {
	asOf: string;
	root: UnitInfo;
	level: Level;
	/** Levels below the plan's unit, top first. */
	levels: Level[];
	candidates: PlannerCandidate[];
	/** Per-unit results, rule names without the child suffix. */
	results: RuleResult[];
	problems: { unit: string; kind: ProblemKind }[];
	quality: Quality;
	regions: RegionTable;
	directory: UnitDirectory;
}

/** The units under (not including) `root`, by walking the directory's parent links. */
function descendants(directory: UnitDirectory, root: string): UnitInfo[] {
	const children = new Map<string, UnitInfo[]>();
	for (const unit of directory.values()) {
		if (!unit.parentCode || unit.code === root) continue;
		const list = children.get(unit.parentCode) ?? [];
		list.push(unit);
		children.set(unit.parentCode, list);
	}
	const found: UnitInfo[] = [];
	const stack = [...(children.get(root) ?? [])];
	const seen = new Set<string>();
	while (stack.length > 0) {
		const unit = stack.pop() as UnitInfo;
		if (seen.has(unit.code)) continue;
		seen.add(unit.code);
		found.push(unit);
		stack.push(...(children.get(unit.code) ?? []));
	}
	return found;
}

/** The unit of `level` that `code` is or lies under; null when there is none. */
export function ancestorAt(directory: UnitDirectory, code: string, level: Level): UnitInfo | null {
	let current = directory.get(code);
	for (let i = 0; current && i < 12; i++) {
		if (current.level === level) return current;
		current = current.parentCode ? directory.get(current.parentCode) : undefined;
	}
	return null;
}

/** Units with data of the plan (its indicators or reports, inside the plan, begun by the as-of date). */
async function unitsWithData(conn: Connector, plan: PlanFile, asOf: string): Promise<string[]> {
	const { indicators, reports } = planCodes(plan);
	const { start, end } = plan.plan.period;
	const rows = await conn.query<{ code: string }>(
		`SELECT DISTINCT org_unit AS code FROM "values"
		 WHERE list_contains(string_split(?, ?), indicator)
		   AND period_start >= CAST(? AS DATE) AND period_end <= CAST(? AS DATE) AND period_start <= CAST(? AS DATE)
		 UNION
		 SELECT DISTINCT org_unit AS code FROM submissions
		 WHERE list_contains(string_split(?, ?), report)
		   AND period_start >= CAST(? AS DATE) AND period_end <= CAST(? AS DATE) AND submitted_on <= CAST(? AS DATE)`,
		[
			indicators.join(LIST_SEPARATOR),
			LIST_SEPARATOR,
			start,
			end,
			asOf,
			reports.join(LIST_SEPARATOR),
			LIST_SEPARATOR,
			start,
			end,
			asOf
		]
	);
	return rows.map((r) => r.code);
}

export async function loadPlannerInputs(
	conn: Connector,
	plan: PlanFile,
	requestedAsOf: string,
	requestedLevel: Level | null
): Promise<PlannerInputs | null> {
	const asOf = planAsOf(plan.plan, requestedAsOf);
	const directory = await unitsOn(conn, plan.plan.period.start);
	const root = directory.get(plan.plan.orgUnit);
	if (!root) return null;
	const under = descendants(directory, root.code);
	const levels = LEVELS.filter((level) => under.some((u) => u.level === level));
	const level =
		requestedLevel && levels.includes(requestedLevel)
			? requestedLevel
			: levels.includes('commune')
				? 'commune'
				: (levels[levels.length - 1] ?? root.level);
	const evaluation = await evaluationOf(conn, plannerPlan(plan, root.level, level), asOf);
	const results = perUnitResults(evaluation.results, (name) =>
		name.endsWith(CHILD_SUFFIX) ? name.slice(0, -CHILD_SUFFIX.length) : name
	);
	const quality = await qualityOf(conn, plan, asOf);
	const regions = await regionsOn(conn, plan.plan.period.start);

	// Candidates: units of the level that a target judges, or with data of the plan at or below them; all the
	// units of the level when no unit has either.
	const atLevel = under.filter((u) => u.level === level);
	const active = new Set<string>();
	const mark = (code: string) => {
		const unit = ancestorAt(directory, code, level);
		if (unit) active.add(unit.code);
	};
	for (const result of results) mark(result.orgUnit);
	for (const code of await unitsWithData(conn, plan, asOf)) mark(code);
	const chosen = active.size > 0 ? atLevel.filter((u) => active.has(u.code)) : atLevel;
	const candidates = chosen.map((unit): PlannerCandidate => {
		const province = ancestorAt(directory, unit.code, 'province');
		return {
			code: unit.code,
			name: unit.name,
			level: unit.level,
			province: province?.code ?? null,
			provinceName: province?.name ?? null,
			region: province ? (regions.byProvince.get(province.code) ?? null) : null
		};
	});
	return {
		asOf,
		root,
		level,
		levels,
		candidates,
		results,
		problems: problemList(quality),
		quality,
		regions,
		directory
	};
}
