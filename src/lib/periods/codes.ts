/**
 * Period codes: `2024` (year), `2024S1`/`2024S2` (half-year), `2024Q3` (quarter), `2024-03` (month),
 * `2024-10-15` (day). The SQL twin of `parsePeriod` lives in `sql.ts`; keep the two in step.
 */
import { addDays, compareDates, daysInMonth, isoFromParts, parseIsoDate } from './dates';

/** Granularity of a period, coarsest first in `PERIOD_KINDS`. */
export type PeriodKind = 'year' | 'half' | 'quarter' | 'month' | 'day';

/** A parsed period; `start` and `end` are inclusive ISO dates. */
export interface Period {
	code: string;
	kind: PeriodKind;
	start: string;
	end: string;
}

/** All kinds, coarsest first. Each kind tiles every coarser one exactly (no quarter straddles halves). */
export const PERIOD_KINDS: readonly PeriodKind[] = ['year', 'half', 'quarter', 'month', 'day'];

/** Oldest year a period code may name; earlier years are typos in this domain. */
export const MIN_PERIOD_YEAR = 1900;
/** Latest year a period code may name. */
export const MAX_PERIOD_YEAR = 2100;

const YEAR = /^(\d{4})$/;
const HALF = /^(\d{4})S([12])$/;
const QUARTER = /^(\d{4})Q([1-4])$/;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DAY = /^(\d{4})-\d{2}-\d{2}$/;

function yearInRange(year: number): boolean {
	return year >= MIN_PERIOD_YEAR && year <= MAX_PERIOD_YEAR;
}

/** Period spanning whole months `firstMonth`..`lastMonth` of `year`. */
function monthSpan(
	code: string,
	kind: PeriodKind,
	year: number,
	firstMonth: number,
	lastMonth: number
): Period {
	return {
		code,
		kind,
		start: isoFromParts(year, firstMonth, 1),
		end: isoFromParts(year, lastMonth, daysInMonth(year, lastMonth))
	};
}

/** The year, half, quarter or month named by `code` (a day code is handled separately). */
function parseMonthBased(code: string): Period | null {
	let m = YEAR.exec(code);
	if (m) return monthSpan(code, 'year', Number(m[1]), 1, 12);
	m = HALF.exec(code);
	if (m) {
		const first = (Number(m[2]) - 1) * 6 + 1;
		return monthSpan(code, 'half', Number(m[1]), first, first + 5);
	}
	m = QUARTER.exec(code);
	if (m) {
		const first = (Number(m[2]) - 1) * 3 + 1;
		return monthSpan(code, 'quarter', Number(m[1]), first, first + 2);
	}
	m = MONTH.exec(code);
	if (m) {
		const month = Number(m[2]);
		return monthSpan(code, 'month', Number(m[1]), month, month);
	}
	return null;
}

/**
 * Parses a period code strictly: exact upper-case syntax, no surrounding spaces, a real calendar date for
 * days, and a year in 1900–2100. Anything else (`2024Q5`, `2024-13`, `2023-02-29`, `24`, ` 2024`, `2024q1`)
 * gives null.
 */
export function parsePeriod(code: string): Period | null {
	// Runtime guard: codes often come straight from CSV/JSON where the static type is a lie.
	if (typeof code !== 'string' || !yearInRange(Number(code.slice(0, 4)))) return null;
	if (DAY.test(code)) {
		return parseIsoDate(code) ? { code, kind: 'day', start: code, end: code } : null;
	}
	return parseMonthBased(code);
}

/** True when `value` is a valid period code (see `parsePeriod`). */
export function isPeriodCode(value: unknown): value is string {
	return typeof value === 'string' && parsePeriod(value) !== null;
}

/** Code of the period of `kind` containing the date `iso`; null for an invalid or out-of-range date. */
export function periodCodeAt(iso: string, kind: PeriodKind): string | null {
	if (parseIsoDate(iso) === null) return null;
	const year = iso.slice(0, 4);
	const month = Number(iso.slice(5, 7));
	const codes: Record<PeriodKind, string> = {
		year,
		half: `${year}S${month <= 6 ? 1 : 2}`,
		quarter: `${year}Q${Math.ceil(month / 3)}`,
		month: iso.slice(0, 7),
		day: iso
	};
	// Still goes through parsePeriod so the 1900–2100 year range applies to dates too.
	return parsePeriod(codes[kind]) ? codes[kind] : null;
}

/** The period of `kind` containing the date `iso`; null for an invalid or out-of-range date. */
export function periodAt(iso: string, kind: PeriodKind): Period | null {
	const code = periodCodeAt(iso, kind);
	return code === null ? null : parsePeriod(code);
}

/**
 * The code of the single period that is exactly [start, end], preferring the coarsest (so a one-day range is
 * its day code), e.g. 2024-01-01..2024-12-31 → `2024`, 2024-07-01..2024-12-31 → `2024S2`; null otherwise.
 */
export function periodOfDates(start: string, end: string): string | null {
	if (parseIsoDate(start) === null || parseIsoDate(end) === null) return null;
	for (const kind of PERIOD_KINDS) {
		const p = periodAt(start, kind);
		if (p && p.start === start && p.end === end) return p.code;
	}
	return null;
}

/** True when `kind` is at least as fine as `than` (a month is finer than a quarter; a kind equals itself). */
export function isFinerOrEqual(kind: PeriodKind, than: PeriodKind): boolean {
	return PERIOD_KINDS.indexOf(kind) >= PERIOD_KINDS.indexOf(than);
}

/**
 * The periods of `kind` that tile `period`, in order: the 12 months of `2024`, the 2 quarters of `2024S2`,
 * `[period]` itself for its own kind, and `[]` when `kind` is coarser than the period.
 */
export function subPeriods(period: Period, kind: PeriodKind): Period[] {
	if (!isFinerOrEqual(kind, period.kind)) return [];
	const out: Period[] = [];
	let cursor = period.start;
	while (compareDates(cursor, period.end) <= 0) {
		const p = periodAt(cursor, kind);
		if (!p) break;
		out.push(p);
		cursor = addDays(p.end, 1);
	}
	return out;
}

/** True when `inner` lies entirely inside `outer` (a period contains itself). */
export function periodContains(outer: Period, inner: Period): boolean {
	return compareDates(outer.start, inner.start) <= 0 && compareDates(inner.end, outer.end) <= 0;
}

/**
 * The counting rule of the design brief: a value counts towards a plan when its period lies inside the plan's
 * period and starts on or before the as-of date. So a Q3 figure reported early counts once Q3 has begun.
 */
export function countsTowardsPlan(plan: Period, value: Period, asOf: string): boolean {
	return periodContains(plan, value) && compareDates(value.start, asOf) <= 0;
}
