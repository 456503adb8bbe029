/**
 * Imports kept in this browser (IndexedDB), so that they survive reloads and are applied again after the default
 * data load. Rows are stored column by column (compact for 100k rows). What is read back is untrusted (another
 * version of the app, a hand edit): `decodeImport` checks everything and drops a malformed record, never throws.
 * The IndexedDB part is a thin wrapper; the encoding is pure and tested.
 */
import type { ImportCounts, ImportRecord } from './history';
import type { KeyValue, ValueRow } from './values';

export const DB_NAME = 'chi-tieu-imports';
const STORE = 'imports';
const VERSION = 1;

interface Columns {
	org_unit: string[];
	indicator: string[];
	period: string[];
	programme: (string | null)[];
	value: (number | null)[];
}

export interface StoredImport {
	v: 1;
	/** Order of application. */
	seq: number;
	id: string;
	file: string;
	sheets: string[];
	at: string;
	counts: ImportCounts;
	rows: Columns;
	replaced: Columns;
}

function toColumns(rows: readonly (ValueRow | KeyValue)[]): Columns {
	return {
		org_unit: rows.map((r) => r.orgUnit),
		indicator: rows.map((r) => r.indicator),
		period: rows.map((r) => r.period),
		programme: rows.map((r) => r.programme),
		value: rows.map((r) => r.value)
	};
}

export function encodeImport(record: ImportRecord, seq: number): StoredImport {
	return {
		v: 1,
		seq,
		id: record.id,
		file: record.file,
		sheets: [...record.sheets],
		at: record.at,
		counts: { ...record.counts },
		rows: toColumns(record.rows),
		replaced: toColumns(record.replaced)
	};
}

const isText = (v: unknown): v is string => typeof v === 'string' && v.length <= 1000;
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function fromColumns(raw: unknown, valuesRequired: boolean): KeyValue[] | null {
	if (!raw || typeof raw !== 'object') return null;
	const c = raw as Record<string, unknown>;
	const cols = [c.org_unit, c.indicator, c.period, c.programme, c.value];
	if (!cols.every(Array.isArray)) return null;
	const [units, indicators, periods, programmes, values] = cols as unknown[][];
	const n = (units as unknown[]).length;
	if (cols.some((col) => (col as unknown[]).length !== n)) return null;
	const rows: KeyValue[] = new Array(n);
	for (let i = 0; i < n; i++) {
		const orgUnit = units?.[i];
		const indicator = indicators?.[i];
		const period = periods?.[i];
		const programme = programmes?.[i];
		const value = values?.[i];
		if (!isText(orgUnit) || !isText(indicator) || !isText(period)) return null;
		if (programme !== null && !isText(programme)) return null;
		const isNumber = typeof value === 'number' && Number.isFinite(value);
		if (!isNumber && (valuesRequired || value !== null)) return null;
		rows[i] = { orgUnit, indicator, period, programme, value: isNumber ? value : null };
	}
	return rows;
}

/** The record and its order, or null when anything in it is malformed. */
export function decodeImport(raw: unknown): { record: ImportRecord; seq: number } | null {
	if (!raw || typeof raw !== 'object') return null;
	const r = raw as Record<string, unknown>;
	if (r.v !== 1 || typeof r.seq !== 'number' || !isText(r.id) || !isText(r.file) || !isText(r.at))
		return null;
	if (!Array.isArray(r.sheets) || !r.sheets.every(isText)) return null;
	const counts = r.counts as Record<string, unknown> | null;
	const names = ['rowsRead', 'imported', 'updated', 'quarantined', 'blankCells'] as const;
	if (!counts || typeof counts !== 'object' || !names.every((name) => isCount(counts[name]))) return null;
	const rows = fromColumns(r.rows, true);
	const replaced = fromColumns(r.replaced, false);
	if (!rows || !replaced) return null;
	return {
		seq: r.seq,
		record: {
			id: r.id,
			file: r.file,
			sheets: r.sheets as string[],
			at: r.at,
			counts: Object.fromEntries(names.map((name) => [name, counts[name]])) as unknown as ImportCounts,
			rows: rows as ValueRow[],
			replaced
		}
	};
}

/** Records in the order they were applied (by `seq`, then time). */
export function orderRecords(stored: readonly unknown[]): ImportRecord[] {
	return stored
		.map(decodeImport)
		.filter((d): d is { record: ImportRecord; seq: number } => d !== null)
		.sort((a, b) => a.seq - b.seq || a.record.at.localeCompare(b.record.at))
		.map((d) => d.record);
}

// ---------------------------------------------------------------------------------------------------------------
// IndexedDB (browser only)

function request<T>(req: IDBRequest<T>): Promise<T> {
	return new Promise((resolve, reject) => {
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
	});
}

let opened: Promise<IDBDatabase> | null = null;

function openDb(): Promise<IDBDatabase> {
	if (typeof indexedDB === 'undefined') return Promise.reject(new Error('IndexedDB is not available'));
	opened ??= new Promise<IDBDatabase>((resolve, reject) => {
		const req = indexedDB.open(DB_NAME, VERSION);
		req.onupgradeneeded = () => {
			if (!req.result.objectStoreNames.contains(STORE))
				req.result.createObjectStore(STORE, { keyPath: 'id' });
		};
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error ?? new Error('IndexedDB open failed'));
	}).catch((error: unknown) => {
		opened = null;
		throw error;
	});
	return opened;
}

async function transact<T>(
	mode: IDBTransactionMode,
	work: (store: IDBObjectStore) => IDBRequest<T>
): Promise<T> {
	const db = await openDb();
	const tx = db.transaction(STORE, mode);
	const result = request(work(tx.objectStore(STORE)));
	await new Promise<void>((resolve, reject) => {
		tx.oncomplete = () => resolve();
		tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
		tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
	});
	return result;
}

/** The `seq` of each stored import, known from reading and saving (so that no call reads every row again). */
const seqs = new Map<string, number>();
let lastSeq = 0;

/** Every stored import, in the order applied; malformed ones are left out. */
export async function readStoredImports(): Promise<ImportRecord[]> {
	const raw = await transact('readonly', (store) => store.getAll());
	const decoded = raw.map(decodeImport).filter((d): d is { record: ImportRecord; seq: number } => d !== null);
	for (const d of decoded) {
		seqs.set(d.record.id, d.seq);
		lastSeq = Math.max(lastSeq, d.seq);
	}
	return orderRecords(raw);
}

/** Whether this browser keeps any import (malformed ones included): cheaper than reading them. */
export async function hasStoredImports(): Promise<boolean> {
	return (await transact('readonly', (store) => store.count())) > 0;
}

/** A new import goes after every other: its `seq` is the time, kept strictly increasing. */
export async function saveNewImport(record: ImportRecord): Promise<void> {
	lastSeq = Math.max(Date.now(), lastSeq + 1);
	await saveImport(record, lastSeq);
}

async function saveImport(record: ImportRecord, seq: number): Promise<void> {
	await transact('readwrite', (store) => store.put(encodeImport(record, seq)));
	seqs.set(record.id, seq);
}

/** Saves records again in their place (after a removal changed what they replaced). */
export async function updateImports(records: readonly ImportRecord[]): Promise<void> {
	for (const record of records) {
		const seq = seqs.get(record.id);
		if (seq !== undefined) await saveImport(record, seq);
	}
}

export async function deleteImport(id: string): Promise<void> {
	await transact('readwrite', (store) => store.delete(id));
	seqs.delete(id);
}
