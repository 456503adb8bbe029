import { describe, expect, it } from 'vitest';
import { combineYearAndPeriod, excelSerialToIso, normalisePeriod } from '$lib/import/periods';

describe('normalisePeriod', () => {
	it.each([
		['2024', '2024'],
		['Năm 2024', '2024'],
		['2024Q3', '2024Q3'],
		['Quý 3/2024', '2024Q3'],
		['quý 3 / 2024', '2024Q3'],
		['Quy 3 nam 2024', '2024Q3'],
		['Q3/2024', '2024Q3'],
		['Q3-2024', '2024Q3'],
		['Q3 2024', '2024Q3'],
		['2024-Q3', '2024Q3'],
		['Quý III năm 2024', '2024Q3'],
		['Quý IV/2024', '2024Q4'],
		['Kỳ báo cáo: Quý 1/2025', '2025Q1'],
		['6 tháng đầu năm 2024', '2024S1'],
		['6 tháng cuối năm 2024', '2024S2'],
		['Sáu tháng đầu năm 2024', '2024S1'],
		['H1/2024', '2024S1'],
		['2024S2', '2024S2'],
		['Tháng 3/2024', '2024-03'],
		['tháng 12 năm 2024', '2024-12'],
		['T3/2024', '2024-03'],
		['03/2024', '2024-03'],
		['3-2024', '2024-03'],
		['2024-03', '2024-03'],
		['15/10/2024', '2024-10-15'],
		['5/3/2024', '2024-03-05'],
		['15-10-2024', '2024-10-15'],
		['15.10.2024', '2024-10-15'],
		['Ngày 15 tháng 10 năm 2024', '2024-10-15'],
		['ngày 8/02/2018', '2018-02-08'],
		['Quý II/2024', '2024Q2'],
		['2024-10-15', '2024-10-15'],
		['2024-10-15T00:00:00.000Z', '2024-10-15'],
		// Excel serial: 45292 is 2024-01-01, so 2024-10-15 (day 289) is 45292 + 288.
		['45580', '2024-10-15']
	])('%s → %s', (written, code) => {
		expect(normalisePeriod(written)).toBe(code);
	});

	it.each([
		'',
		'Quý 5/2024',
		'13/2024',
		'31/02/2024',
		'29/02/2023',
		'9 tháng năm 2024',
		'Q3',
		'abc',
		'24',
		'1800'
	])('refuses %j', (written) => {
		expect(normalisePeriod(written)).toBeNull();
	});

	it('reads day first, never month first', () => {
		expect(normalisePeriod('03/04/2024')).toBe('2024-04-03');
		expect(normalisePeriod('10/15/2024')).toBeNull();
	});
});

describe('combineYearAndPeriod', () => {
	it('completes a quarter or a month with the year column', () => {
		expect(combineYearAndPeriod('2024', 'Quý 3')).toBe('2024Q3');
		expect(combineYearAndPeriod('2024', 'III', 'quarter')).toBe('2024Q3');
		expect(combineYearAndPeriod('2024', '3', 'quarter')).toBe('2024Q3');
		expect(combineYearAndPeriod('2024', '3', 'month')).toBe('2024-03');
		expect(combineYearAndPeriod('Năm 2024', 'Tháng 11')).toBe('2024-11');
		expect(combineYearAndPeriod('2024', '6 tháng đầu năm')).toBe('2024S1');
		expect(combineYearAndPeriod('2024', '2', 'half')).toBe('2024S2');
	});

	it('gives the year for a blank period, and a period with its own year as written', () => {
		expect(combineYearAndPeriod('2024', '')).toBe('2024');
		expect(combineYearAndPeriod('2024', 'Quý 1/2025')).toBe('2025Q1');
	});

	it('refuses what does not combine', () => {
		expect(combineYearAndPeriod('2024', '5', 'quarter')).toBeNull();
		expect(combineYearAndPeriod('2024', '13', 'month')).toBeNull();
		expect(combineYearAndPeriod('2024', '3')).toBeNull();
	});
});

describe('excelSerialToIso', () => {
	it('counts from 1899-12-30 like Excel', () => {
		expect(excelSerialToIso(45292)).toBe('2024-01-01');
		expect(excelSerialToIso(45292.75)).toBe('2024-01-01');
		expect(excelSerialToIso(0)).toBeNull();
	});
});
