import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '$lib/db/connector';
import { loadDataset, plainCsvHeader, type DataFile, type LoadReport } from '$lib/db/load';
import { TABLE_SPECS } from '$lib/db/schema';
import { createNativeConnector } from '$lib/db/native';
import { createWasmNodeConnector } from '$lib/db/wasm-node';

const csv = (table: DataFile['table'], text: string): DataFile => ({
	table,
	name: `${table}.csv`,
	format: 'csv',
	bytes: new TextEncoder().encode(text)
});

// A small hand-made dataset with one problem of each kind; line numbers count the header as line 1.
const files: DataFile[] = [
	csv(
		'org_units',
		[
			'code,name,level,parent_code,valid_from,valid_to,note',
			'VN,Trung ương,central,,,,top', // line 2
			'04,Tỉnh Cao Bằng,province,VN,,2025-06-30,', // 3
			'040,Thành phố Cao Bằng,district,04,,2025-06-30,', // 4
			'01279,Phường Sông Hiến,commune,040,,2025-06-30,', // 5
			'04,Tỉnh Cao Bằng,province,VN,2025-07-01,,after', // 6: same code, new hierarchy: fine
			'040,Trùng mã,district,04,,2025-06-30,', // 7: duplicate code in the same window
			'099,Huyện lạ,district,77,,2025-06-30,', // 8: unknown parent
			'098,Cấp lạ,hamlet,04,,2025-06-30,', // 9: unknown level
			'097,Ngày sai,district,04,,2025-02-30,' // 10: bad date
		].join('\n')
	),
	csv(
		'indicators',
		[
			'code,name_vi,name_en,unit,time_aggregation,unit_aggregation',
			'members,Hội viên,Members,người,last,sum',
			'households,Hộ thoát nghèo,Households,hộ,sum,sum',
			'bad_agg,Sai,Bad,x,total,sum' // line 4: unknown aggregation
		].join('\n')
	),
	csv('programmes', 'code,name_vi,name_en\nborder-women,Đồng hành,Border'),
	csv(
		'values',
		[
			'org_unit,indicator,period,value,programme',
			'01279,households,2024-03,5,', // 2 ok
			'01279,households,2024Q2,7,border-women', // 3 ok
			'01279,households,2024-13,1,', // 4 bad period
			'01279,households,2024-04,abc,', // 5 not a number
			'99999,households,2024-04,1,', // 6 unknown unit
			'01279,nope,2024-04,1,', // 7 unknown indicator
			'01279,households,2024-03,6,', // 8 duplicate of line 2
			'01279,households,2024-05,1,nope', // 9 unknown programme
			'01279,households,2026-01,1,', // 10: the commune ended in 2025: unknown then
			'04,members,2026-01,1500,' // 11 ok: the new province 04
		].join('\n')
	)
];

const expected: Array<[string, number, string, string]> = [
	['indicators.csv', 4, 'time_aggregation', 'unknown-aggregation'],
	['org_units.csv', 7, 'code', 'duplicate-code'],
	['org_units.csv', 8, 'parent_code', 'unknown-parent'],
	['org_units.csv', 9, 'level', 'unknown-level'],
	['org_units.csv', 10, 'valid_to', 'bad-date'],
	['values.csv', 4, 'period', 'bad-period'],
	['values.csv', 5, 'value', 'not-a-number'],
	['values.csv', 6, 'org_unit', 'unknown-unit'],
	['values.csv', 7, 'indicator', 'unknown-indicator'],
	['values.csv', 8, 'org_unit', 'duplicate-row'],
	['values.csv', 9, 'programme', 'unknown-programme'],
	['values.csv', 10, 'org_unit', 'unknown-unit']
];

const engines: Array<[string, () => Promise<Connector>]> = [
	['duckdb-wasm', createWasmNodeConnector],
	['native duckdb', createNativeConnector]
];

describe.each(engines)('loading a dataset on %s', (_name, create) => {
	let conn: Connector;
	let reports: LoadReport[];

	beforeAll(async () => {
		conn = await create();
		reports = await loadDataset(conn, files);
	});
	afterAll(async () => conn.close());

	it('reports each bad row with its file, line, column and problem', () => {
		const got = reports
			.flatMap((r) => r.problems)
			.map((p) => [p.file, p.row, p.column, p.problem])
			.sort((a, b) => String(a[0]).localeCompare(String(b[0])) || Number(a[1]) - Number(b[1]));
		expect(got).toEqual(expected);
	});

	it('loads the valid rows and reconciles read = loaded + rejected', async () => {
		const byTable = Object.fromEntries(reports.map((r) => [r.table, r]));
		expect(byTable.org_units).toMatchObject({ rowsRead: 9, rowsLoaded: 5 });
		expect(byTable.values).toMatchObject({ rowsRead: 10, rowsLoaded: 3 });
		for (const r of reports)
			expect(r.rowsLoaded + new Set(r.problems.map((p) => p.row)).size).toBe(r.rowsRead);
	});

	it('keeps codes as strings with leading zeros, extra columns, and typed values with period dates', async () => {
		const units = await conn.query('SELECT code, note FROM org_units ORDER BY code, valid_from NULLS FIRST');
		expect(units.map((u) => u.code)).toEqual(['01279', '04', '04', '040', 'VN']);
		expect(units.find((u) => u.code === 'VN')?.note).toBe('top');
		const rows = await conn.query(
			`SELECT period, value, strftime(period_start, '%Y-%m-%d') AS s, strftime(period_end, '%Y-%m-%d') AS e
			 FROM "values" ORDER BY period`
		);
		expect(rows).toEqual([
			{ period: '2024-03', value: 5, s: '2024-03-01', e: '2024-03-31' },
			{ period: '2024Q2', value: 7, s: '2024-04-01', e: '2024-06-30' },
			{ period: '2026-01', value: 1500, s: '2026-01-01', e: '2026-01-31' }
		]);
	});

	it('creates empty tables for files that were not given', async () => {
		const [n] = await conn.query('SELECT count(*) AS n FROM submissions');
		expect(n?.n).toBe(0);
	});
});

