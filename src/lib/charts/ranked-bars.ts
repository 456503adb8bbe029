/**
 * Layout of horizontal bars of sub-units ranked by a value (an attainment share 0–1+, or a count), each
 * labelled with the status icon, the unit's name and its value, with a reference line at 100%. Pure.
 */
import { scaleLinear } from 'd3';
import type { Lang } from '$lib/i18n';
import type { Status } from '$lib/model/plan';
import { STATUS_STYLES, STATUSES_WORST_FIRST, statusLabel, statusText } from '$lib/status-style';
import { chartText, estimateTextWidth, formatValue, px, truncateText } from './text';

export interface RankedItem {
	code: string;
	name: string;
	value: number | null;
	status: Status;
}

export interface RankedBarsInput {
	items: readonly RankedItem[];
	/** Values are shares (attainment 0–1+), shown as percentages, with a reference line at 100%. */
	isShare?: boolean;
	/** Where to draw the reference line; default 1 (100%) for shares, none for counts. */
	reference?: number | null;
	lang: Lang;
	width: number;
	/** Height of one row in pixels (default 22); the chart's height grows with the number of rows. */
	rowHeight?: number;
	label?: string;
}

export interface RankedRow {
	code: string;
	name: string;
	status: Status;
	value: number | null;
	rank: number;
	y: number;
	/** Top of the row's band and its height, for hit areas and focus outlines. */
	bandY: number;
	bandHeight: number;
	icon: string;
	iconColor: string;
	/** The name, cut with "…" when too long (the tooltip keeps it whole). */
	nameLabel: string;
	bar: { x: number; y: number; width: number; height: number; fill: string; stroke: string } | null;
	valueLabel: { x: number; text: string; anchor: 'start' | 'end' };
	tooltip: string;
}

export interface RankedBarsLayout {
	width: number;
	height: number;
	/** Rows start below a band this high that holds the axis (drawn apart, so that it stays while rows scroll). */
	axisHeight: number;
	rows: RankedRow[];
	/** x of the bars' zero line, where the names end (right-aligned at `nameX`), and the icons' centre. */
	zeroX: number;
	nameX: number;
	iconX: number;
	axis: { y: number; ticks: { x: number; label: string }[] };
	reference: { x: number; y1: number; y2: number; label: string } | null;
	title: string;
	desc: string;
}

const FONT = 12;
const AXIS_HEIGHT = 22;

/** Items sorted by value, highest first; ties by name (Vietnamese collation); no value last. */
export function rankItems<T extends RankedItem>(items: readonly T[]): T[] {
	return [...items].sort((a, b) => {
		if (a.value === null || b.value === null) {
			if (a.value === b.value) return a.name.localeCompare(b.name, 'vi');
			return a.value === null ? 1 : -1;
		}
		return b.value - a.value || a.name.localeCompare(b.name, 'vi');
	});
}

