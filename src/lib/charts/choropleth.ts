/**
 * Layout of a map of the 34 provinces (after the 2025 reorganisation), filled by a value on a sequential scale
 * or by status, with Hoàng Sa and Trường Sa drawn and labelled. Also `rollUpToNewProvinces`, which carries
 * values of the 63 pre-2025 provinces onto the 34 new ones. Pure: d3-geo computes the paths, no DOM.
 */
import {
	geoBounds,
	geoCentroid,
	geoMercator,
	geoPath,
	interpolateYlGnBu,
	scaleLinear,
	scaleSequential
} from 'd3';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import type { Lang } from '$lib/i18n';
import type { Status } from '$lib/model/plan';
import { STATUS_STYLES, STATUSES_WORST_FIRST, statusLabel, statusText } from '$lib/status-style';
import { chartText, estimateTextWidth, formatValue, px, type ChartMessageKey } from './text';

export interface ProvinceProperties {
	code: string;
	name: string;
	name_en: string;
}
export type ProvinceFeature = Feature<Polygon | MultiPolygon, ProvinceProperties>;
export type ProvinceCollection = FeatureCollection<Polygon | MultiPolygon, ProvinceProperties>;

/** Checks the shape of an imported GeoJSON file just enough to type it. */
export function asProvinceCollection(json: unknown): ProvinceCollection {
	const fc = json as ProvinceCollection;
	if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
		throw new TypeError('Not a GeoJSON FeatureCollection');
	}
	for (const f of fc.features) {
		if (typeof f.properties?.code !== 'string') throw new TypeError('A province has no code');
	}
	return fc;
}

export type ChoroplethColorBy = 'value' | 'status';

export interface ChoroplethInput {
	geo: ProvinceCollection;
	/** Values by new province code. */
	values?: ReadonlyMap<string, number> | null;
	/** Statuses by new province code. */
	statuses?: ReadonlyMap<string, Status> | null;
	/** Default: `value` when values are given, else `status`. */
	colorBy?: ChoroplethColorBy;
	isShare?: boolean;
	lang: Lang;
	width: number;
	height: number;
	selected?: string | null;
	label?: string;
}

export interface ChoroplethProvince {
	code: string;
	name: string;
	d: string;
	/** Fill colour; null means "no data", drawn hatched grey. */
	fill: string | null;
	value: number | null;
	status: Status | null;
	selected: boolean;
	tooltip: string;
	/** Projected bounds [[x0, y0], [x1, y1]], islands included. */
	bounds: [[number, number], [number, number]];
	/** Status icon at the main polygon's centroid (status colouring only: legible without colour). */
	icon: { x: number; y: number; text: string } | null;
	/** Small offshore islands drawn as dots, which would otherwise be too small to see. */
	islandDots: { x: number; y: number }[];
}

export interface ChoroplethLabel {
	code: string;
	text: string;
	x: number;
	y: number;
	/** A dashed frame around the archipelago. */
	frame: { x: number; y: number; width: number; height: number };
}

export type ChoroplethLegend =
	| {
			kind: 'sequential';
			x: number;
			y: number;
			width: number;
			barHeight: number;
			stops: { offset: number; color: string }[];
			ticks: { x: number; label: string }[];
			noData: { y: number; label: string };
	  }
	| {
			kind: 'status';
			x: number;
			y: number;
			items: { status: Status; y: number; icon: string; label: string; fill: string; hatched: boolean }[];
	  };

export interface ChoroplethLayout {
	width: number;
	height: number;
	colorBy: ChoroplethColorBy;
	provinces: ChoroplethProvince[];
	archipelagos: ChoroplethLabel[];
	legend: ChoroplethLegend;
	title: string;
	desc: string;
}

/** The archipelagos, labelled on the map: the parts of these provinces east of `minLon`. */
const ARCHIPELAGOS: { code: string; key: ChartMessageKey; minLon: number }[] = [
	{ code: '48', key: 'map.hoangSa', minLon: 109.6 },
	{ code: '56', key: 'map.truongSa', minLon: 109.6 }
];

/** A colour-blind-safe sequential palette (ColorBrewer YlGnBu), without its near-white end. */
export const sequentialInterpolator = (t: number): string => interpolateYlGnBu(0.12 + 0.88 * t);

const PAD = 8;
const LEGEND_WIDTH = 150;

/** Round values inside [d0, d1] for the legend (three or four), or its two ends when there are too few. */
function legendTicks(d0: number, d1: number): number[] {
	const ticks = scaleLinear().domain([d0, d1]).ticks(3);
	return ticks.length >= 2 ? ticks : [d0, d1];
}

function polygonsOf(feature: ProvinceFeature): Position[][][] {
	return feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
}

