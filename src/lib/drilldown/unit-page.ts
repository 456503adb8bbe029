/** Everything the unit page needs, from one evaluation of the drill plan. */
import type { Connector } from '$lib/db/connector';
import type { PlanFile } from '$lib/model/plan';
import { evaluationOf } from '$lib/state/evaluations';
import { ancestry, unitsOn, type UnitInfo } from '$lib/state/units';
import { attainment, drillPlan, drillRows, type DrillRow } from './drill-plan';

export interface UnitPage {
	unit: UnitInfo;
	/** From the plan's unit down to this one. */
	chain: UnitInfo[];
	rows: DrillRow[];
	children: { unit: UnitInfo; attainment: number | null }[];
}

export async function loadUnitPage(
	conn: Connector,
	plan: PlanFile,
	code: string,
	asOf: string
): Promise<UnitPage | null> {
	const directory = await unitsOn(conn, plan.plan.period.start);
	const unit = directory.get(code);
	if (!unit) return null;
	const fullChain = ancestry(directory, code);
	const rootIndex = fullChain.findIndex((u) => u.code === plan.plan.orgUnit);
	if (rootIndex < 0) return null;
	const children = [...directory.values()].filter((u) => u.parentCode === code);
	const childLevel = children[0]?.level ?? null;
	const childOf = (descendant: string): string | null => {
		let current = directory.get(descendant);
		while (current && current.parentCode !== code)
			current = current.parentCode ? directory.get(current.parentCode) : undefined;
		return current?.code ?? null;
	};
	const isUnder = (candidate: string) => candidate === code || childOf(candidate) !== null;
	const context = { unit: code, level: unit.level, childLevel, isUnder };
	const evaluation = await evaluationOf(conn, drillPlan(plan, context), asOf);
	const rows = drillRows(plan, evaluation.results, {
		...context,
		isRoot: code === plan.plan.orgUnit,
		children: children.map((c) => c.code),
		childOf,
		asOf: evaluation.asOf
	});
	return {
		unit,
		chain: fullChain.slice(rootIndex),
		rows,
		children: children
			.map((child) => ({ unit: child, attainment: attainment(rows, child.code) }))
			.sort(
				(a, b) => (b.attainment ?? -1) - (a.attainment ?? -1) || a.unit.name.localeCompare(b.unit.name, 'vi')
			)
	};
}
