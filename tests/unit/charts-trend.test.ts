import { describe, expect, it } from 'vitest';
import { trajectoryKnots, trendLayout, type TrendInput } from '$lib/charts/trend';
import { dayNumber } from '$lib/periods/dates';

const year2024: TrendInput = {
	points: [
		{ date: '2024-03-31', value: 40 },
		{ date: '2024-06-30', value: 80 },
		{ date: '2024-09-30', value: 125 }
	],
	start: '2024-01-01',
	end: '2024-12-31',
	target: 183,
	lang: 'vi',
	width: 600,
	height: 240
};

describe('trendLayout', () => {
	it('places a value at the end of its day on the plan period', () => {
		const l = trendLayout(year2024);
		const { x, width } = l.plot;
		// 2024 has 366 days; 31 March ends day 91, 30 June day 182, 30 September day 274.
		expect(l.marks.map((m) => m.x)).toEqual(
			[91, 182, 274].map((days) => Math.round((x + (width * days) / 366) * 100) / 100)
		);
		// The period runs from the plot's left edge to its right edge.
		expect(l.xTicks[0]?.x).toBe(x);
		expect(l.marks.every((m) => m.x > x && m.x < x + width)).toBe(true);
	});

	it('draws the target line and the linear trajectory from 0 to the target', () => {
		const l = trendLayout(year2024);
		const bottom = l.plot.y + l.plot.height;
		expect(l.target?.x1).toBe(l.plot.x);
		expect(l.target?.x2).toBe(l.plot.x + l.plot.width);
		expect(l.target?.label).toBe('Chỉ tiêu 183');
		// y domain: [0, 183] made nice → [0, 200].
		expect(l.yTicks.map((t) => t.label)).toEqual(['0', '50', '100', '150', '200']);
		expect(l.target?.y).toBeCloseTo(bottom - (l.plot.height * 183) / 200, 2);
		expect(l.trajectory?.d).toBe(
			`M${l.plot.x},${bottom}L${l.plot.x + l.plot.width},${Math.round((bottom - (l.plot.height * 183) / 200) * 100) / 100}`
		);
	});

	it('says it in words: period, latest value, target, expected by then, range', () => {
		const l = trendLayout(year2024);
		// Expected on 30/09/2024: 183 × 274 / 366 = 137.
		expect(l.desc).toBe(
			'Từ 01/01/2024 đến 31/12/2024. Giá trị mới nhất 125 (ngày 30/09/2024). Chỉ tiêu 183. ' +
				'Theo tiến độ đến ngày 30/09/2024 cần 137. Thấp nhất 40, cao nhất 125; 3 điểm số liệu.'
		);
		expect(l.marks.map((m) => m.tooltip)).toEqual(['31/03/2024: 40', '30/06/2024: 80', '30/09/2024: 125']);
		const asOf = trendLayout({ ...year2024, asOf: '2024-06-30' });
		// 183 × 182 / 366 = 91.
		expect(asOf.desc).toContain('Theo tiến độ đến ngày 30/06/2024 cần 91.');
	});

	it('labels months in Vietnamese, or month/year over several years', () => {
		const wide = trendLayout({ ...year2024, width: 1200 });
		expect(wide.xTicks.map((t) => t.label)).toEqual([
			'tháng 1',
			'tháng 2',
			'tháng 3',
			'tháng 4',
			'tháng 5',
			'tháng 6',
			'tháng 7',
			'tháng 8',
			'tháng 9',
			'tháng 10',
			'tháng 11',
			'tháng 12'
		]);
		const narrow = trendLayout({ ...year2024, width: 300 });
		expect(narrow.xTicks.map((t) => t.label)).toEqual(['tháng 1', 'tháng 4', 'tháng 7', 'tháng 10']);
		const years = trendLayout({ ...year2024, start: '2021-01-01', end: '2025-12-31' });
		expect(years.xTicks[0]?.label).toBe('01/2021');
		expect(years.xTicks.every((t) => /^\d{2}\/\d{4}$/.test(t.label))).toBe(true);
		const en = trendLayout({ ...year2024, lang: 'en', width: 1200 });
		expect(en.xTicks.slice(0, 3).map((t) => t.label)).toEqual(['Jan', 'Feb', 'Mar']);
		expect(en.desc).toContain('From 1 Jan 2024 to 31 Dec 2024.');
	});

	it('writes the y axis with vi-VN numbers and shares as percentages', () => {
		const big = trendLayout({ ...year2024, points: [{ date: '2024-06-30', value: 1300 }], target: 1500 });
		expect(big.yTicks.map((t) => t.label)).toContain('1.000');
		expect(big.target?.label).toBe('Chỉ tiêu 1.500');
		const share = trendLayout({
			...year2024,
			points: [{ date: '2024-06-30', value: 0.55 }],
			target: 0.8,
			trajectory: 'none',
			isShare: true
		});
		expect(share.yTicks[share.yTicks.length - 1]?.label).toBe('100%');
		expect(share.trajectory).toBeNull();
		expect(share.marks[0]?.tooltip).toBe('30/06/2024: 55%');
	});

	it('leaves a gap where a value is missing', () => {
		const l = trendLayout({
			...year2024,
			points: [
				{ date: '2024-01-31', value: 10 },
				{ date: '2024-02-29', value: 20 },
				{ date: '2024-03-31', value: null },
				{ date: '2024-04-30', value: 40 },
				{ date: '2024-05-31', value: 50 }
			]
		});
		expect(l.line.match(/M/g)).toHaveLength(2);
		expect(l.marks).toHaveLength(4);
	});

	it('follows a quarter-weighted trajectory', () => {
		const knots = trajectoryKnots('2024-01-01', '2024-12-31', 100, { quarterWeights: [0.1, 0.2, 0.3, 0.4] });
		expect(knots.map((k) => Math.round(k.value * 1e9) / 1e9)).toEqual([0, 10, 30, 60, 100]);
		expect(knots.map((k) => k.t - dayNumber('2024-01-01'))).toEqual([0, 91, 182, 274, 366]);
		const l = trendLayout({ ...year2024, target: 100, trajectory: { quarterWeights: [0.1, 0.2, 0.3, 0.4] } });
		// Expected on 30/09/2024 = the end of Q3: 60.
		expect(l.desc).toContain('cần 60.');
		expect(l.trajectory?.d.match(/L/g)).toHaveLength(4);
		// Not a calendar-year plan: linear.
		expect(
			trajectoryKnots('2024-07-01', '2025-06-30', 100, { quarterWeights: [0.1, 0.2, 0.3, 0.4] })
		).toHaveLength(2);
	});

	it('has a sparkline variant without axes but with the same text alternative', () => {
		const full = trendLayout(year2024);
		const small = trendLayout({ ...year2024, small: true, width: 120, height: 32 });
		expect(small.xTicks).toEqual([]);
		expect(small.yTicks).toEqual([]);
		expect(small.legend).toEqual([]);
		expect(small.marks).toHaveLength(1);
		expect(small.marks[0]?.date).toBe('2024-09-30');
		expect(small.desc).toBe(full.desc);
		expect(small.plot).toEqual({ x: 3, y: 3, width: 114, height: 26 });
	});

	it('says so when there is no data', () => {
		const l = trendLayout({ ...year2024, points: [] });
		expect(l.line).toBe('');
		expect(l.marks).toEqual([]);
		expect(l.desc).toBe('Từ 01/01/2024 đến 31/12/2024. Chưa có số liệu trong kỳ. Chỉ tiêu 183.');
		expect(JSON.stringify(trendLayout({ ...year2024, points: [], target: null }))).not.toContain('NaN');
	});

	it('has a legend for the three lines', () => {
		expect(trendLayout(year2024).legend.map((i) => i.label)).toEqual([
			'Thực hiện',
			'Theo tiến độ',
			'Chỉ tiêu'
		]);
	});
});
