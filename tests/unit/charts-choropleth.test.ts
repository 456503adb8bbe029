import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { csvParse } from 'd3';
import { describe, expect, it } from 'vitest';
import {
	asProvinceCollection,
	choroplethLayout,
	rollUpToNewProvinces,
	sequentialInterpolator,
	type CrosswalkRow
} from '$lib/charts/choropleth';
import type { Status } from '$lib/model/plan';
import { STATUS_STYLES } from '$lib/status-style';
import geoJson from '$data/geo/provinces-34.json';

const DATA = fileURLToPath(new URL('../../data', import.meta.url));
const geo = asProvinceCollection(geoJson);
const crosswalk = csvParse(readFileSync(`${DATA}/crosswalk_2025.csv`, 'utf8')) as unknown as CrosswalkRow[];

const size = { lang: 'vi', width: 480, height: 520 } as const;

describe('choroplethLayout', () => {
	const values = new Map([
		['01', 1300],
		['79', 2100],
		['04', 100]
	]);
	const l = choroplethLayout({ geo, values, ...size });
	const byCode = new Map(l.provinces.map((p) => [p.code, p]));

	it('draws the 34 provinces, each with a non-empty path inside the chart', () => {
		expect(l.provinces).toHaveLength(34);
		expect(new Set(l.provinces.map((p) => p.code)).size).toBe(34);
		for (const p of l.provinces) {
			expect(p.d.length).toBeGreaterThan(50);
			expect(p.d).not.toContain('NaN');
			expect(p.bounds[0][0]).toBeGreaterThanOrEqual(0);
			expect(p.bounds[1][0]).toBeLessThanOrEqual(480);
			expect(p.bounds[0][1]).toBeGreaterThanOrEqual(0);
			expect(p.bounds[1][1]).toBeLessThanOrEqual(520);
		}
	});

	it('includes Hoàng Sa in Đà Nẵng and Trường Sa in Khánh Hòa, east of the mainland', () => {
		const mainlandEast = Math.max(
			...l.provinces.filter((p) => p.code !== '48' && p.code !== '56').map((p) => p.bounds[1][0])
		);
		const daNang = byCode.get('48');
		const khanhHoa = byCode.get('56');
		expect(daNang!.bounds[1][0]).toBeGreaterThan(mainlandEast + 50);
		expect(khanhHoa!.bounds[1][0]).toBeGreaterThan(mainlandEast + 100);
		// Too small to see as areas, the islands are also drawn as dots east of the mainland.
		expect(daNang!.islandDots.filter((d) => d.x > mainlandEast).length).toBeGreaterThan(5);
		expect(khanhHoa!.islandDots.filter((d) => d.x > mainlandEast).length).toBeGreaterThan(10);
		// Trường Sa lies south of Hoàng Sa.
		expect(Math.max(...khanhHoa!.islandDots.map((d) => d.y))).toBeGreaterThan(
			Math.max(...daNang!.islandDots.map((d) => d.y))
		);
	});

	it('labels the archipelagos as text on the map', () => {
		expect(l.archipelagos.map((a) => [a.code, a.text])).toEqual([
			['48', 'Hoàng Sa (Đà Nẵng)'],
			['56', 'Trường Sa (Khánh Hòa)']
		]);
		for (const a of l.archipelagos) {
			expect(a.x).toBeGreaterThan(0);
			expect(a.x).toBeLessThan(480);
			expect(a.y).toBeGreaterThan(0);
			expect(a.y).toBeLessThan(520);
		}
		const en = choroplethLayout({ geo, values, ...size, lang: 'en' });
		expect(en.archipelagos.map((a) => a.text)).toEqual(['Hoang Sa (Da Nang)', 'Truong Sa (Khanh Hoa)']);
		expect(en.provinces.find((p) => p.code === '01')?.name).toBe('Ha Noi City');
	});

	it('fills by value on a sequential scale, hatched where there is none', () => {
		// Domain [100, 2100]: Hồ Chí Minh at the top, Cao Bằng at the bottom, Hà Nội at 0.6.
		expect(byCode.get('79')?.fill).toBe(sequentialInterpolator(1));
		expect(byCode.get('04')?.fill).toBe(sequentialInterpolator(0));
		expect(byCode.get('01')?.fill).toBe(sequentialInterpolator(0.6));
		expect(byCode.get('01')?.tooltip).toBe('Thành phố Hà Nội: 1.300');
		const hue = byCode.get('46');
		expect(hue?.fill).toBeNull();
		expect(hue?.tooltip).toBe('Thành phố Huế: chưa có số liệu');
		expect(l.provinces.filter((p) => p.fill === null)).toHaveLength(31);
		expect(l.provinces.every((p) => p.icon === null)).toBe(true);
	});

	it('has a legend with vi-VN numbers and a no-data key', () => {
		expect(l.legend.kind).toBe('sequential');
		if (l.legend.kind !== 'sequential') return;
		// Domain [100, 2100]: round ticks 500 … 2.000, placed where they fall on the 150 px bar.
		expect(l.legend.ticks.map((t) => t.label)).toEqual(['500', '1.000', '1.500', '2.000']);
		expect(l.legend.ticks.map((t) => t.x)).toEqual([30, 67.5, 105, 142.5]);
		expect(l.legend.noData.label).toBe('Chưa có số liệu');
		expect(l.legend.stops[0]?.color).toBe(sequentialInterpolator(0));
	});

	it('sums the map up in words', () => {
		expect(l.title).toBe('Bản đồ 34 tỉnh, thành phố');
		expect(l.desc).toBe(
			'3/34 tỉnh, thành phố có số liệu. Cao nhất: Thành phố Hồ Chí Minh (2.100); thấp nhất: Tỉnh Cao Bằng (100).'
		);
	});

	it('fills by status, with the icon on each province', () => {
		const statuses = new Map<string, Status>([
			['01', 'achieved'],
			['48', 'missed'],
			['56', 'at-risk']
		]);
		const s = choroplethLayout({ geo, statuses, ...size, selected: '48' });
		expect(s.colorBy).toBe('status');
		const hanoi = s.provinces.find((p) => p.code === '01');
		expect(hanoi?.fill).toBe(STATUS_STYLES.achieved.fill);
		expect(hanoi?.icon?.text).toBe(STATUS_STYLES.achieved.icon);
		expect(hanoi?.tooltip).toBe('Thành phố Hà Nội: ✔\uFE0E Đã đạt');
		const hue = s.provinces.find((p) => p.code === '46');
		expect(hue?.fill).toBeNull();
		expect(hue?.icon?.text).toBe('?');
		expect(hue?.tooltip).toBe('Thành phố Huế: chưa có số liệu');
		expect(s.provinces.filter((p) => p.selected).map((p) => p.code)).toEqual(['48']);
		expect(s.legend.kind).toBe('status');
		if (s.legend.kind === 'status') {
			expect(s.legend.items.map((i) => i.label)).toEqual([
				'Không đạt',
				'Chậm tiến độ',
				'Có nguy cơ',
				'Chưa có số liệu',
				'Đúng tiến độ',
				'Đã đạt'
			]);
		}
		expect(s.desc).toMatch(
			/^Theo trạng thái: Không đạt \(1\): Thành phố Đà Nẵng; Có nguy cơ \(1\): Tỉnh Khánh Hòa; Chưa có số liệu \(31\): /
		);
		expect(s.desc).toContain('Đã đạt (1): Thành phố Hà Nội.');
	});

	it('shows shares as percentages on [0, 100%]', () => {
		const s = choroplethLayout({ geo, values: new Map([['01', 0.5]]), isShare: true, ...size });
		expect(s.provinces.find((p) => p.code === '01')?.fill).toBe(sequentialInterpolator(0.5));
		if (s.legend.kind === 'sequential')
			expect(s.legend.ticks.map((t) => t.label)).toEqual(['0%', '50%', '100%']);
	});

	it('copes with no values at all', () => {
		const empty = choroplethLayout({ geo, values: new Map(), ...size });
		expect(empty.provinces.every((p) => p.fill === null)).toBe(true);
		expect(empty.desc.startsWith('0/34 tỉnh, thành phố có số liệu.')).toBe(true);
		expect(JSON.stringify(empty)).not.toContain('NaN');
	});
});

