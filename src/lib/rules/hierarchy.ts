/**
 * The part of the organisation a plan covers: in JavaScript a `PlanTree` (the units under the plan's unit in the
 * hierarchy valid on the plan's start date — codes repeat across the 2025 reorganisation), and for the fact
 * queries temporary tables: `eval_units` (the hierarchy on that date), `eval_tree` (the codes of the plan's unit
 * and of every unit under it; values are rolled up the tree in JavaScript, rollup.ts) and `eval_members` (one row
 * per unit of the tree with its validity, so that a data row is matched only to the unit that held its code
 * during the row's period). A unit's tree can also be cut from a larger tree holding it (`cutTree`), without a
 * query.
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
	/** The date whose hierarchy the tree is (the plan's start). */
	onDate: string;
	/** Every unit under (and including) the root, by code. */
	units: Map<string, TreeUnit>;
	/** Children codes by parent code. */
	children: Map<string, string[]>;
}

const VALID_ON = `(valid_from IS NULL OR valid_from <= CAST(? AS DATE)) AND (valid_to IS NULL OR valid_to >= CAST(? AS DATE))`;

/**
 * Each creation of the tables is numbered, and the number kept in the database (`eval_tables`) and with the tree
 * it was made for: a tree's tables are reused only while the database still holds that creation, whichever
 * connector object (a timing or counting wrapper, say) made the tables since.
 */
let creations = 0;
const creationOf = new WeakMap<PlanTree, number>();

async function createTables(conn: Connector, rootCode: string, onDate: string): Promise<number> {
	await conn.exec(
		`CREATE OR REPLACE TEMP TABLE eval_units AS
		 SELECT code, name, level, parent_code, valid_from, valid_to FROM org_units WHERE ${VALID_ON}`,
		[onDate, onDate]
	);
	await conn.exec(
		`CREATE OR REPLACE TEMP TABLE eval_tree AS
		 WITH RECURSIVE walk(code) AS (
		   SELECT code FROM eval_units WHERE code = ?
		   UNION ALL
		   SELECT u.code FROM eval_units u JOIN walk w ON u.parent_code = w.code
		 )
		 SELECT code FROM walk`,
		[rootCode]
	);
	// One row per code (NULL = open-ended), so that joining data rows to it never duplicates them.
	await conn.exec(
		`CREATE OR REPLACE TEMP TABLE eval_members AS
		 SELECT code,
		   CASE WHEN count(*) > count(valid_from) THEN NULL ELSE min(valid_from) END AS valid_from,
		   CASE WHEN count(*) > count(valid_to) THEN NULL ELSE max(valid_to) END AS valid_to
		 FROM eval_units WHERE code IN (SELECT code FROM eval_tree)
		 GROUP BY code`
	);
	const creation = ++creations;
	await conn.exec('CREATE OR REPLACE TEMP TABLE eval_tables AS SELECT CAST(? AS INTEGER) AS creation', [
		creation
	]);
	return creation;
}

async function creationInPlace(conn: Connector): Promise<number | null> {
	try {
		const [row] = await conn.query<{ creation: number }>('SELECT creation FROM eval_tables');
		return row?.creation ?? null;
	} catch {
		return null; // a database where no tree's tables were made yet
	}
}

/** Creates the temporary tables of `tree` for the fact queries, unless they are still in place. */
export async function createTreeTables(conn: Connector, tree: PlanTree): Promise<void> {
	const creation = creationOf.get(tree);
	if (creation !== undefined && (await creationInPlace(conn)) === creation) return;
	creationOf.set(tree, await createTables(conn, tree.root.code, tree.onDate));
}

/** Reads the tree under `rootCode` on a date (and leaves its tables in place); null when no such unit. */
export async function buildPlanTree(
	conn: Connector,
	rootCode: string,
	onDate: string
): Promise<PlanTree | null> {
	const creation = await createTables(conn, rootCode, onDate);
	const rows = await conn.query<{ code: string; name: string; level: Level; parent_code: string | null }>(
		`SELECT u.code, u.name, u.level, u.parent_code FROM eval_units u
		 WHERE u.code IN (SELECT code FROM eval_tree) ORDER BY u.code`
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
	if (!root) return null;
	const tree: PlanTree = { root, onDate, units, children };
	creationOf.set(tree, creation);
	return tree;
}

/** The tree under `rootCode`, a unit of `tree`, cut from it without a query; null when `tree` lacks it. */
export function cutTree(tree: PlanTree, rootCode: string): PlanTree | null {
	const root = tree.units.get(rootCode);
	if (!root) return null;
	if (rootCode === tree.root.code) return tree;
	const reached = new Set<string>([rootCode]);
	const stack = [rootCode];
	while (stack.length) {
		for (const child of tree.children.get(stack.pop() as string) ?? []) {
			reached.add(child);
			stack.push(child);
		}
	}
	const units = new Map<string, TreeUnit>();
	const children = new Map<string, string[]>();
	for (const [code, unit] of tree.units) if (reached.has(code)) units.set(code, unit);
	for (const code of units.keys()) {
		const below = tree.children.get(code);
		if (below) children.set(code, below);
	}
	return { root, onDate: tree.onDate, units, children };
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
