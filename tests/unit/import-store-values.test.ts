import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '$lib/db/connector';
import { loadDataset, type DataFile } from '$lib/db/load';
import { createWasmNodeConnector } from '$lib/db/wasm-node';
import { planRemoval, type ImportRecord } from '$lib/import-store/history';
import { applyRows, currentValues, keyOf, writeValues, type ValueRow } from '$lib/import-store/values';

const csv = (table: DataFile['table'], text: string): DataFile => ({
	table,
	name: `${table}.csv`,
	format: 'csv',
	bytes: new TextEncoder().encode(text)
});

const files: DataFile[] = [
	csv(
		'org_units',
		[
			'code,name,level,parent_code,valid_from,valid_to',
			'VN,Trung ương,central,,,',
			'04,Tỉnh Cao Bằng,province,VN,,2025-06-30',
			'040,Thành phố Cao Bằng,district,04,,2025-06-30'
		].join('\n')
	),
	csv(
		'indicators',
		[
			'code,name_vi,name_en,unit,time_aggregation,unit_aggregation',
			'startups,Khởi nghiệp,Startups,người,sum,sum',
			'members,Hội viên,Members,người,last,sum'
		].join('\n')
	),
	csv('programmes', 'code,name_vi,name_en\nborder-women,Đồng hành,Border'),
	csv(
		'values',
		[
			'org_unit,indicator,period,value,programme',
			'040,startups,2024Q1,2,',
			'040,startups,2024Q2,3,border-women',
			'04,members,2023,1000,'
		].join('\n')
	)
];

let conn: Connector;

beforeAll(async () => {
	conn = await createWasmNodeConnector();
	await loadDataset(conn, files);
});
afterAll(async () => conn?.close());

async function snapshot(): Promise<string[]> {
	const rows = await conn.query<{
		org_unit: string;
		indicator: string;
		period: string;
		value: number;
		programme: string | null;
		period_start: string;
		period_end: string;
	}>(
		`SELECT org_unit, indicator, period, value, programme, CAST(period_start AS VARCHAR) AS period_start,
		        CAST(period_end AS VARCHAR) AS period_end FROM "values" ORDER BY ALL`
	);
	return rows.map(
		(r) =>
			`${r.org_unit}|${r.indicator}|${r.period}|${r.programme ?? ''}=${r.value} [${r.period_start}..${r.period_end}]`
	);
}

const row = (
	orgUnit: string,
	indicator: string,
	period: string,
	value: number,
	programme: string | null = null
) => ({
	orgUnit,
	indicator,
	period,
	value,
	programme
});

function record(id: string, rows: ValueRow[], replaced: ImportRecord['replaced']): ImportRecord {
	return {
		id,
		file: `${id}.csv`,
		sheets: [],
		at: '2026-01-01T00:00:00.000Z',
		counts: { rowsRead: rows.length, imported: rows.length, updated: 0, quarantined: 0, blankCells: 0 },
		rows,
		replaced
	};
}

describe('values in DuckDB', () => {
	it('finds the loaded values of keys in one query, programme and all', async () => {
		const found = await currentValues(conn, [
			row('040', 'startups', '2024Q1', 0),
			row('040', 'startups', '2024Q2', 0), // without programme: not the border-women one
			row('040', 'startups', '2024Q2', 0, 'border-women'),
			row('99999', 'startups', '2024Q1', 0)
		]);
		expect([...found.entries()]).toEqual([
			[keyOf(row('040', 'startups', '2024Q1', 0)), 2],
			[keyOf(row('040', 'startups', '2024Q2', 0, 'border-women')), 3]
		]);
	});

	it('applies rows (new and replacing) with period dates, and removal restores exactly what was there', async () => {
		const before = await snapshot();
		const first = [row('040', 'startups', '2024Q1', 5), row('040', 'startups', '2024Q4', 1)];
		const replacedA = await applyRows(conn, first);
		expect(replacedA.map((p) => p.value)).toEqual([2, null]);
		expect(await snapshot()).toContain('040|startups|2024Q4|=1 [2024-10-01..2024-12-31]');
		expect(await snapshot()).toContain('040|startups|2024Q1|=5 [2024-01-01..2024-03-31]');

		// A later import writes one of the same keys and a new one.
		const second = [row('040', 'startups', '2024Q1', 7), row('04', 'members', '2024-12', 1300)];
		const replacedB = await applyRows(conn, second);
		expect(replacedB.map((p) => p.value)).toEqual([5, null]);

		const records = [record('a', first, replacedA), record('b', second, replacedB)];
		// Taking back the first: 2024Q1 stays at the later import's 7, 2024Q4 goes away; the later import now
		// replaced the default 2.
		const removal = planRemoval(records, 'a');
		await writeValues(conn, removal.writes);
		const afterA = await snapshot();
		expect(afterA).toContain('040|startups|2024Q1|=7 [2024-01-01..2024-03-31]');
		expect(afterA.some((s) => s.includes('2024Q4'))).toBe(false);
		expect(removal.remaining.map((r) => r.id)).toEqual(['b']);
		expect(removal.remaining[0]?.replaced.map((p) => p.value)).toEqual([2, null]);

		// Then the second: the default data exactly.
		const removalB = planRemoval(removal.remaining, 'b');
		await writeValues(conn, removalB.writes);
		expect(await snapshot()).toEqual(before);
		expect(removalB.remaining).toEqual([]);
	});

	it('removing the last import first also restores the default data', async () => {
		const before = await snapshot();
		const first = [row('040', 'startups', '2024Q1', 5)];
		const a = record('a', first, await applyRows(conn, first));
		const second = [row('040', 'startups', '2024Q1', 9)];
		const b = record('b', second, await applyRows(conn, second));
		const removeB = planRemoval([a, b], 'b');
		expect(removeB.writes.map((w) => w.value)).toEqual([5]);
		await writeValues(conn, removeB.writes);
		const removeA = planRemoval(removeB.remaining, 'a');
		await writeValues(conn, removeA.writes);
		expect(await snapshot()).toEqual(before);
	});

	it('handles 100k rows in bulk', async () => {
		const rows = Array.from({ length: 100_000 }, (_, i) =>
			row('040', 'startups', `2024-${String((i % 12) + 1).padStart(2, '0')}`, i, `p${i}`)
		);
		const started = performance.now();
		const replaced = await applyRows(conn, rows);
		expect(replaced).toHaveLength(100_000);
		const [count] = await conn.query<{ n: number }>(
			`SELECT count(*) AS n FROM "values" WHERE programme LIKE 'p%'`
		);
		expect(count?.n).toBe(100_000);
		await writeValues(conn, replaced);
		const [left] = await conn.query<{ n: number }>(
			`SELECT count(*) AS n FROM "values" WHERE programme LIKE 'p%'`
		);
		expect(left?.n).toBe(0);
		expect(performance.now() - started).toBeLessThan(30_000);
	});

	it('binds every text: quotes and SQL in codes are data, not statements', async () => {
		const evil = row('040\'; DROP TABLE "values"; --', 'startups', '2024Q1', 1);
		const replaced = await applyRows(conn, [evil]);
		expect(replaced[0]?.value).toBeNull();
		expect((await currentValues(conn, [evil])).get(keyOf(evil))).toBe(1);
		await writeValues(conn, replaced);
		expect((await currentValues(conn, [evil])).size).toBe(0);
	});
});