/** Lays out ranked bars `width` wide; the height is `rowHeight` × the number of items plus the axis. */
export function rankedBarsLayout(input: RankedBarsInput): RankedBarsLayout {
	const { lang, width } = input;
	const isShare = input.isShare ?? false;
	const rowHeight = input.rowHeight ?? 22;
	const items = rankItems(
		input.items.map((item) => ({
			...item,
			value: typeof item.value === 'number' && Number.isFinite(item.value) ? item.value : null
		}))
	);
	const reference = input.reference === undefined ? (isShare ? 1 : null) : input.reference;
	const fmt = (v: number | null) => formatValue(lang, v, isShare);
	const noData = chartText(lang, 'noDataLower');

	const values = items.flatMap((item) => (item.value === null ? [] : [item.value]));
	if (reference !== null) values.push(reference);
	const lo = Math.min(0, ...values);
	const hi = Math.max(0, ...values);
	const x = scaleLinear().domain([lo, hi > lo ? hi : lo + 1]);

	// Columns: name (right-aligned), status icon, bars, value labels after the bars.
	const longestName = Math.max(0, ...items.map((item) => estimateTextWidth(item.name, FONT)));
	const nameWidth = Math.min(Math.max(60, longestName), Math.max(60, width * 0.38));
	const nameX = Math.round(4 + nameWidth);
	const iconX = nameX + 10;
	const zeroGap = 22;
	const valueRoom = Math.max(
		estimateTextWidth(noData, FONT),
		...items.map((item) => estimateTextWidth(fmt(item.value), FONT))
	);
	const barLeft = nameX + zeroGap;
	const barRight = Math.max(barLeft + 20, width - valueRoom - 10);
	x.range([barLeft, barRight]).nice();
	const zeroX = px(x(0));

	const barH = Math.max(6, Math.round(rowHeight * 0.64));
	const rows: RankedRow[] = items.map((item, i) => {
		const bandY = AXIS_HEIGHT + i * rowHeight;
		const cy = bandY + rowHeight / 2;
		const style = STATUS_STYLES[item.status];
		let bar: RankedRow['bar'] = null;
		let valueLabel: RankedRow['valueLabel'];
		if (item.value === null) {
			valueLabel = { x: zeroX + 4, text: noData, anchor: 'start' };
		} else {
			const x0 = x(0);
			const x1 = x(item.value);
			bar = {
				x: px(Math.min(x0, x1)),
				y: px(cy - barH / 2),
				width: px(Math.abs(x1 - x0)),
				height: barH,
				fill: style.fill,
				stroke: style.color
			};
			valueLabel =
				item.value >= 0
					? { x: px(x1 + 4), text: fmt(item.value), anchor: 'start' }
					: { x: px(x0 + 4), text: fmt(item.value), anchor: 'start' };
		}
		return {
			code: item.code,
			name: item.name,
			status: item.status,
			value: item.value,
			rank: i + 1,
			y: px(cy),
			bandY,
			bandHeight: rowHeight,
			icon: style.icon,
			iconColor: style.color,
			nameLabel: truncateText(item.name, nameWidth, FONT),
			bar,
			valueLabel,
			tooltip:
				item.value === null && item.status === 'no-data'
					? `${item.name}: ${statusText(item.status, lang)}`
					: chartText(lang, 'ranked.row', {
							name: item.name,
							value: item.value === null ? noData : fmt(item.value),
							status: statusText(item.status, lang)
						})
		};
	});

	const height = AXIS_HEIGHT + rows.length * rowHeight + 4;
	const tickCount = Math.max(2, Math.floor((barRight - barLeft) / 70));
	const axis = {
		y: AXIS_HEIGHT - 6,
		ticks: x.ticks(tickCount).map((v) => ({ x: px(x(v)), label: fmt(v) }))
	};
	const referenceLine =
		reference === null
			? null
			: { x: px(x(reference)), y1: AXIS_HEIGHT - 4, y2: height - 2, label: fmt(reference) };

	// The text alternative.
	const known = items.filter((item) => item.value !== null);
	const parts = [chartText(lang, 'ranked.count', { count: items.length })];
	const top = known[0];
	const bottom = known[known.length - 1];
	if (top && bottom) {
		parts.push(
			chartText(lang, 'ranked.extremes', {
				top: top.name,
				topValue: fmt(top.value),
				bottom: bottom.name,
				bottomValue: fmt(bottom.value)
			})
		);
	}
	if (reference !== null && known.length) {
		const reached = known.filter((item) => (item.value ?? -Infinity) >= reference).length;
		parts.push(chartText(lang, 'ranked.reached', { count: reached, reference: fmt(reference) }));
	}
	if (known.length < items.length) {
		parts.push(chartText(lang, 'ranked.missing', { count: items.length - known.length }));
	}
	const counts = STATUSES_WORST_FIRST.map((status) => ({
		status,
		count: items.filter((item) => item.status === status).length
	})).filter((c) => c.count > 0);
	if (counts.length) {
		parts.push(
			chartText(lang, 'ranked.statuses', {
				list: counts.map((c) => `${statusLabel(c.status, lang)} ${c.count}`).join(', ')
			})
		);
	}

	return {
		width,
		height,
		axisHeight: AXIS_HEIGHT,
		rows,
		zeroX,
		nameX,
		iconX,
		axis,
		reference: referenceLine,
		title: input.label ?? chartText(lang, 'ranked.title'),
		desc: parts.join(' ')
	};
}
