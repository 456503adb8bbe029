import { describe, it, expect } from 'vitest';
import {
	addDays,
	clampDate,
	compareDates,
	countsTowardsPlan,
	dayNumber,
	daysInclusive,
	elapsedShare,
	formatDateEn,
	formatDateVi,
	fromDayNumber,
	isLeapYear,
	isPeriodCode,
	parseIsoDate,
	parsePeriod,
	periodAt,
	periodCodeAt,
	periodContains,
	periodOfDates,
	subPeriods,
	todayIso,
	type Period
} from '../../src/lib/periods';

function mustParse(code: string): Period {
	const p = parsePeriod(code);
	if (!p) throw new Error(`expected ${code} to parse`);
	return p;
}

describe('parseIsoDate', () => {
	it('accepts real dates, including 29 Feb of leap years', () => {
		for (const d of ['2024-01-01', '2024-02-29', '2000-02-29', '2024-12-31', '1900-02-28', '0000-01-01']) {
			expect(parseIsoDate(d)).toBe(d);
		}
	});

	it('rejects impossible dates and loose formats', () => {
		const bad = [
			'2023-02-29', // 2023 is not a leap year
			'1900-02-29', // divisible by 100, not by 400
			'2100-02-29',
			'2024-02-30',
			'2024-04-31', // April has 30 days
			'2024-13-01',
			'2024-00-10',
			'2024-01-00',
			'2024-1-5',
			'2024-01-05T00:00:00Z',
			' 2024-01-05',
			'2024/01/05',
			'20240105',
			''
		];
		for (const d of bad) expect(parseIsoDate(d), d).toBeNull();
		expect(parseIsoDate(20240105)).toBeNull();
		expect(parseIsoDate(null)).toBeNull();
	});
});

describe('isLeapYear', () => {
	it('follows the Gregorian 4/100/400 rule', () => {
		expect([1900, 2000, 2023, 2024, 2100].map(isLeapYear)).toEqual([false, true, false, true, false]);
	});
});

describe('dayNumber and fromDayNumber', () => {
	it('counts days from 1970-01-01', () => {
		expect(dayNumber('1970-01-01')).toBe(0);
		expect(dayNumber('1970-01-02')).toBe(1);
		expect(dayNumber('1969-12-31')).toBe(-1);
		// 1970..1999 has 30 years with 7 leap years (72, 76, ..., 96): 30 * 365 + 7 = 10957.
		expect(dayNumber('2000-01-01')).toBe(10957);
		// 2000..2023: 24 years, leap years 2000, 2004, ..., 2020 = 6: 10957 + 24 * 365 + 6 = 19723.
		expect(dayNumber('2024-01-01')).toBe(19723);
		// + 31 (Jan) + 28 = 59 days later.
		expect(dayNumber('2024-02-29')).toBe(19782);
		expect(dayNumber('2024-03-01')).toBe(19783);
	});

	it('round-trips and agrees with Date.UTC for every day of 1900–2100', () => {
		// Independent check: Date.UTC is exact in UTC and never sees a local time zone.
		const first = Date.UTC(1900, 0, 1) / 86_400_000;
		const last = Date.UTC(2100, 11, 31) / 86_400_000;
		const mismatches: string[] = [];
		for (let n = first; n <= last; n++) {
			const iso = new Date(n * 86_400_000).toISOString().slice(0, 10);
			if (dayNumber(iso) !== n || fromDayNumber(n) !== iso) mismatches.push(iso);
		}
		// 201 years * 365 + 49 leap days (1904..2096; 1900 and 2100 are not leap years).
		expect(last - first + 1).toBe(73_414);
		expect(mismatches).toEqual([]);
	});

	it('covers exactly the four-digit years', () => {
		expect(fromDayNumber(dayNumber('0000-01-01'))).toBe('0000-01-01');
		expect(fromDayNumber(dayNumber('9999-12-31'))).toBe('9999-12-31');
		expect(() => fromDayNumber(dayNumber('0000-01-01') - 1)).toThrow(RangeError);
		expect(() => fromDayNumber(dayNumber('9999-12-31') + 1)).toThrow(RangeError);
		expect(() => fromDayNumber(1.5)).toThrow(RangeError);
	});

	it('throws on invalid dates instead of returning NaN', () => {
		expect(() => dayNumber('2023-02-29')).toThrow(RangeError);
	});
});

