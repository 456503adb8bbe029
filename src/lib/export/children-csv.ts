/** The drill-down's sub-unit table as CSV: one row per child, its attainment, and a cell per target. Pure. */
import type { DrillRow } from '$lib/drilldown/drill-plan';
import type { Lang } from '$lib/i18n';
import type { UnitInfo } from '$lib/state/units';
import { toCsv, type CsvCell } from './csv';

/** A cell: the status code where the target is judged at the child, else its contribution (a number or date). */
function cellText(row: DrillRow, child: string): CsvCell {
	const cell = row.children.get(child);
	if (!cell) return null;
	if (cell.kind === 'status') return cell.status;
	return typeof cell.actual === 'number' || typeof cell.actual === 'string' ? cell.actual : null;
}

export function childrenCsv(
	rows: DrillRow[],
	children: { unit: UnitInfo; attainment: number | null }[],
	lang: Lang
): string {
	const columns = rows.filter((row) => children.some((c) => row.children.has(c.unit.code)));
	const header = [
		lang === 'vi' ? 'ma_don_vi' : 'unit_code',
		lang === 'vi' ? 'ten_don_vi' : 'unit_name',
		lang === 'vi' ? 'ty_le_dat' : 'attainment',
		...columns.map((row) => row.rule.name)
	];
	return toCsv(
		header,
		children.map(({ unit, attainment }) => [
			unit.code,
			unit.name,
			attainment,
			...columns.map((row) => cellText(row, unit.code))
		])
	);
}
