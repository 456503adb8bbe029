/**
 * The socio-economic regions of the provinces (`regions` table, data/regions.csv), for constraints such as "one
 * province in the Central Highlands". Read once per session and hierarchy (pre-2025, or the 34 provinces from
 * 2025-07).
 */
import type { Connector } from '$lib/db/connector';
import type { Lang } from '$lib/i18n';

export interface RegionInfo {
	code: string;
	name: Record<Lang, string>;
}

/** English names of the six regions (the table gives the Vietnamese ones). */
const NAMES_EN: Record<string, string> = {
	'northern-midlands-mountains': 'Northern midlands and mountains',
	'red-river-delta': 'Red River Delta',
	'north-central-coast': 'North Central and Central Coast',
	'central-highlands': 'Central Highlands',
	southeast: 'South East',
	'mekong-delta': 'Mekong Delta (South West)'
};

/** The `hierarchy` value of regions.csv for units valid on a date. */
export function hierarchyOn(date: string): string {
	return date < '2025-07-01' ? 'pre-2025' : '2025-07';
}

export interface RegionTable {
	/** Region code by province code. */
	byProvince: Map<string, string>;
	regions: Map<string, RegionInfo>;
}

const cache = new Map<string, { conn: Connector; table: Promise<RegionTable> }>();

async function read(conn: Connector, hierarchy: string): Promise<RegionTable> {
	const rows = await conn.query<{ province_code: string; region: string; region_vi: string | null }>(
		`SELECT * FROM regions WHERE hierarchy = ? ORDER BY province_code`,
		[hierarchy]
	);
	const byProvince = new Map<string, string>();
	const regions = new Map<string, RegionInfo>();
	for (const row of rows) {
		byProvince.set(row.province_code, row.region);
		if (!regions.has(row.region)) {
			const vi = typeof row.region_vi === 'string' && row.region_vi ? row.region_vi : row.region;
			regions.set(row.region, { code: row.region, name: { vi, en: NAMES_EN[row.region] ?? vi } });
		}
	}
	return { byProvince, regions };
}

export function regionsOn(conn: Connector, date: string): Promise<RegionTable> {
	const hierarchy = hierarchyOn(date);
	const cached = cache.get(hierarchy);
	if (cached?.conn === conn) return cached.table;
	const table = read(conn, hierarchy);
	cache.set(hierarchy, { conn, table });
	table.catch(() => cache.delete(hierarchy));
	return table;
}