describe('date arithmetic', () => {
	it('addDays crosses month, leap-day and year boundaries', () => {
		expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
		expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
		expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
		expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
		expect(addDays('2024-01-01', 366)).toBe('2025-01-01');
		expect(addDays('2024-05-05', 0)).toBe('2024-05-05');
	});

	it('daysInclusive counts both ends', () => {
		expect(daysInclusive('2024-01-01', '2024-12-31')).toBe(366);
		expect(daysInclusive('2023-01-01', '2023-12-31')).toBe(365);
		expect(daysInclusive('2024-02-01', '2024-02-29')).toBe(29);
		expect(daysInclusive('2024-10-15', '2024-10-15')).toBe(1);
		expect(daysInclusive('2024-10-16', '2024-10-15')).toBe(0);
	});

	it('compareDates orders dates', () => {
		expect(compareDates('2024-01-01', '2024-01-02')).toBe(-1);
		expect(compareDates('2024-01-02', '2024-01-02')).toBe(0);
		expect(compareDates('2025-01-01', '2024-12-31')).toBe(1);
		expect(['2024-03-01', '2023-12-31', '2024-02-29'].sort(compareDates)).toEqual([
			'2023-12-31',
			'2024-02-29',
			'2024-03-01'
		]);
	});

	it('clampDate moves dates into the range', () => {
		expect(clampDate('2023-12-31', '2024-01-01', '2024-12-31')).toBe('2024-01-01');
		expect(clampDate('2024-06-15', '2024-01-01', '2024-12-31')).toBe('2024-06-15');
		expect(clampDate('2025-01-01', '2024-01-01', '2024-12-31')).toBe('2024-12-31');
		expect(() => clampDate('2024-06-15', '2024-12-31', '2024-01-01')).toThrow(RangeError);
	});
});

describe('todayIso', () => {
	it('formats the local calendar date with zero padding', () => {
		// Constructed from local parts, so the expectation holds in every time zone.
		expect(todayIso(new Date(2024, 0, 5, 23, 59))).toBe('2024-01-05');
		expect(todayIso(new Date(2024, 11, 31, 0, 0))).toBe('2024-12-31');
		expect(parseIsoDate(todayIso())).not.toBeNull();
	});
});

describe('formatting', () => {
	it('formats Vietnamese dates as dd/mm/yyyy', () => {
		expect(formatDateVi('2024-10-15')).toBe('15/10/2024');
		expect(formatDateVi('2024-02-05')).toBe('05/02/2024');
	});

	it('formats English dates as d Mon yyyy', () => {
		expect(formatDateEn('2024-10-15')).toBe('15 Oct 2024');
		expect(formatDateEn('2024-09-05')).toBe('5 Sep 2024');
		expect(formatDateEn('2024-12-31')).toBe('31 Dec 2024');
	});

	it('rejects invalid dates', () => {
		expect(() => formatDateVi('2023-02-29')).toThrow(RangeError);
		expect(() => formatDateEn('2024-13-01')).toThrow(RangeError);
	});
});

describe('elapsedShare', () => {
	const start = '2024-01-01';
	const end = '2024-12-31'; // 366 days: 2024 is a leap year

	it('is 0 before the start and 1/366 on the first day', () => {
		expect(elapsedShare(start, end, '2023-12-31')).toBe(0);
		expect(elapsedShare(start, end, '2024-01-01')).toBe(1 / 366);
	});

	it('counts the as-of day as elapsed', () => {
		// Jan 31 + Feb 29 + Mar 31 + Apr 30 + May 31 + Jun 30 = 182 days.
		expect(elapsedShare(start, end, '2024-06-30')).toBe(182 / 366);
		// 31 + 29 = 60: the leap day counts.
		expect(elapsedShare(start, end, '2024-02-29')).toBe(60 / 366);
		expect(elapsedShare(start, end, '2024-12-30')).toBe(365 / 366);
	});

	it('is 1 on and after the end', () => {
		expect(elapsedShare(start, end, '2024-12-31')).toBe(1);
		expect(elapsedShare(start, end, '2025-06-01')).toBe(1);
	});

	it('handles a one-day plan and rejects reversed ranges', () => {
		expect(elapsedShare('2024-10-15', '2024-10-15', '2024-10-14')).toBe(0);
		expect(elapsedShare('2024-10-15', '2024-10-15', '2024-10-15')).toBe(1);
		expect(() => elapsedShare(end, start, '2024-06-30')).toThrow(RangeError);
	});
});

