/** What the overview page shows about the loaded data, as SQL through the Connector. */
import type { Connector } from '$lib/db/connector';
import type { Level } from '$lib/model/data';

export interface HierarchyCount {
	/** The validity window that defines a hierarchy (codes repeat across the 2025 reorganisation). */
	validFrom: string | null;
	validTo: string | null;
	level: Level;
	units: number;
}

export interface YearCount {
	year: number;
	values: number;
	targets: number;
	submissions: number;
}

export interface Overview {
	hierarchies: HierarchyCount[];
	indicators: number;
	programmes: number;
	reports: number;
	years: YearCount[];
}

const LEVEL_ORDER = `CASE level WHEN 'central' THEN 0 WHEN 'province' THEN 1 WHEN 'district' THEN 2
	WHEN 'commune' THEN 3 ELSE 4 END`;

export async function readOverview(conn: Connector): Promise<Overview> {
	const hierarchies = await conn.query<{
		valid_from: string | null;
		valid_to: string | null;
		level: Level;
		units: number;
	}>(
		`SELECT strftime(valid_from, '%Y-%m-%d') AS valid_from, strftime(valid_to, '%Y-%m-%d') AS valid_to, level, units
		 FROM (SELECT valid_from, valid_to, level, count(*) AS units FROM org_units GROUP BY valid_from, valid_to, level)
		 ORDER BY valid_from NULLS FIRST, valid_to NULLS LAST, ${LEVEL_ORDER}`
	);
	const [counts] = await conn.query<{ indicators: number; programmes: number; reports: number }>(
		`SELECT (SELECT count(*) FROM indicators) AS indicators, (SELECT count(*) FROM programmes) AS programmes,
		        (SELECT count(*) FROM reports) AS reports`
	);
	const years = await conn.query<{ year: number; values: number; targets: number; submissions: number }>(
		`WITH v AS (SELECT year(period_start) AS year, count(*) AS n FROM "values" GROUP BY 1),
		      t AS (SELECT year(period_start) AS year, count(*) AS n FROM targets GROUP BY 1),
		      s AS (SELECT year(period_start) AS year, count(*) AS n FROM submissions GROUP BY 1),
		      y AS (SELECT year FROM v UNION SELECT year FROM t UNION SELECT year FROM s)
		 SELECT y.year, coalesce(v.n, 0) AS "values", coalesce(t.n, 0) AS targets, coalesce(s.n, 0) AS submissions
		 FROM y LEFT JOIN v USING (year) LEFT JOIN t USING (year) LEFT JOIN s USING (year) ORDER BY y.year`
	);
	return {
		hierarchies: hierarchies.map((h) => ({
			validFrom: h.valid_from,
			validTo: h.valid_to,
			level: h.level,
			units: h.units
		})),
		indicators: counts?.indicators ?? 0,
		programmes: counts?.programmes ?? 0,
		reports: counts?.reports ?? 0,
		years
	};
}
