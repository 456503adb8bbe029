/**
 * The national benchmark dataset (issue #8), generated on demand into `bench-data/<size>/` (gitignored, never
 * committed) by native DuckDB from SQL `range()`s: seconds for the 14.5 million values of the whole country.
 *
 * - Units: the real pre-2025 hierarchy of `data/org_units.csv` (central, 63 provinces, 696 districts, 10,035
 *   communes), cut to the provinces of the size: `province` = Cao Bằng (04, 161 communes), `region` = the northern
 *   midlands and mountains (14 provinces, 2,269 communes), `country` = all of it.
 * - 40 synthetic indicators (`ind_01` … `ind_40`) covering every time and unit aggregation; monthly values for
 *   every commune and indicator over 2022-01 … 2024-12, plus own values of provinces and districts for `ind_39`
 *   and `ind_40`; two indicators carry programmes.
 * - Quotas (`targets`) for 3 indicators at every province, district and commune for 2022–2024; submissions of
 *   four reports (monthly, quarterly, annual, a one-off event), about 3% of them missing.
 *
 * Values are arithmetic on the unit's, indicator's and month's ordinals (no random generator): the same bytes on
 * every run. Rows are written in (org_unit, indicator, period) order, as an export grouped by unit would be; this
 * is the order most favourable to the naive way (DuckDB's zone maps skip the other units' row groups).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

export const SIZES = ['province', 'region', 'country'] as const;
export type Size = (typeof SIZES)[number];

/** Bump when the generated data changes, so that stale folders are regenerated. */
const VERSION = 'bench-data/v1';

export const PROVINCE = '04';
const REGION = 'northern-midlands-mountains';

export const DATA_FILES = [
	'org_units',
	'indicators',
	'programmes',
	'reports',
	'values',
	'targets',
	'submissions'
] as const;

export interface DatasetInfo {
	size: Size;
	dir: string;
	provinces: number;
	districts: number;
	communes: number;
	rows: Record<(typeof DATA_FILES)[number], number>;
	bytes: Record<(typeof DATA_FILES)[number], number>;
	/** Codes of a few communes of Cao Bằng, for `units` scopes. */
	sampleCommunes: string[];
	generatedMs: number;
	version: string;
}

/** name, unit word, time aggregation, unit aggregation. */
type IndicatorDef = [string, string, string, string];

/** The 40 indicators, by ordinal (1-based): what kind of number each is decides how it is generated. */
export function indicatorDefs(): IndicatorDef[] {
	const defs: IndicatorDef[] = [];
	for (let i = 1; i <= 40; i++) {
		if (i <= 20) defs.push([`Hoạt động ${i} (lượt)`, 'lượt', 'sum', 'sum']);
		else if (i <= 26) defs.push([`Số lượng duy trì ${i}`, 'người', 'last', 'sum']);
		else if (i <= 30) defs.push([`Tử/mẫu số ${i}`, 'người', 'sum', 'sum']);
		else if (i <= 33) defs.push([`Điểm đánh giá ${i}`, 'điểm', 'avg', 'avg']);
		else if (i <= 35) defs.push([`Cao nhất ${i}`, 'lượt', 'max', 'max']);
		else if (i === 36) defs.push([`Thấp nhất ${i}`, 'lượt', 'min', 'min']);
		else if (i <= 38) defs.push([`Hoạt động theo chương trình ${i}`, 'lượt', 'sum', 'sum']);
		else defs.push([`Hoạt động của cấp Hội ${i}`, 'lượt', 'sum', 'sum']);
	}
	return defs;
}

export const indicatorCode = (i: number) => `ind_${String(i).padStart(2, '0')}`;

/**
 * The monthly value of indicator `i` (SQL over `u` the unit ordinal, `i`, `m` the month 0–35 from 2022-01 and
 * `h` a hash 0–99 of the three): flows around 4.5 a month scaled by a unit factor 0.5–1.5, rising stocks (one
 * unit in eleven flat), numerator ≤ denominator pairs, scores 50–100, and so on.
 */
