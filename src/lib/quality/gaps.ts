/**
 * Missing data: periods for which a unit that reports monthly (or quarterly, half-yearly) sent no value at all.
 *
 * A unit's monthly report is the set of indicators it gives values for by month. A month is expected of the unit
 * when, for at least one of those indicators, the month has ended by the as-of date, comes after the unit's first
 * value of it in the plan, and most of the units of its level that report the indicator monthly (at least
 * `minPeerShare` of those that had started by then) reported it for that month. An expected month with no value
 * at all from the unit is a report that did not arrive (the data holds no row for it, not a zero). Quarters and
 * halves likewise. So a seasonal activity (contest entries in August and September only) leaves no gap in October,
 * and periods before a unit's first value are not judged: a unit may start reporting in the middle of a year (a
 * model set up in Q3), and nothing in the data says it should have reported earlier.
 */
import type { Connector, SqlValue } from '$lib/db/connector';
import type { Level } from '$lib/model/data';
import type { PlanFile } from '$lib/model/plan';
import { type PeriodKind } from '$lib/periods/codes';
import { endedPeriods } from './reports';
import { HELD_DURING, LIST_SEPARATOR, PERIOD_KIND_SQL, SCOPE_CTE, scopeParams } from './scope';

export interface DataGap {
	unit: string;
	/** The period with no value, e.g. `2024-03`. */
	period: string;
	periodKind: PeriodKind;
	/** How many indicators the unit reports for periods of this kind in the plan. */
	indicators: number;
	/** How many of its peers reported for the period, of how many expected to. */
	peersReporting: number;
	peers: number;
}

const GAP_KINDS: readonly PeriodKind[] = ['month', 'quarter', 'half'];

/** The SQL of the expected periods (CTE `expected`, `reported`, `series`) followed by `select`; binds in `params`. */
function expectedSql(select: string): string {
	return `${SCOPE_CTE}, ended AS (
		   SELECT split_part(x, '|', 1) AS period, split_part(x, '|', 2) AS kind
		   FROM (SELECT unnest(string_split(?, ?)) AS x)
		 ), reported AS (
		   SELECT DISTINCT v.org_unit AS unit, w.level, v.period, ${PERIOD_KIND_SQL('v.period')} AS kind, v.indicator
		   FROM "values" v JOIN scope_walk w ON w.code = v.org_unit AND ${HELD_DURING('v', 'w')}
		   WHERE v.period_start >= CAST(? AS DATE) AND v.period_end <= CAST(? AS DATE)
		     AND v.period_start <= CAST(? AS DATE)
		 ), series AS (
		   SELECT unit, level, kind, indicator, min(period) AS first_period
		   FROM reported GROUP BY unit, level, kind, indicator
		 ), coverage AS (
		   SELECT e.period, e.kind, s.level, s.indicator, count(*) AS eligible,
		     count(*) FILTER (WHERE EXISTS (SELECT 1 FROM reported r
		       WHERE r.unit = s.unit AND r.indicator = s.indicator AND r.kind = s.kind AND r.period = e.period)) AS reporting
		   FROM ended e JOIN series s ON s.kind = e.kind AND s.first_period <= e.period
		   GROUP BY e.period, e.kind, s.level, s.indicator
		 ), expected AS (
		   SELECT s.unit, any_value(s.level) AS level, s.kind, c.period, arg_max(c.reporting, c.eligible) AS reporting,
		     max(c.eligible) AS eligible
		   FROM series s JOIN coverage c ON c.kind = s.kind AND c.level = s.level AND c.indicator = s.indicator
		     AND c.period > s.first_period AND c.reporting >= ? * c.eligible
		   GROUP BY s.unit, s.kind, c.period
		 )
		 ${select}`;
}

/** The parameters of `expectedSql`, or null when no period has ended. */
function expectedParams(plan: PlanFile, asOf: string, minPeerShare: number): SqlValue[] | null {
	const { start, end } = plan.plan.period;
	// Each period that has ended, as `code|kind`, built here from the plan's dates (no user text).
	const periods = GAP_KINDS.flatMap((kind) =>
		endedPeriods(start, end, kind, asOf).map((code) => `${code}|${kind}`)
	);
	if (periods.length === 0) return null;
	return [
		...scopeParams(plan.plan),
		periods.join(LIST_SEPARATOR),
		LIST_SEPARATOR,
		start,
		end,
		asOf,
		minPeerShare
	];
}

