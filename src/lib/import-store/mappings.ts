/**
 * Column mappings remembered per file shape (the library's `shapeKey`): the next report of the same template is
 * read the way the user last corrected it. Kept in localStorage; what is read back is checked, and anything
 * malformed is ignored (the detector's guess is used instead).
 */
import type { ColumnMapping, ColumnRole, TableMapping } from '$lib/import/types';

/** The slice of the Web Storage API used here, so that tests can pass a Map-backed one. */
export interface KeyValueStore {
	getItem(key: string): string | null;
	setItem(key: string, value: string): void;
	removeItem(key: string): void;
}

export const MAPPING_PREFIX = 'chi-tieu:import:mapping:v1:';

export const COLUMN_ROLES: readonly ColumnRole[] = [
	'org_unit',
	'org_unit_name',
	'parent_name',
	'indicator',
	'period',
	'year',
	'value',
	'programme',
	'indicator_value',
	'ignore'
];

const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 200;

function asColumn(raw: unknown): ColumnMapping | null {
	if (!raw || typeof raw !== 'object') return null;
	const c = raw as Record<string, unknown>;
	if (typeof c.column !== 'number' || !Number.isInteger(c.column) || c.column < 0 || c.column > 10_000)
		return null;
	if (!COLUMN_ROLES.includes(c.role as ColumnRole)) return null;
	const column: ColumnMapping = { column: c.column, role: c.role as ColumnRole };
	if (
		c.role === 'period' &&
		(c.periodHint === 'quarter' || c.periodHint === 'month' || c.periodHint === 'half')
	)
		column.periodHint = c.periodHint;
	if (c.role === 'indicator_value') {
		if (!isText(c.indicator)) return null;
		column.indicator = c.indicator;
	}
	return column;
}

/** A mapping read back from storage, or null when it is malformed. */
export function asMapping(raw: unknown): TableMapping | null {
	if (!raw || typeof raw !== 'object') return null;
	const m = raw as Record<string, unknown>;
	if (!Array.isArray(m.columns)) return null;
	const columns = m.columns.map(asColumn);
	if (columns.some((c) => c === null)) return null;
	const mapping: TableMapping = { columns: columns as ColumnMapping[] };
	if (isText(m.fixedPeriod)) mapping.fixedPeriod = m.fixedPeriod;
	if (isText(m.fixedProgramme)) mapping.fixedProgramme = m.fixedProgramme;
	return mapping;
}

export function recallMapping(store: KeyValueStore, shapeKey: string): TableMapping | null {
	try {
		return asMapping(JSON.parse(store.getItem(MAPPING_PREFIX + shapeKey) ?? 'null'));
	} catch {
		return null;
	}
}

export function rememberMapping(store: KeyValueStore, shapeKey: string, mapping: TableMapping): void {
	try {
		store.setItem(MAPPING_PREFIX + shapeKey, JSON.stringify(mapping));
	} catch {
		// A full or disabled storage only loses the convenience.
	}
}
