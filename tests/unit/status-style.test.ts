import { describe, expect, it } from 'vitest';
import { STATUSES } from '$lib/model/plan';
import {
	compareStatus,
	STATUS_STYLES,
	STATUSES_WORST_FIRST,
	statusLabel,
	statusText
} from '$lib/status-style';

/** WCAG 2.x relative luminance of a `#rrggbb` colour. */
function luminance(hex: string): number {
	const n = Number.parseInt(hex.slice(1), 16);
	const channels = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => {
		const s = c / 255;
		return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
	});
	return 0.2126 * (channels[0] ?? 0) + 0.7152 * (channels[1] ?? 0) + 0.0722 * (channels[2] ?? 0);
}

/** WCAG contrast ratio, (L1 + 0.05) / (L2 + 0.05) with L1 the lighter. */
function contrast(a: string, b: string): number {
	const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
	return (hi + 0.05) / (lo + 0.05);
}

describe('WCAG contrast helper', () => {
	it('gives the known ratios', () => {
		expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
		expect(contrast('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
		// #777777 on white is the classic "just fails AA" grey: 4.48:1.
		expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
	});
});

describe('status styles', () => {
	it('covers every status with the agreed labels', () => {
		expect(Object.keys(STATUS_STYLES).sort()).toEqual([...STATUSES].sort());
		expect(STATUSES.map((s) => statusLabel(s, 'vi'))).toEqual([
			'Đã đạt',
			'Đúng tiến độ',
			'Có nguy cơ',
			'Chậm tiến độ',
			'Không đạt',
			'Chưa có số liệu'
		]);
		expect(STATUSES.map((s) => statusLabel(s, 'en'))).toEqual([
			'Achieved',
			'On track',
			'At risk',
			'Off track',
			'Missed',
			'No data'
		]);
	});

	it('gives each status its own icon', () => {
		const icons = STATUSES.map((s) => STATUS_STYLES[s].icon);
		expect(new Set(icons).size).toBe(STATUSES.length);
		expect(icons.map((i) => i.replace('\uFE0E', ''))).toEqual(['✔', '↗', '⚠', '↘', '✖', '?']);
		expect(statusText('at-risk', 'vi')).toBe('⚠\uFE0E Có nguy cơ');
	});

	it('ranks worst first', () => {
		expect(STATUSES_WORST_FIRST).toEqual([
			'missed',
			'off-track',
			'at-risk',
			'no-data',
			'on-track',
			'achieved'
		]);
		expect([...STATUSES].sort(compareStatus)).toEqual(STATUSES_WORST_FIRST);
	});

	it.each(STATUSES)('%s: text colour ≥ 4.5:1 on white and on its tint; fill ≥ 3:1 and lighter', (status) => {
		const { color, fill, tint } = STATUS_STYLES[status];
		expect(contrast(color, '#ffffff')).toBeGreaterThanOrEqual(4.5);
		expect(contrast(color, tint)).toBeGreaterThanOrEqual(4.5);
		expect(contrast(fill, '#ffffff')).toBeGreaterThanOrEqual(3);
		expect(luminance(fill)).toBeGreaterThan(luminance(color));
		// Dark text (the map's icons) stays legible on the fill.
		expect(contrast('#1d1d1f', fill)).toBeGreaterThanOrEqual(4.5);
	});
});
