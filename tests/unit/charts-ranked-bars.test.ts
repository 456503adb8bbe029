import { describe, expect, it } from 'vitest';
import { rankedBarsLayout, rankItems, type RankedItem } from '$lib/charts/ranked-bars';
import { STATUS_STYLES } from '$lib/status-style';

const items: RankedItem[] = [
	{ code: '96', name: 'Cà Mau', value: 0.75, status: 'off-track' },
	{ code: '46', name: 'Huế', value: null, status: 'no-data' },
	{ code: '01', name: 'Hà Nội', value: 1.5, status: 'achieved' },
	{ code: '04', name: 'Cao Bằng', value: 1, status: 'achieved' }
];

describe('rankItems', () => {
	it('puts the highest first, ties by Vietnamese name, no value last', () => {
		const ranked = rankItems([
			...items,
			{ code: '20', name: 'Lạng Sơn', value: 1, status: 'achieved' },
			{ code: '19', name: 'Đắk Lắk', value: null, status: 'no-data' }
		]);
		expect(ranked.map((i) => i.name)).toEqual(['Hà Nội', 'Cao Bằng', 'Lạng Sơn', 'Cà Mau', 'Đắk Lắk', 'Huế']);
	});
});

describe('rankedBarsLayout', () => {
	const l = rankedBarsLayout({ items, isShare: true, lang: 'vi', width: 500 });

	it('ranks rows top to bottom', () => {
		expect(l.rows.map((r) => [r.rank, r.code])).toEqual([
			[1, '01'],
			[2, '04'],
			[3, '96'],
			[4, '46']
		]);
		expect(l.rows.map((r) => r.y)).toEqual([33, 55, 77, 99]);
		expect(l.height).toBe(22 + 4 * 22 + 4);
	});

	it('sizes bars in proportion to the value, from the zero line', () => {
		const [hanoi, caoBang, caMau, hue] = l.rows;
		expect(hanoi?.bar?.x).toBe(l.zeroX);
		expect(caMau!.bar!.width / hanoi!.bar!.width).toBeCloseTo(0.5, 3);
		// The 100% reference line is where Cao Bằng's bar (exactly 100%) ends.
		expect(l.reference?.x).toBeCloseTo(caoBang!.bar!.x + caoBang!.bar!.width, 1);
		expect(l.reference?.label).toBe('100%');
		expect(hue?.bar).toBeNull();
		expect(hanoi!.bar!.x + hanoi!.bar!.width).toBeLessThan(500);
	});

	it('labels each row with the status icon, the name and the value, coloured by status', () => {
		const [hanoi, , caMau, hue] = l.rows;
		expect(hanoi?.icon).toBe(STATUS_STYLES.achieved.icon);
		expect(hanoi?.nameLabel).toBe('Hà Nội');
		expect(hanoi?.valueLabel.text).toBe('150%');
		expect(hanoi?.bar?.fill).toBe(STATUS_STYLES.achieved.fill);
		expect(caMau?.bar?.fill).toBe(STATUS_STYLES['off-track'].fill);
		expect(caMau?.iconColor).toBe(STATUS_STYLES['off-track'].color);
		expect(caMau?.tooltip).toBe('Cà Mau: 75% — ↘\uFE0E Chậm tiến độ');
		expect(hue?.valueLabel.text).toBe('chưa có số liệu');
		expect(hue?.tooltip).toBe('Huế: ? Chưa có số liệu');
		expect(l.axis.ticks.map((t) => t.label)).toContain('100%');
	});

	it('sums it up in words', () => {
		expect(l.title).toBe('Xếp hạng đơn vị');
		expect(l.desc).toBe(
			'4 đơn vị, xếp từ cao xuống thấp. Cao nhất: Hà Nội (150%); thấp nhất: Cà Mau (75%). ' +
				'2 đơn vị đạt từ 100% trở lên. 1 đơn vị chưa có số liệu. ' +
				'Theo trạng thái: Chậm tiến độ 1, Chưa có số liệu 1, Đã đạt 2.'
		);
	});

	it('ranks counts with vi-VN numbers and no reference line', () => {
		const counts = rankedBarsLayout({
			items: [
				{ code: 'a', name: 'Xã A', value: 1300, status: 'on-track' },
				{ code: 'b', name: 'Xã B', value: 650, status: 'at-risk' }
			],
			lang: 'vi',
			width: 400
		});
		expect(counts.reference).toBeNull();
		expect(counts.rows.map((r) => r.valueLabel.text)).toEqual(['1.300', '650']);
		expect(counts.rows[1]!.bar!.width / counts.rows[0]!.bar!.width).toBeCloseTo(0.5, 3);
		expect(counts.desc).not.toContain('trở lên');
		const en = rankedBarsLayout({
			items: [{ code: 'a', name: 'A', value: 1300, status: 'on-track' }],
			lang: 'en',
			width: 400
		});
		expect(en.rows[0]?.valueLabel.text).toBe('1,300');
		expect(en.desc).toContain('By status: On track 1.');
	});

	it('cuts long names but keeps them whole in the tooltip', () => {
		const name = 'Xã Phước Long Thọ thuộc huyện Đất Đỏ tỉnh Bà Rịa - Vũng Tàu cũ';
		const long = rankedBarsLayout({
			items: [{ code: 'x', name, value: 5, status: 'on-track' }],
			lang: 'vi',
			width: 300
		});
		expect(long.rows[0]?.nameLabel.endsWith('…')).toBe(true);
		expect(long.rows[0]!.nameLabel.length).toBeLessThan(name.length);
		expect(long.rows[0]?.tooltip.startsWith(name)).toBe(true);
	});

	it('grows with 200 units', () => {
		const many: RankedItem[] = Array.from({ length: 200 }, (_, i) => ({
			code: String(i).padStart(3, '0'),
			name: `Xã số ${i + 1}`,
			value: (i % 50) / 40,
			status: i % 3 === 0 ? 'achieved' : 'at-risk'
		}));
		const big = rankedBarsLayout({ items: many, isShare: true, lang: 'vi', width: 600, rowHeight: 20 });
		expect(big.rows).toHaveLength(200);
		expect(big.height).toBe(22 + 200 * 20 + 4);
		expect(new Set(big.rows.map((r) => r.y)).size).toBe(200);
		expect(big.reference?.y2).toBe(big.height - 2);
		expect(big.desc.startsWith('200 đơn vị')).toBe(true);
		expect(JSON.stringify(big)).not.toContain('NaN');
	});

	it('handles an empty list', () => {
		const empty = rankedBarsLayout({ items: [], isShare: true, lang: 'vi', width: 400 });
		expect(empty.rows).toEqual([]);
		expect(empty.desc).toBe('0 đơn vị, xếp từ cao xuống thấp.');
		expect(JSON.stringify(empty)).not.toContain('NaN');
	});
});
