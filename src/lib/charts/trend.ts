/**
 * Layout of a time series over a plan period, with the target line and the expected trajectory. Pure.
 *
 * Time runs on day numbers, not JS dates, so nothing depends on the time zone. A value dated D is a value at
 * the end of day D (a cumulative total "as of" D), which is how the status engine counts elapsed days: the
 * linear trajectory reaches target × elapsedShare(start, end, D) at D, and the target itself at the end.
 */
import { line, scaleLinear } from 'd3';
import type { Lang } from '$lib/i18n';
import { formatDate } from '$lib/i18n';
import { dayNumber, fromDayNumber, isoFromParts, parseIsoDate } from '$lib/periods/dates';
import { chartText, estimateTextWidth, formatValue, px } from './text';

export interface TrendPoint {
	/** `YYYY-MM-DD`; the value holds at the end of that day. */
	date: string;
	value: number | null;
}

/**
 * The expected trajectory: `linear` from 0 at the start to the target at the end; `quarterWeights` (shares of
 * the target expected in each quarter of a calendar-year plan, as in a plan file); explicit points; or none.
 */
export type TrendTrajectory =
	| 'linear'
	| 'none'
	| { quarterWeights: readonly [number, number, number, number] }
	| readonly { date: string; value: number }[];

export interface TrendInput {
	points: readonly TrendPoint[];
	start: string;
	end: string;
	target?: number | null;
	/** Default `linear` when there is a target. */
	trajectory?: TrendTrajectory;
	/** The date the text alternative reports the expected value at; default the latest point's date. */
	asOf?: string | null;
	isShare?: boolean;
	lang: Lang;
	width: number;
	height: number;
	/** A sparkline: no axes, no legend, only the last point marked; the text alternative stays. */
	small?: boolean;
	label?: string;
}

export interface TrendMark {
	x: number;
	y: number;
	date: string;
	value: number;
	tooltip: string;
}

export type TrendLegendKind = 'actual' | 'trajectory' | 'target';

export interface TrendLayout {
	width: number;
	height: number;
	small: boolean;
	plot: { x: number; y: number; width: number; height: number };
	xTicks: { x: number; label: string }[];
	yTicks: { y: number; label: string }[];
	/** The actual values; gaps where a value is null. Empty when there are none. */
	line: string;
	marks: TrendMark[];
	target: { x1: number; x2: number; y: number; label: string; labelX: number; labelY: number } | null;
	trajectory: { d: string; tooltip: string } | null;
	legend: { x: number; y: number; kind: TrendLegendKind; label: string }[];
	title: string;
	desc: string;
}

interface Knot {
	t: number;
	value: number;
}

/** Position of "the end of day `iso`" on the day-number axis. */
const endOf = (iso: string) => dayNumber(iso) + 1;

/** The expected trajectory as knots (day position, value), or [] when there is none. */
export function trajectoryKnots(
	start: string,
	end: string,
	target: number | null,
	trajectory: TrendTrajectory
): Knot[] {
	const t0 = dayNumber(start);
	const t1 = endOf(end);
	if (trajectory === 'none') return [];
	if (Array.isArray(trajectory)) {
		return trajectory
			.filter((p) => parseIsoDate(p.date) && Number.isFinite(p.value))
			.map((p) => ({ t: endOf(p.date), value: p.value }))
			.sort((a, b) => a.t - b.t);
	}
	if (target === null) return [];
	const linear = [
		{ t: t0, value: 0 },
		{ t: t1, value: target }
	];
	if (trajectory === 'linear' || !('quarterWeights' in trajectory)) return linear;
	const year = Number(start.slice(0, 4));
	if (start !== isoFromParts(year, 1, 1) || end !== isoFromParts(year, 12, 31)) return linear;
	const ends = [isoFromParts(year, 3, 31), isoFromParts(year, 6, 30), isoFromParts(year, 9, 30), end];
	const knots = [{ t: t0, value: 0 }];
	let share = 0;
	ends.forEach((quarterEnd, i) => {
		share += trajectory.quarterWeights[i] ?? 0;
		knots.push({ t: endOf(quarterEnd), value: target * share });
	});
	return knots;
}

