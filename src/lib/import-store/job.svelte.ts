/**
 * One file on its way in: read (progress, cancel) → tables (choose sheets) → column mapping (detected, remembered,
 * edited) → check (questions: ambiguous unit names, values that differ from loaded ones) → import → reconciliation.
 * The page shows a job's state; every decision and every database step lives here.
 */
import type { Connector } from '$lib/db/connector';
import {
	detectMapping,
	shapeKey,
	unpivot,
	validateRows,
	valueKeyString,
	createUnitMatcher,
	ratioPairsOf,
	type CandidateRow,
	type ImportOutcome,
	type RatioPair,
	type RawTable,
	type Resolutions,
	type TableMapping,
	type UnitMatcher
} from '$lib/import';
import { dataVersion } from '$lib/state/data-changes';
import { plans } from '$lib/state/plans';
import { importCatalogue, type ImportCatalogue } from './catalogue';
import {
	ambiguousNames,
	findConflicts,
	keysToRead,
	mergeAmbiguous,
	missingRoles,
	NO_VALUES,
	type AmbiguousName,
	type Conflict,
	type MissingRole
} from './check';
import type { ImportRecord } from './history';
import { addImport } from './imports.svelte';
import { recallMapping, rememberMapping, type KeyValueStore } from './mappings';
import type { FileKind } from './parse';
import { Cancelled, readTables, type ReadProgress } from './read-file';
import { currentValues } from './values';

export type { AmbiguousName, Conflict };

export type JobPhase =
	'reading' | 'failed' | 'cancelled' | 'mapping' | 'checking' | 'review' | 'importing' | 'done';

export type JobFailure =
	| { kind: 'encoding'; problem: 'binary' | 'undetermined' }
	| { kind: 'unsupported' }
	| { kind: 'legacy-xls' }
	| { kind: 'error'; message: string };

/** How many conflicts get a choice of their own on screen; the rest follow the "for all" choice. */
export const CONFLICTS_SHOWN = 50;

let ratioPairs: RatioPair[] | null = null;
const matchers = new WeakMap<ImportCatalogue, UnitMatcher>();

function matcherOf(catalogue: ImportCatalogue): UnitMatcher {
	let matcher = matchers.get(catalogue);
	if (!matcher) {
		matcher = createUnitMatcher(catalogue.units);
		matchers.set(catalogue, matcher);
	}
	return matcher;
}

function storage(): KeyValueStore | null {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage;
	} catch {
		return null;
	}
}

let nextId = 1;

export class ImportJob {
	readonly id = nextId++;
	readonly name: string;
	readonly size: number;
	kind = $state<FileKind | null>(null);
	phase = $state<JobPhase>('reading');
	progress = $state<ReadProgress | null>(null);
	failure = $state<JobFailure | null>(null);
	converted = $state(false);
	tables = $state.raw<RawTable[]>([]);
	selected = $state<boolean[]>([]);
	mappings = $state<TableMapping[]>([]);
	remembered = $state<boolean[]>([]);
	/** Questions of the last check. */
	ambiguous = $state.raw<AmbiguousName[]>([]);
	conflicts = $state.raw<Conflict[]>([]);
	/** The user's answers. */
	unitChoices = $state<Record<string, string>>({});
	conflictChoices = $state<Record<string, 'keep' | 'replace'>>({});
	conflictDefault = $state<'keep' | 'replace'>('keep');
	/** The outcome the last check (or the import) gave. */
	outcome = $state.raw<ImportOutcome | null>(null);
	record = $state.raw<ImportRecord | null>(null);
	error = $state<string | null>(null);
	/** True when the data changed between the check and the import, so the check shown was redone. */
	stale = $state(false);

	/** Indicators and programmes for the mapping's choices. */
	catalogue = $state.raw<ImportCatalogue | null>(null);

	#abort = new AbortController();
	#catalogue: ImportCatalogue | null = null;
	#candidates: { rows: CandidateRow[]; blankCells: number } | null = null;
	#existing: ReadonlyMap<string, number> = NO_VALUES;
	/** The data version the loaded values were read at. */
	#checkedAt = -1;

	constructor(
		private readonly file: File,
		private readonly conn: Connector
	) {
		this.name = file.name;
		this.size = file.size;
	}

	/** Reads the file and proposes a mapping for each table. */
	async start(): Promise<void> {
		try {
			this.#catalogue = await importCatalogue(this.conn);
			this.catalogue = this.#catalogue;
			const result = await readTables(this.file, this.#catalogue.indicators, this.#abort.signal, (p) => {
				this.progress = p;
			});
			this.kind = result.kind;
			if (!result.ok) {
				this.failure =
					result.problem === 'binary' || result.problem === 'undetermined'
						? { kind: 'encoding', problem: result.problem }
						: result.problem === 'unsupported'
							? { kind: 'unsupported' }
							: result.problem === 'legacy-xls'
								? { kind: 'legacy-xls' }
								: { kind: 'error', message: result.message ?? '' };
				this.phase = 'failed';
				return;
			}
			this.converted = result.converted;
			this.tables = result.tables;
			this.selected = result.tables.map((t) => t.rows.length > 0);
			const store = storage();
			const recalled = result.tables.map((t) => (store ? recallMapping(store, shapeKey(t)) : null));
			this.remembered = recalled.map((m) => m !== null);
			this.mappings = result.tables.map(
				(t, i) => recalled[i] ?? detectMapping(t, { indicators: this.#catalogue?.indicators ?? [] })
			);
			this.phase = 'mapping';
		} catch (error) {
			if (error instanceof Cancelled) {
				this.phase = 'cancelled';
				return;
			}
			this.failure = { kind: 'error', message: error instanceof Error ? error.message : String(error) };
			this.phase = 'failed';
		}
	}

	cancel(): void {
		this.#abort.abort();
		if (this.phase === 'reading') this.phase = 'cancelled';
	}

	/** What a mapping lacks before rows can be read from it (message keys), empty when it is usable. */
	static missing(mapping: TableMapping): MissingRole[] {
		return missingRoles(mapping);
	}

	get ready(): boolean {
		return (
			this.selected.some(Boolean) &&
			this.mappings.every((m, i) => !this.selected[i] || ImportJob.missing(m).length === 0)
		);
	}

	#resolutions(): Resolutions {
		const conflicts: Record<string, 'keep' | 'replace'> = {};
		for (const c of this.conflicts) conflicts[c.key] = this.conflictChoices[c.key] ?? this.conflictDefault;
		return { units: { ...this.unitChoices }, conflicts };
	}