/** Every data gap under the plan's unit at `asOf` (clamped to the plan), by unit then period. */
export async function dataGaps(
	conn: Connector,
	plan: PlanFile,
	asOf: string,
	minPeerShare = 0.5
): Promise<DataGap[]> {
	const params = expectedParams(plan, asOf, minPeerShare);
	if (!params) return [];
	const rows = await conn.query<{
		unit: string;
		period: string;
		kind: string;
		indicators: number;
		reporting: number;
		eligible: number;
	}>(
		expectedSql(`SELECT x.unit, x.period, x.kind, x.reporting, x.eligible,
		   (SELECT count(DISTINCT s.indicator) FROM series s WHERE s.unit = x.unit AND s.kind = x.kind) AS indicators
		 FROM expected x
		 WHERE NOT EXISTS (SELECT 1 FROM reported r WHERE r.unit = x.unit AND r.kind = x.kind AND r.period = x.period)
		 ORDER BY x.unit, x.period`),
		params
	);
	return rows.map((r) => ({
		unit: r.unit,
		period: r.period,
		periodKind: r.kind as PeriodKind,
		indicators: r.indicators,
		peersReporting: r.reporting,
		peers: r.eligible
	}));
}

export interface ExpectedValueCell {
	unit: string;
	level: Level;
	period: string;
	periodKind: PeriodKind;
	/** Whether the unit gave any value for the period. */
	present: boolean;
}

/**
 * Every period in which values are expected of a unit (after its first value; see above), whether it gave any or
 * not: the denominator of value coverage. By unit then period.
 */
export async function expectedValueCells(
	conn: Connector,
	plan: PlanFile,
	asOf: string,
	minPeerShare = 0.5
): Promise<ExpectedValueCell[]> {
	const params = expectedParams(plan, asOf, minPeerShare);
	if (!params) return [];
	const rows = await conn.query<{
		unit: string;
		level: Level;
		period: string;
		kind: string;
		present: boolean;
	}>(
		expectedSql(`SELECT x.unit, x.level, x.period, x.kind,
		   EXISTS (SELECT 1 FROM reported r WHERE r.unit = x.unit AND r.kind = x.kind AND r.period = x.period) AS present
		 FROM expected x ORDER BY x.unit, x.period`),
		params
	);
	return rows.map((r) => ({
		unit: r.unit,
		level: r.level,
		period: r.period,
		periodKind: r.kind as PeriodKind,
		present: r.present
	}));
}

export interface ExpectedIndicatorCell extends ExpectedValueCell {
	indicator: string;
}

/**
 * Every (unit, indicator, period) in which a value is expected: the unit reports the indicator by such periods,
 * the period comes after its first value of it, and most units of its level that report the indicator did so for
 * the period. Whether the unit gave one: value coverage per indicator. By unit, indicator, period.
 */
export async function expectedIndicatorCells(
	conn: Connector,
	plan: PlanFile,
	asOf: string,
	minPeerShare = 0.5
): Promise<ExpectedIndicatorCell[]> {
	const params = expectedParams(plan, asOf, minPeerShare);
	if (!params) return [];
	const rows = await conn.query<{
		unit: string;
		level: Level;
		indicator: string;
		period: string;
		kind: string;
		present: boolean;
	}>(
		expectedSql(`, cells AS (
		   SELECT s.unit, s.level, s.indicator, s.kind, c.period
		   FROM series s JOIN coverage c ON c.kind = s.kind AND c.level = s.level AND c.indicator = s.indicator
		     AND c.period > s.first_period AND c.reporting >= ? * c.eligible
		 )
		 SELECT x.unit, x.level, x.indicator, x.period, x.kind,
		   EXISTS (SELECT 1 FROM reported r
		     WHERE r.unit = x.unit AND r.indicator = x.indicator AND r.kind = x.kind AND r.period = x.period) AS present
		 FROM cells x ORDER BY x.unit, x.indicator, x.period`),
		[...params, params[params.length - 1] as SqlValue]
	);
	return rows.map((r) => ({
		unit: r.unit,
		level: r.level,
		indicator: r.indicator,
		period: r.period,
		periodKind: r.kind as PeriodKind,
		present: r.present
	}));
}
