/**
 * What an import is checked against, read once from the session's database: every unit of both hierarchies (names
 * are matched within the row's period), the indicators and the programmes.
 */
import type { Connector } from '$lib/db/connector';
import { quoteIdent } from '$lib/db/identifiers';
import type { Level, OrgUnit } from '$lib/model/data';

export interface ImportCatalogue {
	units: OrgUnit[];
	indicators: { code: string; nameVi: string; nameEn: string }[];
	programmes: { code: string; nameVi: string; nameEn: string }[];
}

const cache = new WeakMap<Connector, Promise<ImportCatalogue>>();

async function read(conn: Connector): Promise<ImportCatalogue> {
	const units = await conn.query<{
		code: string;
		name: string;
		level: Level;
		parent_code: string | null;
		name_en: string | null;
		valid_from: string | null;
		valid_to: string | null;
	}>(
		`SELECT code, name, level, parent_code, name_en, CAST(valid_from AS VARCHAR) AS valid_from,
		        CAST(valid_to AS VARCHAR) AS valid_to FROM org_units`
	);
	const entries = (table: 'indicators' | 'programmes') =>
		conn.query<{ code: string; name_vi: string; name_en: string | null }>(
			`SELECT code, name_vi, name_en FROM ${quoteIdent(table)} ORDER BY code`
		);
	const toEntry = (r: { code: string; name_vi: string; name_en: string | null }) => ({
		code: r.code,
		nameVi: r.name_vi,
		nameEn: r.name_en ?? r.name_vi
	});
	return {
		units: units.map((u) => ({
			code: u.code,
			name: u.name,
			level: u.level,
			parentCode: u.parent_code,
			nameEn: u.name_en,
			validFrom: u.valid_from,
			validTo: u.valid_to
		})),
		indicators: (await entries('indicators')).map(toEntry),
		programmes: (await entries('programmes')).map(toEntry)
	};
}

/** The catalogue of a session (read once). */
export function importCatalogue(conn: Connector): Promise<ImportCatalogue> {
	let found = cache.get(conn);
	if (!found) {
		found = read(conn);
		cache.set(conn, found);
		found.catch(() => cache.delete(conn));
	}
	return found;
}
