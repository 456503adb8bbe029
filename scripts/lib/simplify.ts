/**
 * Simplifies polygon boundaries for the web, keeping neighbouring shapes glued together.
 *
 * Provinces share their borders vertex for vertex in the source data. Simplifying each ring on its own
 * would drop different vertices on the two sides of a border and leave slivers and gaps on the map, so
 * (as TopoJSON does) the rings are cut into arcs at the points where borders meet, every arc is simplified
 * once with Douglas–Peucker, and both neighbours reuse that same simplified arc.
 *
 * No ring is ever removed: small islands (Hoàng Sa, Trường Sa, Côn Đảo, Phú Quốc) keep at least
 * 3 distinct points (4 positions with the closing one).
 */
import { geoArea } from 'd3';

export type Position = [number, number];
export type Ring = Position[];
export type Polygon = Ring[];
export type MultiPolygon = Polygon[];

export interface SimplifyOptions {
	/** Largest distance (in degrees) a dropped vertex may lie from the simplified line. */
	tolerance: number;
	/** Decimals kept in the output coordinates. */
	digits: number;
}

/** An arc as used by one ring: which canonical arc, and whether the ring walks it backwards. */
interface ArcUse {
	key: string;
	reversed: boolean;
}

interface CanonicalArc {
	points: Position[];
	/** Interior vertices that must survive so that every ring using the arc keeps 3 distinct points. */
	minInterior: number;
	/** How many rings use the arc (1 for a coast or an island, 2 for a border). */
	users: number;
}

/** Reads an array element that must exist (the arrays here are never sparse). */
function at<T>(items: readonly T[], index: number): T {
	const item = items[index];
	if (item === undefined) throw new Error(`index ${index} out of range (length ${items.length})`);
	return item;
}

function keyOf(point: Position): string {
	return `${point[0]},${point[1]}`;
}

/** Drops the closing position (GeoJSON rings repeat their first point at the end). */
function openRing(ring: Ring): Position[] {
	const first = at(ring, 0);
	const last = at(ring, ring.length - 1);
	if (first[0] !== last[0] || first[1] !== last[1]) throw new Error(`ring not closed at ${keyOf(first)}`);
	return ring.slice(0, -1).map((point): Position => [point[0], point[1]]);
}

/**
 * Junctions are the points where borders meet: a point used by several rings whose neighbours differ
 * between those rings (where three provinces meet, or where a land border reaches the coast).
 */
function findJunctions(rings: readonly Position[][]): Set<string> {
	const neighbours = new Map<string, string>();
	const junctions = new Set<string>();
	for (const ring of rings) {
		const n = ring.length;
		for (let i = 0; i < n; i++) {
			const key = keyOf(at(ring, i));
			const before = keyOf(at(ring, (i + n - 1) % n));
			const after = keyOf(at(ring, (i + 1) % n));
			const pair = before < after ? `${before}|${after}` : `${after}|${before}`;
			const seen = neighbours.get(key);
			if (seen === undefined) neighbours.set(key, pair);
			else if (seen !== pair) junctions.add(key);
		}
	}
	return junctions;
}

/** Index of the lexicographically smallest point: a start that any copy of the ring would also pick. */
function smallestIndex(ring: readonly Position[]): number {
	let best = 0;
	for (let i = 1; i < ring.length; i++) {
		const p = at(ring, i);
		const b = at(ring, best);
		if (p[0] < b[0] || (p[0] === b[0] && p[1] < b[1])) best = i;
	}
	return best;
}

/** Cuts an open ring into arcs that start and end at junctions (or one closed arc if it has none). */
function splitRing(ring: readonly Position[], junctions: ReadonlySet<string>): Position[][] {
	const firstJunction = ring.findIndex((point) => junctions.has(keyOf(point)));
	const start = firstJunction >= 0 ? firstJunction : smallestIndex(ring);
	const rotated = [...ring.slice(start), ...ring.slice(0, start)];
	const arcs: Position[][] = [];
	let current: Position[] = [at(rotated, 0)];
	for (const point of rotated.slice(1)) {
		current.push(point);
		if (junctions.has(keyOf(point))) {
			arcs.push(current);
			current = [point];
		}
	}
	current.push(at(rotated, 0));
	arcs.push(current);
	return arcs;
}

