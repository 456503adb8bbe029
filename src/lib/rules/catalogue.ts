/**
 * The codes a plan file may name — indicators, programmes, reports and org units — as read from the loaded
 * tables, and the pure look-ups the validator needs on them. Org unit codes repeat across the 2025
 * reorganisation (province 04 before and after it has different districts), so every version of a code is
 * kept and a plan's codes resolve in the snapshot valid on a date.
 */
import type { Connector } from '$lib/db/connector';
import { LEVELS, type Level, type TimeAggregation, type UnitAggregation } from '$lib/model/data';

export interface CatalogueIndicator {
	nameVi: string;
	/** '' when the data gives no English name. */
	nameEn: string;
	unit: string;
	timeAggregation: TimeAggregation;
	unitAggregation: UnitAggregation;
}

export interface CatalogueEntry {
	nameVi: string;
	/** '' when the data gives no English name. */
	nameEn: string;
}

/** One version of an org unit. Dates are inclusive `YYYY-MM-DD`; null is open-ended. */
export interface CatalogueUnit {
	name: string;
	level: Level;
	parentCode: string | null;
	validFrom: string | null;
	validTo: string | null;
}

export interface Catalogue {
	indicators: Map<string, CatalogueIndicator>;
	programmes: Map<string, CatalogueEntry>;
	reports: Map<string, CatalogueEntry>;
	/** Every version of each code, oldest first. */
	orgUnits: Map<string, CatalogueUnit[]>;
}

/** Whether a unit version is valid on an ISO date (ISO dates compare as strings). */
export function isValidOn(unit: CatalogueUnit, isoDate: string): boolean {
	return (
		(unit.validFrom === null || unit.validFrom <= isoDate) &&
		(unit.validTo === null || unit.validTo >= isoDate)
	);
}

interface Snapshot {
	units: Map<string, CatalogueUnit>;
	children: Map<string, string[]>;
}

// Snapshots are rebuilt only when the catalogue or the date changes: the editor validates on every keystroke.
const snapshots = new WeakMap<Catalogue, Map<string, Snapshot>>();

function snapshotAt(catalogue: Catalogue, isoDate: string): Snapshot {
	let byDate = snapshots.get(catalogue);
	if (!byDate) {
		byDate = new Map();
		snapshots.set(catalogue, byDate);
	}
	const cached = byDate.get(isoDate);
	if (cached) return cached;
	const units = new Map<string, CatalogueUnit>();
	for (const [code, versions] of catalogue.orgUnits) {
		const valid = versions.find((v) => isValidOn(v, isoDate));
		if (valid) units.set(code, valid);
	}
	const children = new Map<string, string[]>();
	for (const [code, unit] of units) {
		if (unit.parentCode === null || unit.parentCode === code) continue;
		const siblings = children.get(unit.parentCode);
		if (siblings) siblings.push(code);
		else children.set(unit.parentCode, [code]);
	}
	const snapshot = { units, children };
	byDate.set(isoDate, snapshot);
	return snapshot;
}

/** The org units valid on an ISO date, by code. Shared and cached: do not modify it. */
export function unitsAt(catalogue: Catalogue, isoDate: string): ReadonlyMap<string, CatalogueUnit> {
	return snapshotAt(catalogue, isoDate).units;
}

/** The levels found strictly below a unit on a date (empty when the code is unknown then). */
export function levelsUnder(catalogue: Catalogue, code: string, isoDate: string): Set<Level> {
	const { units, children } = snapshotAt(catalogue, isoDate);
	const found = new Set<Level>();
	if (!units.has(code)) return found;
	const seen = new Set([code]);
	const stack = [...(children.get(code) ?? [])];
	while (stack.length > 0) {
		const next = stack.pop() as string;
		if (seen.has(next)) continue;
		seen.add(next);
		const unit = units.get(next);
		if (unit) found.add(unit.level);
		stack.push(...(children.get(next) ?? []));
	}
	return found;
}

/** Whether `code` is `ancestor` or lies under it on a date. */
export function isWithin(catalogue: Catalogue, code: string, ancestor: string, isoDate: string): boolean {
	const { units } = snapshotAt(catalogue, isoDate);
	const seen = new Set<string>();
	let current: string | null = code;
	// The walk is bounded by `seen`: a cycle in bad data must not hang the editor.
	while (current !== null && !seen.has(current)) {
		if (current === ancestor) return true;
		seen.add(current);
		current = units.get(current)?.parentCode ?? null;
	}
	return false;
}

interface CodeRow {
	code: string;
	name_vi: string;
	name_en: string | null;
	[column: string]: string | number | boolean | null;
}

/** Reads the catalogue from the loaded tables (`loadDataset` creates every table, empty without a file). */
export async function readCatalogue(conn: Connector): Promise<Catalogue> {
	const indicatorRows = await conn.query<
		CodeRow & { unit: string | null; time_aggregation: TimeAggregation; unit_aggregation: UnitAggregation }
	>('SELECT code, name_vi, name_en, unit, time_aggregation, unit_aggregation FROM indicators ORDER BY code');
	const programmeRows = await conn.query<CodeRow>(
		'SELECT code, name_vi, name_en FROM programmes ORDER BY code'
	);
	const reportRows = await conn.query<CodeRow>('SELECT code, name_vi, name_en FROM reports ORDER BY code');
	const unitRows = await conn.query<{
		code: string;
		name: string;
		level: string;
		parent_code: string | null;
		valid_from: string | null;
		valid_to: string | null;
	}>(
		`SELECT code, name, level, parent_code, strftime(valid_from, '%Y-%m-%d') AS valid_from,
		        strftime(valid_to, '%Y-%m-%d') AS valid_to
		 FROM org_units ORDER BY code, valid_from NULLS FIRST`
	);
	const entry = (row: CodeRow): CatalogueEntry => ({ nameVi: row.name_vi, nameEn: row.name_en ?? '' });
	const orgUnits = new Map<string, CatalogueUnit[]>();
	for (const row of unitRows) {
		// The loader rejects unknown levels; the guard keeps the Level type honest for hand-made tables.
		if (!(LEVELS as readonly string[]).includes(row.level)) continue;
		const unit: CatalogueUnit = {
			name: row.name,
			level: row.level as Level,
			parentCode: row.parent_code,
			validFrom: row.valid_from,
			validTo: row.valid_to
		};
		const versions = orgUnits.get(row.code);
		if (versions) versions.push(unit);
		else orgUnits.set(row.code, [unit]);
	}
	return {
		indicators: new Map(
			indicatorRows.map((row) => [
				row.code,
				{
					...entry(row),
					unit: row.unit ?? '',
					timeAggregation: row.time_aggregation,
					unitAggregation: row.unit_aggregation
				}
			])
		),
		programmes: new Map(programmeRows.map((row) => [row.code, entry(row)])),
		reports: new Map(reportRows.map((row) => [row.code, entry(row)])),
		orgUnits
	};
}
