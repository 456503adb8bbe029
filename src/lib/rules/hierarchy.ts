/**
 * The part of the organisation a plan covers, as temporary tables the fact queries join against:
 * `eval_units` (the hierarchy valid on the plan's start date — codes repeat across the 2025 reorganisation),
 * `eval_tree` (every ancestor–descendant pair under the plan's unit, each unit also its own ancestor) and
 * `eval_members` (one row per unit of the tree with its validity, so that a data row is matched only to the unit
 * that held its code during the row's period).
 */
import type { Connector } from '$lib/db/connector';
import type { Level } from '$lib/model/data';

export interface TreeUnit {
	code: string;
	name: string;
	level: Level;
	parentCode: string | null;
}

export interface PlanTree {
	root: TreeUnit;
	/** Every unit under (and including) the root, by code. */
	units: Map<string, TreeUnit>;
	/** Children codes by parent code. */
	children: Map<string, string[]>;
}

export async function buildPlanTree(
	conn: Connector,
	rootCode: string,
	onDate: string
): Promise<PlanTree | null> {
	await conn.exec(
		`CREATE OR REPLACE TEMP TABLE eval_units AS
		 SELECT code, name, level, parent_code, valid_from, valid_to FROM org_units
		 WHERE (valid_from IS NULL OR valid_from <= CAST(? AS DATE)) AND (valid_to IS NULL OR valid_to >= CAST(? AS DATE))`,
		[onDate, onDate]
	);
	await conn.exec(
		`CREATE OR REPLACE TEMP TABLE eval_tree AS
		 WITH RECURSIVE walk(code, level, ancestors) AS (
		   SELECT code, level, [code] FROM eval_units WHERE code = ?
		   UNION ALL
		   SELECT u.code, u.level, list_append(w.ancestors, u.code)
		   FROM eval_units u JOIN walk w ON u.parent_code = w.code
		 )
		 SELECT a.ancestor, au.level AS ancestor_level, w.code AS descendant, w.level AS descendant_level
		 FROM walk w, unnest(w.ancestors) AS a(ancestor)
		 JOIN eval_units au ON au.code = a.ancestor`,
		[rootCode]
	);
	// One row per code (NULL = open-ended), so that joining data rows to it never duplicates them.
	await conn.exec(
		`CREATE OR REPLACE TEMP TABLE eval_members AS
		 SELECT code,
		   CASE WHEN count(*) > count(valid_from) THEN NULL ELSE min(valid_from) END AS valid_from,
		   CASE WHEN count(*) > count(valid_to) THEN NULL ELSE max(valid_to) END AS valid_to
		 FROM eval_units WHERE code IN (SELECT descendant FROM eval_tree)
		 GROUP BY code`
	);
	const rows = await conn.query<{ code: string; name: string; level: Level; parent_code: string | null }>(
		`SELECT u.code, u.name, u.level, u.parent_code FROM eval_units u
		 WHERE u.code IN (SELECT descendant FROM eval_tree) ORDER BY u.code`
	);
	const units = new Map<string, TreeUnit>();
	const children = new Map<string, string[]>();
	for (const row of rows) {
		units.set(row.code, { code: row.code, name: row.name, level: row.level, parentCode: row.parent_code });
	}
	for (const unit of units.values()) {
		if (unit.code === rootCode || !unit.parentCode) continue;
		const siblings = children.get(unit.parentCode) ?? [];
		siblings.push(unit.code);
		children.set(unit.parentCode, siblings);
	}
	const root = units.get(rootCode);
	return root ? { root, units, children } : null;
}

/** Units of `level` under `code` (not including it), in code order. */
export function descendantsAt(tree: PlanTree, code: string, level: Level): string[] {
	const found: string[] = [];
	const stack = [...(tree.children.get(code) ?? [])];
	while (stack.length) {
		const next = stack.pop() as string;
		const unit = tree.units.get(next);
		if (!unit) continue;
		if (unit.level === level) found.push(next);
		else stack.push(...(tree.children.get(next) ?? []));
	}
	return found.sort();
}
