/**
 * The imports of this browser as a stack over the default data: each record keeps the rows it applied and what
 * each of their keys held before (`replaced`), so that any import — not only the last — can be taken back and the
 * data return to exactly what they would be had it never been made. Pure: the database work is in `values.ts`.
 */
import { keyOf, type KeyValue, type ValueRow } from './values';

export interface ImportCounts {
	/** Candidate rows read from the file (design: rows read = imported + updated + quarantined). */
	rowsRead: number;
	imported: number;
	updated: number;
	quarantined: number;
	/** Blank cells of a report template, counted but not values. */
	blankCells: number;
}

export interface ImportRecord {
	id: string;
	/** The file (and sheets) the rows came from, as the user picked it. */
	file: string;
	sheets: string[];
	/** ISO timestamp of the import. */
	at: string;
	counts: ImportCounts;
	/** The accepted rows, applied in this order. */
	rows: ValueRow[];
	/** What each distinct key of `rows` held before this import (value null: nothing). */
	replaced: KeyValue[];
}

export interface Removal {
	/** Keys to set in the database (null: remove the key). */
	writes: KeyValue[];
	/** The imports left, with what later imports replaced corrected where they replaced the removed one's values. */
	remaining: ImportRecord[];
	/** Ids of the remaining imports whose `replaced` changed (to be saved again). */
	changed: string[];
}

/**
 * Taking back import `id` out of `records` (in the order they were applied). For each key it wrote: if a later
 * import wrote the same key, the database keeps that later value and the later import now "replaced" what the
 * removed one had replaced; otherwise the key goes back to what the removed import replaced.
 */
export function planRemoval(records: readonly ImportRecord[], id: string): Removal {
	const index = records.findIndex((r) => r.id === id);
	if (index < 0) return { writes: [], remaining: [...records], changed: [] };
	const removed = records[index] as ImportRecord;
	const later = records.slice(index + 1).map((r) => ({ ...r, replaced: [...r.replaced] }));
	const laterKeys = later.map((r) => new Map(r.replaced.map((p, i) => [keyOf(p), i])));
	const writes: KeyValue[] = [];
	const changed = new Set<string>();
	for (const prior of removed.replaced) {
		const key = keyOf(prior);
		const j = laterKeys.findIndex((keys) => keys.has(key));
		if (j >= 0) {
			const record = later[j] as ImportRecord;
			const at = laterKeys[j]?.get(key) as number;
			record.replaced[at] = { ...(record.replaced[at] as KeyValue), value: prior.value };
			changed.add(record.id);
		} else {
			writes.push({ ...prior });
		}
	}
	return { writes, remaining: [...records.slice(0, index), ...later], changed: [...changed] };
}

export interface EffectiveRow extends ValueRow {
	importId: string;
	file: string;
	at: string;
}

/** The imported values in force now: for each key, the last import that wrote it (for "export everything"). */
export function effectiveRows(records: readonly ImportRecord[]): EffectiveRow[] {
	const byKey = new Map<string, EffectiveRow>();
	for (const record of records)
		for (const row of record.rows) {
			const key = keyOf(row);
			byKey.delete(key);
			byKey.set(key, { ...row, importId: record.id, file: record.file, at: record.at });
		}
	return [...byKey.values()];
}

/** A new id: time plus randomness, unique enough for one browser's imports. */
export function newImportId(now: Date = new Date()): string {
	return `${now.getTime().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