/** Distance from p to the segment a–b, in degrees (a plain plane is close enough at these latitudes). */
function segmentDistance(p: Position, a: Position, b: Position): number {
	const dx = b[0] - a[0];
	const dy = b[1] - a[1];
	const lengthSquared = dx * dx + dy * dy;
	// A closed arc starts and ends on the same point: measure from that point.
	const t =
		lengthSquared === 0
			? 0
			: Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / lengthSquared));
	return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

interface Split {
	from: number;
	to: number;
	index: number;
	distance: number;
}

function farthest(points: readonly Position[], from: number, to: number): Split | undefined {
	if (to - from < 2) return undefined;
	const a = at(points, from);
	const b = at(points, to);
	let best: Split = { from, to, index: from + 1, distance: -1 };
	for (let i = from + 1; i < to; i++) {
		const distance = segmentDistance(at(points, i), a, b);
		if (distance > best.distance) best = { from, to, index: i, distance };
	}
	return best;
}

/** Removes and returns the split with the largest distance. */
function takeLargest(pending: Split[]): Split {
	let best = 0;
	for (let i = 1; i < pending.length; i++) {
		if (at(pending, i).distance > at(pending, best).distance) best = i;
	}
	const split = at(pending, best);
	pending[best] = at(pending, pending.length - 1);
	pending.pop();
	return split;
}

/**
 * Douglas–Peucker on an open polyline (both ends kept). The farthest vertex is always split first, so
 * when a minimum number of interior vertices is asked for, the ones kept are the most significant.
 */
export function douglasPeucker(points: readonly Position[], tolerance: number, minInterior = 0): Position[] {
	const keep = new Uint8Array(points.length);
	keep[0] = 1;
	keep[points.length - 1] = 1;
	const pending: Split[] = [];
	const first = farthest(points, 0, points.length - 1);
	if (first) pending.push(first);
	let interior = 0;
	while (pending.length > 0) {
		const split = takeLargest(pending);
		if (split.distance <= tolerance && interior >= minInterior) break;
		keep[split.index] = 1;
		interior++;
		for (const part of [farthest(points, split.from, split.index), farthest(points, split.index, split.to)]) {
			if (part) pending.push(part);
		}
	}
	return points.filter((_, i) => keep[i] === 1);
}

/** How many interior vertices each arc of a ring needs for the ring to keep 3 distinct points. */
function minInteriorFor(arcCount: number): number {
	if (arcCount === 1) return 2;
	if (arcCount === 2) return 1;
	return 0;
}

/** Registers the arcs of a ring (each arc stored once, in the direction whose key sorts first). */
function useArcs(arcs: readonly Position[][], store: Map<string, CanonicalArc>): ArcUse[] {
	const minInterior = minInteriorFor(arcs.length);
	return arcs.map((arc) => {
		const forward = arc.map(keyOf).join(';');
		const backward = arc.map(keyOf).reverse().join(';');
		const reversed = backward < forward;
		const key = reversed ? backward : forward;
		const existing = store.get(key);
		if (existing) {
			existing.minInterior = Math.max(existing.minInterior, minInterior);
			existing.users++;
		} else {
			store.set(key, { points: reversed ? [...arc].reverse() : arc, minInterior, users: 1 });
		}
		return { key, reversed };
	});
}

function roundTo(value: number, digits: number): number {
	const factor = 10 ** digits;
	return Math.round(value * factor) / factor;
}

/** Twice the signed planar area; zero means the ring has collapsed to a line or a point. */
function planarArea2(ring: Ring): number {
	let sum = 0;
	for (let i = 0; i < ring.length - 1; i++) {
		const a = at(ring, i);
		const b = at(ring, i + 1);
		sum += a[0] * b[1] - b[0] * a[1];
	}
	return sum;
}