export const VALUE_SQL = `CASE
	WHEN i <= 20 OR i >= 37 THEN floor((0.5 + ((u * 37) % 100) / 100.0) * (h % 10))
	WHEN i <= 26 THEN 200 + (u % 300) + CASE WHEN u % 11 = 0 THEN 0 ELSE m * (1 + (u + i) % 3) END + h % 3
	WHEN i IN (27, 29) THEN greatest(0, 1 + (h % 6) - CASE WHEN (u + m) % 5 = 0 THEN 1 ELSE 0 END)
	WHEN i IN (28, 30) THEN 1 + (h % 6)
	WHEN i <= 33 THEN 50 + (h % 51)
	WHEN i <= 35 THEN h % 20
	ELSE 1 + (h % 30) END`;

/** The pseudo-random 0–99 of (u, i, m): a multiplicative hash, exact in BIGINT. */
export const HASH_SQL = `((u * 2654435761 + i * 40503 + m * 9973) % 1000003) % 100`;

function provincesOf(size: Size, root: string): string {
	if (size === 'province') return `SELECT '${PROVINCE}' AS code`;
	const regions = path.join(root, 'data', 'regions.csv');
	if (size === 'region')
		return `SELECT province_code AS code FROM read_csv('${regions}', all_varchar = true)
		        WHERE hierarchy = 'pre-2025' AND region = '${REGION}'`;
	return `SELECT province_code AS code FROM read_csv('${regions}', all_varchar = true) WHERE hierarchy = 'pre-2025'`;
}

/**
 * `units`: the pre-2025 hierarchy under the provinces of `size`, with an ordinal `u` per unit that the values are
 * made of (the same units and ordinals for the same size, so the partitioned 10× data repeat the country's values).
 */
export async function createUnits(run: (sql: string) => Promise<unknown>, root: string, size: Size) {
	const orgUnits = path.join(root, 'data', 'org_units.csv');
	await run(`CREATE TABLE src AS SELECT * FROM read_csv('${orgUnits}', all_varchar = true)
	           WHERE level = 'central' OR valid_to IS NOT NULL`);
	await run(`CREATE TABLE chosen AS ${provincesOf(size, root)}`);
	await run(`CREATE TABLE units AS
		WITH p AS (SELECT * FROM src WHERE level = 'province' AND code IN (SELECT code FROM chosen)),
		     d AS (SELECT * FROM src WHERE level = 'district' AND parent_code IN (SELECT code FROM p)),
		     c AS (SELECT * FROM src WHERE level = 'commune' AND parent_code IN (SELECT code FROM d))
		SELECT *, row_number() OVER (ORDER BY level, code) AS u FROM (
		  SELECT * FROM src WHERE level = 'central' UNION ALL SELECT * FROM p UNION ALL SELECT * FROM d
		  UNION ALL SELECT * FROM c)`);
}

const infoPath = (dir: string) => path.join(dir, 'dataset.json');

/** The dataset of a size, generated unless an up-to-date one is already there. */
export async function ensureDataset(root: string, size: Size, log = console.log): Promise<DatasetInfo> {
	const dir = path.join(root, 'bench-data', size);
	if (existsSync(infoPath(dir))) {
		const info = JSON.parse(readFileSync(infoPath(dir), 'utf8')) as DatasetInfo;
		if (info.version === VERSION && DATA_FILES.every((f) => existsSync(path.join(dir, `${f}.csv`))))
			return { ...info, dir };
	}
	log(`generating the ${size} dataset into ${path.relative(root, dir)}/ …`);
	return generate(root, size, dir);
}

