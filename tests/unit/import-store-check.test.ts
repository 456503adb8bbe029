import { Float64, Int32, Table, Utf8, tableToIPC, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { csvParse } from 'd3-dsv';
import type { AcceptedRow, ImportOutcome, QuarantinedRow } from '$lib/import/types';
import { rawFromArrowIpc } from '$lib/import-store/arrow-table';
import {
	ambiguousNames,
	findConflicts,
	keysToRead,
	mergeAmbiguous,
	missingRoles
} from '$lib/import-store/check';
import { importedCsv } from '$lib/import-store/export';
import type { ImportRecord } from '$lib/import-store/history';
import { kindOf } from '$lib/import-store/parse';
import { keyOf } from '$lib/import-store/values';

const accepted = (orgUnit: string, indicator: string, value: number, period = '2024Q4'): AcceptedRow => ({
	orgUnit,
	indicator,
	period,
	value,
	programme: null,
	file: 'f.csv',
	sourceRow: 2
});

describe('what a mapping lacks', () => {
	it('needs a unit, values and a period', () => {
		expect(missingRoles({ columns: [] })).toEqual(['needUnit', 'needValue', 'needPeriod']);
		expect(
			missingRoles({
				columns: [
					{ column: 0, role: 'org_unit_name' },
					{ column: 1, role: 'indicator_value', indicator: 'startups_supported' }
				],
				fixedPeriod: '2024Q4'
			})
		).toEqual([]);
		// A wide column without its indicator does not count; a value column needs an indicator column.
		expect(
			missingRoles({
				columns: [
					{ column: 0, role: 'org_unit' },
					{ column: 1, role: 'indicator_value' },
					{ column: 2, role: 'value' },
					{ column: 3, role: 'year' }
				]
			})
		).toEqual(['needValue']);
		expect(missingRoles({ columns: [{ column: 0, role: 'org_unit' }], fixedPeriod: '  ' })).toContain(
			'needPeriod'
		);
	});
});

describe('loaded values the check needs', () => {
	it('reads each key and its ratio partners', () => {
		const keys = keysToRead(
			[accepted('01267', 'dv_victims_supported', 3), accepted('01267', 'members', 10)],
			[{ numerator: 'dv_victims_supported', denominator: 'dv_victims_detected' }]
		);
		expect(keys.map((k) => k.indicator)).toEqual(['dv_victims_supported', 'dv_victims_detected', 'members']);
		expect(keys.every((k) => k.orgUnit === '01267' && k.period === '2024Q4')).toBe(true);
	});

	it('finds conflicts: a loaded key with another value (the same value is no conflict)', () => {
		const rows = [accepted('a', 'x', 1), accepted('b', 'x', 2), accepted('c', 'x', 3)];
		const existing = new Map([
			[keyOf(rows[0]!), 4],
			[keyOf(rows[1]!), 2]
		]);
		expect(findConflicts(rows, existing)).toEqual([{ key: keyOf(rows[0]!), row: rows[0], loaded: 4 }]);
	});
});

describe('ambiguous names', () => {
	const q = (unit: string, parent: string | null): QuarantinedRow => ({
		candidate: {
			file: 'f.xlsx',
			sheet: 'Q4',
			sourceRow: 6,
			source: {},
			orgUnit: unit,
			orgUnitIsName: true,
			parent,
			indicator: 'x',
			period: '2024Q4',
			value: '1',
			programme: null
		},
		rejections: [
			{
				reason: 'ambiguous-unit',
				suggestions: [
					{ code: '042', name: 'Huyện Bảo Lâm (Tỉnh Cao Bằng)' },
					{ code: '680', name: 'Huyện Bảo Lâm (Tỉnh Lâm Đồng)' }
				]
			}
		]
	});
	const outcome = (quarantined: QuarantinedRow[]): ImportOutcome => ({
		rowsRead: quarantined.length,
		blankCells: 0,
		imported: [],
		updated: [],
		quarantined
	});

	it('are asked once per way of writing, with the rows they cover', () => {
		const names = ambiguousNames(
			outcome([q('Huyện Bảo Lâm', null), q('huyen bao lam', null), q('Huyện Bảo Lâm', 'Tỉnh Cao Bằng')])
		);
		expect(names.map((n) => [n.written, n.parent, n.rows])).toEqual([
			['Huyện Bảo Lâm', null, 2],
			['Huyện Bảo Lâm', 'Tỉnh Cao Bằng', 1]
		]);
		expect(names[0]?.candidates.map((c) => c.code)).toEqual(['042', '680']);
	});

	it('stay listed once answered, so that the answer can be changed', () => {
		const [first] = ambiguousNames(outcome([q('Huyện Bảo Lâm', null)]));
		expect(mergeAmbiguous([first!], [], { [first!.key]: '042' })).toEqual([first]);
		expect(mergeAmbiguous([first!], [], {})).toEqual([]);
	});
});

describe('Parquet and Arrow files as tables', () => {
	it('turn columns into text cells, numbers marked as numbers, blank records counted', () => {
		const table = new Table({
			org_unit: vectorFromArray(['040', null, '053'], new Utf8()),
			indicator: vectorFromArray(['startups_supported', null, 'startups_supported'], new Utf8()),
			value: vectorFromArray([1.5, null, 3], new Float64()),
			n: vectorFromArray([7, null, 8], new Int32())
		});
		const raw = rawFromArrowIpc(tableToIPC(table, 'stream'), 'x.arrow');
		expect(raw.header).toEqual(['org_unit', 'indicator', 'value', 'n']);
		expect(raw.rows).toEqual([
			['040', 'startups_supported', '1.5', '7'],
			['053', 'startups_supported', '3', '8']
		]);
		expect(raw.sourceRows).toEqual([1, 3]);
		expect(raw.blankRows).toBe(1);
		expect(raw.numericCells?.has('0:2')).toBe(true);
		expect(raw.numericCells?.has('0:0')).toBe(false);
	});

	it('are recognised by name, and a renamed workbook by its zip signature', () => {
		expect(kindOf('a.XLSX')).toBe('xlsx');
		expect(kindOf('a.xls')).toBe('xls');
		expect(kindOf('a.parquet')).toBe('parquet');
		expect(kindOf('a.arrow')).toBe('arrow');
		expect(kindOf('a.csv')).toBe('csv');
		expect(kindOf('a.csv', new Uint8Array([0x50, 0x4b, 3, 4]))).toBe('xlsx');
		expect(kindOf('a.doc')).toBe('unknown');
	});
});

describe('export of everything imported', () => {
	it('is a CSV in the contract columns that re-imports as is', () => {
		const record: ImportRecord = {
			id: 'a',
			file: 'q4.xlsx',
			sheets: [],
			at: '2026-12-03T08:00:00.000Z',
			counts: { rowsRead: 1, imported: 1, updated: 0, quarantined: 0, blankCells: 0 },
			rows: [
				{ orgUnit: '040', indicator: 'startups_supported', period: '2024Q4', value: 3, programme: null }
			],
			replaced: [
				{ orgUnit: '040', indicator: 'startups_supported', period: '2024Q4', value: null, programme: null }
			]
		};
		const text = importedCsv([record]);
		expect(text.charCodeAt(0)).toBe(0xfeff);
		const rows = csvParse(text.slice(1).replace(/\r\n/g, '\n'));
		expect(rows.columns.slice(0, 5)).toEqual(['org_unit', 'indicator', 'period', 'value', 'programme']);
		expect(rows[0]).toMatchObject({ org_unit: '040', value: '3', programme: '', file: 'q4.xlsx' });
	});
});