	#validate(existing: ReadonlyMap<string, number>): ImportOutcome {
		const catalogue = this.#catalogue as ImportCatalogue;
		ratioPairs ??= ratioPairsOf(plans);
		return validateRows(this.#candidates ?? { rows: [], blankCells: 0 }, {
			units: matcherOf(catalogue),
			indicators: catalogue.indicators,
			programmes: catalogue.programmes,
			existing: (key) => existing.get(valueKeyString(key)),
			ratioPairs,
			resolutions: this.#resolutions()
		});
	}

	/**
	 * Reads the rows with the current mappings and checks them: a first pass resolves units and indicators, the
	 * loaded values of the keys found (and of their ratio partners) are read in one query, and a second pass judges
	 * conflicts and ratios against them. Remembers the mappings for the next file of the same shape.
	 */
	async check(): Promise<void> {
		if (!this.#catalogue) return;
		this.phase = 'checking';
		this.error = null;
		try {
			const store = storage();
			const rows: CandidateRow[] = [];
			let blankCells = 0;
			this.tables.forEach((table, i) => {
				if (!this.selected[i]) return;
				const mapping = $state.snapshot(this.mappings[i]) as TableMapping;
				if (store) rememberMapping(store, shapeKey(table), mapping);
				const result = unpivot(table, mapping);
				for (const row of result.rows) rows.push(row);
				blankCells += result.blankCells;
			});
			this.#candidates = { rows, blankCells };
			await this.#refresh(true);
			this.phase = 'review';
		} catch (error) {
			this.error = error instanceof Error ? error.message : String(error);
			this.phase = 'mapping';
		}
	}

	/** Re-judges after the user answered a question (a unit chosen: new keys, so the loaded values are read again). */
	async #refresh(readExisting: boolean): Promise<void> {
		if (readExisting) {
			const first = this.#validate(NO_VALUES);
			ratioPairs ??= ratioPairsOf(plans);
			this.#checkedAt = dataVersion();
			this.#existing = await currentValues(this.conn, keysToRead(first.imported, ratioPairs));
			this.conflicts = findConflicts(first.imported, this.#existing);
			this.ambiguous = mergeAmbiguous(this.ambiguous, ambiguousNames(first), this.unitChoices);
		}
		this.outcome = this.#validate(this.#existing);
	}

	async chooseUnit(key: string, code: string): Promise<void> {
		if (code === '') delete this.unitChoices[key];
		else this.unitChoices[key] = code;
		await this.#refresh(true);
	}

	async chooseConflict(key: string, choice: 'keep' | 'replace'): Promise<void> {
		this.conflictChoices[key] = choice;
		await this.#refresh(false);
	}

	async chooseAllConflicts(choice: 'keep' | 'replace'): Promise<void> {
		this.conflictDefault = choice;
		this.conflictChoices = {};
		await this.#refresh(false);
	}

	/** Applies the accepted rows (new and updated) and keeps the import; the outcome stays for the reconciliation. */
	async commit(): Promise<void> {
		const checked = this.outcome;
		if (!checked) return;
		this.phase = 'importing';
		this.stale = false;
		try {
			// The data may have changed since the check (another file imported, an import removed): judge again,
			// and if the answer differs, show it instead of importing what the user did not see.
			if (this.#checkedAt !== dataVersion()) await this.#refresh(true);
			const outcome = this.outcome as ImportOutcome;
			if (!sameCounts(checked, outcome)) {
				this.stale = true;
				this.phase = 'review';
				return;
			}
			const rows = [...outcome.imported, ...outcome.updated].map((r) => ({
				orgUnit: r.orgUnit,
				indicator: r.indicator,
				period: r.period,
				value: r.value,
				programme: r.programme
			}));
			this.record = await addImport(this.conn, {
				file: this.name,
				sheets: this.tables.filter((_, i) => this.selected[i]).flatMap((t) => (t.sheet ? [t.sheet] : [])),
				counts: {
					rowsRead: outcome.rowsRead,
					imported: outcome.imported.length,
					updated: outcome.updated.length,
					quarantined: outcome.quarantined.length,
					blankCells: outcome.blankCells
				},
				rows
			});
			this.phase = 'done';
		} catch (error) {
			this.error = error instanceof Error ? error.message : String(error);
			this.phase = 'review';
		}
	}
}

function sameCounts(a: ImportOutcome, b: ImportOutcome): boolean {
	return (
		a.rowsRead === b.rowsRead &&
		a.imported.length === b.imported.length &&
		a.updated.length === b.updated.length &&
		a.quarantined.length === b.quarantined.length
	);
}
