/**
 * Layout of a bullet chart: the actual value as a bar, the target as a thick marker (or a band for a
 * `[low, high]` range) and the expected-by-now value as a thin marker with triangles. Pure: no DOM.
 */
import { scaleLinear } from 'd3';
import type { Lang } from '$lib/i18n';
import type { Status } from '$lib/model/plan';
import { STATUS_STYLES, statusLabel } from '$lib/status-style';
import { chartText, formatValue, px } from './text';

export interface BulletInput {
	actual: number | null;
	/** A number, a `[low, high]` range, or null when the target is not a number. */
	target: number | [number, number] | null;
	expected: number | null;
	status: Status;
	/** Values are shares 0–1, shown as percentages; the scale then runs to at least 100%. */
	isShare?: boolean;
	lang: Lang;
	width: number;
	height?: number;
	/** Name of the target, used as the chart's title. */
	label?: string;
}

export interface BulletMarker {
	x: number;
	y1: number;
	y2: number;
	tooltip: string;
}

export interface BulletLayout {
	width: number;
	height: number;
	domain: [number, number];
	/** The background track. */
	track: { x: number; y: number; width: number; height: number };
	/** The actual value; null when there is none. */
	bar: {
		x: number;
		y: number;
		width: number;
		height: number;
		fill: string;
		stroke: string;
		tooltip: string;
	} | null;
	/** A single target value; null for a range or no target. */
	target: BulletMarker | null;
	/** A `[low, high]` target as a band. */
	targetRange: { x: number; y: number; width: number; height: number; tooltip: string } | null;
	/** Expected by now: a thin line with a triangle at each end (`d`). */
	expected: (BulletMarker & { d: string }) | null;
	/** "Chưa có số liệu" written in the track when there is no actual value. */
	noDataLabel: { x: number; y: number; text: string } | null;
	title: string;
	desc: string;
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Lays out a bullet chart of `width` × `height` (default 28) pixels. */
export function bulletLayout(input: BulletInput): BulletLayout {
	const { lang, status, width } = input;
	const isShare = input.isShare ?? false;
	const height = input.height ?? 28;
	const actual = finite(input.actual) ? input.actual : null;
	const expected = finite(input.expected) ? input.expected : null;
	const range = Array.isArray(input.target) && input.target.every(finite) ? input.target : null;
	const single = finite(input.target) ? input.target : null;
	const fmt = (v: number) => formatValue(lang, v, isShare);

	const values = [actual, expected, single, ...(range ?? [])].filter(finite);
	const high = Math.max(0, ...values);
	const low = Math.min(0, ...values);
	// Room after the largest value, so that a marker there stays visible; shares run to at least 100%.
	let max = isShare ? Math.max(1, high) : high * 1.1;
	if (max <= 0) max = 1;
	const min = low < 0 ? low * 1.1 : 0;
	const domain: [number, number] = [min, max];
	const x = scaleLinear().domain(domain).range([0, width]).clamp(true);

	const trackY = Math.round(height * 0.15);
	const trackH = height - 2 * trackY;
	const barH = Math.max(4, Math.round(height * 0.36));
	const barY = (height - barH) / 2;
	const targetText = range
		? chartText(lang, 'bullet.range', { low: fmt(range[0]), high: fmt(range[1]) })
		: single !== null
			? fmt(single)
			: null;

	let bar: BulletLayout['bar'] = null;
	if (actual !== null) {
		const x0 = x(0);
		const x1 = x(actual);
		const reference = range ? range[1] : single;
		const tooltip =
			reference !== null && reference > 0 && !isShare
				? chartText(lang, 'bullet.actualOfTarget', {
						value: fmt(actual),
						share: formatValue(lang, actual / reference, true)
					})
				: chartText(lang, 'bullet.actual', { value: fmt(actual) });
		bar = {
			x: px(Math.min(x0, x1)),
			y: px(barY),
			width: px(Math.abs(x1 - x0)),
			height: barH,
			fill: STATUS_STYLES[status].fill,
			stroke: STATUS_STYLES[status].color,
			tooltip
		};
	}

	const target: BulletLayout['target'] =
		single !== null
			? {
					x: px(x(single)),
					y1: 1,
					y2: height - 1,
					tooltip: chartText(lang, 'bullet.target', { value: fmt(single) })
				}
			: null;

	const targetRange: BulletLayout['targetRange'] = range
		? {
				x: px(x(Math.min(...range))),
				y: trackY,
				width: px(Math.abs(x(range[1]) - x(range[0]))),
				height: trackH,
				tooltip: chartText(lang, 'bullet.target', { value: targetText ?? '' })
			}
		: null;

	let expectedMark: BulletLayout['expected'] = null;
	if (expected !== null) {
		const ex = px(x(expected));
		const t = Math.max(3, Math.round(height * 0.16));
		const d =
			`M${px(ex - t)},0L${px(ex + t)},0L${ex},${t}Z` +
			`M${px(ex - t)},${height}L${px(ex + t)},${height}L${ex},${height - t}Z`;
		expectedMark = {
			x: ex,
			y1: t,
			y2: height - t,
			d,
			tooltip: chartText(lang, 'bullet.expected', { value: fmt(expected) })
		};
	}

	const noDataLabel = actual === null ? { x: 4, y: px(height / 2), text: chartText(lang, 'noData') } : null;

	let desc: string;
	if (actual === null) {
		desc = chartText(lang, 'bullet.descNoActual', { target: targetText ?? '—' });
	} else if (targetText === null) {
		desc = chartText(lang, 'bullet.descNoTarget', { actual: fmt(actual) });
	} else {
		desc = chartText(lang, 'bullet.desc', { actual: fmt(actual), target: targetText });
	}
	if (expected !== null) desc += chartText(lang, 'bullet.descExpected', { expected: fmt(expected) });
	desc += `. ${chartText(lang, 'statusSentence', { status: statusLabel(status, lang) })}`;

	return {
		width,
		height,
		domain,
		track: { x: 0, y: trackY, width, height: trackH },
		bar,
		target,
		targetRange,
		expected: expectedMark,
		noDataLabel,
		title: input.label ?? chartText(lang, 'bullet.title'),
		desc
	};
}