/** The trajectory's value at day position `t` (linear between knots, flat outside them). */
function valueAt(knots: Knot[], t: number): number | null {
	const first = knots[0];
	const last = knots[knots.length - 1];
	if (!first || !last) return null;
	if (t <= first.t) return first.value;
	if (t >= last.t) return last.value;
	for (let i = 1; i < knots.length; i++) {
		const a = knots[i - 1] as Knot;
		const b = knots[i] as Knot;
		if (t <= b.t) return b.t === a.t ? b.value : a.value + ((b.value - a.value) * (t - a.t)) / (b.t - a.t);
	}
	return last.value;
}

const MONTH_STEPS = [1, 2, 3, 6, 12];
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function monthLabel(lang: Lang, year: number, month: number, oneYear: boolean, step: number): string {
	if (step === 12 && month === 1 && !oneYear) return String(year);
	if (oneYear)
		return lang === 'vi' ? chartText(lang, 'trend.month', { month }) : (MONTHS_EN[month - 1] ?? '');
	return lang === 'vi'
		? `${String(month).padStart(2, '0')}/${year}`
		: `${MONTHS_EN[month - 1] ?? ''} ${year}`;
}

/** Month ticks (first days of months) inside [t0, t1], spaced so that their labels do not collide. */
function monthTicks(lang: Lang, t0: number, t1: number, x: (t: number) => number, fontSize: number) {
	const first = fromDayNumber(t0);
	const last = fromDayNumber(t1 - 1);
	const oneYear = first.slice(0, 4) === last.slice(0, 4);
	const pxPerMonth = Math.abs(x(t0 + 30.44) - x(t0));
	for (const step of MONTH_STEPS) {
		const sample = monthLabel(lang, 2024, 12, oneYear, step);
		if (pxPerMonth * step < estimateTextWidth(sample, fontSize) + 10 && step !== 12) continue;
		const ticks: { x: number; label: string }[] = [];
		let year = Number(first.slice(0, 4));
		let month = Number(first.slice(5, 7));
		for (let guard = 0; guard < 1200; guard++) {
			const t = dayNumber(isoFromParts(year, month, 1));
			if (t >= t1) break;
			if (t >= t0 && t < t1 && (month - 1) % step === 0) {
				ticks.push({ x: px(x(t)), label: monthLabel(lang, year, month, oneYear, step) });
			}
			month += 1;
			if (month > 12) {
				month = 1;
				year += 1;
			}
		}
		return ticks;
	}
	return [];
}

