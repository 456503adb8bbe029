/**
 * The imports of this browser, live: applied to the session's `values` table, kept in IndexedDB, and applied again
 * after every start. Every change to the data is announced (`dataChanged`) so that cached evaluations and quality
 * results are recomputed. Database work runs one job at a time (the scratch tables are shared).
 */
import type { Connector } from '$lib/db/connector';
import { dataChanged } from '$lib/state/data-changes';
import { newImportId, planRemoval, type ImportCounts, type ImportRecord } from './history';
import { deleteImport, readStoredImports, saveNewImport, updateImports } from './persist';
import { applyRows, writeValues, type ValueRow } from './values';

class ImportsState {
	/** The imports in force, in the order applied. */
	records = $state.raw<ImportRecord[]>([]);
	/** True while the stored imports are applied after a start. */
	restoring = $state(false);
	/** Why the stored imports could not be read or applied, if they could not. */
	error = $state<string | null>(null);
	/** True once the stored imports have been applied (or found absent) in this session. */
	restored = $state(false);
}

export const importsState = new ImportsState();

let queue: Promise<unknown> = Promise.resolve();

/** Runs database jobs one after another. */
function serial<T>(job: () => Promise<T>): Promise<T> {
	const run = queue.then(job, job);
	queue = run.catch(() => undefined);
	return run;
}

/** The time of an import, as an ISO timestamp. */
const nowIso = () => new Date(Date.now()).toISOString();

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Applies the stored imports again after the default data loaded, reporting after each; never throws (the app
 * works without them).
 */
export function reapplyImports(
	conn: Connector,
	onProgress: (done: number, total: number) => void = () => {}
): Promise<void> {
	return serial(async () => {
		importsState.restoring = true;
		try {
			const stored = await readStoredImports();
			const applied: ImportRecord[] = [];
			if (stored.length > 0) onProgress(0, stored.length);
			for (const record of stored) {
				// What each import replaced is computed afresh: the default data may have changed since.
				const replaced = await applyRows(conn, record.rows);
				applied.push({ ...record, replaced });
				onProgress(applied.length, stored.length);
			}
			importsState.records = applied;
			importsState.error = null;
		} catch (error) {
			importsState.error = message(error);
		} finally {
			importsState.restoring = false;
			importsState.restored = true;
			dataChanged();
		}
	});
}

export interface NewImport {
	file: string;
	sheets: string[];
	counts: ImportCounts;
	rows: ValueRow[];
}

/** Applies accepted rows to the data, keeps them in the browser, and returns the record. */
export function addImport(conn: Connector, input: NewImport): Promise<ImportRecord> {
	return serial(async () => {
		const replaced = await applyRows(conn, input.rows);
		const record: ImportRecord = {
			id: newImportId(),
			file: input.file,
			sheets: input.sheets,
			at: nowIso(),
			counts: input.counts,
			rows: input.rows,
			replaced
		};
		importsState.records = [...importsState.records, record];
		dataChanged();
		try {
			await saveNewImport(record);
			importsState.error = null;
		} catch (error) {
			importsState.error = message(error);
		}
		return record;
	});
}

/** Takes an import back: the values it replaced return, unless a later import has replaced them since. */
export function removeImport(conn: Connector, id: string): Promise<void> {
	return serial(async () => {
		const { writes, remaining, changed } = planRemoval(importsState.records, id);
		await writeValues(conn, writes);
		importsState.records = remaining;
		dataChanged();
		try {
			await deleteImport(id);
			await updateImports(remaining.filter((r) => changed.includes(r.id)));
		} catch (error) {
			importsState.error = message(error);
		}
	});
}
