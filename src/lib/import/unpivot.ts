/**
 * A RawTable read through a TableMapping → candidate rows of `values`: one per data row in a long table, one per
 * non-blank indicator cell in a wide one (a blank cell of a report template means "not reported" and is counted in
 * `blankCells`, never turned into a value and never silently lost). The period is normalised here (Vietnamese
 * spellings, a year column with a quarter/month column, a fixed period); a period that cannot be read is kept as
 * written, so that validation reports it. Each candidate keeps the source cells it came from for the quarantine file.
 * Pure.
 */
import { combineYearAndPeriod, normalisePeriod } from './periods';
import type { CandidateRow, ColumnMapping, ColumnRole, RawTable, TableMapping } from './types';

export interface UnpivotResult {
	rows: CandidateRow[];
	/** Blank indicator cells of a wide table (not reported), and long rows whose value and every key cell were blank. */
	blankCells: number;
}

/** The header under which a fixed period or programme is written into a row's source, so that a quarantined row
 * re-imports on its own. */
export const FIXED_PERIOD_HEADER = 'Kỳ báo cáo';
export const FIXED_PROGRAMME_HEADER = 'Chương trình';

/** Unique source keys for the header: a repeated or empty header gets its column number. */
function sourceKeys(header: readonly string[]): string[] {
	const seen = new Map<string, number>();
	return header.map((h, i) => {
		const base = h === '' ? `Cột ${i + 1}` : h;
		const n = (seen.get(base) ?? 0) + 1;
		seen.set(base, n);
		return n === 1 ? base : `${base} (${n})`;
	});
}

function first(columns: readonly ColumnMapping[], role: ColumnRole): ColumnMapping | undefined {
	return columns.find((c) => c.role === role);
}

/** Our quarantine file protects cells from Excel's formulas with a leading apostrophe; take it off again. */
function cellText(text: string | undefined): string {
	const t = (text ?? '').trim();
	return /^'[-+=@]/.test(t) ? t.slice(1) : t;
}

/** Rows of `table` as `mapping` reads them. */
export function unpivot(table: RawTable, mapping: TableMapping): UnpivotResult {
	const keys = sourceKeys(table.header);
	const cols = mapping.columns.filter((c) => c.column >= 0 && c.column < table.header.length);
	const code = first(cols, 'org_unit');
	const name = first(cols, 'org_unit_name');
	const unitColumn = code ?? name;
	const parent = first(cols, 'parent_name');
	const indicator = first(cols, 'indicator');
	const period = first(cols, 'period');
	const year = first(cols, 'year');
	const value = first(cols, 'value');
	const programme = first(cols, 'programme');
	const wide = cols.filter((c) => c.role === 'indicator_value' && c.indicator);
	const identifying = [unitColumn, parent, indicator, period, year, programme].filter(
		(c): c is ColumnMapping => c !== undefined
	);

	const rows: CandidateRow[] = [];
	let blankCells = 0;

	table.rows.forEach((cells, r) => {
		const at = (c: ColumnMapping | undefined): string => (c ? cellText(cells[c.column]) : '');
		const sourceRow = table.sourceRows[r] ?? r + 1;
		const periodText = readPeriod(at(period), at(year), period?.periodHint, mapping.fixedPeriod);
		const programmeText = at(programme) || mapping.fixedProgramme || '';
		const base = {
			file: table.file,
			sheet: table.sheet,
			sourceRow,
			orgUnit: at(unitColumn),
			orgUnitIsName: code === undefined && name !== undefined,
			parent: parent ? at(parent) || null : null,
			period: periodText,
			programme: programmeText === '' ? null : programmeText
		};
		const source = (valueColumns: readonly ColumnMapping[]): Record<string, string> => {
			const out: Record<string, string> = {};
			for (const c of [...identifying, ...valueColumns].sort((a, b) => a.column - b.column)) {
				out[keys[c.column] as string] = cells[c.column] ?? '';
			}
			if (!period && !year && mapping.fixedPeriod) out[FIXED_PERIOD_HEADER] = mapping.fixedPeriod;
			if (!programme && mapping.fixedProgramme) out[FIXED_PROGRAMME_HEADER] = mapping.fixedProgramme;
			return out;
		};
		const isNumber = (c: ColumnMapping): boolean => table.numericCells?.has(`${r}:${c.column}`) ?? false;

		if (indicator || value) {
			// Long layout: the row is one candidate even when cells are blank — validation says what is missing.
			const row: CandidateRow = {
				...base,
				source: source(value ? [value] : []),
				indicator: at(indicator),
				value: at(value)
			};
			if (value && isNumber(value)) row.valueIsNumber = true;
			rows.push(row);
		}
		for (const c of wide) {
			const text = at(c);
			if (text === '') {
				blankCells += 1;
				continue;
			}
			const row: CandidateRow = {
				...base,
				source: source([c]),
				indicator: c.indicator as string,
				value: text
			};
			if (isNumber(c)) row.valueIsNumber = true;
			rows.push(row);
		}
		if (!indicator && !value && wide.length === 0) {
			// No value column mapped at all: every row is still a candidate, so that it is reported, not dropped.
			rows.push({ ...base, source: source([]), indicator: '', value: '' });
		}
	});
	return { rows, blankCells };
}

/** The period code of a row, or the text as written when it cannot be read (validation reports it). */
function readPeriod(
	periodCell: string,
	yearCell: string,
	hint: ColumnMapping['periodHint'],
	fixed?: string
): string {
	if (periodCell === '' && yearCell === '') return fixed ? (normalisePeriod(fixed) ?? fixed) : '';
	const code =
		yearCell !== '' ? combineYearAndPeriod(yearCell, periodCell, hint) : normalisePeriod(periodCell, hint);
	if (code) return code;
	return [yearCell, periodCell].filter((t) => t !== '').join(' ');
}