/** Lays out the map in `width` × `height` pixels (the map keeps its aspect ratio, about 0.93). */
export function choroplethLayout(input: ChoroplethInput): ChoroplethLayout {
	const { geo, lang, width, height } = input;
	const values = input.values ?? new Map<string, number>();
	const statuses = input.statuses ?? new Map<string, Status>();
	const colorBy: ChoroplethColorBy = input.colorBy ?? (input.values ? 'value' : 'status');
	const isShare = input.isShare ?? false;
	const fmt = (v: number | null) => formatValue(lang, v, isShare);
	const noData = chartText(lang, 'noDataLower');

	const projection = geoMercator().fitExtent(
		[
			[PAD, PAD],
			[width - PAD, height - PAD]
		],
		geo
	);
	const path = geoPath(projection);
	const project = (p: [number, number]) => projection(p) ?? [0, 0];

	const known = [...values.values()].filter((v) => Number.isFinite(v));
	const lo = Math.min(isShare ? 0 : Infinity, ...known);
	const hi = Math.max(isShare ? 1 : -Infinity, ...known);
	const domain: [number, number] = known.length ? [lo, hi > lo ? hi : lo + 1] : [0, 1];
	const color = scaleSequential(sequentialInterpolator).domain(domain).clamp(true);

	const nameOf = (f: ProvinceFeature) => (lang === 'vi' ? f.properties.name : f.properties.name_en);

	const provinces: ChoroplethProvince[] = geo.features.map((f) => {
		const code = f.properties.code;
		const rawValue = values.get(code);
		const value = rawValue !== undefined && Number.isFinite(rawValue) ? rawValue : null;
		const status = statuses.get(code) ?? null;
		let fill: string | null;
		if (colorBy === 'value') fill = value === null ? null : color(value);
		else fill = status === null || status === 'no-data' ? null : STATUS_STYLES[status].fill;

		const polygons = polygonsOf(f);
		const main = polygons
			.map((coordinates) => ({ coordinates, area: path.area({ type: 'Polygon', coordinates }) }))
			.sort((a, b) => b.area - a.area)[0];
		const mainBounds = main ? path.bounds({ type: 'Polygon', coordinates: main.coordinates }) : null;
		const islandDots: { x: number; y: number }[] = [];
		const seen = new Set<string>();
		for (const coordinates of polygons) {
			const polygon: Polygon = { type: 'Polygon', coordinates };
			if (path.area(polygon) > 2 || !mainBounds) continue;
			const [cx, cy] = path.centroid(polygon);
			const margin = 6;
			const nearMain =
				cx >= mainBounds[0][0] - margin &&
				cx <= mainBounds[1][0] + margin &&
				cy >= mainBounds[0][1] - margin &&
				cy <= mainBounds[1][1] + margin;
			const key = `${Math.round(cx / 3)},${Math.round(cy / 3)}`;
			if (nearMain || seen.has(key) || !Number.isFinite(cx)) continue;
			seen.add(key);
			islandDots.push({ x: px(cx), y: px(cy) });
		}

		const [iconX, iconY] = main ? path.centroid({ type: 'Polygon', coordinates: main.coordinates }) : [0, 0];
		const shown = colorBy === 'status' ? (status ?? 'no-data') : null;
		const facts: string[] = [];
		if (value !== null) facts.push(fmt(value));
		else if (colorBy === 'value' || status === null) facts.push(noData);
		if (status !== null) facts.push(statusText(status, lang));
		const tooltip = `${nameOf(f)}: ${facts.join(' — ')}`;
		const [[x0, y0], [x1, y1]] = path.bounds(f);
		return {
			code,
			name: nameOf(f),
			d: path(f) ?? '',
			fill,
			value,
			status,
			selected: input.selected === code,
			tooltip,
			bounds: [
				[px(x0), px(y0)],
				[px(x1), px(y1)]
			],
			icon: shown ? { x: px(iconX), y: px(iconY), text: STATUS_STYLES[shown].icon } : null,
			islandDots
		};
	});

	const archipelagos: ChoroplethLabel[] = [];
	for (const { code, key, minLon } of ARCHIPELAGOS) {
		const feature = geo.features.find((f) => f.properties.code === code);
		if (!feature) continue;
		const far = polygonsOf(feature).filter(
			(coordinates) => geoCentroid({ type: 'Polygon', coordinates })[0] > minLon
		);
		if (!far.length) continue;
		const [[w, s], [e, n]] = geoBounds({ type: 'MultiPolygon', coordinates: far });
		const [fx0, fy0] = project([w, n]);
		const [fx1, fy1] = project([e, s]);
		const text = chartText(lang, key);
		const frame = { x: px(fx0 - 4), y: px(fy0 - 4), width: px(fx1 - fx0 + 8), height: px(fy1 - fy0 + 8) };
		const half = estimateTextWidth(text, 11) / 2;
		const cx = Math.min(Math.max((fx0 + fx1) / 2, half + 2), width - half - 2);
		// Hoàng Sa's label goes under its frame, Trường Sa's above (under it is the map's edge).
		const below = code === '48';
		archipelagos.push({ code, text, x: px(cx), y: px(below ? fy1 + 18 : fy0 - 9), frame });
	}

	// Legend in the map's north-east corner, over the sea.
	const [[, mapTop], [mapRight]] = path.bounds(geo);
	// 16 px spare on the right for the last tick's label, centred on the bar's end.
	const legendX = px(Math.max(PAD, Math.min(width - PAD, mapRight) - LEGEND_WIDTH - 16));
	const legendY = px(Math.max(PAD, mapTop) + 12);
	let legend: ChoroplethLegend;
	if (colorBy === 'value') {
		const [d0, d1] = domain;
		legend = {
			kind: 'sequential',
			x: legendX,
			y: legendY,
			width: LEGEND_WIDTH,
			barHeight: 10,
			stops: Array.from({ length: 11 }, (_, i) => ({
				offset: i / 10,
				color: sequentialInterpolator(i / 10)
			})),
			ticks: legendTicks(d0, d1).map((v) => ({
				x: px(((v - d0) / (d1 - d0)) * LEGEND_WIDTH),
				label: fmt(v)
			})),
			noData: { y: 44, label: chartText(lang, 'noData') }
		};
	} else {
		legend = {
			kind: 'status',
			x: legendX,
			y: legendY,
			items: STATUSES_WORST_FIRST.map((status, i) => ({
				status,
				y: i * 17,
				icon: STATUS_STYLES[status].icon,
				label: statusLabel(status, lang),
				fill: STATUS_STYLES[status].fill,
				hatched: status === 'no-data'
			}))
		};
	}

	// The text alternative.
	const parts: string[] = [];
	if (colorBy === 'value') {
		const withValue = provinces
			.filter((p) => p.value !== null)
			.sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
		parts.push(chartText(lang, 'map.coverage', { count: withValue.length, total: provinces.length }));
		const top = withValue[0];
		const bottom = withValue[withValue.length - 1];
		if (top && bottom) {
			parts.push(
				chartText(lang, 'map.extremes', {
					top: top.name,
					topValue: fmt(top.value),
					bottom: bottom.name,
					bottomValue: fmt(bottom.value)
				})
			);
		}
		const missing = provinces.filter((p) => p.value === null).map((p) => p.name);
		if (missing.length && missing.length <= 12)
			parts.push(chartText(lang, 'map.missing', { list: missing.join(', ') }));
	}
	const statusOf = (p: ChoroplethProvince) => p.status ?? (colorBy === 'status' ? 'no-data' : null);
	const groups = STATUSES_WORST_FIRST.map((status) => ({
		status,
		names: provinces.filter((p) => statusOf(p) === status).map((p) => p.name)
	})).filter((g) => g.names.length);
	if (groups.length) {
		const list = groups.map(
			(g) => `${statusLabel(g.status, lang)} (${g.names.length}): ${g.names.join(', ')}`
		);
		parts.push(chartText(lang, 'map.statuses', { list: list.join('; ') }));
	}

	return {
		width,
		height,
		colorBy,
		provinces,
		archipelagos,
		legend,
		title: input.label ?? chartText(lang, 'map.title'),
		desc: parts.join(' ')
	};
}

