/**
 * Suspicious values: valid numbers that are implausible for the unit that reported them (a stray zero: 4,000
 * members in a commune of 900 women; ten times the usual monthly count). A value of the plan (inside its period,
 * begun by the as-of date) is flagged when it is more than `ratio` times
 * - its unit's own median for the same indicator and kind of period (`history`: every value of the unit up to
 *   the as-of date, earlier years included, when there are at least `minHistory` of them), or
 * - the median of its peers: the units of the same level under the plan's unit reporting the same indicator for
 *   the same period (`peers`, when there are at least `minPeers` of them).
 * Medians under `floor` count as `floor`, so that a unit that usually reports 0 or 1 is not flagged for a 3.
 * Each flag carries the numbers that explain it (see explain.ts).
 */
import type { Connector } from '$lib/db/connector';
import type { Level } from '$lib/model/data';
import type { PlanFile } from '$lib/model/plan';
import { HELD_DURING, PERIOD_KIND_SQL, SCOPE_CTE, scopeParams } from './scope';

export interface SuspiciousValue {
	basis: 'history' | 'peers';
	unit: string;
	level: Level;
	indicator: string;
	period: string;
	programme: string | null;
	value: number;
	/** The median compared with. */
	median: number;
	/** value / max(median, floor). */
	ratio: number;
	/** Values in the unit's history, or peers, the median was taken over. */
	count: number;
}

export interface SuspiciousOptions {
	/** Flag values more than this many times the median (default 4). */
	ratio?: number;
	/** A median below this counts as this (default 2). */
	floor?: number;
	minHistory?: number;
	minPeers?: number;
}

const DEFAULTS: Required<SuspiciousOptions> = { ratio: 4, floor: 2, minHistory: 3, minPeers: 5 };

interface Row {
	unit: string;
	level: Level;
	indicator: string;
	period: string;
	programme: string | null;
	value: number;
	median: number;
	n: number;
	[key: string]: string | number | boolean | null;
}

/** Suspicious values under the plan's unit at `asOf` (clamped to the plan), worst first. */
export async function suspiciousValues(
	conn: Connector,
	plan: PlanFile,
	asOf: string,
	options: SuspiciousOptions = {}
): Promise<SuspiciousValue[]> {
	const o = { ...DEFAULTS, ...options };
	const { start, end } = plan.plan.period;
	const scoped = `SELECT v.org_unit, v.indicator, v.period, v.programme, v.value, v.period_start, v.period_end,
		  ${PERIOD_KIND_SQL('v.period')} AS kind, w.level
		FROM "values" v JOIN scope_walk w ON w.code = v.org_unit AND ${HELD_DURING('v', 'w')}
		WHERE v.period_start <= CAST(? AS DATE)`;
	const inPlan = `v.period_start >= CAST(? AS DATE) AND v.period_end <= CAST(? AS DATE)`;
	const history = await conn.query<Row>(
		`${SCOPE_CTE}, scoped AS (${scoped}), medians AS (
		   SELECT org_unit, indicator, kind, coalesce(programme, '') AS programme, median(value) AS median, count(*) AS n
		   FROM scoped GROUP BY ALL
		 )
		 SELECT v.org_unit AS unit, v.level, v.indicator, v.period, v.programme, v.value, m.median, m.n
		 FROM scoped v JOIN medians m ON m.org_unit = v.org_unit AND m.indicator = v.indicator AND m.kind = v.kind
		   AND m.programme = coalesce(v.programme, '')
		 WHERE ${inPlan} AND m.n >= ? AND v.value > ? * greatest(m.median, ?)`,
		[...scopeParams(plan.plan), asOf, start, end, o.minHistory, o.ratio, o.floor]
	);
	const peers = await conn.query<Row>(
		`${SCOPE_CTE}, scoped AS (${scoped}), medians AS (
		   SELECT indicator, period, level, coalesce(programme, '') AS programme, median(value) AS median, count(*) AS n
		   FROM scoped v WHERE ${inPlan} GROUP BY ALL
		 )
		 SELECT v.org_unit AS unit, v.level, v.indicator, v.period, v.programme, v.value, m.median, m.n
		 FROM scoped v JOIN medians m ON m.indicator = v.indicator AND m.period = v.period AND m.level = v.level
		   AND m.programme = coalesce(v.programme, '')
		 WHERE ${inPlan} AND m.n >= ? AND v.value > ? * greatest(m.median, ?)`,
		[...scopeParams(plan.plan), asOf, start, end, start, end, o.minPeers, o.ratio, o.floor]
	);
	const flag = (basis: SuspiciousValue['basis']) => (r: Row) => ({
		basis,
		unit: r.unit,
		level: r.level,
		indicator: r.indicator,
		period: r.period,
		programme: r.programme,
		value: r.value,
		median: r.median,
		ratio: r.value / Math.max(r.median, o.floor),
		count: r.n
	});
	return [...history.map(flag('history')), ...peers.map(flag('peers'))].sort(
		(a, b) =>
			b.ratio - a.ratio ||
			a.unit.localeCompare(b.unit) ||
			a.indicator.localeCompare(b.indicator) ||
			a.period.localeCompare(b.period) ||
			a.basis.localeCompare(b.basis)
	);
}
