/**
 * Calendar arithmetic on ISO `YYYY-MM-DD` strings.
 *
 * Everything works on integer day numbers (proleptic Gregorian calendar) instead of JS `Date`, so that
 * results never depend on the machine's time zone or daylight-saving rules. Only `todayIso` reads the clock.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const MONTHS_EN = [
	'Jan',
	'Feb',
	'Mar',
	'Apr',
	'May',
	'Jun',
	'Jul',
	'Aug',
	'Sep',
	'Oct',
	'Nov',
	'Dec'
] as const;

/** Day numbers of 0000-01-01 and 9999-12-31: beyond them a year no longer fits the four-digit format. */
const MIN_DAY = -719528;
const MAX_DAY = 2932896;

/** True when `year` has a 29 February in the Gregorian calendar. */
export function isLeapYear(year: number): boolean {
	return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** Number of days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
	if (month === 2) return isLeapYear(year) ? 29 : 28;
	return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function pad(n: number, width: number): string {
	return String(n).padStart(width, '0');
}

/** Formats calendar parts as `YYYY-MM-DD` without validating them. */
export function isoFromParts(year: number, month: number, day: number): string {
	return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Splits a strictly valid ISO date into numbers, or null when `s` is not one. */
function isoParts(s: string): { year: number; month: number; day: number } | null {
	const m = ISO_DATE.exec(s);
	if (!m) return null;
	const year = Number(m[1]);
	const month = Number(m[2]);
	const day = Number(m[3]);
	if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
	return { year, month, day };
}

function requireParts(iso: string): { year: number; month: number; day: number } {
	const parts = isoParts(iso);
	if (!parts) throw new RangeError(`Invalid ISO date: ${JSON.stringify(iso)}`);
	return parts;
}

/**
 * Returns `s` when it is a real calendar date written exactly as `YYYY-MM-DD` (no time, no spaces, no
 * `2023-02-29`), else null. Non-strings give null too, because this also guards untrusted JSON.
 */
export function parseIsoDate(s: unknown): string | null {
	return typeof s === 'string' && isoParts(s) ? s : null;
}

/**
 * Days since 1970-01-01 (negative before it). Throws RangeError on an invalid date, since a silent NaN would
 * poison every sum downstream.
 */
export function dayNumber(iso: string): number {
	const { year, month, day } = requireParts(iso);
	// Howard Hinnant's days_from_civil: counting years from March puts the leap day at the end of the year.
	const y = month <= 2 ? year - 1 : year;
	const era = Math.floor(y / 400);
	const yoe = y - era * 400;
	const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
	const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
	return era * 146097 + doe - 719468;
}

/** Inverse of `dayNumber`. Throws RangeError for non-integers and for years outside 0000–9999. */
export function fromDayNumber(n: number): string {
	if (!Number.isInteger(n) || n < MIN_DAY || n > MAX_DAY) {
		throw new RangeError(`Day number out of range: ${n}`);
	}
	// Howard Hinnant's civil_from_days.
	const z = n + 719468;
	const era = Math.floor(z / 146097);
	const doe = z - era * 146097;
	const yoe = Math.floor(
		(doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365
	);
	const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
	const mp = Math.floor((5 * doy + 2) / 153);
	const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
	const month = mp < 10 ? mp + 3 : mp - 9;
	const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
	return isoFromParts(year, month, day);
}

/** The date `days` days after `iso` (before it when negative). */
export function addDays(iso: string, days: number): string {
	return fromDayNumber(dayNumber(iso) + days);
}

/** Number of days in the inclusive range [start, end]; 0 when end is before start (an empty range). */
export function daysInclusive(start: string, end: string): number {
	return Math.max(0, dayNumber(end) - dayNumber(start) + 1);
}

/** -1, 0 or 1 as `a` is before, equal to or after `b`; usable as an `Array.sort` comparator. */
export function compareDates(a: string, b: string): number {
	return Math.sign(dayNumber(a) - dayNumber(b));
}

/** `d` moved into [start, end]. */
export function clampDate(d: string, start: string, end: string): string {
	if (compareDates(start, end) > 0) throw new RangeError(`Empty range: ${start}..${end}`);
	if (compareDates(d, start) < 0) return start;
	if (compareDates(d, end) > 0) return end;
	return d;
}

/**
 * The machine's local calendar date as `YYYY-MM-DD`. Local rather than UTC on purpose: in Hà Nội (UTC+7)
 * the UTC date is still yesterday until 07:00. `now` is injectable for tests.
 */
export function todayIso(now: Date = new Date()): string {
	return isoFromParts(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/** Vietnamese display format, `15/10/2024`. */
export function formatDateVi(iso: string): string {
	const { year, month, day } = requireParts(iso);
	return `${pad(day, 2)}/${pad(month, 2)}/${pad(year, 4)}`;
}

/**
 * English display format, `15 Oct 2024` (`5 Oct 2024`, day not padded). Month names are hard-coded because
 * `Intl` output varies with the ICU version (en-GB now prints `Sept`).
 */
export function formatDateEn(iso: string): string {
	const { year, month, day } = requireParts(iso);
	return `${day} ${MONTHS_EN[month - 1]} ${pad(year, 4)}`;
}

/**
 * Share of the plan period [start, end] elapsed by the end of `asOf` (the as-of day counts as elapsed):
 * 0 before start, 1 from `end` on. Example: 2024-01-01..2024-12-31 as of 2024-06-30 gives 182/366.
 */
export function elapsedShare(start: string, end: string, asOf: string): number {
	const s = dayNumber(start);
	const e = dayNumber(end);
	const a = dayNumber(asOf);
	if (e < s) throw new RangeError(`Empty range: ${start}..${end}`);
	if (a < s) return 0;
	if (a >= e) return 1;
	return (a - s + 1) / (e - s + 1);
}
