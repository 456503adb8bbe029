/**
 * Simple timers for the benchmark: a Connector wrapper that adds up the time of every statement by what it does
 * (which phase, which fact query), and the median. Browser-safe.
 */
import type { Connector } from '$lib/db/connector';

export interface Tally {
	ms: number;
	calls: number;
}

export type Tallies = Record<string, Tally>;

/** What a statement of the app's code does, recognised from its text. */
export function classify(sql: string): string {
	const s = sql.replace(/\s+/g, ' ');
	const rules: [RegExp, string][] = [
		[/TEMP TABLE eval_units/, 'tree: eval_units'],
		[/TEMP TABLE eval_tree/, 'tree: eval_tree (recursive walk)'],
		[/TEMP TABLE eval_members/, 'tree: eval_members'],
		[/eval_tables/, 'tree: which tree the tables hold'],
		[/FROM eval_units u WHERE u\.code IN/, 'tree: read units'],
		[/^SELECT code, unit, time_aggregation, unit_aggregation FROM indicators/, 'indicators'],
		[/TEMP TABLE eval_(req|assigned|reports) \(id/, 'facts: request tables'],
		[/INSERT INTO eval_(req|assigned|reports)/, 'facts: request tables'],
		[/time_aggregation AS ta/, 'facts: total (one query)'],
		[/AS before/, 'facts: change (one query)'],
		[/FROM targets/, 'facts: assigned (one query)'],
		[/FROM submissions s/, 'facts: submittedOn (one query)'],
		[/staging_src AS SELECT row_number/, 'load: read file into staging_src'],
		[/CREATE TABLE staging AS/, 'load: staging (trim, period dates)'],
		[/INSERT INTO staging_problems/, 'load: row checks'],
		[/FROM staging_problems ORDER BY/, 'load: read problems'],
		[/^(CREATE TABLE|INSERT INTO) "/, 'load: insert typed rows'],
		[/count\(\*\) AS n FROM staging WHERE/, 'load: count loaded'],
		[/count\(\*\) AS n FROM staging_src/, 'load: count read'],
		[/information_schema\.columns/, 'load: columns'],
		[/^(DROP|CREATE TABLE IF NOT EXISTS|CREATE TABLE staging_problems)/, 'load: scratch tables']
	];
	for (const [pattern, label] of rules) if (pattern.test(s)) return label;
	return `other: ${s.slice(0, 48)}`;
}

/** Wraps a connector so that every statement's time is added to `tallies` under its class. */
export function timedConnector(conn: Connector, tallies: Tallies): Connector {
	const add = (sql: string, ms: number) => {
		const label = classify(sql);
		const t = (tallies[label] ??= { ms: 0, calls: 0 });
		t.ms += ms;
		t.calls += 1;
	};
	return {
		engine: conn.engine,
		async query(sql, params) {
			const started = performance.now();
			try {
				return await conn.query(sql, params);
			} finally {
				add(sql, performance.now() - started);
			}
		},
		async exec(sql, params) {
			const started = performance.now();
			try {
				await conn.exec(sql, params);
			} finally {
				add(sql, performance.now() - started);
			}
		},
		registerFile: (name, bytes) => conn.registerFile(name, bytes),
		insertArrowIpc: (table, ipc) => conn.insertArrowIpc(table, ipc),
		close: () => conn.close()
	} as Connector;
}

export function median(values: number[]): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2
		? (sorted[mid] as number)
		: ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export async function timeIt<T>(work: () => Promise<T>): Promise<[number, T]> {
	const started = performance.now();
	const value = await work();
	return [performance.now() - started, value];
}
