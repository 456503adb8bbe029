/**
 * Names and places of the organisation's units in the hierarchy valid on a date (codes repeat across the 2025
 * reorganisation), read once per date and cached: pages need names for the codes in results.
 */
import type { Connector } from '$lib/db/connector';
import type { Level } from '$lib/model/data';

export interface UnitInfo {
	code: string;
	name: string;
	nameEn: string | null;
	level: Level;
	parentCode: string | null;
}

export type UnitDirectory = Map<string, UnitInfo>;

const cache = new Map<string, Promise<UnitDirectory>>();

export function unitsOn(conn: Connector, date: string): Promise<UnitDirectory> {
	let directory = cache.get(date);
	if (!directory) {
		directory = conn
			.query<{
				code: string;
				name: string;
				name_en: string | null;
				level: Level;
				parent_code: string | null;
			}>(
				`SELECT code, name, name_en, level, parent_code FROM org_units
				 WHERE (valid_from IS NULL OR valid_from <= CAST(? AS DATE))
				   AND (valid_to IS NULL OR valid_to >= CAST(? AS DATE))`,
				[date, date]
			)
			.then(
				(rows) =>
					new Map(
						rows.map((r) => [
							r.code,
							{ code: r.code, name: r.name, nameEn: r.name_en, level: r.level, parentCode: r.parent_code }
						])
					)
			);
		cache.set(date, directory);
		directory.catch(() => cache.delete(date));
	}
	return directory;
}

/** The chain from the top of the organisation down to `code` (for breadcrumbs). */
export function ancestry(directory: UnitDirectory, code: string): UnitInfo[] {
	const chain: UnitInfo[] = [];
	let current = directory.get(code);
	while (current && chain.length < 10) {
		chain.unshift(current);
		current = current.parentCode ? directory.get(current.parentCode) : undefined;
	}
	return chain;
}
