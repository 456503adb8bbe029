/**
 * Where the time of the two big fact queries goes, operator by operator: loads a benchmark dataset, evaluates the
 * full drill-down once while keeping the `total` and `change` queries (with their request tables), then runs each
 * again under `EXPLAIN (ANALYZE, FORMAT json)` and prints its operator tree with time and rows. Not part of
 * `npm run bench` (run that first, for the data):
 *
 *   npx tsx --tsconfig tsconfig.node.json scripts/bench/explain.ts --size region --engine wasm
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Connector, SqlValue } from '$lib/db/connector';
import { loadDataset, type DataFile } from '$lib/db/load';
import { createNativeConnector } from '$lib/db/native';
import { createWasmNodeConnector } from '$lib/db/wasm-node';
import type { PlanFile } from '$lib/model/plan';
import { evaluatePlan } from '$lib/rules/evaluate';
import { DATA_FILES } from './generate';
import { AS_OF, fullDrillPlan } from './plan';

const { values: args } = parseArgs({
	options: { size: { type: 'string', default: 'region' }, engine: { type: 'string', default: 'wasm' } }
});

interface ProfileNode {
	operator_name?: string;
	operator_type?: string;
	operator_timing?: number;
	operator_cardinality?: number;
	extra_info?: Record<string, unknown>;
	children?: ProfileNode[];
}

interface Captured {
	kind: string;
	sql: string;
	params: readonly SqlValue[];
	/** The statements that filled `eval_req` for this query. */
	setup: [string, readonly SqlValue[]][];
}

function print(node: ProfileNode, depth = 0): void {
	const name = node.operator_name ?? node.operator_type ?? '';
	if (name && name !== 'EXPLAIN_ANALYZE') {
		const info = node.extra_info ?? {};
		const detail = String(info.Conditions ?? info.Expression ?? info.Projections ?? info.Table ?? '').slice(
			0,
			90
		);
		const time = (node.operator_timing ?? 0) * 1000;
		console.log(
			`${time.toFixed(0).padStart(7)} ms ${String(node.operator_cardinality ?? 0).padStart(10)} rows  ` +
				`${'  '.repeat(depth)}${name}  ${detail}`
		);
	}
	for (const child of node.children ?? []) print(child, depth + (name ? 1 : 0));
}

async function main() {
	const dir = path.join('bench-data', args.size as string);
	const files: DataFile[] = DATA_FILES.map((table) => ({
		table,
		name: `${table}.csv`,
		format: 'csv',
		bytes: readFileSync(path.join(dir, `${table}.csv`))
	}));
	const conn = args.engine === 'native' ? await createNativeConnector() : await createWasmNodeConnector();
	await loadDataset(conn, files, undefined, { checked: false });
	const plan = JSON.parse(readFileSync(path.join(dir, 'plan.json'), 'utf8')) as PlanFile;
	const captured: Captured[] = [];
	let setup: [string, readonly SqlValue[]][] = [];
	const spy: Connector = {
		...conn,
		engine: conn.engine,
		async query(sql, params = []) {
			const kind = /time_aggregation AS ta/.test(sql) ? 'total' : /AS before/.test(sql) ? 'change' : null;
			if (kind) captured.push({ kind, sql, params, setup });
			return conn.query(sql, params);
		},
		async exec(sql, params = []) {
			if (/eval_req \(id/.test(sql)) setup = [];
			if (/eval_req/.test(sql)) setup.push([sql, params]);
			return conn.exec(sql, params);
		}
	} as Connector;
	await evaluatePlan(spy, fullDrillPlan(plan), AS_OF);
	for (const query of captured) {
		for (const [sql, params] of query.setup) await conn.exec(sql, params);
		const started = performance.now();
		await conn.query(query.sql, query.params);
		const plain = performance.now() - started;
		const [row] = await conn.query(`EXPLAIN (ANALYZE, FORMAT json) ${query.sql}`, query.params);
		const text = String(Object.values(row ?? {}).at(-1));
		const tree = JSON.parse(text) as ProfileNode | ProfileNode[];
		console.log(
			`\n== ${query.kind} query on ${args.engine}, ${args.size}: ${plain.toFixed(0)} ms as run by the app`
		);
		console.log('   time       rows  operator (times of native DuckDB add up over its threads)');
		print(Array.isArray(tree) ? (tree[0] as ProfileNode) : tree);
	}
	await conn.close();
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	}
);