async function generate(root: string, size: Size, dir: string): Promise<DatasetInfo> {
	const started = performance.now();
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	const db = await DuckDBInstance.create(':memory:');
	const conn = await db.connect();
	const run = (sql: string) => conn.run(sql);
	const programmes = path.join(root, 'data', 'programmes.csv');
	const out = (name: string) => path.join(dir, `${name}.csv`).replaceAll("'", "''");
	const copy = (name: string, select: string) =>
		run(`COPY (${select}) TO '${out(name)}' (FORMAT csv, HEADER true)`);

	await createUnits(run, root, size);
	await copy(
		'org_units',
		`SELECT code, name, level, parent_code, name_en, valid_from, valid_to FROM units ORDER BY level <> 'central', code`
	);
	const defs = indicatorDefs();
	await run(`CREATE TABLE indicators (code VARCHAR, name_vi VARCHAR, name_en VARCHAR, unit VARCHAR,
	           time_aggregation VARCHAR, unit_aggregation VARCHAR)`);
	for (const [n, [name, unit, time, agg]] of defs.entries()) {
		const code = indicatorCode(n + 1);
		await run(
			`INSERT INTO indicators VALUES ('${code}', '${name}', 'Indicator ${n + 1}', '${unit}', '${time}', '${agg}')`
		);
	}
	await copy('indicators', 'SELECT * FROM indicators ORDER BY code');
	await copy('programmes', `SELECT * FROM read_csv('${programmes}', all_varchar = true)`);
	await copy(
		'reports',
		`SELECT * FROM (VALUES
		   ('bench-monthly', 'Báo cáo tháng', 'Monthly report'),
		   ('bench-quarterly', 'Báo cáo quý', 'Quarterly report'),
		   ('bench-annual', 'Báo cáo năm', 'Annual report'),
		   ('bench-event', 'Ngày hội phụ nữ', 'Women''s festival')) AS t(code, name_vi, name_en)`
	);

	// Monthly values: every commune × 40 indicators × 36 months, plus own values of provinces and districts.
	await copy(
		'values',
		`WITH base AS (
		   SELECT code AS org_unit, u, i, m, ${HASH_SQL} AS h
		   FROM units, range(1, 41) r(i), range(0, 36) t(m)
		   WHERE level = 'commune' OR (level IN ('province', 'district') AND i >= 39)
		 )
		 SELECT org_unit, printf('ind_%02d', i) AS indicator,
		   strftime(DATE '2022-01-01' + to_months(CAST(m AS INTEGER)), '%Y-%m') AS period,
		   CAST(${VALUE_SQL} AS BIGINT) AS value,
		   CASE WHEN i = 37 THEN 'poverty-reduction' WHEN i = 38 AND u % 2 = 0 THEN 'new-rural' END AS programme
		 FROM base ORDER BY org_unit, indicator, period`
	);

	// Quotas near each unit's actual (×0.8–1.29): ind_01 (a flow), ind_21 (a stock), ind_37 (a programme's flow).
	await run(`CREATE TABLE vals AS SELECT * FROM read_csv('${out('values')}', all_varchar = true)`);
	await copy(
		'targets',
		`WITH tree AS (
		   SELECT c.code AS commune, c.code AS unit FROM units c WHERE c.level = 'commune'
		   UNION ALL SELECT c.code, d.code FROM units c JOIN units d ON d.code = c.parent_code WHERE c.level = 'commune'
		   UNION ALL SELECT c.code, d.parent_code FROM units c JOIN units d ON d.code = c.parent_code
		     WHERE c.level = 'commune'
		 ),
		 yearly AS (
		   SELECT org_unit, indicator, substr(period, 1, 4) AS year,
		     CASE WHEN indicator = 'ind_21' THEN max(CAST(value AS DOUBLE)) ELSE sum(CAST(value AS DOUBLE)) END AS actual
		   FROM vals WHERE indicator IN ('ind_01', 'ind_21', 'ind_37') GROUP BY org_unit, indicator, year
		 )
		 SELECT t.unit AS org_unit, y.indicator, y.year AS period,
		   CAST(round(sum(y.actual) * (0.8 + ((any_value(u.u) * 13) % 50) / 100.0)) AS BIGINT) AS target
		 FROM yearly y JOIN tree t ON t.commune = y.org_unit JOIN units u ON u.code = t.unit
		 GROUP BY t.unit, y.indicator, y.year ORDER BY org_unit, indicator, period`
	);
	await run('DROP TABLE vals');

	// Submissions: monthly (communes), quarterly (provinces, districts), annual (everyone), one event (communes).
	await copy(
		'submissions',
		`WITH monthly AS (
		   SELECT code AS org_unit, 'bench-monthly' AS report,
		     strftime(DATE '2022-01-01' + to_months(CAST(m AS INTEGER)), '%Y-%m') AS period,
		     last_day(DATE '2022-01-01' + to_months(CAST(m AS INTEGER))) + CAST((u * 7 + m * 3) % 25 AS INTEGER) AS submitted_on,
		     (u + m * 7) % 33 = 0 AS skipped
		   FROM units, range(0, 36) t(m) WHERE level = 'commune'
		 ),
		 quarterly AS (
		   SELECT code, 'bench-quarterly', y || 'Q' || q,
		     last_day(make_date(CAST(y AS INTEGER), CAST(q * 3 AS INTEGER), 1))
		       + CAST((u * 5 + q) % 25 AS INTEGER), (u + q) % 33 = 0
		   FROM units, range(2022, 2025) a(y), range(1, 5) b(q) WHERE level IN ('province', 'district')
		 ),
		 annual AS (
		   SELECT code, 'bench-annual', CAST(y AS VARCHAR), make_date(CAST(y AS INTEGER), 12, 1)
		     + CAST((u * 3 + y) % 31 AS INTEGER), (u + y) % 33 = 0
		   FROM units, range(2022, 2025) a(y)
		 ),
		 event AS (
		   SELECT code, 'bench-event', strftime(DATE '2024-01-15' + CAST((u * 7) % 330 AS INTEGER), '%Y-%m-%d'),
		     DATE '2024-01-15' + CAST((u * 7) % 330 AS INTEGER), u % 5 = 0
		   FROM units WHERE level = 'commune'
		 )
		 SELECT org_unit, report, period, strftime(submitted_on, '%Y-%m-%d') AS submitted_on FROM (
		   SELECT * FROM monthly UNION ALL SELECT * FROM quarterly UNION ALL SELECT * FROM annual
		   UNION ALL SELECT * FROM event)
		 WHERE NOT skipped ORDER BY org_unit, report, period`
	);

	const count = async (sql: string) => {
		const reader = await conn.runAndReadAll(sql);
		return Number(reader.getRows()[0]?.[0] ?? 0);
	};
	const rows = {} as DatasetInfo['rows'];
	const bytes = {} as DatasetInfo['bytes'];
	for (const name of DATA_FILES) {
		rows[name] = await count(`SELECT count(*) FROM read_csv('${out(name)}', all_varchar = true)`);
		bytes[name] = statSync(path.join(dir, `${name}.csv`)).size;
	}
	const sample = await conn.runAndReadAll(
		`SELECT c.code FROM units c JOIN units d ON d.code = c.parent_code
		 WHERE c.level = 'commune' AND d.parent_code = '${PROVINCE}' ORDER BY c.code LIMIT 5`
	);
	const info: DatasetInfo = {
		size,
		dir,
		provinces: await count(`SELECT count(*) FROM units WHERE level = 'province'`),
		districts: await count(`SELECT count(*) FROM units WHERE level = 'district'`),
		communes: await count(`SELECT count(*) FROM units WHERE level = 'commune'`),
		rows,
		bytes,
		sampleCommunes: sample.getRows().map((r) => String(r[0])),
		generatedMs: performance.now() - started,
		version: VERSION
	};
	conn.closeSync();
	db.closeSync();
	writeFileSync(infoPath(dir), JSON.stringify(info, null, '\t'));
	return info;
}
