/**
 * Outliers by a robust z-score (the "modified z" of Iglewicz and Hoaglin), two ways, in SQL over every value of
 * the plan (inside its period, begun by the as-of date) under the plan's unit:
 * - `history`: against the unit's own past — the values of the same indicator, kind of period and programme for
 *   periods that began before this one (earlier years included), when there are at least `minHistory`;
 * - `peers`: against its peers — the units with the same parent and level reporting the same indicator for the
 *   same period (the value itself included), when there are at least `minPeers` — unless the unit's previous
 *   value of the series is just as far: a unit that is simply bigger than its neighbours (27 branch heads where
 *   most have 11) is flagged once, at its first report, not every quarter again.
 * z = (value − median) / scale, where scale = max(1.4826 × MAD, `relativeFloor` × |median|, `absoluteFloor`):
 * MAD is the median absolute deviation, which 1.4826 turns into a standard deviation for normal data; the floors
 * keep a series of identical values (MAD 0) from flagging the smallest change. A value is an outlier when |z| >
 * `threshold` (3.5, as Iglewicz and Hoaglin recommend). Medians and MADs ignore the outliers themselves, which is
 * the point of using them rather than the mean and standard deviation.
 *
 * (suspicious.ts flags values many times a median, for the inspection brief; this is the statistician's view of
 * the same question, and also catches values far below the usual.)
 */
import type { Connector } from '$lib/db/connector';
import type { Level } from '$lib/model/data';
import type { PlanFile } from '$lib/model/plan';
import { HELD_DURING, PERIOD_KIND_SQL, SCOPE_CTE, scopeParams } from './scope';

export interface Outlier {
	basis: 'history' | 'peers';
	unit: string;
	level: Level;
	/** The parent whose children are the peers (peers only). */
	parent: string | null;
	indicator: string;
	period: string;
	programme: string | null;
	value: number;
	median: number;
	mad: number;
	/** The robust z-score. */
	z: number;
	/** How many past values, or peers, the median was taken over. */
	count: number;
	/** Peers only: the unit's previous value of the series, if any. */
	previous: number | null;
}

export interface OutlierOptions {
	threshold?: number;
	minHistory?: number;
	minPeers?: number;
	relativeFloor?: number;
	absoluteFloor?: number;
}

export const OUTLIER_DEFAULTS: Required<OutlierOptions> = {
	threshold: 3.5,
	minHistory: 4,
	minPeers: 5,
	relativeFloor: 0.1,
	absoluteFloor: 1
};

interface Row {
	unit: string;
	level: Level;
	parent: string | null;
	indicator: string;
	period: string;
	programme: string | null;
	value: number;
	median: number;
	mad: number;
	n: number;
	previous: number | null;
	[key: string]: string | number | boolean | null;
}

