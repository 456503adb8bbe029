import { describe, expect, it } from 'vitest';
import { estimateTextWidth, truncateText } from '$lib/charts/text';
import { tooltipBox } from '$lib/charts/tooltip';

describe('tooltipBox', () => {
	// "30/09/2024: 125" is 15 characters: 15 × 12 × 0.56 = 100.8 px, + 12 of padding → 113 px wide, 22 high.
	const text = '30/09/2024: 125';

	it('centres the box above the point', () => {
		const box = tooltipBox(300, 100, text, 600, 240);
		expect(box.width).toBe(113);
		expect(box.height).toBe(22);
		expect(box.x).toBe(243.5);
		expect(box.y).toBe(100 - 8 - 22);
		expect(box.textX).toBe(300);
	});

	it('keeps the box inside the chart', () => {
		expect(tooltipBox(5, 100, text, 600, 240).x).toBe(0);
		expect(tooltipBox(595, 100, text, 600, 240).x).toBe(600 - 113);
		// No room above: below the point.
		expect(tooltipBox(300, 10, text, 600, 240).y).toBe(18);
	});
});

describe('text helpers', () => {
	it('estimates widths and cuts long text with an ellipsis', () => {
		expect(estimateTextWidth('Hà Nội', 10)).toBeCloseTo(6 * 5.6, 9);
		expect(truncateText('Hà Nội', 100, 10)).toBe('Hà Nội');
		// 28 px fit 5 characters of 5.6 px: 4 and the ellipsis.
		expect(truncateText('Thành phố Hồ Chí Minh', 28, 10)).toBe('Thàn…');
	});
});
