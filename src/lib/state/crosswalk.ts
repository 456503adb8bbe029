/** The old → new province links of the 2025 reorganisation, read once per session (for the map). */
import type { Connector } from '$lib/db/connector';
import type { CrosswalkRow } from '$lib/charts/choropleth';

let cached: { conn: Connector; rows: Promise<CrosswalkRow[]> } | null = null;

export function provinceCrosswalk(conn: Connector): Promise<CrosswalkRow[]> {
	if (cached?.conn !== conn) {
		cached = {
			conn,
			rows: conn.query<{ old_code: string; new_code: string; level: string }>(
				`SELECT old_code, new_code, level FROM crosswalk_2025 WHERE level = 'province'`
			)
		};
	}
	return cached.rows;
}
