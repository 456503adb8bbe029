/**
 * Periods written the Vietnamese way → period codes of the data contract (design.md §3): "Quý 3/2024", "Q3/2024",
 * "Quý III năm 2024" → 2024Q3; "6 tháng đầu năm 2024" → 2024S1; "Tháng 3/2024", "03/2024" → 2024-03;
 * "15/10/2024" (day first, always) → 2024-10-15; Excel date serials; and a year column combined with a quarter or
 * month column. Validity is the periods module's (`parsePeriod`): a result is always a valid code, or null. Pure.
 */
import { isoFromParts, isPeriodCode, parseIsoDate } from '$lib/periods';
import type { PeriodHint } from './types';

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

/** Folded for matching: no diacritics, đ → d, lower case, single spaces. */
function fold(text: string): string {
	return text
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.replace(/[đĐ]/g, 'd')
		.toLowerCase()
		.replace(/\s+/g, ' ')
		.trim();
}

function valid(code: string): string | null {
	return isPeriodCode(code) ? code : null;
}

function pad2(n: number): string {
	return String(n).padStart(2, '0');
}

function quarter(year: string, q: number): string | null {
	return q >= 1 && q <= 4 ? valid(`${year}Q${q}`) : null;
}

function month(year: string, m: number): string | null {
	return m >= 1 && m <= 12 ? valid(`${year}-${pad2(m)}`) : null;
}

function day(year: string, m: number, d: number): string | null {
	const iso = `${year}-${pad2(m)}-${pad2(d)}`;
	return parseIsoDate(iso) ? valid(iso) : null;
}

/** A quarter number from "3", "III", "q3", "quy 3", "quy iii" (already folded). */
function quarterNumber(text: string): number | null {
	const m = /^(?:quy|q|quarter)?\s*(\d|i{1,3}|iv)$/.exec(text);
	if (!m) return null;
	const token = m[1] as string;
	return ROMAN[token] ?? Number(token);
}

/**
 * Excel's date serial (days since 1899-12-30, the 1900 leap-year bug included) → ISO date; null outside 1900–2100
 * or for a non-integer part that is not a time of day.
 */