describe('rollUpToNewProvinces', () => {
	const old = new Map([
		['04', 10], // Cao Bằng → Cao Bằng 04
		['44', 30], // Quảng Bình → Quảng Trị 44
		['45', 20], // Quảng Trị → Quảng Trị 44
		['92', 5], // Cần Thơ → Cần Thơ 92
		['93', 7], // Hậu Giang → Cần Thơ 92
		['94', 9] // Sóc Trăng → Cần Thơ 92
	]);

	it('reads 63 old provinces going into 34 new ones from the crosswalk', () => {
		const rows = crosswalk.filter((r) => r.level === 'province');
		expect(new Set(rows.map((r) => r.old_code)).size).toBe(63);
		expect(new Set(rows.map((r) => r.new_code)).size).toBe(34);
		const codes = new Set(geo.features.map((f) => f.properties.code));
		for (const r of rows) expect(codes.has(r.new_code)).toBe(true);
	});

	it('sums', () => {
		expect(rollUpToNewProvinces(old, crosswalk, 'sum')).toEqual(
			new Map([
				['04', 10],
				['44', 50],
				['92', 21]
			])
		);
	});

	it('averages (unweighted), and takes the max and the min', () => {
		expect(rollUpToNewProvinces(old, crosswalk, 'avg')).toEqual(
			new Map([
				['04', 10],
				['44', 25],
				['92', 7]
			])
		);
		expect(rollUpToNewProvinces(old, crosswalk, 'max').get('92')).toBe(9);
		expect(rollUpToNewProvinces(old, crosswalk, 'min').get('44')).toBe(20);
	});

	it('reports codes the crosswalk does not know', () => {
		const unmapped: string[] = [];
		const result = rollUpToNewProvinces(
			new Map([
				['99', 1],
				['01', 2]
			]),
			crosswalk,
			'sum',
			(c) => unmapped.push(c)
		);
		expect(unmapped).toEqual(['99']);
		expect(result).toEqual(new Map([['01', 2]]));
	});

	it('keeps the total when every old province is summed', () => {
		const all = new Map(
			crosswalk.filter((r) => r.level === 'province').map((r, i) => [r.old_code, i + 1] as [string, number])
		);
		const total = [...all.values()].reduce((a, b) => a + b, 0);
		const rolled = rollUpToNewProvinces(all, crosswalk, 'sum');
		expect(rolled.size).toBe(34);
		expect([...rolled.values()].reduce((a, b) => a + b, 0)).toBe(total);
	});
});
