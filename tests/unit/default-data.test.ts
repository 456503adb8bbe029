/**
 * The embedded default data passes every check of the data contract on both engines. The browser loads it
 * without re-checking (LoadOptions.checked = false), so this test is what stands behind that shortcut.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { csvParse } from 'd3-dsv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '$lib/db/connector';
import { formatOf, loadDataset, type DataFile, type LoadReport } from '$lib/db/load';
import { createNativeConnector } from '$lib/db/native';
import { createWasmNodeConnector } from '$lib/db/wasm-node';
import { readOverview } from '$lib/overview/queries';
import type { TableName } from '$lib/model/data';

const files: DataFile[] = readdirSync('data')
	.filter((name) => formatOf(name) === 'csv')
	.map((name) => ({
		table: name.slice(0, name.indexOf('.')) as TableName,
		name,
		format: 'csv',
		bytes: readFileSync(`data/${name}`)
	}));

const rowsOf = (table: string) => csvParse(readFileSync(`data/${table}.csv`, 'utf8'));

describe.each([
	['duckdb-wasm', createWasmNodeConnector],
	['native duckdb', createNativeConnector]
] as const)('the default data on %s', (_name, create) => {
	let conn: Connector;
	let reports: LoadReport[];
	beforeAll(async () => {
		conn = await create();
		reports = await loadDataset(conn, files);
	});
	afterAll(async () => conn.close());

	it('loads every row of every file with no problem', () => {
		expect(reports.map((r) => r.table).sort()).toEqual(
			[
				'crosswalk_2025',
				'indicators',
				'org_units',
				'programmes',
				'regions',
				'reports',
				'submissions',
				'targets',
				'values'
			].sort()
		);
		for (const report of reports) {
			expect(report.problems, report.file).toEqual([]);
			expect(report.rowsLoaded, report.file).toBe(rowsOf(report.table).length);
		}
	});

	it('counts values per plan year as the CSV does (counted here with d3-dsv)', async () => {
		const expected = new Map<number, number>();
		for (const row of rowsOf('values')) {
			const year = Number(row.period?.slice(0, 4));
			expected.set(year, (expected.get(year) ?? 0) + 1);
		}
		const overview = await readOverview(conn);
		expect(new Map(overview.years.filter((y) => y.values > 0).map((y) => [y.year, y.values]))).toEqual(
			expected
		);
	});
});

describe('loading without checks (the browser path for the default data)', () => {
	it('gives the same tables as the checked load', async () => {
		const checked = await createWasmNodeConnector();
		const trusted = await createWasmNodeConnector();
		await loadDataset(
			checked,
			files.map((f) => ({ ...f, bytes: f.bytes.slice() }))
		);
		await loadDataset(
			trusted,
			files.map((f) => ({ ...f, bytes: f.bytes.slice() })),
			undefined,
			{ checked: false }
		);
		const digest = (conn: Connector) =>
			conn.query(
				`SELECT (SELECT count(*) FROM "values") AS v, (SELECT sum(value) FROM "values") AS s,
				        (SELECT count(*) FROM org_units) AS u, (SELECT count(DISTINCT period_start) FROM "values") AS p`
			);
		expect(await digest(trusted)).toEqual(await digest(checked));
		await checked.close();
		await trusted.close();
	});
});