/** Joins a ring's simplified arcs, rounds the coordinates and drops the repeats that rounding creates. */
function assembleRing(
	uses: readonly ArcUse[],
	simplified: ReadonlyMap<string, Position[]>,
	digits: number
): Ring | undefined {
	const ring: Ring = [];
	for (const use of uses) {
		const points = simplified.get(use.key);
		if (!points) throw new Error(`arc missing: ${use.key.slice(0, 40)}`);
		const oriented = use.reversed ? [...points].reverse() : points;
		for (const point of ring.length === 0 ? oriented : oriented.slice(1)) {
			const rounded: Position = [roundTo(point[0], digits), roundTo(point[1], digits)];
			const last = ring[ring.length - 1];
			if (!last || last[0] !== rounded[0] || last[1] !== rounded[1]) ring.push(rounded);
		}
	}
	return ring.length >= 4 && planarArea2(ring) !== 0 ? ring : undefined;
}

/**
 * Rounding can flatten a tiny island into a line. A ring that shares no arc with another ring (an island,
 * at most touching others at a point) may be given one more decimal and, if that is not enough, all its
 * vertices: islands must not vanish from the map.
 */
function assembleIsland(
	uses: readonly ArcUse[],
	store: ReadonlyMap<string, CanonicalArc>,
	options: SimplifyOptions
): Ring | undefined {
	const arcs: CanonicalArc[] = [];
	for (const use of uses) {
		const arc = store.get(use.key);
		if (!arc || arc.users !== 1) return undefined;
		arcs.push(arc);
	}
	for (const keepAll of [false, true]) {
		const points = new Map(
			uses.map((use, i) => {
				const arc = at(arcs, i);
				return [
					use.key,
					keepAll ? arc.points : douglasPeucker(arc.points, options.tolerance, arc.minInterior)
				];
			})
		);
		const ring = assembleRing(uses, points, options.digits + 1);
		if (ring) return ring;
	}
	return undefined;
}

function finishRing(
	uses: readonly ArcUse[],
	simplified: ReadonlyMap<string, Position[]>,
	store: ReadonlyMap<string, CanonicalArc>,
	options: SimplifyOptions
): Ring {
	const ring = assembleRing(uses, simplified, options.digits) ?? assembleIsland(uses, store, options);
	if (!ring) {
		throw new Error(`a ring of ${uses.length} arcs collapsed in simplification: lower the tolerance`);
	}
	return ring;
}

/**
 * Simplifies a set of multipolygons that share borders. Returns the same structure (same number of
 * polygons and rings, in the same order) with fewer, rounded vertices.
 */
export function simplifyShapes(shapes: readonly MultiPolygon[], options: SimplifyOptions): MultiPolygon[] {
	const openRings = shapes.map((shape) => shape.map((polygon) => polygon.map(openRing)));
	const junctions = findJunctions(openRings.flat(2));
	const store = new Map<string, CanonicalArc>();
	const uses = openRings.map((shape) =>
		shape.map((polygon) => polygon.map((ring) => useArcs(splitRing(ring, junctions), store)))
	);
	const simplified = new Map<string, Position[]>();
	for (const [key, arc] of store) {
		simplified.set(key, douglasPeucker(arc.points, options.tolerance, arc.minInterior));
	}
	return uses.map((shape) =>
		shape.map((polygon) => polygon.map((ring) => finishRing(ring, simplified, store, options)))
	);
}

/**
 * d3-geo works on the sphere and reads ring direction to tell inside from outside: an exterior ring must
 * run clockwise (enclosing less than a hemisphere) and a hole anticlockwise. A ring the wrong way round
 * would be drawn as the whole globe minus the province, so rings are reversed where needed.
 */
export function rewindForD3(shape: MultiPolygon): MultiPolygon {
	return shape.map((polygon) =>
		polygon.map((ring, index) => {
			const area = geoArea({ type: 'Polygon', coordinates: [ring] });
			const isExterior = index === 0;
			const enclosesMoreThanHemisphere = area > 2 * Math.PI;
			return isExterior === enclosesMoreThanHemisphere ? [...ring].reverse() : ring;
		})
	);
}

/** Number of positions in a multipolygon (closing positions included). */
export function countPositions(shape: MultiPolygon): number {
	return shape.reduce((sum, polygon) => sum + polygon.reduce((s, ring) => s + ring.length, 0), 0);
}
