/**
 * The words of the charts (titles, tooltips, text alternatives) in both languages, and value formatting.
 * Kept beside the charts so that the layout functions stay pure and testable; values are text, never HTML.
 */
import { formatNumber, formatPercent, type Lang } from '$lib/i18n';

const vi = {
	noData: 'Chưa có số liệu',
	noDataLower: 'chưa có số liệu',
	statusSentence: 'Trạng thái: {status}.',

	'bullet.title': 'Thực hiện so với chỉ tiêu',
	'bullet.desc': 'Đạt {actual} trên chỉ tiêu {target}',
	'bullet.descNoTarget': 'Đạt {actual}, không có chỉ tiêu bằng số',
	'bullet.descNoActual': 'Chưa có số liệu; chỉ tiêu {target}',
	'bullet.descExpected': '; theo tiến độ cần {expected}',
	'bullet.range': 'từ {low} đến {high}',
	'bullet.actual': 'Thực hiện: {value}',
	'bullet.actualOfTarget': 'Thực hiện: {value} ({share} chỉ tiêu)',
	'bullet.target': 'Chỉ tiêu: {value}',
	'bullet.expected': 'Theo tiến độ cần: {value}',

	'trend.title': 'Diễn biến theo thời gian',
	'trend.period': 'Từ {start} đến {end}.',
	'trend.latest': 'Giá trị mới nhất {value} (ngày {date}).',
	'trend.range': 'Thấp nhất {min}, cao nhất {max}; {count} điểm số liệu.',
	'trend.none': 'Chưa có số liệu trong kỳ.',
	'trend.target': 'Chỉ tiêu {value}.',
	'trend.expectedAt': 'Theo tiến độ đến ngày {date} cần {value}.',
	'trend.point': '{date}: {value}',
	'trend.targetLabel': 'Chỉ tiêu {value}',
	'trend.trajectoryLabel': 'Theo tiến độ',
	'trend.actualLabel': 'Thực hiện',
	'trend.targetLegend': 'Chỉ tiêu',
	'trend.month': 'tháng {month}',

	'ranked.title': 'Xếp hạng đơn vị',
	'ranked.count': '{count} đơn vị, xếp từ cao xuống thấp.',
	'ranked.extremes': 'Cao nhất: {top} ({topValue}); thấp nhất: {bottom} ({bottomValue}).',
	'ranked.reached': '{count} đơn vị đạt từ {reference} trở lên.',
	'ranked.missing': '{count} đơn vị chưa có số liệu.',
	'ranked.statuses': 'Theo trạng thái: {list}.',
	'ranked.row': '{name}: {value} — {status}',

	'map.title': 'Bản đồ 34 tỉnh, thành phố',
	'map.coverage': '{count}/{total} tỉnh, thành phố có số liệu.',
	'map.extremes': 'Cao nhất: {top} ({topValue}); thấp nhất: {bottom} ({bottomValue}).',
	'map.missing': 'Chưa có số liệu: {list}.',
	'map.statuses': 'Theo trạng thái: {list}.',
	'map.hoangSa': 'Hoàng Sa (Đà Nẵng)',
	'map.truongSa': 'Trường Sa (Khánh Hòa)'
} as const;

export type ChartMessageKey = keyof typeof vi;

const en: Record<ChartMessageKey, string> = {
	noData: 'No data',
	noDataLower: 'no data',
	statusSentence: 'Status: {status}.',

	'bullet.title': 'Progress against the target',
	'bullet.desc': 'Actual {actual} against a target of {target}',
	'bullet.descNoTarget': 'Actual {actual}, no numeric target',
	'bullet.descNoActual': 'No data yet; target {target}',
	'bullet.descExpected': '; {expected} expected by now',
	'bullet.range': '{low} to {high}',
	'bullet.actual': 'Actual: {value}',
	'bullet.actualOfTarget': 'Actual: {value} ({share} of the target)',
	'bullet.target': 'Target: {value}',
	'bullet.expected': 'Expected by now: {value}',

	'trend.title': 'Over time',
	'trend.period': 'From {start} to {end}.',
	'trend.latest': 'Latest value {value} (on {date}).',
	'trend.range': 'Lowest {min}, highest {max}; {count} data points.',
	'trend.none': 'No data in the period yet.',
	'trend.target': 'Target {value}.',
	'trend.expectedAt': 'Expected by {date}: {value}.',
	'trend.point': '{date}: {value}',
	'trend.targetLabel': 'Target {value}',
	'trend.trajectoryLabel': 'Expected',
	'trend.actualLabel': 'Actual',
	'trend.targetLegend': 'Target',
	'trend.month': '{month}',

	'ranked.title': 'Units ranked',
	'ranked.count': '{count} units, highest first.',
	'ranked.extremes': 'Highest: {top} ({topValue}); lowest: {bottom} ({bottomValue}).',
	'ranked.reached': '{count} units at {reference} or more.',
	'ranked.missing': '{count} units without data.',
	'ranked.statuses': 'By status: {list}.',
	'ranked.row': '{name}: {value} — {status}',

	'map.title': 'Map of the 34 provinces',
	'map.coverage': '{count} of {total} provinces have data.',
	'map.extremes': 'Highest: {top} ({topValue}); lowest: {bottom} ({bottomValue}).',
	'map.missing': 'No data: {list}.',
	'map.statuses': 'By status: {list}.',
	'map.hoangSa': 'Hoang Sa (Da Nang)',
	'map.truongSa': 'Truong Sa (Khanh Hoa)'
};

const dictionaries: Record<Lang, Record<ChartMessageKey, string>> = { vi, en };

/** The chart message for `key` with `{name}` placeholders filled in. */
export function chartText(
	lang: Lang,
	key: ChartMessageKey,
	params: Record<string, string | number> = {}
): string {
	return dictionaries[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
		name in params ? String(params[name]) : whole
	);
}

/** A number the vi-VN way (1.300), or a share 0–1 as a percentage (78%) when `isShare`. */
export function formatValue(lang: Lang, value: number | null, isShare = false): string {
	return isShare ? formatPercent(lang, value) : formatNumber(lang, value);
}

/** Rough width in pixels of `text` in a sans-serif font of `fontSize` (no DOM to measure with). */
export function estimateTextWidth(text: string, fontSize: number): number {
	return [...text.normalize('NFC')].length * fontSize * 0.56;
}

/** `text` cut to fit `maxWidth` pixels, ending in "…" when cut. */
export function truncateText(text: string, maxWidth: number, fontSize: number): string {
	if (estimateTextWidth(text, fontSize) <= maxWidth) return text;
	const chars = [...text.normalize('NFC')];
	const keep = Math.max(1, Math.floor(maxWidth / (fontSize * 0.56) + 1e-9) - 1);
	return `${chars.slice(0, keep).join('').trimEnd()}…`;
}

/** Rounds a pixel coordinate to 0.01 px, so that path strings and tests stay readable. */
export function px(value: number): number {
	return Math.round(value * 100) / 100;
}