/** Lays out a trend chart (or, with `small`, a sparkline) of `width` × `height` pixels. */
export function trendLayout(input: TrendInput): TrendLayout {
	const { lang, width, height, start, end } = input;
	const small = input.small ?? false;
	const isShare = input.isShare ?? false;
	const target = typeof input.target === 'number' && Number.isFinite(input.target) ? input.target : null;
	const fmt = (v: number | null) => formatValue(lang, v, isShare);
	const fontSize = 11;

	const series = input.points
		.filter((p) => parseIsoDate(p.date) !== null)
		.map((p) => ({
			date: p.date,
			t: endOf(p.date),
			value: typeof p.value === 'number' && Number.isFinite(p.value) ? p.value : null
		}))
		.sort((a, b) => a.t - b.t);
	const known = series.filter((p): p is typeof p & { value: number } => p.value !== null);
	const knots = trajectoryKnots(start, end, target, input.trajectory ?? 'linear');

	const t0 = Math.min(dayNumber(start), ...series.map((p) => p.t - 1));
	const t1 = Math.max(endOf(end), ...series.map((p) => p.t));
	const values = [...known.map((p) => p.value), ...knots.map((k) => k.value)];
	if (target !== null) values.push(target);
	const yMin = Math.min(0, ...values);
	const yMax = Math.max(isShare ? 1 : 0, ...values);
	const y = scaleLinear()
		.domain([yMin, yMax > yMin ? yMax : yMin + 1])
		.nice(small ? 2 : 5);
	const yTickValues = small ? [] : y.ticks(Math.max(2, Math.round((height - 50) / 35)));
	const yLabels = yTickValues.map((v) => fmt(v));

	const margin = small
		? { top: 3, right: 3, bottom: 3, left: 3 }
		: {
				top: 26,
				right: 12,
				bottom: 24,
				left: Math.ceil(Math.max(0, ...yLabels.map((l) => estimateTextWidth(l, fontSize)))) + 10
			};
	const plot = {
		x: margin.left,
		y: margin.top,
		width: Math.max(1, width - margin.left - margin.right),
		height: Math.max(1, height - margin.top - margin.bottom)
	};
	y.range([plot.y + plot.height, plot.y]);
	const x = scaleLinear()
		.domain([t0, t1])
		.range([plot.x, plot.x + plot.width]);

	const path = line<{ t: number; value: number | null }>()
		.defined((p) => p.value !== null)
		.x((p) => px(x(p.t)))
		.y((p) => px(y(p.value ?? 0)));

	const pointTooltip = (p: { date: string; value: number }) =>
		chartText(lang, 'trend.point', { date: formatDate(lang, p.date), value: fmt(p.value) });
	const marked = small ? known.slice(-1) : known;
	const marks = marked.map((p) => ({
		x: px(x(p.t)),
		y: px(y(p.value)),
		date: p.date,
		value: p.value,
		tooltip: pointTooltip(p)
	}));

	const targetMark =
		target === null
			? null
			: {
					x1: plot.x,
					x2: plot.x + plot.width,
					y: px(y(target)),
					label: chartText(lang, 'trend.targetLabel', { value: fmt(target) }),
					labelX: plot.x + 4,
					labelY: px(y(target) - 4)
				};
	const trajectory =
		knots.length > 1
			? {
					d: line<Knot>()
						.x((k) => px(x(k.t)))
						.y((k) => px(y(k.value)))(knots) as string,
					tooltip: chartText(lang, 'trend.trajectoryLabel')
				}
			: null;

	const legend: TrendLayout['legend'] = [];
	if (!small) {
		let lx = plot.x;
		const kinds: TrendLegendKind[] = ['actual'];
		if (trajectory) kinds.push('trajectory');
		if (targetMark) kinds.push('target');
		for (const kind of kinds) {
			const label = chartText(
				lang,
				kind === 'actual'
					? 'trend.actualLabel'
					: kind === 'trajectory'
						? 'trend.trajectoryLabel'
						: 'trend.targetLegend'
			);
			legend.push({ x: lx, y: 10, kind, label });
			lx += 24 + estimateTextWidth(label, fontSize) + 16;
		}
	}

	// The text alternative.
	const parts = [
		chartText(lang, 'trend.period', { start: formatDate(lang, start), end: formatDate(lang, end) })
	];
	const latest = known[known.length - 1];
	if (latest) {
		parts.push(
			chartText(lang, 'trend.latest', { value: fmt(latest.value), date: formatDate(lang, latest.date) })
		);
	} else {
		parts.push(chartText(lang, 'trend.none'));
	}
	if (target !== null) parts.push(chartText(lang, 'trend.target', { value: fmt(target) }));
	const asOf = parseIsoDate(input.asOf) ?? latest?.date ?? null;
	const expectedNow = asOf && knots.length > 1 ? valueAt(knots, endOf(asOf)) : null;
	if (asOf && expectedNow !== null) {
		parts.push(
			chartText(lang, 'trend.expectedAt', { date: formatDate(lang, asOf), value: fmt(expectedNow) })
		);
	}
	if (known.length > 1) {
		const vs = known.map((p) => p.value);
		parts.push(
			chartText(lang, 'trend.range', {
				min: fmt(Math.min(...vs)),
				max: fmt(Math.max(...vs)),
				count: known.length
			})
		);
	}

	return {
		width,
		height,
		small,
		plot,
		xTicks: small ? [] : monthTicks(lang, t0, t1, x, fontSize),
		yTicks: yTickValues.map((v, i) => ({ y: px(y(v)), label: yLabels[i] ?? '' })),
		line: known.length ? (path(series) ?? '') : '',
		marks,
		target: targetMark,
		trajectory,
		legend,
		title: input.label ?? chartText(lang, 'trend.title'),
		desc: parts.join(' ')
	};
}