/** Outliers under the plan's unit at `asOf` (clamped to the plan), largest |z| first. */
export async function outliers(
	conn: Connector,
	plan: PlanFile,
	asOf: string,
	options: OutlierOptions = {}
): Promise<Outlier[]> {
	const o = { ...OUTLIER_DEFAULTS, ...options };
	const { start, end } = plan.plan.period;
	// Every value under the unit begun by the as-of date, summed over nothing: one row per data row.
	const scoped = `SELECT v.org_unit AS unit, v.indicator, v.period, coalesce(v.programme, '') AS prog, v.programme,
		  v.value, v.period_start, v.period_end, ${PERIOD_KIND_SQL('v.period')} AS kind, w.level, u.parent_code AS parent
		FROM "values" v JOIN scope_walk w ON w.code = v.org_unit AND ${HELD_DURING('v', 'w')}
		  JOIN scope_units u ON u.code = w.code
		WHERE v.period_start <= CAST(? AS DATE)`;
	const inPlan = `t.period_start >= CAST(? AS DATE) AND t.period_end <= CAST(? AS DATE)`;
	// The robust scale of a row whose median and MAD are columns of `alias`; the two floors are bound.
	const scale = (alias: string) => `greatest(1.4826 * ${alias}.mad, ? * abs(${alias}.median), ?)`;
	const history = await conn.query<Row>(
		`${SCOPE_CTE}, scoped AS (${scoped}), targets AS (SELECT * FROM scoped t WHERE ${inPlan}),
		 med AS (
		   SELECT t.unit, t.indicator, t.period, t.prog, median(h.value) AS median, count(*) AS n
		   FROM targets t JOIN scoped h ON h.unit = t.unit AND h.indicator = t.indicator AND h.kind = t.kind
		     AND h.prog = t.prog AND h.period_start < t.period_start
		   GROUP BY ALL HAVING count(*) >= ?
		 ), mads AS (
		   SELECT m.unit, m.indicator, m.period, m.prog, any_value(m.median) AS median, any_value(m.n) AS n,
		     median(abs(h.value - m.median)) AS mad
		   FROM med m JOIN targets t USING (unit, indicator, period, prog)
		     JOIN scoped h ON h.unit = t.unit AND h.indicator = t.indicator AND h.kind = t.kind
		     AND h.prog = t.prog AND h.period_start < t.period_start
		   GROUP BY m.unit, m.indicator, m.period, m.prog
		 )
		 SELECT t.unit, t.level, t.parent, t.indicator, t.period, t.programme, t.value, x.median, x.mad, x.n,
		   NULL::DOUBLE AS previous
		 FROM targets t JOIN mads x USING (unit, indicator, period, prog)
		 WHERE abs(t.value - x.median) > ? * ${scale('x')}`,
		[...scopeParams(plan.plan), asOf, start, end, o.minHistory, o.threshold, o.relativeFloor, o.absoluteFloor]
	);
	const peers = await conn.query<Row>(
		`${SCOPE_CTE}, scoped AS (${scoped}), targets AS (SELECT * FROM scoped t WHERE ${inPlan}),
		 med AS (
		   SELECT parent, level, indicator, period, prog, median(value) AS median, count(*) AS n
		   FROM targets GROUP BY ALL HAVING count(*) >= ?
		 ), mads AS (
		   SELECT m.parent, m.level, m.indicator, m.period, m.prog, any_value(m.median) AS median,
		     any_value(m.n) AS n, median(abs(t.value - m.median)) AS mad
		   FROM med m JOIN targets t ON t.parent IS NOT DISTINCT FROM m.parent AND t.level = m.level
		     AND t.indicator = m.indicator AND t.period = m.period AND t.prog = m.prog
		   GROUP BY m.parent, m.level, m.indicator, m.period, m.prog
		 ), flagged AS (
		   SELECT t.*, x.median, x.mad, x.n
		   FROM targets t JOIN mads x ON t.parent IS NOT DISTINCT FROM x.parent AND t.level = x.level
		     AND t.indicator = x.indicator AND t.period = x.period AND t.prog = x.prog
		   WHERE abs(t.value - x.median) > ? * ${scale('x')}
		 ), prev AS (
		   SELECT f.unit, f.indicator, f.period, f.prog, arg_max(h.value, h.period_start) AS previous
		   FROM flagged f JOIN scoped h ON h.unit = f.unit AND h.indicator = f.indicator AND h.kind = f.kind
		     AND h.prog = f.prog AND h.period_start < f.period_start
		   GROUP BY ALL
		 )
		 SELECT f.unit, f.level, f.parent, f.indicator, f.period, f.programme, f.value, f.median, f.mad, f.n,
		   p.previous
		 FROM flagged f LEFT JOIN prev p USING (unit, indicator, period, prog)
		 WHERE p.previous IS NULL
		   OR abs(f.value - p.previous) > ? * ${scale('f')}`,
		[
			...scopeParams(plan.plan),
			asOf,
			start,
			end,
			o.minPeers,
			...[o.threshold, o.relativeFloor, o.absoluteFloor],
			...[o.threshold, o.relativeFloor, o.absoluteFloor]
		]
	);
	const flag =
		(basis: Outlier['basis']) =>
		(r: Row): Outlier => ({
			basis,
			unit: r.unit,
			level: r.level,
			parent: basis === 'peers' ? r.parent : null,
			indicator: r.indicator,
			period: r.period,
			programme: r.programme,
			value: r.value,
			median: r.median,
			mad: r.mad,
			z:
				(r.value - r.median) /
				Math.max(1.4826 * r.mad, o.relativeFloor * Math.abs(r.median), o.absoluteFloor),
			count: r.n,
			previous: r.previous
		});
	return [...history.map(flag('history')), ...peers.map(flag('peers'))].sort(
		(a, b) =>
			Math.abs(b.z) - Math.abs(a.z) ||
			a.unit.localeCompare(b.unit) ||
			a.indicator.localeCompare(b.indicator) ||
			a.period.localeCompare(b.period) ||
			a.basis.localeCompare(b.basis)
	);
}
