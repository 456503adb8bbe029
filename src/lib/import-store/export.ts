/**
 * "Export everything imported": the imported values in force now (the last import of each key), in the data
 * contract's columns plus where each came from, as CSV (opens in Excel, re-imports as is) or Parquet.
 */
import { Float64, Table, Utf8, tableToIPC, vectorFromArray } from 'apache-arrow';
import { arrowIpcToParquet } from '$lib/db/parquet';
import { toCsv } from '$lib/export/csv';
import { effectiveRows, type ImportRecord } from './history';

export const EXPORT_COLUMNS = [
	'org_unit',
	'indicator',
	'period',
	'value',
	'programme',
	'file',
	'imported_at'
] as const;

export function importedCsv(records: readonly ImportRecord[]): string {
	return toCsv(
		[...EXPORT_COLUMNS],
		effectiveRows(records).map((r) => [r.orgUnit, r.indicator, r.period, r.value, r.programme, r.file, r.at])
	);
}

export async function importedParquet(records: readonly ImportRecord[]): Promise<Uint8Array> {
	const rows = effectiveRows(records);
	const text = (pick: (r: (typeof rows)[number]) => string | null) =>
		vectorFromArray(rows.map(pick), new Utf8());
	const table = new Table({
		org_unit: text((r) => r.orgUnit),
		indicator: text((r) => r.indicator),
		period: text((r) => r.period),
		value: vectorFromArray(
			rows.map((r) => r.value),
			new Float64()
		),
		programme: text((r) => r.programme),
		file: text((r) => r.file),
		imported_at: text((r) => r.at)
	});
	return arrowIpcToParquet(tableToIPC(table, 'stream'));
}