export function excelSerialToIso(serial: number): string | null {
	if (!Number.isFinite(serial) || serial < 1) return null;
	const days = Math.floor(serial);
	const date = new Date(Date.UTC(1899, 11, 30) + days * 86_400_000);
	const iso = isoFromParts(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
	return isPeriodCode(iso) ? iso : null;
}

/** Smallest and largest serials taken for dates in a period column: 1950-01-01 and 2100-12-31. */
const SERIAL_MIN = 18_264;
const SERIAL_MAX = 73_415;

/**
 * The period code a cell names, or null when it names none. `hint` says what a bare number means (the column was
 * "Quý" or "Tháng"); `year` completes a period written without its year ("Quý 3" with a "Năm" column).
 */
export function normalisePeriod(cell: string, hint?: PeriodHint, year?: string): string | null {
	const raw = cell.trim();
	if (raw === '') return null;
	if (isPeriodCode(raw)) return raw;
	const text = fold(raw)
		.replace(/^(?:ky bao cao|bao cao|ky)\s*:?\s*(?=\S)/, '')
		// "Ngày 8/02/2018", as dates are written in the Union's documents.
		.replace(/^ngay (?=\d{1,2}\s*[/.-])/, '')
		.replace(/\s*([/\-.])\s*/g, '$1');
	const y = year?.trim() ? fold(year).replace(/^(nam|year)\s*/, '') : null;
	let m: RegExpExecArray | null;

	// Year: "2024", "năm 2024", "year 2024".
	if ((m = /^(?:nam |year )?(\d{4})$/.exec(text))) return valid(m[1] as string);
	// ISO-like with time from a spreadsheet ("2024-10-15T00:00:00.000Z", "2024-10-15 00:00:00").
	if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ].*)?$/.exec(text)))
		return day(m[1] as string, Number(m[2]), Number(m[3]));
	// Halves: "6 tháng đầu năm 2024", "6 tháng cuối năm 2024", "sáu tháng đầu năm", "H1/2024", "2024H2", "2024S1".
	if ((m = /^(?:6|sau) thang (dau|cuoi)(?: nam)?(?:[ /-]*(\d{4}))?$/.exec(text))) {
		const yr = m[2] ?? y;
		return yr ? valid(`${yr}S${m[1] === 'dau' ? 1 : 2}`) : null;
	}
	if ((m = /^(?:6 thang )(?:nam )?(\d{4})$/.exec(text))) return valid(`${m[1]}S1`);
	if ((m = /^(?:h|s|hk)([12])[ /-]?(?:nam )?(\d{4})$/.exec(text))) return valid(`${m[2]}S${m[1]}`);
	if ((m = /^(\d{4})[ -]?[hs]([12])$/.exec(text))) return valid(`${m[1]}S${m[2]}`);
	// Quarters: "quý 3/2024", "quý iii năm 2024", "q3/2024", "q3-2024", "q3 2024", "2024-q3", "2024 q3".
	if ((m = /^(?:quy|q|quarter) ?(\d|iv|i{1,3})(?: nam |[ /-])(\d{4})$/.exec(text))) {
		return quarter(m[2] as string, ROMAN[m[1] as string] ?? Number(m[1]));
	}
	if ((m = /^(\d{4})[ -]?q([1-4])$/.exec(text))) return quarter(m[1] as string, Number(m[2]));
	// Days, day first: "15/10/2024", "15-10-2024", "15.10.2024", "ngày 15 tháng 10 năm 2024".
	if ((m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text)))
		return day(m[3] as string, Number(m[2]), Number(m[1]));
	if ((m = /^ngay (\d{1,2}) thang (\d{1,2}) nam (\d{4})$/.exec(text)))
		return day(m[3] as string, Number(m[2]), Number(m[1]));
	// Months: "tháng 3/2024", "tháng 3 năm 2024", "t3/2024", "03/2024", "3-2024", "2024/03", "202403".
	if ((m = /^(?:thang |t|month )?(\d{1,2})(?: nam |[/.-])(\d{4})$/.exec(text)))
		return month(m[2] as string, Number(m[1]));
	if ((m = /^(\d{4})[/.](\d{1,2})$/.exec(text))) return month(m[1] as string, Number(m[2]));
	if ((m = /^(\d{4})(\d{2})$/.exec(text))) return month(m[1] as string, Number(m[2]));
	// A period without its year, completed by the year column.
	if (y && /^\d{4}$/.test(y)) {
		if ((m = /^(?:thang |t|month )(\d{1,2})$/.exec(text))) return month(y, Number(m[1]));
		const q = /^(?:quy|q|quarter)/.test(text) ? quarterNumber(text) : null;
		if (q !== null) return quarter(y, q);
		if ((m = /^(\d{1,2})\/(\d{1,2})$/.exec(text))) return day(y, Number(m[2]), Number(m[1]));
		if (hint === 'quarter') {
			const bare = quarterNumber(text);
			return bare === null ? null : quarter(y, bare);
		}
		if (hint === 'month' && /^\d{1,2}$/.test(text)) return month(y, Number(text));
		if (hint === 'half' && /^[12]$/.test(text)) return valid(`${y}S${text}`);
	}
	// An Excel date serial (a date cell read as its number).
	if (/^\d{5}(?:\.\d+)?$/.test(text)) {
		const serial = Number(text);
		if (serial >= SERIAL_MIN && serial <= SERIAL_MAX) return excelSerialToIso(serial);
	}
	return null;
}

/**
 * The period of a row whose year and period are in separate columns: "2024" + "Quý 3" → 2024Q3, "2024" + "3" under a
 * "Tháng" header → 2024-03; a blank period cell gives the year itself; a period cell that names its own year wins.
 */
export function combineYearAndPeriod(yearCell: string, periodCell: string, hint?: PeriodHint): string | null {
	if (periodCell.trim() === '') return normalisePeriod(yearCell);
	return normalisePeriod(periodCell, hint, yearCell);
}