describe('parsePeriod', () => {
	it('parses every kind with inclusive bounds', () => {
		expect(parsePeriod('2024')).toEqual({
			code: '2024',
			kind: 'year',
			start: '2024-01-01',
			end: '2024-12-31'
		});
		expect(parsePeriod('2024S1')).toEqual({
			code: '2024S1',
			kind: 'half',
			start: '2024-01-01',
			end: '2024-06-30'
		});
		expect(parsePeriod('2024S2')).toEqual({
			code: '2024S2',
			kind: 'half',
			start: '2024-07-01',
			end: '2024-12-31'
		});
		expect(parsePeriod('2024Q3')).toEqual({
			code: '2024Q3',
			kind: 'quarter',
			start: '2024-07-01',
			end: '2024-09-30'
		});
		expect(parsePeriod('2024-03')).toEqual({
			code: '2024-03',
			kind: 'month',
			start: '2024-03-01',
			end: '2024-03-31'
		});
		expect(parsePeriod('2024-10-15')).toEqual({
			code: '2024-10-15',
			kind: 'day',
			start: '2024-10-15',
			end: '2024-10-15'
		});
	});

	it('gets quarter ends and February right', () => {
		expect(mustParse('2024Q1').end).toBe('2024-03-31');
		expect(mustParse('2024Q2').end).toBe('2024-06-30');
		expect(mustParse('2024Q4')).toMatchObject({ start: '2024-10-01', end: '2024-12-31' });
		expect(mustParse('2024-02').end).toBe('2024-02-29');
		expect(mustParse('2023-02').end).toBe('2023-02-28');
		expect(mustParse('2000-02').end).toBe('2000-02-29');
		expect(mustParse('2100-02').end).toBe('2100-02-28');
		expect(mustParse('2024-12')).toMatchObject({ start: '2024-12-01', end: '2024-12-31' });
		expect(mustParse('2024-04').end).toBe('2024-04-30');
		expect(mustParse('2024-02-29').kind).toBe('day');
	});

	it('accepts years 1900 to 2100 only', () => {
		expect(mustParse('1900').start).toBe('1900-01-01');
		expect(mustParse('2100-12-31').end).toBe('2100-12-31');
		for (const code of ['1899', '2101', '1899-12-31', '2101Q1', '0000'])
			expect(parsePeriod(code), code).toBeNull();
	});

	it('rejects malformed codes', () => {
		const bad = [
			'2024Q5',
			'2024Q0',
			'2024S3',
			'2024S0',
			'2024-13',
			'2024-00',
			'2024-3',
			'2023-02-29',
			'2024-02-30',
			'2024-04-31',
			'24',
			'02024',
			' 2024',
			'2024 ',
			'2024q1',
			'2024s1',
			'2024H1',
			'2024-Q1',
			'Q1 2024',
			'2024-10-15T00:00',
			''
		];
		for (const code of bad) expect(parsePeriod(code), code).toBeNull();
	});

	it('isPeriodCode guards unknown values', () => {
		expect(isPeriodCode('2024Q3')).toBe(true);
		expect(isPeriodCode('2024Q5')).toBe(false);
		expect(isPeriodCode(2024)).toBe(false);
		expect(isPeriodCode(undefined)).toBe(false);
	});
});

describe('periodAt and periodCodeAt', () => {
	it('finds the period of each kind containing a date', () => {
		expect(periodCodeAt('2024-06-30', 'year')).toBe('2024');
		expect(periodCodeAt('2024-06-30', 'half')).toBe('2024S1');
		expect(periodCodeAt('2024-07-01', 'half')).toBe('2024S2');
		expect(periodCodeAt('2024-09-30', 'quarter')).toBe('2024Q3');
		expect(periodCodeAt('2024-10-01', 'quarter')).toBe('2024Q4');
		expect(periodCodeAt('2024-12-31', 'month')).toBe('2024-12');
		expect(periodCodeAt('2024-12-31', 'day')).toBe('2024-12-31');
		expect(periodAt('2024-02-10', 'month')).toEqual(mustParse('2024-02'));
	});

	it('returns null for invalid or out-of-range dates', () => {
		expect(periodCodeAt('2023-02-29', 'year')).toBeNull();
		expect(periodCodeAt('2101-01-01', 'month')).toBeNull();
		expect(periodAt('nope', 'day')).toBeNull();
	});
});

