/**
 * `evaluate --engine native --data <dir>` where `<dir>` holds tables as hive-partitioned Parquet folders
 * (`values/province=04/year=2024/*.parquet`, see $lib/db/partitions): reads only the partitions the plans need,
 * after the plain files and the rule checks, and says on stderr how much it read.
 */
import type { Connector } from '$lib/db/connector';
import { findPartitions, loadPartitions } from '$lib/db/partitions';
import type { PlanFile } from '$lib/model/plan';
import type { EngineChoice } from './args';

/** Loads the partitions `plans` need from `dir`, if it has any; DuckDB-WASM cannot read them. */
export async function readPartitions(
	conn: Connector,
	engine: EngineChoice,
	dir: string,
	plans: PlanFile[]
): Promise<void> {
	const found = findPartitions(dir);
	if (found.size === 0) return;
	if (engine !== 'native')
		throw new Error(
			`${dir} holds partitioned tables (${[...found.keys()].join(', ')}): evaluate them with --engine native`
		);
	for (const report of await loadPartitions(conn, dir, plans)) {
		console.error(
			`${report.table}: read ${report.filesRead} of ${report.filesFound} partition files, ` +
				`${report.rowsLoaded} rows, in ${Math.round(report.ms)} ms`
		);
	}
}