export interface CrosswalkRow {
	old_code: string;
	new_code: string;
	level: string;
}

export type RollUpAggregate = 'sum' | 'avg' | 'max' | 'min';

/**
 * Values of pre-2025 provinces carried onto the 34 new ones. Every old province went wholly into one new
 * province (the crosswalk's `level === 'province'` rows), so sums add up cleanly; `avg` is the unweighted mean
 * of the old provinces' values. Codes not in the crosswalk are left out and reported to `onUnmapped`.
 */
export function rollUpToNewProvinces(
	values: ReadonlyMap<string, number>,
	crosswalk: readonly CrosswalkRow[],
	aggregate: RollUpAggregate,
	onUnmapped?: (oldCode: string) => void
): Map<string, number> {
	const newCodeOf = new Map<string, string>();
	for (const row of crosswalk) if (row.level === 'province') newCodeOf.set(row.old_code, row.new_code);

	const groups = new Map<string, number[]>();
	for (const [oldCode, value] of values) {
		const newCode = newCodeOf.get(oldCode);
		if (newCode === undefined) {
			onUnmapped?.(oldCode);
			continue;
		}
		if (!Number.isFinite(value)) continue;
		const group = groups.get(newCode);
		if (group) group.push(value);
		else groups.set(newCode, [value]);
	}

	const result = new Map<string, number>();
	for (const [code, group] of groups) {
		const sum = group.reduce((s, v) => s + v, 0);
		const value =
			aggregate === 'sum'
				? sum
				: aggregate === 'avg'
					? sum / group.length
					: aggregate === 'max'
						? Math.max(...group)
						: Math.min(...group);
		result.set(code, value);
	}
	return result;
}
