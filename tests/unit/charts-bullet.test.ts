import { describe, expect, it } from 'vitest';
import { bulletLayout } from '$lib/charts/bullet';
import { STATUS_STYLES } from '$lib/status-style';

const base = { status: 'at-risk', lang: 'vi', width: 200 } as const;

describe('bulletLayout', () => {
	it('scales actual, target and expected on [0, 1.1 × the largest value]', () => {
		const l = bulletLayout({ ...base, actual: 125, target: 161, expected: 80 });
		expect(l.domain[0]).toBe(0);
		expect(l.domain[1]).toBeCloseTo(177.1, 9);
		expect(l.height).toBe(28);
		expect(l.bar?.x).toBe(0);
		expect(l.bar?.width).toBeCloseTo((200 * 125) / 177.1, 2); // 141.16
		expect(l.target?.x).toBeCloseTo((200 * 161) / 177.1, 2); // 181.82
		expect(l.expected?.x).toBeCloseTo((200 * 80) / 177.1, 2); // 90.34
		expect(l.bar?.fill).toBe(STATUS_STYLES['at-risk'].fill);
		expect(l.bar?.stroke).toBe(STATUS_STYLES['at-risk'].color);
		expect(l.targetRange).toBeNull();
		expect(l.noDataLabel).toBeNull();
	});

	it('says it in words, in Vietnamese', () => {
		const l = bulletLayout({ ...base, actual: 125, target: 161, expected: 80 });
		expect(l.desc).toBe('Đạt 125 trên chỉ tiêu 161; theo tiến độ cần 80. Trạng thái: Có nguy cơ.');
		expect(l.title).toBe('Thực hiện so với chỉ tiêu');
		// 125 / 161 = 77.6 %.
		expect(l.bar?.tooltip).toBe('Thực hiện: 125 (78% chỉ tiêu)');
		expect(l.target?.tooltip).toBe('Chỉ tiêu: 161');
		expect(l.expected?.tooltip).toBe('Theo tiến độ cần: 80');
	});

	it('writes numbers the vi-VN way, and the en way in English', () => {
		const vi = bulletLayout({ ...base, actual: 1300, target: 1500, expected: 1250.5, status: 'on-track' });
		expect(vi.desc).toBe(
			'Đạt 1.300 trên chỉ tiêu 1.500; theo tiến độ cần 1.250,5. Trạng thái: Đúng tiến độ.'
		);
		const en = bulletLayout({
			...base,
			actual: 1300,
			target: 1500,
			expected: 1250.5,
			lang: 'en',
			status: 'on-track'
		});
		expect(en.desc).toBe(
			'Actual 1,300 against a target of 1,500; 1,250.5 expected by now. Status: On track.'
		);
		expect(en.target?.tooltip).toBe('Target: 1,500');
	});

	it('uses the given title', () => {
		expect(bulletLayout({ ...base, actual: 1, target: 2, expected: null, label: 'Hội viên mới' }).title).toBe(
			'Hội viên mới'
		);
	});

	it('handles a missing actual value', () => {
		const l = bulletLayout({ ...base, actual: null, target: 161, expected: 80, status: 'no-data' });
		expect(l.bar).toBeNull();
		expect(l.noDataLabel?.text).toBe('Chưa có số liệu');
		expect(l.domain[1]).toBeCloseTo(177.1, 9);
		expect(l.desc).toBe('Chưa có số liệu; chỉ tiêu 161; theo tiến độ cần 80. Trạng thái: Chưa có số liệu.');
	});

	it('grows the domain when the actual value is far over the target', () => {
		const l = bulletLayout({ ...base, actual: 500, target: 100, expected: 50, status: 'achieved' });
		expect(l.domain[1]).toBeCloseTo(550, 9);
		expect(l.bar?.width).toBeCloseTo((200 * 500) / 550, 2); // 181.82
		expect(l.target?.x).toBeCloseTo((200 * 100) / 550, 2); // 36.36
		expect(l.bar!.x + l.bar!.width).toBeLessThanOrEqual(200);
	});

	it('handles a target of 0', () => {
		const l = bulletLayout({ ...base, actual: 3, target: 0, expected: null });
		expect(l.domain[1]).toBeCloseTo(3.3, 9);
		expect(l.target?.x).toBe(0);
		expect(l.bar?.width).toBeCloseTo((200 * 3) / 3.3, 2);
		expect(l.bar?.tooltip).toBe('Thực hiện: 3');
		expect(l.expected).toBeNull();

		const zero = bulletLayout({ ...base, actual: 0, target: 0, expected: 0 });
		expect(zero.domain).toEqual([0, 1]);
		expect(zero.bar?.width).toBe(0);
		expect(zero.target?.x).toBe(0);
		expect(JSON.stringify(zero)).not.toContain('NaN');
	});

	it('shows shares as percentages on a scale to 100%', () => {
		const l = bulletLayout({ ...base, actual: 0.62, target: 0.8, expected: 0.5, isShare: true });
		expect(l.domain).toEqual([0, 1]);
		expect(l.bar?.width).toBeCloseTo(124, 9);
		expect(l.target?.x).toBeCloseTo(160, 9);
		expect(l.expected?.x).toBeCloseTo(100, 9);
		expect(l.desc).toBe('Đạt 62% trên chỉ tiêu 80%; theo tiến độ cần 50%. Trạng thái: Có nguy cơ.');
		expect(l.bar?.tooltip).toBe('Thực hiện: 62%');
	});

	it('draws a [low, high] target as a band', () => {
		const l = bulletLayout({ ...base, actual: 0.7, target: [0.6, 0.8], expected: null, isShare: true });
		expect(l.target).toBeNull();
		expect(l.targetRange?.x).toBeCloseTo(120, 9);
		expect(l.targetRange?.width).toBeCloseTo(40, 9);
		expect(l.targetRange?.tooltip).toBe('Chỉ tiêu: từ 60% đến 80%');
		expect(l.desc).toBe('Đạt 70% trên chỉ tiêu từ 60% đến 80%. Trạng thái: Có nguy cơ.');
	});

	it('handles negative values (a fall in members)', () => {
		const l = bulletLayout({ ...base, actual: -50, target: 100, expected: 40 });
		expect(l.domain[0]).toBeCloseTo(-55, 9);
		expect(l.domain[1]).toBeCloseTo(110, 9);
		// The bar runs from -50 to 0: 50 units of 165 over 200 px.
		expect(l.bar?.width).toBeCloseTo((200 * 50) / 165, 2);
		expect(l.bar?.x).toBeCloseTo((200 * 5) / 165, 2);
	});

	it('keeps an explicit height', () => {
		const l = bulletLayout({ ...base, actual: 1, target: 2, expected: 1, height: 40 });
		expect(l.height).toBe(40);
		expect(l.target?.y2).toBe(39);
	});
});
