import type { Table } from 'apache-arrow';
import { toSqlValue, type Row } from './connector';

/**
 * Converts an Arrow table into plain rows column by column (reading each vector once is several times faster
 * than `table.toArray().map(r => r.toJSON())` on large results).
 */
export function arrowToRows<T extends Row = Row>(table: Table): T[] {
	const names = table.schema.fields.map((f) => f.name);
	const columns = names.map((_, i) => table.getChildAt(i));
	const rows: Row[] = new Array(table.numRows);
	for (let r = 0; r < table.numRows; r++) {
		const row: Row = {};
		for (let c = 0; c < names.length; c++) {
			row[names[c] as string] = toSqlValue(columns[c]?.get(r));
		}
		rows[r] = row;
	}
	return rows as T[];
}