describe('a file without a required column', () => {
	it('is refused whole with the missing column named', async () => {
		const conn = await createWasmNodeConnector();
		const [report] = await loadDataset(conn, [csv('indicators', 'code,name_vi\nx,Y')]);
		expect(report?.rowsLoaded).toBe(0);
		expect(report?.problems.map((p) => [p.problem, p.column])).toEqual([
			['missing-column', 'time_aggregation'],
			['missing-column', 'unit_aggregation']
		]);
		await conn.close();
	});
});

describe.each(engines)('trusted data (checked: false) on %s', (_name, create) => {
	const trusted = [
		csv(
			'org_units',
			'code,name,level,parent_code,valid_from,valid_to,note\nVN,Trung ương,central,,,,top\n04,Tỉnh,province,VN,,2025-06-30,'
		),
		csv(
			'indicators',
			'code,name_vi,name_en,unit,time_aggregation,unit_aggregation\nh,Hộ,Households,hộ,sum,sum'
		),
		// A quoted field with a comma, an empty programme and spaces to trim: the plain header skips the sniffer,
		// the body is still read as CSV.
		csv(
			'values',
			'org_unit,indicator,period,value,programme\n04,h,2024Q2, 7 ,\n04,h,2024-03,5,"a, b"\n04,h,2024,1,'
		)
	];

	it('loads the same typed rows and period dates as the checked path, extras kept', async () => {
		const conn = await create();
		const reports = await loadDataset(conn, trusted, undefined, { checked: false });
		expect(reports.map((r) => [r.table, r.rowsRead, r.rowsLoaded, r.problems.length])).toEqual([
			['org_units', 2, 2, 0],
			['indicators', 1, 1, 0],
			['values', 3, 3, 0]
		]);
		const rows = await conn.query(
			`SELECT period, value, programme, strftime(period_start, '%Y-%m-%d') AS s,
			   strftime(period_end, '%Y-%m-%d') AS e FROM "values" ORDER BY period`
		);
		expect(rows).toEqual([
			{ period: '2024', value: 1, programme: null, s: '2024-01-01', e: '2024-12-31' },
			{ period: '2024-03', value: 5, programme: 'a, b', s: '2024-03-01', e: '2024-03-31' },
			{ period: '2024Q2', value: 7, programme: null, s: '2024-04-01', e: '2024-06-30' }
		]);
		const [vn] = await conn.query("SELECT note, valid_to FROM org_units WHERE code = 'VN'");
		expect(vn).toEqual({ note: 'top', valid_to: null });
		await conn.close();
	});

	it('reports a file it cannot read or that lacks a column, and keeps going', async () => {
		const conn = await create();
		const reports = await loadDataset(
			conn,
			[
				trusted[0] as DataFile,
				csv('indicators', 'code,name_vi\nh,Hộ'),
				// A header with a BOM and semicolons is not plain: read through the sniffer instead.
				csv('programmes', '\uFEFFcode;name_vi;name_en\np;Chương trình;Programme'),
				csv('values', 'org_unit,indicator,period,value,programme\n04,h,2024,"unterminated,')
			],
			undefined,
			{ checked: false }
		);
		const byTable = Object.fromEntries(reports.map((r) => [r.table, r]));
		expect(byTable.indicators?.problems.map((p) => [p.problem, p.column])).toEqual([
			['missing-column', 'time_aggregation'],
			['missing-column', 'unit_aggregation']
		]);
		expect(byTable.programmes).toMatchObject({ rowsLoaded: 1, problems: [] });
		expect(byTable.values?.problems.map((p) => p.problem)).toEqual(['unreadable-file']);
		// Every table exists, so that the app's queries run.
		const [n] = await conn.query('SELECT count(*) AS n FROM "values"');
		expect(n?.n).toBe(0);
		await conn.close();
	});
});

describe('plainCsvHeader', () => {
	const spec = TABLE_SPECS.values;
	const bytes = (text: string) => new TextEncoder().encode(text);
	it('accepts our own headers only', () => {
		expect(plainCsvHeader(bytes('org_unit,indicator,period,value\n1'), spec)).toEqual([
			'org_unit',
			'indicator',
			'period',
			'value'
		]);
		expect(plainCsvHeader(bytes('org_unit,indicator,period,value,extra_1\n'), spec)).toHaveLength(5);
		expect(plainCsvHeader(bytes('org_unit,indicator,period\n'), spec)).toBeNull(); // value missing
		expect(plainCsvHeader(bytes('org_unit,indicator,period,value,"x\'y"\n'), spec)).toBeNull();
		expect(plainCsvHeader(bytes('org_unit,indicator,period,value,value\n'), spec)).toBeNull();
		expect(plainCsvHeader(bytes('\uFEFForg_unit,indicator,period,value\n'), spec)).toBeNull();
		expect(plainCsvHeader(bytes('org_unit;indicator;period;value\n'), spec)).toBeNull();
		expect(plainCsvHeader(bytes('org_unit,indicator,period,value\r\n'), spec)).toBeNull();
		expect(plainCsvHeader(bytes('no line end'), spec)).toBeNull();
	});
});
