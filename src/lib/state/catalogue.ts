/** The loaded catalogue (indicator, programme and report names), read once per session for labels. */
import type { Connector } from '$lib/db/connector';
import { readCatalogue, type Catalogue } from '$lib/rules/catalogue';

let cached: { conn: Connector; catalogue: Promise<Catalogue> } | null = null;

export function catalogueOf(conn: Connector): Promise<Catalogue> {
	if (cached?.conn !== conn) cached = { conn, catalogue: readCatalogue(conn) };
	return cached.catalogue;
}
