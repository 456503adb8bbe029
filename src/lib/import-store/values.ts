/**
 * Imported rows in and out of the live `values` table, in bulk: the rows travel as one Arrow IPC stream into a
 * scratch table and are applied with a handful of set-based statements (never one statement per row, never data
 * spliced into SQL text). Works through any Connector, so the tests run it on DuckDB-WASM in Node.
 */
import { Float64, Int32, Table, Utf8, tableToIPC, vectorFromArray } from 'apache-arrow';
import type { Connector } from '$lib/db/connector';
import { ensureTable } from '$lib/db/load';
import { periodEndSql, periodStartSql } from '$lib/periods/sql';

/** The identity of a value (design.md §3: one value per org_unit, indicator, period, programme). */
export interface ValueKey {
	orgUnit: string;
	indicator: string;
	period: string;
	programme: string | null;
}

export interface ValueRow extends ValueKey {
	value: number;
}

/** A key with the value it holds (null: the key has no value). */
export interface KeyValue extends ValueKey {
	value: number | null;
}

const SCRATCH = 'import_scratch';

/** One string per key, for maps and sets. */
export function keyOf(key: ValueKey): string {
	return `${key.orgUnit}\u0000${key.indicator}\u0000${key.period}\u0000${key.programme ?? ''}`;
}

/** Arrow IPC of keys (and values when given), with `i` the row's index, for the scratch table. */
function keysToIpc(keys: readonly (ValueKey & { value?: number | null })[]): Uint8Array {
	const table = new Table({
		i: vectorFromArray(
			keys.map((_, i) => i),
			new Int32()
		),
		org_unit: vectorFromArray(
			keys.map((k) => k.orgUnit),
			new Utf8()
		),
		indicator: vectorFromArray(
			keys.map((k) => k.indicator),
			new Utf8()
		),
		period: vectorFromArray(
			keys.map((k) => k.period),
			new Utf8()
		),
		programme: vectorFromArray(
			keys.map((k) => k.programme),
			new Utf8()
		),
		value: vectorFromArray(
			keys.map((k) => k.value ?? null),
			new Float64()
		)
	});
	return tableToIPC(table, 'stream');
}

async function loadScratch(conn: Connector, keys: readonly (ValueKey & { value?: number | null })[]) {
	await conn.exec(`DROP TABLE IF EXISTS ${SCRATCH}`);
	await conn.insertArrowIpc(SCRATCH, keysToIpc(keys));
}

const JOIN_ON = `v.org_unit = s.org_unit AND v.indicator = s.indicator AND v.period = s.period
	AND coalesce(v.programme, '') = coalesce(s.programme, '')`;

/** The values loaded now for the given keys (absent keys are left out of the map), in one query. */
export async function currentValues(
	conn: Connector,
	keys: readonly ValueKey[]
): Promise<Map<string, number>> {
	const found = new Map<string, number>();
	if (keys.length === 0) return found;
	await ensureTable(conn, 'values');
	await loadScratch(conn, keys);
	try {
		const rows = await conn.query<{ i: number; value: number }>(
			`SELECT s.i, v.value FROM ${SCRATCH} s JOIN "values" v ON ${JOIN_ON}`
		);
		for (const row of rows) {
			const key = keys[row.i];
			if (key) found.set(keyOf(key), row.value);
		}
	} finally {
		await conn.exec(`DROP TABLE IF EXISTS ${SCRATCH}`);
	}
	return found;
}

/** The last entry per key wins (an import never carries a key twice, but the table must hold one value per key). */
function lastPerKey<T extends ValueKey>(rows: readonly T[]): T[] {
	const byKey = new Map<string, T>();
	for (const row of rows) byKey.set(keyOf(row), row);
	return [...byKey.values()];
}

/**
 * Sets each key to its value: keys with a number are inserted or replaced, keys with null are removed. The
 * period's first and last day are computed by the same SQL as the loader's, so facts treat the rows alike.
 */
export async function writeValues(conn: Connector, rows: readonly KeyValue[]): Promise<void> {
	if (rows.length === 0) return;
	await ensureTable(conn, 'values');
	await loadScratch(conn, lastPerKey(rows));
	try {
		await conn.exec(
			`DELETE FROM "values" WHERE (org_unit, indicator, period, coalesce(programme, '')) IN
			 (SELECT org_unit, indicator, period, coalesce(programme, '') FROM ${SCRATCH})`
		);
		await conn.exec(
			`INSERT INTO "values" (org_unit, indicator, period, value, programme, period_start, period_end)
			 SELECT org_unit, indicator, period, value, programme, ${periodStartSql('"period"')}, ${periodEndSql('"period"')}
			 FROM ${SCRATCH} WHERE value IS NOT NULL`
		);
	} finally {
		await conn.exec(`DROP TABLE IF EXISTS ${SCRATCH}`);
	}
}

/**
 * Applies accepted rows and returns what each key held before (null: nothing), so that the import can later be
 * taken back exactly. One entry per distinct key, in the rows' order.
 */
export async function applyRows(conn: Connector, rows: readonly ValueRow[]): Promise<KeyValue[]> {
	const distinct = lastPerKey(rows);
	const before = await currentValues(conn, distinct);
	await writeValues(conn, distinct);
	return distinct.map((row) => ({
		orgUnit: row.orgUnit,
		indicator: row.indicator,
		period: row.period,
		programme: row.programme,
		value: before.get(keyOf(row)) ?? null
	}));
}