describe('periodOfDates', () => {
	it('names a range that is exactly one period, coarsest first', () => {
		expect(periodOfDates('2024-01-01', '2024-12-31')).toBe('2024');
		expect(periodOfDates('2024-01-01', '2024-06-30')).toBe('2024S1');
		expect(periodOfDates('2024-07-01', '2024-12-31')).toBe('2024S2');
		expect(periodOfDates('2024-07-01', '2024-09-30')).toBe('2024Q3');
		expect(periodOfDates('2024-02-01', '2024-02-29')).toBe('2024-02');
		expect(periodOfDates('2024-12-01', '2024-12-31')).toBe('2024-12');
		expect(periodOfDates('2024-10-15', '2024-10-15')).toBe('2024-10-15');
	});

	it('returns null for anything else', () => {
		expect(periodOfDates('2024-01-01', '2024-12-30')).toBeNull();
		expect(periodOfDates('2023-02-01', '2023-02-29')).toBeNull(); // invalid end
		expect(periodOfDates('2024-02-01', '2024-02-28')).toBeNull(); // leap year: Feb ends on the 29th
		expect(periodOfDates('2024-01-01', '2024-09-30')).toBeNull(); // three quarters
		expect(periodOfDates('2024-04-01', '2024-09-30')).toBeNull(); // Q2+Q3 is not a half
		expect(periodOfDates('2024-12-31', '2024-01-01')).toBeNull();
	});

	it('round-trips with parsePeriod', () => {
		for (const code of ['2024', '2023S2', '2024Q1', '2023-02', '2024-02-29']) {
			const p = mustParse(code);
			expect(periodOfDates(p.start, p.end)).toBe(code);
		}
	});
});

describe('subPeriods', () => {
	it('splits a year into 12 months and 4 quarters', () => {
		const months = subPeriods(mustParse('2024'), 'month');
		expect(months.map((p) => p.code)).toEqual([
			'2024-01',
			'2024-02',
			'2024-03',
			'2024-04',
			'2024-05',
			'2024-06',
			'2024-07',
			'2024-08',
			'2024-09',
			'2024-10',
			'2024-11',
			'2024-12'
		]);
		expect(subPeriods(mustParse('2024'), 'quarter').map((p) => p.code)).toEqual([
			'2024Q1',
			'2024Q2',
			'2024Q3',
			'2024Q4'
		]);
		expect(subPeriods(mustParse('2024'), 'half').map((p) => p.code)).toEqual(['2024S1', '2024S2']);
	});

	it('tiles without gaps', () => {
		expect(subPeriods(mustParse('2024'), 'day')).toHaveLength(366);
		expect(subPeriods(mustParse('2023'), 'day')).toHaveLength(365);
		const feb = subPeriods(mustParse('2024-02'), 'day');
		expect(feb).toHaveLength(29);
		expect(feb.at(-1)?.code).toBe('2024-02-29');
		expect(subPeriods(mustParse('2024S2'), 'quarter').map((p) => p.code)).toEqual(['2024Q3', '2024Q4']);
		expect(subPeriods(mustParse('2024Q4'), 'month').map((p) => p.code)).toEqual([
			'2024-10',
			'2024-11',
			'2024-12'
		]);
		expect(subPeriods(mustParse('2100'), 'quarter')).toHaveLength(4);
	});

	it('returns the period itself for its own kind and nothing for coarser kinds', () => {
		expect(subPeriods(mustParse('2024Q3'), 'quarter')).toEqual([mustParse('2024Q3')]);
		expect(subPeriods(mustParse('2024-03'), 'year')).toEqual([]);
		expect(subPeriods(mustParse('2024Q3'), 'half')).toEqual([]);
	});
});

describe('periodContains and countsTowardsPlan', () => {
	it('checks containment of date ranges', () => {
		expect(periodContains(mustParse('2024'), mustParse('2024Q3'))).toBe(true);
		expect(periodContains(mustParse('2024'), mustParse('2024'))).toBe(true);
		expect(periodContains(mustParse('2024S2'), mustParse('2024Q3'))).toBe(true);
		expect(periodContains(mustParse('2024S1'), mustParse('2024Q3'))).toBe(false);
		expect(periodContains(mustParse('2024Q3'), mustParse('2024'))).toBe(false);
		expect(periodContains(mustParse('2024'), mustParse('2025-01'))).toBe(false);
		expect(periodContains(mustParse('2024-12'), mustParse('2024-12-31'))).toBe(true);
	});

	it('counts values inside the plan that started by the as-of date', () => {
		const plan = mustParse('2024');
		expect(countsTowardsPlan(plan, mustParse('2024Q3'), '2024-07-01')).toBe(true); // starts on as-of
		expect(countsTowardsPlan(plan, mustParse('2024Q3'), '2024-06-30')).toBe(false); // not started yet
		expect(countsTowardsPlan(plan, mustParse('2023-12'), '2024-06-30')).toBe(false); // outside the plan
		expect(countsTowardsPlan(plan, mustParse('2024'), '2024-01-01')).toBe(true);
	});
});
